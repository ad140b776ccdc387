// The intake API's OpenAPI 3.1 document, generated from the same zod schemas the API validates
// with (ReferralSchema) and answers with (api-contract.ts): change a schema and the document follows.
import type { ZodTypeAny } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { NO_CONSENT_MESSAGE, ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import { ApiErrorSchema, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, MAX_BODY_BYTES, MAX_JSON_DEPTH, ReferralReceiptSchema, ReferralStatusSchema } from "~/domain/api-contract";

type JsonSchema = Record<string, unknown>;

/**
 * zod-to-json-schema's "openApi3" target writes OpenAPI 3.0 idioms; OpenAPI 3.1 uses JSON Schema
 * 2020-12 instead: `nullable: true` becomes a "null" type, boolean exclusiveMinimum/-Maximum become numbers.
 */
export function toOpenApi31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = toOpenApi31(value);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  } else if (out.nullable === false) delete out.nullable;
  for (const [exclusive, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  return out;
}

export function jsonSchemaOf(schema: ZodTypeAny): JsonSchema {
  const generated = zodToJsonSchema(schema, { target: "openApi3", $refStrategy: "none" }) as JsonSchema;
  delete generated.$schema;
  return toOpenApi31(generated) as JsonSchema;
}

/**
 * A complete referral the server accepts as it is (a test posts it): every field of the minimum
 * data set, a place name that resolves to its municipality, and consent. The BSN is a test number.
 * `patient.insurer` must be the sending insurer itself (a zorgbemiddeling refers only its own insured).
 */
export const REFERRAL_EXAMPLE: ReferralPayload = {
  source: "insurer_mediation",
  viaVwsUnit: false,
  patient: { name: "Voorbeeld Patiënt", bsn: "999999990", dateOfBirth: "1984-03-12", address: "Voorbeeldstraat 1, 3201 AA", municipality: "Spijkenisse", insurer: "VGZ" },
  currentProviders: "FACT-team, huisarts en beschermd-wonenbegeleiding",
  treatmentHistory: "Drie klinische opnames sinds 2019; ambulante behandeling en twee crisisopnames.",
  careQuestion: "Welke intensieve behandeling met woonvoorziening kan binnen vier weken starten?",
  problemDescription: "Psychotische stoornis en verslaving, schulden en dreigende dakloosheid.",
  priorAttempts: [{ who: "Zorgbemiddeling", what: "Aanmelding bij drie klinieken", when: "voorjaar 2026", whyFailed: "Geen plek voor de combinatie van problemen." }],
  urgency: "high",
  mainDiagnoses: "Schizofrenie (F20.0); stoornis in het gebruik van cannabis (F12.20).",
  legalFramework: "wvggz",
  legalFrameworkEndDate: "2027-06-30",
  livingSituation: "Woont bij zijn moeder; de woning is niet houdbaar.",
  generalPractitioner: "Huisartsenpraktijk Centrum, Spijkenisse",
  wlzIndication: "no",
  referrerCriteria: [1, 3, 4, 5],
  contact: { name: "Zorgbemiddelaar Voorbeeld", phone: "088 123 45 67", email: "zorgbemiddeling@voorbeeld.nl" },
  consent: { givenBy: "patient", method: "written", givenOn: "2026-10-01", scopeOrganisationTypes: ["ggz_provider", "addiction_care", "insurer"] },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: unknown, example?: unknown) => ({ "application/json": { schema, ...(example ? { example } : {}) } });
const errorResponse = (description: string, example: { error: string; message: string; fields?: Record<string, string[]> }, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: jsonContent(ref("Error"), example),
});

const unauthorized = errorResponse(
  "Geen, een onbekend of een ingetrokken API-token.",
  { error: "unauthorized", message: "Geen geldig API-token." },
  { "WWW-Authenticate": { description: "Altijd `Bearer`.", schema: { type: "string" } } },
);

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Regiotafel intake-API",
      version: "1.0.0",
      description:
        "Verwijzingen naar de regionale casuïstiektafels hoogcomplexe ggz, rechtstreeks vanuit het systeem van een zorgverzekeraar of zorgaanbieder. " +
        "Een beheerder van het portaal geeft per organisatie een API-token uit (eenmalig zichtbaar). " +
        "Alle antwoorden zijn JSON; foutmeldingen zijn in het Nederlands.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: "Verwijzingen" }],
    paths: {
      "/api/v1/referrals": {
        post: {
          tags: ["Verwijzingen"],
          operationId: "createReferral",
          summary: "Een verwijzing indienen",
          description:
            "Maakt een verwijzing aan en routeert die naar een regiotafel op grond van de woonplaats: een gemeente uit de CBS-indeling in gebruik of een plaatsnaam daarbinnen (de provincie volgt daaruit; een onbekende naam wordt geweigerd met suggesties). Het antwoord noemt de regel die de routering besliste. " +
            "Een zorgverzekeraar meldt alleen eigen verzekerden aan (`patient.insurer` is de eigen zorgverzekeraar; anders 422). Zonder vastgelegde toestemming wordt niets aangemaakt. " +
            "Eén patiënt per BSN: een bekend BSN wordt aan de bestaande patiënt gekoppeld. " +
            `Een herhaald verzoek met dezelfde ${IDEMPOTENCY_KEY_HEADER} en dezelfde inhoud geeft de eerder gemaakte verwijzing terug (200), nooit een tweede. ` +
            `Het verzoek mag hoogstens ${MAX_BODY_BYTES} bytes zijn, met objecten en lijsten hoogstens ${MAX_JSON_DEPTH} niveaus diep in elkaar.`,
          parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }],
          requestBody: { required: true, content: jsonContent(ref("Referral"), REFERRAL_EXAMPLE) },
          responses: {
            "201": {
              description: "De verwijzing is aangemaakt.",
              headers: { Location: { description: "Waar de status van de verwijzing te vinden is.", schema: { type: "string" } } },
              content: jsonContent(ref("ReferralReceipt")),
            },
            "200": {
              description: `Herhaald verzoek (zelfde ${IDEMPOTENCY_KEY_HEADER}, zelfde inhoud): de eerder aangemaakte verwijzing.`,
              headers: { "Idempotent-Replayed": { description: "Altijd `true`.", schema: { type: "string" } } },
              content: jsonContent(ref("ReferralReceipt")),
            },
            "400": errorResponse(`Geen geldige JSON (of dieper genest dan ${MAX_JSON_DEPTH} niveaus), of de ${IDEMPOTENCY_KEY_HEADER}-header ontbreekt of is ongeldig.`, { error: "idempotency_key_missing", message: "Stuur een ‘Idempotency-Key’-header mee." }),
            "401": unauthorized,
            "405": errorResponse("Alleen POST is hier mogelijk.", { error: "method_not_allowed", message: "Deze methode is hier niet mogelijk. Toegestaan: POST." }),
            "413": errorResponse(`Het verzoek is groter dan ${MAX_BODY_BYTES} bytes.`, { error: "payload_too_large", message: "Het verzoek is te groot." }),
            "415": errorResponse("De Content-Type is niet application/json.", { error: "unsupported_media_type", message: "Stuur de verwijzing als JSON." }),
            "422": errorResponse(
              `De verwijzing klopt niet (\`validation_failed\`, met foutmeldingen per veld in \`fields\`; zonder toestemming staat de melding onder \`fields.consent\`), of de ${IDEMPOTENCY_KEY_HEADER} is al gebruikt voor een andere inhoud (\`idempotency_key_reused\`).`,
              { error: "validation_failed", message: NO_CONSENT_MESSAGE, fields: { consent: [NO_CONSENT_MESSAGE], "patient.bsn": ["Dit is geen geldig burgerservicenummer (de elfproef klopt niet)."] } },
            ),
          },
        },
      },
      "/api/v1/referrals/{id}": {
        get: {
          tags: ["Verwijzingen"],
          operationId: "getReferralStatus",
          summary: "De status van een eigen verwijzing",
          description: "Alleen verwijzingen die de eigen organisatie heeft ingediend. Geeft geen identiteit van de patiënt en geen inhoud van de bespreking.",
          parameters: [{ name: "id", in: "path", required: true, description: "Het id uit het antwoord op de POST.", schema: { type: "integer", minimum: 1 } }],
          responses: {
            "200": { description: "De status en de stappen van de verwijzing.", content: jsonContent(ref("ReferralStatus")) },
            "401": unauthorized,
            "404": errorResponse("Onbekend id, of een verwijzing van een andere organisatie.", { error: "not_found", message: "Deze verwijzing bestaat niet of is niet door uw organisatie ingediend." }),
            "405": errorResponse("Alleen GET is hier mogelijk.", { error: "method_not_allowed", message: "Deze methode is hier niet mogelijk. Toegestaan: GET." }),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "Dit document",
          security: [],
          responses: {
            "200": { description: "Het OpenAPI-document van de intake-API.", content: { "application/json": { schema: { type: "object" } } } },
            "405": errorResponse("Alleen GET is hier mogelijk.", { error: "method_not_allowed", message: "Deze methode is hier niet mogelijk. Toegestaan: GET." }),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "rt_<43 tekens base64url>",
          description: "Het API-token van de organisatie, als ‘Authorization: Bearer rt_…’.",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: "header",
          required: true,
          description: "Unieke sleutel per verwijzing (bijvoorbeeld een UUID). Herhaal bij een nieuwe poging dezelfde sleutel met dezelfde inhoud.",
          schema: { type: "string", minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY_PATTERN.source },
        },
      },
      schemas: {
        Referral: jsonSchemaOf(ReferralSchema),
        ReferralReceipt: jsonSchemaOf(ReferralReceiptSchema),
        ReferralStatus: jsonSchemaOf(ReferralStatusSchema),
        Error: jsonSchemaOf(ApiErrorSchema),
      },
    },
  };
}

/** Built once: the schemas do not change while the server runs. */
export const OPENAPI_TEXT = JSON.stringify(buildOpenApiDocument(), null, 2);
export const OPENAPI_HEADERS = { "Content-Type": "application/json; charset=utf-8" };
