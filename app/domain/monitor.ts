// The national monitor's rules that are not SQL: which periods exist, how a URL names one, the
// lead-time statistics and how a published value reads. Pure functions (no DB, no HTTP).
//
// Periods are whole calendar months, quarters and years in Dutch local time, nothing else: every
// requestable period is a node of one tree per year (year → quarters → months), so every figure a
// user can ask for is a cell of one protected table per year (app/domain/disclosure.ts) and the
// difference of two requestable periods (a quarter minus its months, a year minus its quarters) is a
// line of that table, protected like any other. Arbitrary day ranges, which isolated single days,
// cannot be requested. Different years share no figure.
//
// Statistics, as documented for the report's readers:
// - Lead time: the time between two lifecycle events of one case, in days (shown to one decimal).
//   A case counts in the period and region of its first END event. The start is the last start
//   event before it at that same table (so each table is measured on its own work).
// - Median: the middle value; for an even number the mean of the two middle values.
// - 90e percentiel: the ⌈0.9·n⌉-th value in ascending order (never interpolated: a lead time that
//   actually occurred).
// - Both are shown only when the number of cases behind them is published and at least 5;
//   otherwise "te weinig casussen".
import { amsterdamDayStart } from "./amsterdam-time";
import { MIN_COUNT, SUPPRESSED, type Hierarchy, type Published } from "./disclosure";

// ── Periods ──────────────────────────────────────────────────────────────────

export type PeriodKind = "month" | "quarter" | "year";
/** A whole calendar period in Amsterdam; `code` is its node in the year's period tree. */
export type Period = { kind: PeriodKind; year: number; code: string; from: string; to: string; label: string };

const pad = (n: number) => String(n).padStart(2, "0");
export const MONTH_NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const FIRST_YEAR = 2020; // the tables started on 1 April 2020
export const LAST_YEAR = 2100;
const validYear = (year: number) => Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;

export function monthPeriod(year: number, month: number): Period {
  return { kind: "month", year, code: `M${pad(month)}`, from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`, label: `${MONTH_NAMES[month - 1]} ${year}` };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { kind: "quarter", year, code: `Q${quarter}`, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`, label: `${quarter}e kwartaal ${year}` };
}

export function yearPeriod(year: number): Period {
  return { kind: "year", year, code: "Y", from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}` };
}

/** "2026-Q4" → the fourth quarter of 2026; null when it is not one. */
export function parseQuarter(value: string): Period | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(value.trim());
  return match && validYear(Number(match[1])) ? quarterPeriod(Number(match[1]), Number(match[2])) : null;
}

/** "2026-11" → November 2026; null when it is not a month. */
export function parseMonth(value: string): Period | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value.trim());
  return match && validYear(Number(match[1])) ? monthPeriod(Number(match[1]), Number(match[2])) : null;
}

export function parseYear(value: string): Period | null {
  return /^\d{4}$/.test(value.trim()) && validYear(Number(value)) ? yearPeriod(Number(value)) : null;
}

/** The calendar day (yyyy-mm-dd) in Amsterdam of an instant. */
export function amsterdamDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The quarter an instant falls in, in Amsterdam ("2026-Q4"). */
export function quarterOf(instant: Date): string {
  const [year, month] = amsterdamDate(instant).split("-").map(Number);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The month an instant falls in, in Amsterdam ("2026-11"). */
export const monthOf = (instant: Date) => amsterdamDate(instant).slice(0, 7);

/** The year's period tree: the dimension "period" of every monitor table. */
export const PERIOD_TREE: Hierarchy = {
  root: "Y",
  children: {
    Y: ["Q1", "Q2", "Q3", "Q4"],
    ...Object.fromEntries([1, 2, 3, 4].map((q) => [`Q${q}`, [1, 2, 3].map((m) => `M${pad((q - 1) * 3 + m)}`)])),
  },
};
export const monthCode = (month: number) => `M${pad(month)}`;

/** The 13 instants (UTC ISO) at which the year's months begin in Amsterdam, the 13th being next 1 January. */
export function monthStarts(year: number): string[] {
  return Array.from({ length: 13 }, (_, i) => amsterdamDayStart(i < 12 ? `${year}-${pad(i + 1)}-01` : `${year + 1}-01-01`).toISOString());
}

/** The period as UTC instants: [start, end). */
export function periodBounds(period: Period): { start: number; end: number } {
  const starts = monthStarts(period.year);
  const [first, last] = period.kind === "year" ? [1, 12] : period.kind === "quarter" ? [Number(period.code[1]) * 3 - 2, Number(period.code[1]) * 3] : [Number(period.code.slice(1)), Number(period.code.slice(1))];
  return { start: Date.parse(starts[first - 1]), end: Date.parse(starts[last]) };
}

/** The months (1–12) a period covers. */
export function monthsOf(period: Period): number[] {
  if (period.kind === "year") return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (period.kind === "quarter") {
    const q = Number(period.code[1]);
    return [q * 3 - 2, q * 3 - 1, q * 3];
  }
  return [Number(period.code.slice(1))];
}

// ── Statistics ───────────────────────────────────────────────────────────────

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = ascending(values);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (0 < p ≤ 100): the ⌈p/100 · n⌉-th value in ascending order. */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = ascending(values);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const p90 = (values: readonly number[]) => percentileNearestRank(values, 90);

export const TOO_FEW = "te weinig casussen" as const;
/** A lead-time statistic as published: days, "te weinig casussen", or null when there are no cases. */
export type Stat = number | typeof TOO_FEW | null;
export type LeadTimeStats = { median: Stat; p90: Stat };

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Median and p90 of lead times in days (0.1 day), only from at least 5 cases, and only when the
 * published counts the step's cases are part of (`related`: e.g. included and not included for the
 * decision step) are all shown. The number of cases itself is not published: it (nearly) equals
 * counts that are protected in their own tables, and a second table suppressing differently would
 * undo their protection; and "at least 5" about a hidden count would narrow it.
 */
export function leadTimeStats(days: readonly number[], related: readonly Published[] = []): LeadTimeStats {
  if (days.length === 0) return { median: null, p90: null };
  if (days.length < MIN_COUNT || related.some((v) => typeof v !== "number")) return { median: TOO_FEW, p90: TOO_FEW };
  return { median: round1(median(days)!), p90: round1(p90(days)!) };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** How a published count or statistic reads in a table, a chart label, the CSV and the PDF. */
export function displayValue(value: Published | Stat): string {
  if (value === null) return "geen casussen";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(".", ",");
  return value;
}

export { SUPPRESSED };

// ── Open cases by age ────────────────────────────────────────────────────────

export const AGE_BANDS = ["0-30", "31-90", "91-180", "180+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "0-30": "0–30 dagen",
  "31-90": "31–90 dagen",
  "91-180": "91–180 dagen",
  "180+": "Meer dan 180 dagen",
};

/** The band of an age in days, counted in whole days since receipt (day 0 = the day it came in). */
export function ageBandOf(days: number): AgeBand {
  const whole = Math.floor(Math.max(0, days));
  if (whole <= 30) return "0-30";
  if (whole <= 90) return "31-90";
  if (whole <= 180) return "91-180";
  return "180+";
}

// ── Lead-time steps ──────────────────────────────────────────────────────────

export const LEAD_TIME_STEPS = [
  { key: "received_screening", label: "Ontvangen → screening gestart", start: ["receive", "redirect"], end: ["start_screening"] },
  { key: "received_decision", label: "Ontvangen → (niet) geïncludeerd", start: ["receive", "redirect"], end: ["include", "not_include"] },
  { key: "included_discussed", label: "Geïncludeerd → besproken", start: ["include"], end: ["discuss"] },
  { key: "discussed_plan", label: "Besproken → plan vastgesteld", start: ["discuss"], end: ["agree_plan"] },
  { key: "received_placed", label: "Ontvangen → geplaatst", start: ["receive", "redirect"], end: ["place"] },
] as const;
export type LeadTimeStep = (typeof LEAD_TIME_STEPS)[number]["key"];

type StepEvent = { event: string; tableId: number | null; at: string };
/**
 * Lead times of one case's events (in time order) for every step: from the last start event before
 * the step's first end event, at the same table, to that end event.
 */
export function caseLeadTimes(events: readonly StepEvent[]): { step: LeadTimeStep; tableId: number; at: string; days: number }[] {
  const out: { step: LeadTimeStep; tableId: number; at: string; days: number }[] = [];
  for (const step of LEAD_TIME_STEPS) {
    const endIndex = events.findIndex((e) => (step.end as readonly string[]).includes(e.event));
    if (endIndex < 0) continue;
    const end = events[endIndex];
    if (end.tableId === null) continue;
    for (let i = endIndex - 1; i >= 0; i--) {
      const e = events[i];
      if ((step.start as readonly string[]).includes(e.event) && e.tableId === end.tableId) {
        out.push({ step: step.key, tableId: end.tableId, at: end.at, days: Math.max(0, (Date.parse(end.at) - Date.parse(e.at)) / DAY_MS) });
        break;
      }
    }
  }
  return out;
}

// ── The filter in the URL ───────────────────────────────────────────────────

export const PERIOD_PARAMS = { maand: "month", kwartaal: "quarter", jaar: "year" } as const;
export type PeriodParam = keyof typeof PERIOD_PARAMS;

export type MonitorFilterInput = { periode: PeriodParam; maand: string; kwartaal: string; jaar: string; regio: string };
export type ParsedMonitorFilter = { period: Period; regio: string; values: MonitorFilterInput; error: string | null };

const QUERY_LIMIT = 40;
const read = (params: URLSearchParams, key: string) => (params.get(key) ?? "").trim().slice(0, QUERY_LIMIT);

/**
 * Reads periode/maand/kwartaal/jaar/regio from the query string. Anything unreadable (including
 * the former day ranges) falls back to the current quarter with a Dutch message: a bad URL never
 * breaks the page.
 */
export function parseMonitorFilter(params: URLSearchParams, now: Date = new Date()): ParsedMonitorFilter {
  const current = quarterOf(now);
  const rawKind = read(params, "periode");
  const periode: PeriodParam = rawKind in PERIOD_PARAMS ? (rawKind as PeriodParam) : "kwartaal";
  const rawRegion = read(params, "regio");
  const values: MonitorFilterInput = {
    periode,
    maand: read(params, "maand") || monthOf(now),
    kwartaal: read(params, "kwartaal") || current,
    jaar: read(params, "jaar") || current.slice(0, 4),
    regio: /^[a-z0-9-]{1,64}$/.test(rawRegion) ? rawRegion : "alle",
  };
  let error: string | null = null;
  if (rawKind === "eigen") error = "Een eigen periode van losse dagen kan niet: kies een maand, kwartaal of jaar. Het huidige kwartaal wordt getoond.";
  else if (rawKind && !(rawKind in PERIOD_PARAMS)) error = "Onbekende soort periode; het huidige kwartaal wordt getoond.";
  if (rawRegion && values.regio !== rawRegion) error = "Onbekende regio; alle regio's worden getoond.";
  let period: Period | null;
  if (periode === "maand") {
    period = parseMonth(values.maand);
    if (!period) error = "Kies een maand, bijvoorbeeld november 2026. Het huidige kwartaal wordt getoond.";
  } else if (periode === "jaar") {
    period = parseYear(values.jaar);
    if (!period) error = `Kies een jaar vanaf ${FIRST_YEAR}. Het huidige kwartaal wordt getoond.`;
  } else {
    period = parseQuarter(values.kwartaal);
    if (!period) error = "Kies een kwartaal, bijvoorbeeld 4e kwartaal 2026. Het huidige kwartaal wordt getoond.";
  }
  if (!period || rawKind === "eigen") {
    period = parseQuarter(current)!;
    values.periode = "kwartaal";
    values.kwartaal = current;
  }
  return { period, regio: values.regio, values, error };
}

/** The query string for a filter, for links (CSV, PDF, capacity) that must show the same figures. */
export function filterQuery(values: MonitorFilterInput, options: { withRegion?: boolean } = {}): string {
  const params = new URLSearchParams({ periode: values.periode });
  if (values.periode === "maand") params.set("maand", values.maand);
  else if (values.periode === "jaar") params.set("jaar", values.jaar);
  else params.set("kwartaal", values.kwartaal);
  if (options.withRegion !== false) params.set("regio", values.regio);
  return params.toString();
}

/** The periods a user can choose from, newest first: every month, quarter and year up to now. */
export function periodChoices(now: Date = new Date()): { months: { value: string; label: string }[]; quarters: { value: string; label: string }[]; years: { value: string; label: string }[] } {
  const [year, month] = monthOf(now).split("-").map(Number);
  const months: { value: string; label: string }[] = [];
  const quarters: { value: string; label: string }[] = [];
  const years: { value: string; label: string }[] = [];
  for (let y = year; y >= FIRST_YEAR; y--) {
    years.push({ value: String(y), label: String(y) });
    for (let q = y === year ? Math.ceil(month / 3) : 4; q >= 1; q--) quarters.push({ value: `${y}-Q${q}`, label: quarterPeriod(y, q).label });
    for (let m = y === year ? month : 12; m >= 1; m--) months.push({ value: `${y}-${pad(m)}`, label: monthPeriod(y, m).label });
  }
  return { months, quarters, years };
}
