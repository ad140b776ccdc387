// Allow-list schemas for the case page's actions: one per intent, so a posted tableId, status or
// any other field is never read. Messages are Dutch; they appear next to the field.
import { plainText, z } from "~/domain/dutch-errors";
import { CRITERION_NUMBERS, VERDICTS, type Verdict } from "~/domain/vocabulary";
import type { VerdictInput } from "~/models/cases.server";

export const CASE_INTENTS = ["start_screening", "save_screening", "include", "not_include", "redirect", "request_information", "advisor_assessment"] as const;
export type CaseIntent = (typeof CASE_INTENTS)[number];

/** Intents only the chair of the case's table may use. */
export const CHAIR_INTENTS: readonly CaseIntent[] = ["start_screening", "save_screening", "include", "not_include", "redirect", "request_information"];

export const IntentSchema = z.enum(CASE_INTENTS, { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

export const verdictField = (n: number) => `verdict_${n}`;
export const motivationField = (n: number) => `motivation_${n}`;

const criteriaShape: Record<string, z.ZodTypeAny> = {};
for (const n of CRITERION_NUMBERS) {
  const verdictMessage = `Kies een oordeel bij criterium ${n}.`;
  const motivationMessage = `Geef een motivering bij criterium ${n}.`;
  criteriaShape[verdictField(n)] = z.enum(VERDICTS, { errorMap: () => ({ message: verdictMessage }) });
  criteriaShape[motivationField(n)] = plainText({ multiline: true, required: motivationMessage, max: 5000, tooLong: `Gebruik bij criterium ${n} hoogstens 5000 tekens.` });
}

/** The seven criteria, each with a verdict and a written motivation. */
export const CriteriaSchema = z.object(criteriaShape).transform((data): VerdictInput[] =>
  CRITERION_NUMBERS.map((n) => ({
    criterion: n,
    verdict: data[verdictField(n)] as Verdict,
    motivation: data[motivationField(n)] as string,
  })),
);

const partialShape: Record<string, z.ZodTypeAny> = {};
for (const n of CRITERION_NUMBERS) {
  partialShape[verdictField(n)] = z.enum(VERDICTS, { errorMap: () => ({ message: `Kies een oordeel bij criterium ${n}.` }) }).optional();
  partialShape[motivationField(n)] = plainText({ multiline: true, max: 5000, tooLong: `Gebruik bij criterium ${n} hoogstens 5000 tekens.` }).optional();
}

/**
 * The chair's screening saved in part: the criteria judged so far (a motivation may follow
 * later). A motivation without a verdict is refused, so nothing typed is silently dropped.
 */
export const PartialCriteriaSchema = z
  .object(partialShape)
  .superRefine((data, ctx) => {
    let judged = 0;
    for (const n of CRITERION_NUMBERS) {
      if (data[verdictField(n)]) judged++;
      else if (String(data[motivationField(n)] ?? "").trim()) ctx.addIssue({ code: "custom", path: [verdictField(n)], message: `Kies een oordeel bij criterium ${n}, of maak de motivering leeg.` });
    }
    if (judged === 0) ctx.addIssue({ code: "custom", path: [verdictField(1)], message: "Beoordeel minstens één criterium om de screening op te slaan." });
  })
  .transform((data): VerdictInput[] =>
    CRITERION_NUMBERS.filter((n) => data[verdictField(n)]).map((n) => ({
      criterion: n,
      verdict: data[verdictField(n)] as Verdict,
      motivation: String(data[motivationField(n)] ?? "").trim(),
    })),
  );

const reason = (message: string) => plainText({ multiline: true, required: message, max: 2000, tooLong: "Gebruik hoogstens 2000 tekens." });

export const NotIncludeSchema = z.object({
  reason: reason("Geef de reden waarom de casus niet wordt geïncludeerd. De verwijzer krijgt deze reden te zien."),
});

export const InformationRequestSchema = z.object({
  question: reason("Schrijf de vraag aan de verwijzer: welke informatie heeft de regiotafel nodig?"),
});

export const RedirectSchema = z.object({
  targetTableId: z
    .string({ required_error: "Kies de regiotafel waarnaar u doorverwijst.", invalid_type_error: "Kies de regiotafel waarnaar u doorverwijst." })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, "Kies de regiotafel waarnaar u doorverwijst.")
    .transform(Number),
  reason: reason("Geef de reden van de doorverwijzing."),
});
