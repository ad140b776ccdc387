// Allow-list parsing for the arrangements page: the proposal with its repeated component rows
// ("components.0.kind", …) and the status steps. Every message is Dutch and keyed by field name.
import { parseEuros, periodProblem } from "~/domain/arrangement";
import { ComponentSchema, idField, ProposalHeadSchema, type ComponentInput, type ProposalInput } from "~/domain/arrangement-schema";
import { plainText, z } from "~/domain/dutch-errors";
import { ADVISOR_CONCLUSIONS } from "~/domain/advisor-conclusion";
import { FUNDING_SOURCES } from "~/domain/funding";
import type { FieldErrors } from "./forms";

export const CHECK_FIELDS = "Controleer de velden met een foutmelding.";

export const ArrangementIntent = z.enum(["propose", "add_component", "approve", "refuse", "contract", "end", "request_advisor_check", "advisor_conclusion", "arrange_funding"], {
  errorMap: () => ({ message: "Deze handeling is niet mogelijk." }),
});
export type ArrangementIntent = z.output<typeof ArrangementIntent>;

/** Rows offered at first, and the most the form accepts. */
export const MIN_COMPONENT_ROWS = 1;
export const MAX_COMPONENT_ROWS = 20;

const COMPONENT_FIELDS = ["kind", "description", "legalDomain", "fundingInstrument", "providerOrganisationId", "financierOrganisationId"] as const;
const COMPONENT_KEY = new RegExp(`^components\\.(\\d{1,2})\\.(${COMPONENT_FIELDS.join("|")})$`);

/** The row numbers the form posted (some may be empty). */
export function componentIndexes(formData: FormData): number[] {
  const indexes = new Set<number>();
  for (const key of formData.keys()) {
    const m = COMPONENT_KEY.exec(key);
    if (m && Number(m[1]) < MAX_COMPONENT_ROWS) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

/** How many rows the form shows: as many as were posted (hidden counter or fields), at least one. */
export function postedRowCount(formData: FormData): number {
  const counter = String(formData.get("componentRows") ?? "");
  const fromCounter = /^\d{1,2}$/.test(counter) ? Number(counter) : 0;
  const fromFields = Math.max(0, ...componentIndexes(formData).map((i) => i + 1));
  return Math.min(MAX_COMPONENT_ROWS, Math.max(MIN_COMPONENT_ROWS, fromCounter, fromFields));
}

/**
 * The proposal form: the head fields, then each filled component row (blank rows are skipped, a
 * partly filled row gets errors on the fields it lacks). Errors are keyed like the inputs.
 */
export function parseProposal(formData: FormData): { ok: true; data: ProposalInput } | { ok: false; fieldErrors: FieldErrors; formError?: string } {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);

  const head = ProposalHeadSchema.safeParse({
    description: formData.get("description") ?? undefined,
    periodStart: formData.get("periodStart") ?? undefined,
    periodEnd: formData.get("periodEnd") ?? undefined,
    costEstimate: formData.get("costEstimate") ?? undefined,
    providerIds: formData.getAll("providerIds").filter((v): v is string => typeof v === "string" && v !== ""),
    financierIds: formData.getAll("financierIds").filter((v): v is string => typeof v === "string" && v !== ""),
  });
  if (!head.success) for (const issue of head.error.issues) add(String(issue.path[0]), issue.message);
  const euros = parseEuros(String(formData.get("costEstimate") ?? ""));
  if (!euros.ok) add("costEstimate", euros.error);
  if (head.success && !errors.periodEnd) {
    const problem = periodProblem(head.data.periodStart, head.data.periodEnd);
    if (problem) add("periodEnd", problem);
  }

  const components: ComponentInput[] = [];
  let filledRows = 0;
  for (const i of componentIndexes(formData)) {
    const raw = Object.fromEntries(COMPONENT_FIELDS.map((f) => [f, String(formData.get(`components.${i}.${f}`) ?? "").trim()]));
    if (COMPONENT_FIELDS.every((f) => !raw[f])) continue;
    filledRows++;
    const parsed = ComponentSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(`components.${i}.${String(issue.path[0])}`, issue.message);
      continue;
    }
    components.push(parsed.data);
  }
  let formError: string | undefined;
  if (filledRows === 0) {
    formError = "Voeg minstens één onderdeel toe.";
    add("components.0.kind", "Vul minstens één onderdeel in.");
  }
  if (Object.keys(errors).length || !head.success || !euros.ok) return { ok: false, fieldErrors: errors, formError: formError ?? CHECK_FIELDS };
  return { ok: true, data: { ...head.data, costEstimate: euros.value, components } };
}

/**
 * The component rows as they were parsed, by row number in the form, so an organisation problem
 * in the n-th accepted component can be shown on the right row.
 */
export function filledComponentIndexes(formData: FormData): number[] {
  return componentIndexes(formData).filter((i) => COMPONENT_FIELDS.some((f) => String(formData.get(`components.${i}.${f}`) ?? "").trim()));
}

export const ArrangementIdSchema = z.object({ arrangementId: idField("Dit arrangement bestaat niet (meer).") });

/** Funding: one or more sources (checkboxes), and the zorgkantoor on a Wlz path. */
export const FundingSchema = z.object({
  sources: z.array(z.enum(FUNDING_SOURCES, { errorMap: () => ({ message: "Kies uit de lijst hoe de zorg wordt gefinancierd." }) })).max(FUNDING_SOURCES.length),
  careOfficeId: z.union([z.literal("").transform(() => null), idField("Kies een zorgkantoor uit de lijst.")]).optional(),
});

export const RefuseSchema = z.object({
  arrangementId: idField("Dit arrangement bestaat niet (meer)."),
  refusalReason: plainText({ multiline: true, required: "Geef de reden van de afwijzing.", max: 2000 }),
});

export const ConclusionSchema = z.object({
  conclusion: z.enum(ADVISOR_CONCLUSIONS, { errorMap: () => ({ message: "Kies uw conclusie." }) }),
  motivation: plainText({ multiline: true, required: "Motiveer uw conclusie.", max: 4000 }),
});
