// The audit log's search filter, shared by /beheer/audit (page and form labels, also in the
// browser) and /beheer/audit/export. Pure: no database, so the page component may import it.
import { isCalendarDate } from "./amsterdam-time";
import { plainText, z } from "./dutch-errors";

const optionalText = (max: number) =>
  plainText({ max })
    .optional()
    .transform((v) => (v ? v : undefined));

const DATE_MESSAGE = "Vul een geldige datum in, bijvoorbeeld 31-12-2025.";

/** yyyy-mm-dd (what a date field sends) or dd-mm-jjjj (what people type without one). */
const optionalDate = z
  .string()
  .trim()
  .max(10, DATE_MESSAGE)
  .optional()
  .transform((v) => {
    if (!v) return undefined;
    const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
    return dutch ? `${dutch[3]}-${dutch[2].padStart(2, "0")}-${dutch[1].padStart(2, "0")}` : v;
  })
  .refine((v) => v === undefined || isCalendarDate(v), DATE_MESSAGE);

/** The query string of /beheer/audit and /beheer/audit/export. A period is whole days in Dutch time. */
export const AuditSearchSchema = z
  .object({
    user: optionalText(254),
    patient: optionalText(64),
    action: optionalText(64).refine((v) => v === undefined || /^[a-z0-9_.:-]+$/i.test(v), "Kies een bestaande actie."),
    from: optionalDate,
    to: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "De einddatum ligt vóór de begindatum." });
    }
  });

export type AuditSearch = z.output<typeof AuditSearchSchema>;

/** The filter's field labels, on the page and in the export's error message. */
export const SEARCH_LABELS: Record<keyof AuditSearch, string> = {
  user: "Gebruiker (e-mailadres)",
  patient: "Patiënt (nummer)",
  action: "Actie",
  from: "Van",
  to: "Tot en met",
};

/** GET parameters as FormData, so a loader can use parseForm like every form does. */
export function searchParamsAsFormData(params: URLSearchParams): FormData {
  const formData = new FormData();
  for (const [key, value] of params) formData.append(key, value);
  return formData;
}

/** A one-line description of a search, for the audit event that records it. */
export function describeSearch(search: AuditSearch): string {
  const parts = [
    search.user ? `gebruiker=${JSON.stringify(search.user)}` : null,
    search.patient ? `patiënt=${JSON.stringify(search.patient)}` : null,
    search.action ? `actie=${search.action}` : null,
    search.from ? `van=${search.from}` : null,
    search.to ? `tot en met=${search.to}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "zonder filter";
}

/** The same filter as a query string (dates normalised to yyyy-mm-dd), for the export link. */
export function searchQuery(search: AuditSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
