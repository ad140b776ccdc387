import { describe, expect, it } from "vitest";
import {
  amsterdamDate,
  dutchHoliday,
  endOfNextWorkingDay,
  isWorkingDay,
  nextWorkingDay,
  withinNextWorkingDay,
} from "../../app/domain/working-days";

describe("Dutch working days", () => {
  it("weekends are not working days", () => {
    expect(isWorkingDay("2026-12-05")).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-06")).toBe(false); // Sunday
    expect(isWorkingDay("2026-12-07")).toBe(true); // Monday
  });

  it("the public holidays of the Algemene termijnenwet stop the clock, Goede Vrijdag does not", () => {
    for (const day of [
      "2026-01-01", // Nieuwjaar
      "2026-04-06", // Tweede paasdag
      "2026-04-27", // Koningsdag (Monday)
      "2026-05-05", // Bevrijdingsdag
      "2026-05-14", // Hemelvaartsdag
      "2026-05-25", // Tweede pinksterdag
      "2026-12-25", // Kerstmis
      "2027-05-06", // Hemelvaartsdag 2027
    ]) {
      expect(isWorkingDay(day), day).toBe(false);
      expect(dutchHoliday(day), day).not.toBeNull();
    }
    expect(dutchHoliday("2026-04-06")).toBe("Tweede paasdag");
    expect(isWorkingDay("2026-04-03")).toBe(true); // Goede Vrijdag
    expect(isWorkingDay("2026-12-31")).toBe(true); // Oudejaarsdag
    expect(isWorkingDay("2026-05-04")).toBe(true); // Dodenherdenking
  });

  it("the next working day skips weekends and holidays", () => {
    expect(nextWorkingDay("2026-12-01")).toBe("2026-12-02"); // Tue → Wed
    expect(nextWorkingDay("2026-12-04")).toBe("2026-12-07"); // Fri → Mon
    expect(nextWorkingDay("2026-12-05")).toBe("2026-12-07"); // Sat → Mon
    expect(nextWorkingDay("2026-04-24")).toBe("2026-04-28"); // Fri → weekend, Koningsdag → Tue
    expect(nextWorkingDay("2026-12-24")).toBe("2026-12-28"); // Thu → Christmas, weekend → Mon
    expect(nextWorkingDay("2026-12-31")).toBe("2027-01-04"); // New Year, weekend
    expect(nextWorkingDay("2026-05-13")).toBe("2026-05-15"); // Hemelvaart
    expect(nextWorkingDay("2026-04-02")).toBe("2026-04-03"); // Goede Vrijdag counts
    expect(nextWorkingDay("2026-04-03")).toBe("2026-04-07"); // Easter weekend, Tweede paasdag
  });

  it("refuses what is not a calendar day", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => nextWorkingDay("morgen")).toThrow(RangeError);
  });

  it("takes the Amsterdam calendar day of an instant", () => {
    expect(amsterdamDate("2026-12-01T23:30:00Z")).toBe("2026-12-02"); // 00:30 in winter
    expect(amsterdamDate("2026-06-30T22:30:00Z")).toBe("2026-07-01"); // 00:30 in summer
    expect(amsterdamDate("2026-12-01T22:59:00Z")).toBe("2026-12-01");
  });

  it("the deadline is the end of the next working day in Amsterdam", () => {
    // A meeting on Tuesday 1 Dec 2026, 14:00 local → end of Wednesday 2 Dec (23:00 UTC in winter).
    expect(endOfNextWorkingDay("2026-12-01T13:00:00Z").toISOString()).toBe("2026-12-02T23:00:00.000Z");
    // Friday 23:30 local → end of Monday.
    expect(endOfNextWorkingDay("2026-12-04T22:30:00Z").toISOString()).toBe("2026-12-07T23:00:00.000Z");
    // 00:30 local on Saturday is Friday 23:30 UTC: Saturday counts as X → still Monday.
    expect(endOfNextWorkingDay("2026-12-04T23:30:00Z").toISOString()).toBe("2026-12-07T23:00:00.000Z");
    // Summer time: Friday 24 April 2026 → Tuesday 28 April ends 22:00 UTC.
    expect(endOfNextWorkingDay("2026-04-24T10:00:00Z").toISOString()).toBe("2026-04-28T22:00:00.000Z");
    // Across the clock change (25 Oct 2026): Friday 23 Oct → Monday 26 Oct ends 23:00 UTC (winter).
    expect(endOfNextWorkingDay("2026-10-23T10:00:00Z").toISOString()).toBe("2026-10-26T23:00:00.000Z");
  });

  it("on time means before the deadline", () => {
    expect(withinNextWorkingDay("2026-12-04T13:00:00Z", "2026-12-07T22:59:59Z")).toBe(true);
    expect(withinNextWorkingDay("2026-12-04T13:00:00Z", "2026-12-07T23:00:00Z")).toBe(false);
    expect(withinNextWorkingDay("2026-12-04T13:00:00Z", "2026-12-04T15:00:00Z")).toBe(true);
  });
});
