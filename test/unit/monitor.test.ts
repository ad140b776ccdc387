// The monitor's rules outside SQL: whole months, quarters and years in Dutch local time (and
// nothing else from a URL), median and nearest-rank p90, statistics only from 5 published cases,
// lead times per step from a case's events, and how values read.
import { SUPPRESSED } from "~/domain/disclosure";
import {
  ageBandOf,
  caseLeadTimes,
  displayValue,
  filterQuery,
  leadTimeStats,
  median,
  monthPeriod,
  monthsOf,
  monthStarts,
  p90,
  parseMonitorFilter,
  parseMonth,
  parseQuarter,
  percentileNearestRank,
  PERIOD_TREE,
  periodBounds,
  periodChoices,
  quarterOf,
  TOO_FEW,
  yearPeriod,
} from "~/domain/monitor";
import { nodesOf } from "~/domain/disclosure";

describe("periods: whole calendar months, quarters and years only", () => {
  it("names them in Dutch and places them in the year's tree", () => {
    expect(parseQuarter("2026-Q4")).toMatchObject({ kind: "quarter", code: "Q4", from: "2026-10-01", to: "2026-12-31", label: "4e kwartaal 2026" });
    expect(parseMonth("2026-02")).toMatchObject({ code: "M02", from: "2026-02-01", to: "2026-02-28", label: "februari 2026" });
    expect(parseMonth("2028-02")!.to).toBe("2028-02-29");
    expect(yearPeriod(2026)).toMatchObject({ code: "Y", label: "2026" });
    for (const bad of ["2026-Q5", "Q4", "2026-13", "2019-Q1", "1999", "2026-11-15"]) expect(parseQuarter(bad) ?? parseMonth(bad), bad).toBeNull();
    expect(nodesOf(PERIOD_TREE)).toHaveLength(17); // a year, 4 quarters, 12 months: every requestable period
    expect(monthsOf(parseQuarter("2026-Q4")!)).toEqual([10, 11, 12]);
    expect(monthsOf(monthPeriod(2026, 11))).toEqual([11]);
  });

  it("begin and end at Dutch local midnight", () => {
    const starts = monthStarts(2026);
    expect(starts[0]).toBe("2025-12-31T23:00:00.000Z"); // CET
    expect(starts[3]).toBe("2026-03-31T22:00:00.000Z"); // CEST
    expect(starts[9]).toBe("2026-09-30T22:00:00.000Z");
    expect(starts[12]).toBe("2026-12-31T23:00:00.000Z");
    const q4 = periodBounds(parseQuarter("2026-Q4")!);
    expect(new Date(q4.start).toISOString()).toBe("2026-09-30T22:00:00.000Z");
    expect(new Date(q4.end).toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(quarterOf(new Date("2026-12-31T23:30:00Z"))).toBe("2027-Q1");
  });

  it("a URL can name nothing else: day ranges and bad values fall back to the current quarter with a Dutch message", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const days = parseMonitorFilter(new URLSearchParams("periode=eigen&van=2026-11-11&tot=2026-11-15"), now);
    expect(days.period).toMatchObject({ kind: "quarter", from: "2026-10-01" });
    expect(days.error).toMatch(/eigen periode van losse dagen kan niet/);
    expect(parseMonitorFilter(new URLSearchParams("periode=kwartaal&kwartaal=2026-Q9"), now).error).toMatch(/Kies een kwartaal/);
    expect(parseMonitorFilter(new URLSearchParams("periode=maand&maand=2026-13"), now).error).toMatch(/Kies een maand/);
    const month = parseMonitorFilter(new URLSearchParams("periode=maand&maand=2026-11&regio=rotterdam"), now);
    expect(month).toMatchObject({ error: null, regio: "rotterdam", period: { label: "november 2026" } });
    expect(filterQuery(month.values)).toBe("periode=maand&maand=2026-11&regio=rotterdam");
    const year = parseMonitorFilter(new URLSearchParams("periode=jaar&jaar=2025"), now);
    expect(year.period).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(parseMonitorFilter(new URLSearchParams("regio=<script>"), now).regio).toBe("alle");
  });

  it("offers every month, quarter and year up to now, newest first", () => {
    const choices = periodChoices(new Date("2026-11-23T12:00:00Z"));
    expect(choices.months[0]).toEqual({ value: "2026-11", label: "november 2026" });
    expect(choices.quarters[0]).toEqual({ value: "2026-Q4", label: "4e kwartaal 2026" });
    expect(choices.years.at(-1)).toEqual({ value: "2020", label: "2020" });
    expect(choices.months).toHaveLength(12 * 6 + 11);
  });
});

describe("median and p90 (nearest rank)", () => {
  it("odd and even counts", () => {
    expect(median([10, 1, 4, 2, 6, 5, 3])).toBe(4);
    expect(p90([10, 1, 4, 2, 6, 5, 3])).toBe(10); // ⌈6.3⌉ = 7th of 7
    expect(median([6, 1, 5, 2, 4, 3])).toBe(3.5);
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // not interpolated
    expect(median([])).toBeNull();
  });

  it("statistics only from at least 5 cases whose related counts are all published", () => {
    expect(leadTimeStats([])).toEqual({ median: null, p90: null });
    expect(leadTimeStats([1, 2, 3, 4])).toEqual({ median: TOO_FEW, p90: TOO_FEW });
    // Six decisions, but the included count is hidden as a complement: a statistic would tell that the hidden
    // counts add up to at least 5, which narrows them.
    expect(leadTimeStats([1, 2, 3, 4, 5, 6], [SUPPRESSED, 0])).toEqual({ median: TOO_FEW, p90: TOO_FEW });
    expect(leadTimeStats([1, 2, 3, 4, 5], [5, 0])).toEqual({ median: 3, p90: 5 });
    expect(leadTimeStats([1.04, 2, 3, 4, 5, 6.26])).toEqual({ median: 3.5, p90: 6.3 });
  });

  it("values read the same on page, CSV and PDF", () => {
    expect(displayValue(SUPPRESSED)).toBe("onderdrukt");
    expect(displayValue(TOO_FEW)).toBe("te weinig casussen");
    expect(displayValue(3.5)).toBe("3,5");
    expect(displayValue(null)).toBe("geen casussen");
  });
});

describe("lead times of one case", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 9, 1 + day, 10)).toISOString();
  it("from the last start before the first end, at the same table", () => {
    const events = [
      { event: "receive", tableId: 2, at: at(0) },
      { event: "redirect", tableId: 1, at: at(2) },
      { event: "start_screening", tableId: 1, at: at(5) },
      { event: "include", tableId: 1, at: at(6) },
      { event: "discuss", tableId: 1, at: at(16) },
      { event: "discuss", tableId: 1, at: at(30) },
    ];
    const out = Object.fromEntries(caseLeadTimes(events).map((l) => [l.step, l]));
    expect(out.received_screening).toMatchObject({ tableId: 1, days: 3 }); // from the redirect, not the receipt at table 2
    expect(out.received_decision.days).toBe(4);
    expect(out.included_discussed.days).toBe(10); // the first discussion
    expect(out.discussed_plan).toBeUndefined();
  });

  it("age bands in whole days", () => {
    expect([0, 30.9, 31, 90.5, 91, 180.9, 181].map(ageBandOf)).toEqual(["0-30", "0-30", "31-90", "31-90", "91-180", "91-180", "180+"]);
  });
});
