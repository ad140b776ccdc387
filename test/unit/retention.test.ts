import { retentionCutoff, roomMessagesExpired } from "../../app/domain/retention";

describe("retention of case-room messages", () => {
  const now = new Date("2026-11-23T12:00:00.000Z");

  it("puts the cutoff the retention period before now", () => {
    expect(retentionCutoff(now, 365)).toBe("2025-11-23T12:00:00.000Z");
    expect(retentionCutoff(now, 1)).toBe("2026-11-22T12:00:00.000Z");
  });

  it("expires only cases closed before the cutoff; open cases never", () => {
    expect(roomMessagesExpired("2025-11-23T11:59:59.999Z", now, 365)).toBe(true);
    expect(roomMessagesExpired("2025-11-23T12:00:00.000Z", now, 365)).toBe(false);
    expect(roomMessagesExpired("2026-06-01T00:00:00.000Z", now, 365)).toBe(false);
    expect(roomMessagesExpired(null, now, 1)).toBe(false);
  });
});
