// What a referral must contain, as one zod schema shared by the form, the API and the
// OpenAPI document. Messages are Dutch: they reach the referrer as field errors.
import { amsterdamToday, isCalendarDate } from "./amsterdam-time";
import { plainText, z } from "./dutch-errors";
import { isValidBsn, normaliseBsn } from "./bsn";
import { consentGiverProblems } from "./consent";
import {
  CONSENT_METHODS,
  CRITERION_NUMBERS,
  LEGAL_FRAMEWORKS,
  WLZ_INDICATIONS,
  ORGANISATION_TYPES,
  PROVINCES,
  REFERRAL_SOURCES,
  REPRESENTATIVE_KINDS,
  URGENCIES,
} from "./vocabulary";

/** Required free text: one line (a name), or several (`multiline`, what a textarea holds). */
const line = (max: number) => plainText({ required: true, max });
const text = (max: number) => plainText({ required: true, max, multiline: true });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Vul een datum in als JJJJ-MM-DD.").refine(isCalendarDate, "Vul een bestaande datum in.");
// Today as the referrer sees it (Amsterdam): just after midnight there, UTC still says yesterday.
const pastDate = isoDate.refine((s) => s <= amsterdamToday(), "De datum mag niet in de toekomst liggen.");

export const PatientSchema = z.object({
  name: line(200),
  bsn: z
    .string()
    .trim()
    .min(1)
    .transform(normaliseBsn)
    .refine(isValidBsn, "Dit is geen geldig burgerservicenummer (de elfproef klopt niet)."),
  dateOfBirth: pastDate,
  address: plainText({ max: 300 }).optional().nullable(),
  /** A municipality of the CBS list in force, or a place name that resolves to one (checked against the list on receipt). */
  municipality: line(100),
  /** Ignored: the province follows from the municipality. Accepted for older clients. */
  province: z.enum(PROVINCES, { errorMap: () => ({ message: "Kies een provincie." }) }).optional().nullable(),
  insurer: line(100),
});

export const PriorAttemptSchema = z.object({
  who: line(200),
  what: text(2000),
  when: line(100),
  whyFailed: text(2000),
});

export const ConsentSchema = z
  .object({
    givenBy: z.enum(["patient", "representative"], { errorMap: () => ({ message: "Geef aan wie de toestemming gaf." }) }),
    representativeKind: z.enum(REPRESENTATIVE_KINDS).optional().nullable(),
    representativeName: plainText({ max: 200 }).optional().nullable(),
    patientIncompetent: z.boolean().default(false),
    higherRanksUnavailable: z.boolean().default(false),
    method: z.enum(CONSENT_METHODS, { errorMap: () => ({ message: "Geef aan hoe de toestemming is gegeven." }) }),
    givenOn: pastDate,
    scopeOrganisationTypes: z.array(z.enum(ORGANISATION_TYPES)).max(ORGANISATION_TYPES.length).default([]),
    scopeOrganisationIds: z.array(z.number().int().positive()).max(200).default([]),
    excludedPersons: z
      .array(z.object({ name: line(200), email: plainText({ max: 254 }).email().optional().nullable() }))
      .max(50)
      .default([]),
  })
  .superRefine((consent, ctx) => {
    if (consent.givenBy === "patient") return;
    if (!consent.representativeKind) {
      ctx.addIssue({ code: "custom", path: ["representativeKind"], message: "Kies welke vertegenwoordiger de toestemming gaf." });
      return;
    }
    for (const message of consentGiverProblems({
      givenBy: "representative",
      representativeKind: consent.representativeKind,
      representativeName: consent.representativeName ?? "",
      patientIncompetent: consent.patientIncompetent,
      higherRanksUnavailable: consent.higherRanksUnavailable,
    })) {
      const path = message.includes("wilsonbekwaam") ? "patientIncompetent" : message.includes("naam") ? "representativeName" : "higherRanksUnavailable";
      ctx.addIssue({ code: "custom", path: [path], message });
    }
  });

export const NO_CONSENT_MESSAGE =
  "Zonder toestemming van de patiënt (of, bij wilsonbekwaamheid, diens vertegenwoordiger) mag de regiotafel niet met andere organisaties overleggen. Leg eerst de toestemming vast; daarna kan de verwijzing worden ingediend.";

/** What the table needs to decide, beyond the care question (minimum data set, MDT standards). */
const MinimumDataSetShape = {
  mainDiagnoses: text(2000),
  legalFramework: z.enum(LEGAL_FRAMEWORKS, { errorMap: () => ({ message: "Kies het wettelijk kader (Wvggz, Wzd of geen)." }) }),
  legalFrameworkEndDate: isoDate.optional().nullable(),
  livingSituation: text(2000),
  generalPractitioner: plainText({ max: 300 }).optional().nullable(),
  wlzIndication: z.enum(WLZ_INDICATIONS, { errorMap: () => ({ message: "Geef aan of er een Wlz-indicatie is (ja, aangevraagd of nee)." }) }),
  referrerCriteria: z
    .array(z.number().int().refine((n) => (CRITERION_NUMBERS as readonly number[]).includes(n), "Kies criteria 1 tot en met 7."))
    .max(7)
    .default([])
    .transform((list) => [...new Set(list)].sort()),
};

export const ReferralSchema = z.object({
  source: z.enum(REFERRAL_SOURCES, { errorMap: () => ({ message: "Kies wie de patiënt aanmeldt." }) }),
  viaVwsUnit: z.boolean().default(false),
  patient: PatientSchema,
  currentProviders: text(2000),
  treatmentHistory: text(5000),
  careQuestion: text(3000),
  problemDescription: text(5000),
  priorAttempts: z
    .array(PriorAttemptSchema)
    .min(1, "Beschrijf minstens één eerdere plaatsingspoging: de regiotafel neemt alleen casussen die niet plaatsbaar bleken.")
    .max(20),
  urgency: z.enum(URGENCIES, { errorMap: () => ({ message: "Kies de urgentie." }) }),
  ...MinimumDataSetShape,
  contact: z.object({ name: line(200), phone: line(40), email: plainText({ max: 254 }).email() }),
  tableOverride: z
    .object({ table: line(50), reason: text(1000) })
    .optional()
    .nullable(),
  consent: ConsentSchema.optional().nullable(),
});

export type ReferralInput = z.output<typeof ReferralSchema>;
export type ReferralPayload = z.input<typeof ReferralSchema>;
