// The consent page's form: field names, how many rows of excluded persons it shows, and turning
// a post into the shared ConsentSchema's input (the same rules as at referral time).
import { ConsentSchema } from "~/domain/referral-schema";
import type { z } from "~/domain/dutch-errors";
import { fieldErrorsOf, formValues, nestFormData, type FormFailure } from "./forms";

export const CONSENT_INTENTS = ["change", "withdraw"] as const;
export type ConsentIntent = (typeof CONSENT_INTENTS)[number];
/** The chair's consent override: granted or ended on the same page. */
export const OVERRIDE_INTENTS = ["override_grant", "override_end"] as const;
export type OverrideIntent = (typeof OVERRIDE_INTENTS)[number];
export const isOverrideIntent = (value: unknown): value is OverrideIntent => (OVERRIDE_INTENTS as readonly unknown[]).includes(value);

/** Empty rows for people who must not be involved, after the ones already listed. */
export const EXTRA_EXCLUDED_ROWS = 2;
export const MAX_EXCLUDED_ROWS = 50;

export const excludedField = (i: number, part: "name" | "email") => `excludedPersons.${i}.${part}`;

export type ConsentFormResult = { ok: true; data: z.output<typeof ConsentSchema> } | FormFailure;

/** Reads only the consent fields (anything else posted is ignored) and validates them. */
export function parseConsentForm(formData: FormData): ConsentFormResult {
  const allowed = new FormData();
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    const rowField = /^excludedPersons\.(\d{1,2})\.(name|email)$/.exec(key);
    if (rowField && Number(rowField[1]) >= MAX_EXCLUDED_ROWS) continue;
    if (
      rowField ||
      /^(givenBy|representativeKind|representativeName|patientIncompetent|higherRanksUnavailable|method|givenOn|scopeOrganisationTypes|scopeOrganisationIds)$/.test(key)
    ) {
      allowed.append(key, value);
    }
  }
  const nested = nestFormData(allowed, {
    arrays: ["scopeOrganisationTypes"],
    numberArrays: ["scopeOrganisationIds"],
    booleans: ["patientIncompetent", "higherRanksUnavailable"],
  }) as Record<string, unknown>;
  // Rows left empty are not people; keep the original index so errors land next to the right field.
  const rows = Array.isArray(nested.excludedPersons) ? (nested.excludedPersons as ({ name?: string; email?: string } | undefined)[]) : [];
  const filled = rows
    .map((row, index) => ({ index, name: row?.name?.trim() ?? "", email: row?.email?.trim() ?? "" }))
    .filter((row) => row.name || row.email);
  nested.excludedPersons = filled.map((row) => ({ name: row.name, email: row.email || null }));
  if (!nested.representativeKind) nested.representativeKind = null;
  if (!nested.representativeName) nested.representativeName = null;
  // The representative block is only for a representative's consent: with the patient's own
  // consent whatever was left in it is not stored (the page hides it then, too).
  if (nested.givenBy === "patient") Object.assign(nested, { representativeKind: null, representativeName: null, patientIncompetent: false, higherRanksUnavailable: false });

  const parsed = ConsentSchema.safeParse(nested);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = fieldErrorsOf(parsed.error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const row = /^excludedPersons\.(\d+)\.(\w+)$/.exec(key);
    const target = row
      ? excludedField(filled[Number(row[1])]?.index ?? Number(row[1]), row[2] as "name" | "email")
      : key.replace(/^(scopeOrganisationTypes|scopeOrganisationIds)\.\d+$/, "$1");
    if (messages) fieldErrors[target] = [...(fieldErrors[target] ?? []), ...messages];
  }
  return { ok: false, fieldErrors, formError: "Controleer de velden met een foutmelding.", values: formValues(formData) };
}
