// The token bucket behind the case-room message limit (finding 10 of issue 13).
import { createTokenBuckets, DEFAULT_MESSAGE_RATE, tooFastMessage } from "~/domain/rate-limit";

describe("token bucket", () => {
  it("allows the burst at once, then one per refill interval, per key", () => {
    const buckets = createTokenBuckets({ burst: 3, perMinute: 60 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(buckets.waitMs("a", t0)).toBe(0);
      buckets.take("a", t0);
    }
    expect(buckets.waitMs("a", t0)).toBe(1000);
    expect(buckets.waitMs("b", t0)).toBe(0); // another user is not affected
    expect(buckets.waitMs("a", t0 + 999)).toBe(1);
    expect(buckets.waitMs("a", t0 + 1000)).toBe(0);
    buckets.take("a", t0 + 1000);
    expect(buckets.waitMs("a", t0 + 1000)).toBe(1000);
    // Refills to the burst, never beyond it.
    expect(buckets.waitMs("a", t0 + 3_600_000)).toBe(0);
    for (let i = 0; i < 3; i++) buckets.take("a", t0 + 3_600_000);
    expect(buckets.waitMs("a", t0 + 3_600_000)).toBeGreaterThan(0);
  });

  it("lets 500 attempts in 2 s through only up to the default burst plus the refill", () => {
    const buckets = createTokenBuckets(DEFAULT_MESSAGE_RATE);
    let allowed = 0;
    for (let i = 0; i < 500; i++) {
      const now = 5_000_000 + i * 4; // 500 over 2 s
      if (buckets.waitMs("u", now) === 0) {
        buckets.take("u", now);
        allowed++;
      }
    }
    console.log(`token bucket ${DEFAULT_MESSAGE_RATE.burst} + ${DEFAULT_MESSAGE_RATE.perMinute}/min: 500 attempts in 2 s → ${allowed} allowed`);
    expect(allowed).toBe(DEFAULT_MESSAGE_RATE.burst + 1); // the last attempt comes at 1,996 ms: one refill
  });

  it("answers in Dutch with the wait in whole seconds", () => {
    expect(tooFastMessage(1)).toBe("U stuurt te veel berichten achter elkaar. Wacht 1 seconde en probeer het dan opnieuw.");
    expect(tooFastMessage(2500)).toMatch(/Wacht 3 seconden/);
  });
});
