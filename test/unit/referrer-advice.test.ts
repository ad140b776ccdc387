import { describe, expect, it } from "vitest";
import { adviceProblem, adviceState, onTimeShare } from "../../app/domain/referrer-advice";

const due = "2026-12-09T23:00:00.000Z";

describe("the advice to the referrer", () => {
  it("is due until the end of the next working day, overdue after", () => {
    expect(adviceState({ dueAt: due, recordedAt: null }, new Date("2026-12-09T22:59:00Z"))).toBe("due");
    expect(adviceState({ dueAt: due, recordedAt: null }, new Date("2026-12-09T23:00:00Z"))).toBe("overdue");
    expect(adviceState({ dueAt: due, recordedAt: "2026-12-09T10:00:00.000Z" }, new Date("2026-12-20T00:00:00Z"))).toBe("given_on_time");
    expect(adviceState({ dueAt: due, recordedAt: "2026-12-10T08:00:00.000Z" }, new Date("2026-12-20T00:00:00Z"))).toBe("given_late");
  });

  it("counts the share on time among given and overdue advices", () => {
    const now = new Date("2026-12-10T12:00:00Z");
    const share = onTimeShare(
      [
        { dueAt: due, recordedAt: "2026-12-09T10:00:00.000Z" }, // on time
        { dueAt: due, recordedAt: "2026-12-10T08:00:00.000Z" }, // late
        { dueAt: due, recordedAt: null }, // overdue
        { dueAt: "2026-12-11T23:00:00.000Z", recordedAt: null }, // still due: not counted
      ],
      now,
    );
    expect(share).toEqual({ counted: 3, onTime: 1, percent: 33 });
    expect(onTimeShare([], now)).toEqual({ counted: 0, onTime: 0, percent: null });
  });

  it("needs an answer or an offer", () => {
    expect(adviceProblem({ questionAnswer: " ", fittingOffer: null })).toMatch(/Beantwoord/);
    expect(adviceProblem({ questionAnswer: null, fittingOffer: "KIB bij Parnassia" })).toBeNull();
  });
});
