import { isUrgent, mailAtOnce, NOTICE_KINDS, retryDelayMs } from "~/domain/notification-kinds";

describe("mail retry back-off", () => {
  it("doubles from the base after each failed attempt and stops at the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(retryDelayMs(30, 60_000)).toBe(6 * 3_600_000);
    expect(retryDelayMs(1000, 60_000, 10_000)).toBe(10_000);
  });
});

describe("immediate or digest", () => {
  it("urgent kinds go at once whatever the user chose; the rest wait when the user chose the digest", () => {
    for (const kind of NOTICE_KINDS) {
      expect(mailAtOnce(kind, false)).toBe(true);
      expect(mailAtOnce(kind, true)).toBe(isUrgent(kind));
    }
    expect(isUrgent("referral_received")).toBe(true);
    expect(isUrgent("screening_outcome")).toBe(true);
    expect(isUrgent("meeting_cancelled")).toBe(true);
    expect(isUrgent("arrangement_approved")).toBe(false);
    expect(isUrgent("case_on_agenda")).toBe(false);
  });
});
