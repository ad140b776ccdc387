// What people read must be Dutch: no ISO dates (2026-12-01, 2026-12-01T13:02:00Z) and no raw
// action codes (plan.view). Used on rendered pages, CSVs and mails.
import { AUDIT_ACTION_LABELS } from "~/domain/audit-actions";

const ISO_DATE = /\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ][\d:.]+Z?)?\b/g;
const AREAS = new Set(Object.keys(AUDIT_ACTION_LABELS).map((code) => code.split(".")[0]));
// area.verb, not part of an e-mail address or host name.
const CODE = /(?<![\w.@-])([a-z]+(?:_[a-z]+)*)\.([a-z]+(?:_[a-z]+)*)(?:\.[a-z_]+)?(?![\w@-]|\.\w)/g;
const BARE_CODES = ["login", "logout"];

/** Columns that hold the record as the machine keeps it (hash input), labelled as such in the header. */
export const TECHNICAL_COLUMNS = new Set(["Tijdstip (UTC)", "Actiecode", "Hash"]);

function textProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(ISO_DATE)) problems.push(`ISO-datum "${m[0]}"`);
  for (const m of text.matchAll(CODE)) if (AREAS.has(m[1])) problems.push(`actiecode "${m[0]}"`);
  for (const code of BARE_CODES) if (new RegExp(`(^|[\\s;"(])${code}($|[\\s;")])`, "m").test(text)) problems.push(`actiecode "${code}"`);
  return [...new Set(problems)];
}

/** Problems in a page's visible text, or in a CSV's cells (technical columns excepted). */
export function dutchOutputProblems(text: string, options: { csv?: boolean } = {}): string[] {
  if (!options.csv) return textProblems(text);
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const [header = [], ...body] = rows;
  const keep = header.map((h) => !TECHNICAL_COLUMNS.has(h));
  return [...new Set(body.flatMap((row) => textProblems(row.filter((_, i) => keep[i] ?? true).join("\n"))))];
}

/** Semicolon CSV with "quoted" cells ("" inside a quote is a quote), as the portal writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** The text a person sees in an HTML page: no scripts (the loader data), styles, tags or attribute values. */
export function visibleText(html: string): string {
  return html
    // Typed text in a textarea is the user's, not what the portal writes.
    .replace(/<(script|style|template|textarea)\b[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

// ── Scan of everything the suite renders ─────────────────────────────────────
// The test helpers hand every HTML page and CSV file they receive to scanOutput(); the portal's
// close() (test/helpers/portal.ts) fails the test file when any of them shows an ISO date or a raw
// action code, like the mail scan does for patient data.

const findings = new Map<string, string[]>();
const scanned = new Map<string, number>();
const pending = new Map<string, Set<Promise<unknown>>>();

/** Scans one response body (HTML page or CSV) that a test received from the portal at `origin`. */
export function scanOutput(origin: string, path: string, contentType: string, body: string) {
  const csv = /text\/csv/.test(contentType);
  if (!csv && !/text\/html/.test(contentType)) return;
  scanned.set(origin, (scanned.get(origin) ?? 0) + 1);
  const problems = dutchOutputProblems(csv ? body : visibleText(body), { csv });
  if (problems.length) findings.set(origin, [...(findings.get(origin) ?? []), ...problems.map((p) => `${path.split("?")[0]}: ${p}`)]);
}

/** Scans a fetch Response without consuming it (the test reads it as usual). */
export function scanResponse(origin: string, path: string, response: Response) {
  const contentType = response.headers.get("content-type") ?? "";
  if (!/text\/(html|csv)/.test(contentType)) return;
  const work = response
    .clone()
    .text()
    .then((body) => scanOutput(origin, path, contentType, body))
    .catch(() => undefined);
  track(origin, work);
}

/** Keeps an asynchronous scan so the portal's close() can wait for it. */
export function track(origin: string, work: Promise<unknown>) {
  const set = pending.get(origin) ?? new Set();
  pending.set(origin, set);
  set.add(work);
  void work.finally(() => set.delete(work));
}

/** What the scan found for one portal (waits for scans still running), and forgets it. */
export async function takeOutputFindings(origin: string): Promise<{ scanned: number; problems: string[] }> {
  await Promise.all([...(pending.get(origin) ?? [])]);
  const result = { scanned: scanned.get(origin) ?? 0, problems: [...new Set(findings.get(origin) ?? [])] };
  findings.delete(origin);
  scanned.delete(origin);
  pending.delete(origin);
  return result;
}
