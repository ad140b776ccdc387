import { describe, expect, it } from "vitest";
import { adviceDueAt, minutesTimeProblem } from "../../app/domain/minutes";

describe("meetings in time order", () => {
  const start = "2026-12-08T13:00:00.000Z";
  it("refuses minutes before the meeting's start, allows them from the start on", () => {
    expect(minutesTimeProblem(start, new Date("2026-12-01T10:00:00Z"))).toMatch(/begint pas op/);
    expect(minutesTimeProblem(start, new Date("2026-12-08T12:59:59Z"))).toMatch(/vanaf de start/);
    expect(minutesTimeProblem(start, new Date(start))).toBeNull();
    expect(minutesTimeProblem(start, new Date("2026-12-09T09:00:00Z"))).toBeNull();
  });

  it("the advice is due at the end of the next working day after the meeting", () => {
    expect(adviceDueAt(start)).toBe("2026-12-09T23:00:00.000Z"); // Tuesday → end of Wednesday
    expect(adviceDueAt("2026-12-24T09:00:00.000Z")).toBe("2026-12-28T23:00:00.000Z"); // Christmas, weekend
  });
});
