// The monitor's arithmetic on a hand-built data set whose answers are worked out by hand:
// counts per period and region, median and p90 (odd and even counts), suppression of 1–4,
// lead-time statistics only from 5 cases, and quarter edges in Dutch local time.
import {
  aggregateMonitor,
  ageBandOf,
  customPeriod,
  displayValue,
  filterQuery,
  inPeriod,
  leadTimeStats,
  leadTimesOf,
  median,
  p90,
  parseMonitorFilter,
  parseQuarter,
  percentileNearestRank,
  quarterOf,
  shortfallInPeriod,
  shortfallMatrix,
  suppress,
  yearPeriod,
  type MonitorData,
  type MonitorEventRow,
  type Period,
  type RegionFilter,
} from "~/domain/monitor";
import { CARE_FUNCTIONS, ESCALATION_LEVELS, LEGAL_DOMAINS, REFERRAL_SOURCES, SHORTFALL_KINDS } from "~/domain/vocabulary";
import type { CaseEvent, CaseState } from "~/domain/case-lifecycle";

const A = 1;
const B = 2;
const Q4 = parseQuarter("2026-Q4")!;
const Q3 = parseQuarter("2026-Q3")!;
const Q1_2027 = parseQuarter("2027-Q1")!;
const NOW = new Date("2027-06-01T12:00:00Z");

const DAY = 24 * 60 * 60 * 1000;
const plusDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY).toISOString();

let nextId = 1;
const events: MonitorEventRow[] = [];
function ev(caseId: number, event: CaseEvent, toState: CaseState, at: string, table: number, fromTable: number | null = table) {
  events.push({ id: nextId++, caseId, event, toState, at, toTableId: table, fromTableId: event === "receive" ? null : fromTable });
  return at;
}

const cases: MonitorData["cases"] = [];
function receive(caseId: number, table: number, at: string, source: "insurer_mediation" | "provider" = "insurer_mediation", viaVwsUnit = false) {
  cases.push({ caseId, tableId: table, source, viaVwsUnit, receivedAt: at });
  return ev(caseId, "receive", "received", at, table);
}

// Table A: six cases received 1–6 October, screening started after 1..6 days.
// Cases 1–5 included a day later and discussed 10, 20, 30, 40, 50 days after inclusion; case 6 not included.
for (let i = 1; i <= 6; i++) {
  const received = receive(i, A, `2026-10-0${i}T10:00:00.000Z`, i <= 4 ? "insurer_mediation" : "provider", i === 1);
  const screening = ev(i, "start_screening", "screening", plusDays(received, i), A);
  if (i <= 5) {
    const included = ev(i, "include", "included", plusDays(screening, 1), A);
    ev(i, "schedule", "scheduled", plusDays(included, 2), A);
    ev(i, "discuss", "discussed", plusDays(included, i * 10), A);
  } else {
    ev(i, "not_include", "not_included", plusDays(screening, 1), A);
  }
}
// Case 1 is placed on the last minute of Q4 in Amsterdam (23:59 CET); case 2 just after midnight, in Q1 2027.
ev(1, "agree_plan", "plan_agreed", "2026-12-01T10:00:00.000Z", A);
ev(1, "request_advisor_check", "advisor_check", "2026-12-02T10:00:00.000Z", A);
ev(1, "arrange_funding", "funding_arranged", "2026-12-03T10:00:00.000Z", A);
ev(1, "place", "placed", "2026-12-31T22:59:00.000Z", A);
ev(2, "agree_plan", "plan_agreed", "2026-12-10T10:00:00.000Z", A);
ev(2, "request_advisor_check", "advisor_check", "2026-12-11T10:00:00.000Z", A);
ev(2, "arrange_funding", "funding_arranged", "2026-12-12T10:00:00.000Z", A);
ev(2, "place", "placed", "2026-12-31T23:30:00.000Z", A);
ev(3, "close", "closed", "2026-12-20T10:00:00.000Z", A);

// Table B: case 7 arrives at 00:30 on 1 October Amsterdam time (still 30 September in UTC): Q4.
// Case 8 arrives at 23:30 on 30 September Amsterdam time: Q3. Case 9 is redirected from B to A.
receive(7, B, "2026-09-30T22:30:00.000Z");
ev(7, "start_screening", "screening", "2026-10-10T22:30:00.000Z", B);
receive(8, B, "2026-09-30T21:30:00.000Z");
receive(9, B, "2026-11-01T10:00:00.000Z");
ev(9, "redirect", "received", "2026-11-03T10:00:00.000Z", A, B);

const data: MonitorData = {
  tables: [
    { id: A, slug: "a", name: "A", number: 1 },
    { id: B, slug: "b", name: "B", number: 2 },
  ],
  cases,
  events,
  assessments: [
    // Case 6: an older screening (criterion 1 not met) and the latest one (criteria 2 and 7 not met).
    { caseId: 6, assessmentId: 10, kind: "screening", notMet: [1] },
    { caseId: 6, assessmentId: 11, kind: "screening", notMet: [2, 7] },
    { caseId: 6, assessmentId: 12, kind: "advisor", notMet: [3] },
    { caseId: 1, assessmentId: 13, kind: "screening", notMet: [] },
  ],
  escalations: [
    ...[1, 2, 3, 4, 5].map((caseId) => ({ caseId, level: "own_region" as const, at: "2026-11-10T10:00:00.000Z" })),
    { caseId: 1, level: "supra_regional" as const, at: "2026-11-20T10:00:00.000Z" },
    { caseId: 7, level: "own_region" as const, at: "2026-08-01T10:00:00.000Z" },
  ],
  arrangements: [
    ...[1, 2, 3, 4].map((caseId) => ({ caseId, status: "approved" as const, approvedAt: "2026-11-15T10:00:00.000Z", createdAt: "2026-11-01T10:00:00.000Z", legalDomains: ["zvw" as const], financierTypes: ["insurer" as const] })),
    { caseId: 5, status: "contracted" as const, approvedAt: "2026-12-01T10:00:00.000Z", createdAt: "2026-11-01T10:00:00.000Z", legalDomains: ["zvw" as const, "wmo" as const], financierTypes: ["insurer" as const, "municipality" as const] },
    { caseId: 5, status: "proposed" as const, approvedAt: null, createdAt: "2026-12-05T10:00:00.000Z", legalDomains: ["wlz" as const], financierTypes: ["care_office" as const] },
  ],
  shortfalls: [],
  lessons: [],
};

const OPTIONS = { now: NOW, escalationLevels: ESCALATION_LEVELS, legalDomains: LEGAL_DOMAINS, sources: REFERRAL_SOURCES };
const report = (period: Period, region: RegionFilter) => aggregateMonitor(data, period, region, OPTIONS);

describe("suppression", () => {
  it("turns 1 to 4 into <5, keeps 0 and shows 5 and up", () => {
    expect(suppress(0)).toBe(0);
    for (const n of [1, 2, 3, 4]) expect(suppress(n)).toBe("<5");
    expect(suppress(5)).toBe(5);
    expect(suppress(123)).toBe(123);
  });

  it("reads the same on page and CSV", () => {
    expect(displayValue("<5")).toBe("<5");
    expect(displayValue(0)).toBe("0");
    expect(displayValue(3.5)).toBe("3,5");
    expect(displayValue(null)).toBe("geen gegevens");
  });
});

describe("median and p90 (nearest rank)", () => {
  it("odd count: the middle value; p90 is the ⌈0.9·n⌉-th value", () => {
    expect(median([10, 1, 4, 2, 6, 5, 3])).toBe(4);
    expect(p90([10, 1, 4, 2, 6, 5, 3])).toBe(10); // ⌈6.3⌉ = 7th of 7
  });

  it("even count: the mean of the two middle values", () => {
    expect(median([6, 1, 5, 2, 4, 3])).toBe(3.5);
    expect(p90([6, 1, 5, 2, 4, 3])).toBe(6); // ⌈5.4⌉ = 6th of 6
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // ⌈9⌉ = 9th, not interpolated
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10); // ⌈9.9⌉ = 10th
  });

  it("no values: no statistic", () => {
    expect(median([])).toBeNull();
    expect(p90([])).toBeNull();
  });

  it("lead-time statistics only from 5 cases", () => {
    expect(leadTimeStats([])).toEqual({ n: 0, median: null, p90: null });
    expect(leadTimeStats([1, 2, 3, 4])).toEqual({ n: "<5", median: "<5", p90: "<5" });
    expect(leadTimeStats([1, 2, 3, 4, 5])).toEqual({ n: 5, median: 3, p90: 5 });
    expect(leadTimeStats([1.04, 2, 3, 4, 5, 6.26])).toEqual({ n: 6, median: 3.5, p90: 6.3 });
  });
});

describe("periods", () => {
  it("quarters, years and custom periods", () => {
    expect(Q4).toMatchObject({ from: "2026-10-01", to: "2026-12-31", label: "4e kwartaal 2026" });
    expect(parseQuarter("2027-Q1")).toMatchObject({ from: "2027-01-01", to: "2027-03-31" });
    expect(parseQuarter("2028-Q1")!.to).toBe("2028-03-31");
    expect(parseQuarter("2026-Q2")!.to).toBe("2026-06-30");
    expect(parseQuarter("2026-Q5")).toBeNull();
    expect(parseQuarter("Q4")).toBeNull();
    expect(yearPeriod(2026)).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(customPeriod("2026-10-03", "2026-10-01")).toBeNull();
    expect(customPeriod("2026-02-30", "2026-03-01")).toBeNull();
  });

  it("quarter edges are Dutch local midnight", () => {
    expect(inPeriod("2026-09-30T22:30:00Z", Q4)).toBe(true); // 00:30 on 1 Oct (CEST)
    expect(inPeriod("2026-09-30T21:59:59Z", Q4)).toBe(false); // 23:59:59 on 30 Sep
    expect(inPeriod("2026-12-31T22:59:59Z", Q4)).toBe(true); // 23:59:59 on 31 Dec (CET)
    expect(inPeriod("2026-12-31T23:00:00Z", Q4)).toBe(false); // midnight: Q1 2027
    expect(inPeriod("2026-12-31T23:00:00Z", Q1_2027)).toBe(true);
    expect(quarterOf(new Date("2026-12-31T23:30:00Z"))).toBe("2027-Q1");
  });

  it("a bad filter in the URL falls back to the current quarter with a Dutch message", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const bad = parseMonitorFilter(new URLSearchParams("periode=kwartaal&kwartaal=2026-Q9"), now);
    expect(bad.period.from).toBe("2026-10-01");
    expect(bad.error).toMatch(/kwartaal/);
    const reversed = parseMonitorFilter(new URLSearchParams("periode=eigen&van=2026-10-05&tot=2026-10-01"), now);
    expect(reversed.error).toMatch(/einddatum ligt vóór de begindatum/);
    const year = parseMonitorFilter(new URLSearchParams("periode=jaar&jaar=2025&regio=rotterdam"), now);
    expect(year).toMatchObject({ error: null, regio: "rotterdam", period: { from: "2025-01-01", to: "2025-12-31" } });
    expect(parseMonitorFilter(new URLSearchParams("regio=<script>"), now).regio).toBe("alle");
    expect(filterQuery(year.values)).toBe("periode=jaar&jaar=2025&regio=rotterdam");
  });
});

describe("counts per period and region", () => {
  it("table A in Q4", () => {
    const a = report(Q4, [A]);
    expect(a.received).toBe(7); // six receipts and case 9 redirected in from B
    expect(a.receivedBySource).toEqual({ insurer_mediation: 5, provider: 2 });
    expect(a.receivedViaVws).toBe(1);
    expect(a.included).toBe(5);
    expect(a.notIncluded).toBe(1);
    expect(a.notIncludedByCriterion).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1 }); // latest screening only
    expect(a.redirected).toBe(0);
    expect(a.discussed).toBe(5);
    expect(a.placed).toBe(1); // case 1 at 23:59 local; case 2 lands in Q1 2027
    expect(a.escalations).toEqual({ own_region: 5, supra_regional: 1, national_mediation: 0, national_project_leader: 0 });
    expect(a.arrangementsApproved).toBe(5); // the proposed one does not count
    expect(a.arrangementsByLegalDomain).toEqual({ zvw: 5, wmo: 1, wlz: 0, jeugdwet: 0 });
    expect(a.arrangementsByFinancier).toEqual({ insurer: 5, municipality: 1 });
  });

  it("table B in Q4, Q3 and all regions", () => {
    const b = report(Q4, [B]);
    expect(b.received).toBe(2); // case 7 (00:30 on 1 Oct) and case 9
    expect(b.redirected).toBe(1);
    expect(b.included).toBe(0);
    expect(report(Q3, [B]).received).toBe(1); // case 8 (23:30 on 30 Sep)
    const all = report(Q4, null);
    expect(all.received).toBe(8); // a redirect between two tables of the region is not a new referral
    expect(all.redirected).toBe(0);
    expect(all.escalations.own_region).toBe(5); // case 7's escalation was in Q3
    expect(report(yearPeriod(2026), null).received).toBe(9);
    expect(report(Q1_2027, [A]).placed).toBe(1);
    // 1–3 October: cases 1, 2, 3 and case 7 (00:30 on 1 October local time).
    expect(report(customPeriod("2026-10-01", "2026-10-03")!, null).received).toBe(4);
  });

  it("lead times: per step, in the period of the end event", () => {
    expect(leadTimesOf(data, "received_screening", Q4, [A])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(leadTimeStats(leadTimesOf(data, "received_screening", Q4, [A]))).toEqual({ n: 6, median: 3.5, p90: 6 });
    // All regions: case 7 adds 10 days → odd count.
    expect(leadTimeStats(leadTimesOf(data, "received_screening", Q4, null))).toEqual({ n: 7, median: 4, p90: 10 });
    expect(leadTimeStats(leadTimesOf(data, "received_screening", Q4, [B]))).toEqual({ n: "<5", median: "<5", p90: "<5" });
    expect(leadTimeStats(leadTimesOf(data, "included_discussed", Q4, [A]))).toEqual({ n: 5, median: 30, p90: 50 });
    expect(leadTimesOf(data, "received_decision", Q4, [A])).toEqual([2, 3, 4, 5, 6, 7]);
    expect(leadTimesOf(data, "discussed_plan", Q4, [A])).toHaveLength(2);
    expect(leadTimeStats(leadTimesOf(data, "received_placed", Q4, [A])).median).toBe("<5");
    expect(leadTimesOf(data, "received_placed", Q3, [A])).toEqual([]);
  });

  it("open cases at the end of the period, by age since receipt", () => {
    expect(ageBandOf(0)).toBe("0-30");
    expect(ageBandOf(30.9)).toBe("0-30");
    expect(ageBandOf(31)).toBe("31-90");
    expect(ageBandOf(90.5)).toBe("31-90");
    expect(ageBandOf(91)).toBe("91-180");
    expect(ageBandOf(180.9)).toBe("91-180");
    expect(ageBandOf(181)).toBe("180+");
    const a = report(Q4, [A]);
    // Open at 31 Dec 24:00: cases 1 (placed, 91 days), 2, 4, 5 (discussed) and 9 (received at A); 3 closed, 6 not included.
    expect(a.openTotal).toBe(5);
    expect(a.openByAge).toEqual({ "0-30": 0, "31-90": 4, "91-180": 1, "180+": 0 });
    const b = report(Q4, [B]);
    expect(b.openTotal).toBe(2); // cases 7 and 8; case 9 moved to A
    expect(b.openByAge["91-180"]).toBe(2);
    // Mid-October only cases received by then count, at their table then.
    expect(report(customPeriod("2026-10-01", "2026-10-04")!, [A]).openTotal).toBe(4);
  });
});

describe("shortfalls", () => {
  const rows = [
    { tableId: A, careFunction: "kib" as const, kind: "absent" as const, status: "open" as const, peopleWaiting: null, createdAt: "2026-11-01T10:00:00Z", updatedAt: "2026-11-01T10:00:00Z" },
    { tableId: A, careFunction: "kib" as const, kind: "absent" as const, status: "reported" as const, peopleWaiting: null, createdAt: "2026-05-01T10:00:00Z", updatedAt: "2026-06-01T10:00:00Z" },
    { tableId: A, careFunction: "housing" as const, kind: "blocked_outflow" as const, status: "open" as const, peopleWaiting: 3, createdAt: "2026-10-02T10:00:00Z", updatedAt: "2026-10-02T10:00:00Z" },
    { tableId: A, careFunction: "fact" as const, kind: "insufficient_capacity" as const, status: "resolved" as const, peopleWaiting: null, createdAt: "2026-03-01T10:00:00Z", updatedAt: "2026-09-01T10:00:00Z" },
    { tableId: A, careFunction: "iht" as const, kind: "absent" as const, status: "open" as const, peopleWaiting: null, createdAt: "2027-01-05T10:00:00Z", updatedAt: "2027-01-05T10:00:00Z" },
    { tableId: B, careFunction: "kib" as const, kind: "absent" as const, status: "open" as const, peopleWaiting: null, createdAt: "2026-11-01T10:00:00Z", updatedAt: "2026-11-01T10:00:00Z" },
  ];

  it("counts those open in the period, per function × kind of one table", () => {
    expect(shortfallInPeriod(rows[3], Q4)).toBe(false); // resolved before Q4
    expect(shortfallInPeriod(rows[3], Q3)).toBe(true);
    expect(shortfallInPeriod(rows[4], Q4)).toBe(false); // registered after Q4
    const m = shortfallMatrix(rows, A, Q4, CARE_FUNCTIONS, SHORTFALL_KINDS);
    expect(m.cells.kib.absent).toBe(2);
    expect(m.cells.housing.blocked_outflow).toBe(1);
    expect(m.cells.fact.insufficient_capacity).toBe(0);
    expect(m.cells.iht.absent).toBe(0);
    expect(m.total).toBe(3);
    expect(m.peopleWaiting).toBe(3);
    expect(shortfallMatrix(rows, B, Q4, CARE_FUNCTIONS, SHORTFALL_KINDS).total).toBe(1);
  });
});
