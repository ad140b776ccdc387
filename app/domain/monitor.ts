// The national monitor's arithmetic: pure functions over plain rows (no DB, no HTTP).
// Periods (quarter, year, custom) in Dutch local time, counts per region, lead times with their
// median and 90th percentile, open cases by age, and the suppression of small counts.
//
// Statistics, as documented for the report's readers:
// - Lead time: the time between two lifecycle events of one case, in days (fractional, shown
//   rounded to one decimal). A case counts in the period and region of its END event.
//   "Received" is the case's arrival at that table: the receipt, or the redirect that brought it
//   there, whichever came last before the end event (so each table is measured on its own work).
// - Median: the middle value; for an even number of values the mean of the two middle values.
// - P90: the NEAREST-RANK method: the smallest value such that at least 90% of the values are
//   less than or equal to it, i.e. the ⌈0.9·n⌉-th value in ascending order. Never interpolated,
//   so it is always a lead time that actually occurred.
// - Suppression (security.md: "no count from 1 to 4"): 1–4 becomes "<5"; 0 stays 0 and 5 and up
//   are shown. A lead-time statistic is given only when it rests on at least 5 cases.
import { amsterdamDayEnd, amsterdamDayStart, isCalendarDate } from "./amsterdam-time";
import type { CaseEvent, CaseState } from "./case-lifecycle";
import type {
  ArrangementStatus,
  BottleneckCategory,
  CareFunction,
  EscalationLevel,
  LegalDomain,
  OrganisationType,
  ReferralSource,
  ShortfallKind,
  ShortfallStatus,
} from "./vocabulary";

// ── Suppression ──────────────────────────────────────────────────────────────

export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED = "<5" as const;
/** A count as it may leave the monitor: 0, 5 or more, or "<5". */
export type Count = number | typeof SUPPRESSED;
/** A statistic (median, p90): a number when based on ≥ 5 cases, "<5" when on 1–4, null when there are none. */
export type Stat = number | typeof SUPPRESSED | null;

export function suppress(n: number): Count {
  return n >= 1 && n < SUPPRESSION_THRESHOLD ? SUPPRESSED : n;
}

/** How a count or statistic reads in a table, a chart label and the CSV. */
export function displayValue(value: Count | Stat): string {
  if (value === null) return "geen gegevens";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(".", ",");
  return value;
}

// ── Periods ──────────────────────────────────────────────────────────────────

export type PeriodKind = "quarter" | "year" | "custom";
/** A period of whole calendar days in Amsterdam, both ends included. */
export type Period = { kind: PeriodKind; from: string; to: string; label: string };

const pad = (n: number) => String(n).padStart(2, "0");
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { kind: "quarter", from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`, label: `${quarter}e kwartaal ${year}` };
}

/** "2026-Q4" → the fourth quarter of 2026; null when it is not a quarter. */
export function parseQuarter(value: string): Period | null {
  const match = QUARTER_RE.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return quarterPeriod(year, Number(match[2]) as 1 | 2 | 3 | 4);
}

export function yearPeriod(year: number): Period {
  return { kind: "year", from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}` };
}

/** A custom period; null when a date is not a calendar day or the end lies before the start. */
export function customPeriod(from: string, to: string): Period | null {
  if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) return null;
  return { kind: "custom", from, to, label: `${dutchDate(from)} t/m ${dutchDate(to)}` };
}

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
export function dutchDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The calendar day (yyyy-mm-dd) in Amsterdam of an instant. */
export function amsterdamDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  return parts;
}

/** The quarter an instant falls in, in Amsterdam ("2026-Q4"). */
export function quarterOf(instant: Date): string {
  const [year, month] = amsterdamDate(instant).split("-").map(Number);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The period as UTC instants: [start, end). */
export function periodBounds(period: Period): { start: number; end: number } {
  return { start: amsterdamDayStart(period.from).getTime(), end: amsterdamDayEnd(period.to).getTime() };
}

export function inPeriod(iso: string | null | undefined, period: Period): boolean {
  if (!iso) return false;
  const t = new Date(iso).getTime();
  if (!Number.isFinite(t)) return false;
  const { start, end } = periodBounds(period);
  return t >= start && t < end;
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

const round1 = (n: number) => Math.round(n * 10) / 10;

export type LeadTimeStats = { n: Count; median: Stat; p90: Stat };

/** Median and p90 of lead times in days, rounded to 0.1 day, only when based on ≥ 5 cases. */
export function leadTimeStats(days: readonly number[]): LeadTimeStats {
  if (!days.length) return { n: 0, median: null, p90: null };
  if (days.length < SUPPRESSION_THRESHOLD) return { n: SUPPRESSED, median: SUPPRESSED, p90: SUPPRESSED };
  return { n: days.length, median: round1(median(days)!), p90: round1(p90(days)!) };
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const daysBetween = (fromIso: string, toIso: string) => (new Date(toIso).getTime() - new Date(fromIso).getTime()) / DAY_MS;

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

// ── Input rows ───────────────────────────────────────────────────────────────

export type MonitorCaseRow = { caseId: number; tableId: number; source: ReferralSource; viaVwsUnit: boolean; receivedAt: string };
export type MonitorEventRow = { caseId: number; event: CaseEvent; toState: CaseState; fromTableId: number | null; toTableId: number | null; at: string; id: number };
/** The criteria judged "not met" in one screening or advisor assessment. */
export type MonitorAssessmentRow = { caseId: number; assessmentId: number; kind: "screening" | "advisor"; notMet: number[] };
export type MonitorEscalationRow = { caseId: number; level: EscalationLevel; at: string };
export type MonitorArrangementRow = {
  caseId: number;
  status: ArrangementStatus;
  approvedAt: string | null;
  createdAt: string;
  legalDomains: LegalDomain[];
  financierTypes: OrganisationType[];
};
export type MonitorShortfallRow = {
  tableId: number;
  careFunction: CareFunction;
  kind: ShortfallKind;
  status: ShortfallStatus;
  peopleWaiting: number | null;
  createdAt: string;
  updatedAt: string;
};
export type MonitorLessonRow = { tableId: number; text: string; bottleneck: BottleneckCategory; createdAt: string };
export type MonitorTableRow = { id: number; slug: string; name: string; number: number };

export type MonitorData = {
  tables: MonitorTableRow[];
  cases: MonitorCaseRow[];
  events: MonitorEventRow[];
  assessments: MonitorAssessmentRow[];
  escalations: MonitorEscalationRow[];
  arrangements: MonitorArrangementRow[];
  shortfalls: MonitorShortfallRow[];
  lessons: MonitorLessonRow[];
};

/** Which regions: null = all tables. */
export type RegionFilter = readonly number[] | null;
const inRegion = (tableId: number | null | undefined, region: RegionFilter) => tableId != null && (region === null || region.includes(tableId));

// ── Counting ─────────────────────────────────────────────────────────────────

function eventsByCase(events: readonly MonitorEventRow[]) {
  const map = new Map<number, MonitorEventRow[]>();
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)) {
    const list = map.get(e.caseId) ?? [];
    list.push(e);
    map.set(e.caseId, list);
  }
  return map;
}

/** An arrival at a table of the region: a receipt there, or a redirect into it from outside the region. */
const isArrival = (e: MonitorEventRow, region: RegionFilter) =>
  (e.event === "receive" && inRegion(e.toTableId, region)) || (e.event === "redirect" && inRegion(e.toTableId, region) && !inRegion(e.fromTableId, region));

/** Distinct cases with an event of this kind in the period, at a table of the region. */
function casesWithEvent(events: readonly MonitorEventRow[], event: CaseEvent, period: Period, region: RegionFilter): Set<number> {
  const ids = new Set<number>();
  for (const e of events) if (e.event === event && inRegion(e.toTableId, region) && inPeriod(e.at, period)) ids.add(e.caseId);
  return ids;
}

export const LEAD_TIME_STEPS = [
  { key: "received_screening", label: "Ontvangen → screening gestart", start: ["receive", "redirect"], end: "start_screening" },
  { key: "received_decision", label: "Ontvangen → (niet) geïncludeerd", start: ["receive", "redirect"], end: ["include", "not_include"] },
  { key: "included_discussed", label: "Geïncludeerd → besproken", start: ["include"], end: "discuss" },
  { key: "discussed_plan", label: "Besproken → plan vastgesteld", start: ["discuss"], end: "agree_plan" },
  { key: "received_placed", label: "Ontvangen → geplaatst", start: ["receive", "redirect"], end: "place" },
] as const satisfies readonly { key: string; label: string; start: readonly CaseEvent[]; end: CaseEvent | readonly CaseEvent[] }[];
export type LeadTimeStep = (typeof LEAD_TIME_STEPS)[number]["key"];

/**
 * Lead times (days) of one step for the cases whose end event falls in the period at a table of
 * the region: from the last start event before it (at that same table) to the first end event.
 */
export function leadTimesOf(data: Pick<MonitorData, "events">, stepKey: LeadTimeStep, period: Period, region: RegionFilter): number[] {
  const step = LEAD_TIME_STEPS.find((s) => s.key === stepKey)!;
  const ends = new Set<CaseEvent>(Array.isArray(step.end) ? step.end : [step.end as CaseEvent]);
  const starts = new Set<CaseEvent>(step.start);
  const out: number[] = [];
  for (const list of eventsByCase(data.events).values()) {
    const endIndex = list.findIndex((e) => ends.has(e.event));
    if (endIndex < 0) continue;
    const end = list[endIndex];
    if (!inPeriod(end.at, period) || !inRegion(end.toTableId, region)) continue;
    let start: MonitorEventRow | undefined;
    for (let i = endIndex - 1; i >= 0; i--) {
      const e = list[i];
      if (starts.has(e.event) && e.toTableId === end.toTableId) {
        start = e;
        break;
      }
    }
    if (start) out.push(Math.max(0, daysBetween(start.at, end.at)));
  }
  return out;
}

/** Open cases at a moment: state and table from the events up to then; age since first receipt. */
export function openCasesAt(data: Pick<MonitorData, "events" | "cases">, moment: Date, region: RegionFilter): { tableId: number; ageDays: number }[] {
  const received = new Map(data.cases.map((c) => [c.caseId, c.receivedAt]));
  const out: { tableId: number; ageDays: number }[] = [];
  const t = moment.getTime();
  for (const [caseId, list] of eventsByCase(data.events)) {
    const upTo = list.filter((e) => new Date(e.at).getTime() < t);
    const last = upTo.at(-1);
    if (!last || last.toState === "closed" || last.toState === "not_included") continue;
    if (!inRegion(last.toTableId, region)) continue;
    const since = received.get(caseId) ?? upTo[0].at;
    out.push({ tableId: last.toTableId!, ageDays: (t - new Date(since).getTime()) / DAY_MS });
  }
  return out;
}

/** A case's table at the end of its history (cases are not redirected after inclusion). */
const caseTables = (cases: readonly MonitorCaseRow[]) => new Map(cases.map((c) => [c.caseId, c.tableId]));

export function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) if (v in out) out[v]++;
  return out;
}

/** A shortfall is in a period when it was registered by its end and not resolved before its start. */
export function shortfallInPeriod(s: Pick<MonitorShortfallRow, "createdAt" | "updatedAt" | "status">, period: Period): boolean {
  const { start, end } = periodBounds(period);
  if (new Date(s.createdAt).getTime() >= end) return false;
  if (s.status === "resolved" && new Date(s.updatedAt).getTime() < start) return false;
  return true;
}

/** The arrangement's approval moment: when the medical advisor approved it. */
export const approvalMoment = (a: MonitorArrangementRow) => (a.status === "proposed" ? null : (a.approvedAt ?? a.createdAt));

// ── The raw aggregate (never leaves the server unsuppressed) ────────────────

export type RawMonitor = {
  received: number;
  receivedBySource: Record<ReferralSource, number>;
  receivedViaVws: number;
  included: number;
  notIncluded: number;
  notIncludedByCriterion: Record<number, number>;
  redirected: number;
  discussed: number;
  placed: number;
  leadTimes: Record<LeadTimeStep, number[]>;
  openByAge: Record<AgeBand, number>;
  openTotal: number;
  escalations: Record<EscalationLevel, number>;
  arrangementsApproved: number;
  arrangementsByLegalDomain: Record<LegalDomain, number>;
  arrangementsByFinancier: Record<string, number>;
};

export function aggregateMonitor(
  data: MonitorData,
  period: Period,
  region: RegionFilter,
  options: { now?: Date; escalationLevels: readonly EscalationLevel[]; legalDomains: readonly LegalDomain[]; sources: readonly ReferralSource[] },
): RawMonitor {
  const now = options.now ?? new Date();
  const byCase = new Map(data.cases.map((c) => [c.caseId, c]));
  const tableOfCase = caseTables(data.cases);

  const arrivals = data.events.filter((e) => isArrival(e, region) && inPeriod(e.at, period));
  const arrivedCases = arrivals.map((e) => byCase.get(e.caseId)).filter((c): c is MonitorCaseRow => Boolean(c));
  const receivedBySource = countBy(options.sources, arrivedCases.map((c) => c.source));

  const redirected = data.events.filter((e) => e.event === "redirect" && inRegion(e.fromTableId, region) && !inRegion(e.toTableId, region) && inPeriod(e.at, period)).length;

  const notIncludedIds = casesWithEvent(data.events, "not_include", period, region);
  const latestScreening = new Map<number, MonitorAssessmentRow>();
  for (const a of data.assessments) {
    if (a.kind !== "screening") continue;
    const prev = latestScreening.get(a.caseId);
    if (!prev || a.assessmentId > prev.assessmentId) latestScreening.set(a.caseId, a);
  }
  const notIncludedByCriterion: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 };
  for (const id of notIncludedIds) for (const n of latestScreening.get(id)?.notMet ?? []) if (n in notIncludedByCriterion) notIncludedByCriterion[n]++;

  const leadTimes = Object.fromEntries(LEAD_TIME_STEPS.map((s) => [s.key, leadTimesOf(data, s.key, period, region)])) as Record<LeadTimeStep, number[]>;

  // Open cases at the end of the period, or now when the period has not ended yet.
  const snapshot = new Date(Math.min(periodBounds(period).end, now.getTime()));
  const open = openCasesAt(data, snapshot, region);

  const escalations = countBy(
    options.escalationLevels,
    data.escalations.filter((e) => inRegion(tableOfCase.get(e.caseId), region) && inPeriod(e.at, period)).map((e) => e.level),
  );

  const approved = data.arrangements.filter((a) => inRegion(tableOfCase.get(a.caseId), region) && inPeriod(approvalMoment(a), period));
  const arrangementsByFinancier: Record<string, number> = {};
  for (const a of approved) for (const type of new Set(a.financierTypes)) arrangementsByFinancier[type] = (arrangementsByFinancier[type] ?? 0) + 1;

  return {
    received: arrivals.length,
    receivedBySource,
    receivedViaVws: arrivedCases.filter((c) => c.viaVwsUnit).length,
    included: casesWithEvent(data.events, "include", period, region).size,
    notIncluded: notIncludedIds.size,
    notIncludedByCriterion,
    redirected,
    discussed: casesWithEvent(data.events, "discuss", period, region).size,
    placed: casesWithEvent(data.events, "place", period, region).size,
    leadTimes,
    openByAge: countBy(AGE_BANDS, open.map((o) => ageBandOf(o.ageDays))),
    openTotal: open.length,
    escalations,
    arrangementsApproved: approved.length,
    arrangementsByLegalDomain: countBy(options.legalDomains, approved.flatMap((a) => [...new Set(a.legalDomains)])),
    arrangementsByFinancier,
  };
}

/** Shortfalls per function × kind for one table in the period (raw counts) and the people waiting in blocked outflow. */
export function shortfallMatrix(
  shortfalls: readonly MonitorShortfallRow[],
  tableId: number,
  period: Period,
  functions: readonly CareFunction[],
  kinds: readonly ShortfallKind[],
): { cells: Record<CareFunction, Record<ShortfallKind, number>>; total: number; peopleWaiting: number } {
  const cells = Object.fromEntries(functions.map((f) => [f, Object.fromEntries(kinds.map((k) => [k, 0]))])) as Record<CareFunction, Record<ShortfallKind, number>>;
  let total = 0;
  let peopleWaiting = 0;
  for (const s of shortfalls) {
    if (s.tableId !== tableId || !shortfallInPeriod(s, period)) continue;
    if (cells[s.careFunction]?.[s.kind] === undefined) continue;
    cells[s.careFunction][s.kind]++;
    total++;
    if (s.kind === "blocked_outflow" && s.peopleWaiting) peopleWaiting += s.peopleWaiting;
  }
  return { cells, total, peopleWaiting };
}

// ── The filter in the URL ───────────────────────────────────────────────────

export const PERIOD_KIND_PARAMS = { kwartaal: "quarter", jaar: "year", eigen: "custom" } as const;
export type PeriodParam = keyof typeof PERIOD_KIND_PARAMS;

export type MonitorFilterInput = { periode: PeriodParam; kwartaal: string; jaar: string; van: string; tot: string; regio: string };
export type ParsedMonitorFilter = { period: Period; regio: string; values: MonitorFilterInput; error: string | null };

const QUERY_LIMIT = 40;
const read = (params: URLSearchParams, key: string) => (params.get(key) ?? "").trim().slice(0, QUERY_LIMIT);

/**
 * Reads periode/kwartaal/jaar/van/tot/regio from the query string. Anything unreadable falls back
 * to the current quarter with a Dutch message: a bad URL never breaks the page.
 */
export function parseMonitorFilter(params: URLSearchParams, now: Date = new Date()): ParsedMonitorFilter {
  const current = quarterOf(now);
  const rawKind = read(params, "periode");
  const periode: PeriodParam = rawKind in PERIOD_KIND_PARAMS ? (rawKind as PeriodParam) : "kwartaal";
  const values: MonitorFilterInput = {
    periode,
    kwartaal: read(params, "kwartaal") || current,
    jaar: read(params, "jaar") || current.slice(0, 4),
    van: read(params, "van"),
    tot: read(params, "tot"),
    regio: /^[a-z0-9-]{1,64}$/.test(read(params, "regio")) ? read(params, "regio") : "alle",
  };
  const fallback = parseQuarter(current)!;
  let period: Period | null = null;
  const rawRegion = read(params, "regio");
  let error: string | null = rawKind && !(rawKind in PERIOD_KIND_PARAMS) ? "Onbekende soort periode; het huidige kwartaal wordt getoond." : null;
  if (rawRegion && values.regio !== rawRegion) error = "Onbekende regio; alle regio's worden getoond.";
  if (periode === "kwartaal") {
    period = parseQuarter(values.kwartaal);
    if (!period) error = "Vul het kwartaal in als jaar-Q en een cijfer, bijvoorbeeld 2026-Q4. Het huidige kwartaal wordt getoond.";
  } else if (periode === "jaar") {
    const year = /^\d{4}$/.test(values.jaar) ? Number(values.jaar) : NaN;
    period = year >= 2000 && year <= 2100 ? yearPeriod(year) : null;
    if (!period) error = "Vul een jaartal in, bijvoorbeeld 2026. Het huidige kwartaal wordt getoond.";
  } else {
    period = customPeriod(values.van, values.tot);
    if (!period) {
      error =
        isCalendarDate(values.van) && isCalendarDate(values.tot)
          ? "De einddatum ligt vóór de begindatum. Het huidige kwartaal wordt getoond."
          : "Vul bij een eigen periode een geldige begin- en einddatum in. Het huidige kwartaal wordt getoond.";
    }
  }
  return { period: period ?? fallback, regio: values.regio, values, error };
}

/** The query string for a filter, for links (CSV, print) that must show the same figures. */
export function filterQuery(values: MonitorFilterInput, options: { withRegion?: boolean } = {}): string {
  const params = new URLSearchParams({ periode: values.periode });
  if (values.periode === "kwartaal") params.set("kwartaal", values.kwartaal);
  else if (values.periode === "jaar") params.set("jaar", values.jaar);
  else {
    params.set("van", values.van);
    params.set("tot", values.tot);
  }
  if (options.withRegion !== false) params.set("regio", values.regio);
  return params.toString();
}
