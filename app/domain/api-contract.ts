// The intake API's contract besides the referral itself: limits, headers and the shapes of its
// answers. The routes build their answers with these types and the OpenAPI document is generated
// from these schemas, so the document and the answers cannot drift apart.
import { CASE_EVENTS, CASE_STATES } from "~/domain/case-lifecycle";
import { z } from "~/domain/dutch-errors";

/** Largest request body the API reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deepest nesting of objects and arrays in a request body (a referral needs 3). */
export const MAX_JSON_DEPTH = 64;

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** 1–200 characters: letters, digits and _ - : . (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,200}$/;

export const API_ERROR_CODES = [
  "unauthorized",
  "method_not_allowed",
  "unsupported_media_type",
  "payload_too_large",
  "invalid_json",
  "idempotency_key_missing",
  "idempotency_key_invalid",
  "idempotency_key_reused",
  "validation_failed",
  "not_found",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorSchema = z
  .object({
    error: z.enum(API_ERROR_CODES).describe("Vaste code van de fout, voor systemen."),
    message: z.string().describe("Uitleg in het Nederlands, voor mensen."),
    fields: z
      .record(z.array(z.string()))
      .optional()
      .describe("Bij validation_failed: foutmeldingen per veld, met het pad in punten, bijvoorbeeld \"patient.bsn\" of \"priorAttempts.0.who\"."),
  })
  .strict();

const RoutingSchema = z
  .object({
    municipality: z.string().describe("De gemeente volgens de CBS-indeling in gebruik (ook als een plaatsnaam binnen die gemeente is opgegeven)."),
    municipalityCode: z.string().nullable().describe("CBS-gemeentecode, bijvoorbeeld GM0599."),
    province: z.string().describe("De provincie, afgeleid uit de gemeente."),
    proposedTable: z.object({ number: z.number().int(), name: z.string() }).strict().nullable().describe("De regiotafel die de routering voorstelt."),
    rule: z.string().nullable().describe("De regel die de routering besliste, bijvoorbeeld \"Uitzondering Rotterdam-Rijnmond (gemeente Schiedam, Zuid-Holland)\" of \"Provincie Limburg\"."),
    override: z.string().nullable().describe("De reden als de verwijzer een andere regiotafel koos dan het voorstel."),
  })
  .strict();

const TableRefSchema = z.object({ number: z.number().int(), name: z.string() }).strict().describe("De regiotafel waar de verwijzing nu ligt.");

/** The answer to POST /api/v1/referrals (201 on creation, 200 on a repeat with the same Idempotency-Key). */
export const ReferralReceiptSchema = z
  .object({
    id: z.number().int().describe("Id van de verwijzing, voor GET /api/v1/referrals/{id}."),
    code: z.string().regex(/^RT\d+-\d{4}-\d{3,}$/).describe("Casuscode zonder identiteit, bijvoorbeeld RT2-2026-014."),
    status: z.enum(CASE_STATES),
    table: TableRefSchema,
    receivedAt: z.string().datetime().describe("Moment van ontvangst (UTC, ISO 8601)."),
    routing: RoutingSchema,
  })
  .strict();

/** The answer to GET /api/v1/referrals/{id}: where the referral is, never who the patient is. */
export const ReferralStatusSchema = z
  .object({
    id: z.number().int(),
    code: z.string().regex(/^RT\d+-\d{4}-\d{3,}$/),
    status: z.enum(CASE_STATES),
    statusLabel: z.string().describe("De status in het Nederlands."),
    table: TableRefSchema,
    receivedAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
    previousCodes: z.array(z.string()).describe("Codes die de verwijzing eerder had (vóór een doorverwijzing); ze blijven naar deze verwijzing verwijzen."),
    informationRequest: z
      .object({ question: z.string(), askedAt: z.string().datetime() })
      .strict()
      .nullable()
      .describe("Een open vraag van de regiotafel (‘meer informatie nodig’); beantwoord die in het portaal."),
    history: z
      .array(
        z
          .object({
            event: z.enum(CASE_EVENTS),
            label: z.string().describe("De gebeurtenis in het Nederlands."),
            at: z.string().datetime(),
            reason: z.string().nullable().describe("De reden van het besluit (niet includeren, doorverwijzen, vraag om informatie, afsluiten)."),
            fromTable: TableRefSchema.nullable(),
            toTable: TableRefSchema.nullable(),
          })
          .strict(),
      )
      .describe("De stappen van de verwijzing, oudste eerst, met de redenen van besluiten."),
  })
  .strict();

export type ReferralReceipt = z.infer<typeof ReferralReceiptSchema>;
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;
