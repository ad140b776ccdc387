// Allow-list schemas for the shortfalls register and the lessons learned: only these fields are
// read (a posted tableId or createdBy is ignored), messages are Dutch and sit next to the field.
import { calendarDate, plainText, z } from "~/domain/dutch-errors";
import { SHORTFALL_RESPONSE_KINDS } from "~/domain/shortfall-publication";
import { BOTTLENECK_CATEGORIES, CARE_FUNCTIONS, SHORTFALL_KINDS, SHORTFALL_STATUSES } from "~/domain/vocabulary";
import type { ShortfallInput } from "~/models/shortfalls.server";

export const JUSTIFICATION_MIN = 50;
export const JUSTIFICATION_MAX = 5000;

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { errorMap: () => ({ message }) });

/** An optional whole number from a text field: "" is "not filled in". */
const optionalWhole = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .string({ invalid_type_error: `Vul bij ${label} een heel getal in.` })
      .regex(/^\d{1,6}$/, `Vul bij ${label} een heel getal in (0 of meer).`)
      .transform(Number)
      .refine((n) => n <= max, `${label[0].toUpperCase()}${label.slice(1)} mag hoogstens ${max} zijn.`)
      .optional(),
  );

export const ShortfallSchema = z
  .object({
    careFunction: choice(CARE_FUNCTIONS, "Kies de functie die ontbrak."),
    functionOther: plainText({ max: 200, tooLong: "Gebruik hoogstens 200 tekens." }).optional(),
    kind: choice(SHORTFALL_KINDS, "Kies de soort tekort."),
    bottleneck: choice(BOTTLENECK_CATEGORIES, "Kies de categorie van het knelpunt."),
    waitingWeeks: optionalWhole("de wachttijd", 520),
    peopleWaiting: optionalWhole("het aantal mensen", 100000),
    justification: plainText({ multiline: true, required: "Geef een onderbouwing voor de zorgverzekeraars.", max: JUSTIFICATION_MAX, tooLong: `Gebruik hoogstens ${JUSTIFICATION_MAX} tekens.` })
      .min(JUSTIFICATION_MIN, `Geef een gedegen onderbouwing van minstens ${JUSTIFICATION_MIN} tekens: wat ontbreekt, voor wie, sinds wanneer en wat het kost.`),
    status: choice(SHORTFALL_STATUSES, "Kies een status."),
    caseIds: z.array(z.string().regex(/^[1-9]\d{0,9}$/, "Kies casussen uit de lijst.")).max(200, "Kies hoogstens 200 casussen.").default([]),
  })
  .superRefine((data, ctx) => {
    if (data.careFunction === "other" && !data.functionOther) {
      ctx.addIssue({ code: "custom", path: ["functionOther"], message: "Beschrijf de functie die ontbrak als u 'Anders' kiest." });
    }
    if (data.kind === "blocked_outflow" && (data.peopleWaiting === undefined || data.peopleWaiting < 1)) {
      ctx.addIssue({
        code: "custom",
        path: ["peopleWaiting"],
        message: "Vul bij uitstroom die stokt in hoeveel mensen zonder medische noodzaak opgenomen zijn en wachten op een Wmo-plek (minstens 1).",
      });
    }
  })
  .transform(
    (data): ShortfallInput => ({
      careFunction: data.careFunction,
      functionOther: data.careFunction === "other" ? (data.functionOther ?? null) : null,
      kind: data.kind,
      bottleneck: data.bottleneck,
      waitingWeeks: data.waitingWeeks ?? null,
      peopleWaiting: data.kind === "blocked_outflow" ? (data.peopleWaiting ?? null) : null,
      justification: data.justification,
      status: data.status,
      caseIds: [...new Set(data.caseIds.map(Number))],
    }),
  );

export const LessonSchema = z.object({
  text: plainText({ multiline: true, required: "Beschrijf de les.", max: 3000, tooLong: "Gebruik hoogstens 3000 tekens." }).min(
    20,
    "Beschrijf de les in minstens 20 tekens, zodat andere regio's er iets aan hebben.",
  ),
  bottleneck: choice(BOTTLENECK_CATEGORIES, "Kies de categorie van het knelpunt."),
});

export const ShortfallIntentSchema = z.enum(["create", "update", "publish"], { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });
export const IdSchema = z.string().regex(/^[1-9]\d{0,9}$/).transform(Number);

/** An insurer's response to a published shortfall. */
export const ShortfallResponseSchema = z.object({
  shortfallId: IdSchema,
  kind: choice(SHORTFALL_RESPONSE_KINDS, "Kies het soort reactie."),
  text: plainText({ multiline: true, required: "Beschrijf uw reactie.", max: 4000, tooLong: "Gebruik hoogstens 4000 tekens." }),
  responseDate: calendarDate("Vul de datum van de reactie in."),
  contact: plainText({ required: "Vul een contactpersoon in.", max: 200, tooLong: "Gebruik hoogstens 200 tekens." }),
});
