// A token bucket per key (security.md, "Per-user rate limits"): a burst of `burst` actions at once,
// then `perMinute` a minute. Case-room defaults: 10 at once (a quick exchange), then one a second:
// more than anyone types, far less than a script (finding 10 stored 3,000 messages in 7 s). The
// burst is kept small because every stored message is a synced commit (synchronous=FULL) that holds
// the event loop while it lasts. Pure: the caller passes the clock; the state is a plain map.

export type RatePolicy = { burst: number; perMinute: number };
export const DEFAULT_MESSAGE_RATE: RatePolicy = { burst: 10, perMinute: 60 };

type Bucket = { tokens: number; at: number };

export function createTokenBuckets(policy: RatePolicy) {
  const buckets = new Map<string, Bucket>();
  const perMs = policy.perMinute / 60_000;
  const current = (key: string, now: number): Bucket => {
    const b = buckets.get(key);
    if (!b) return { tokens: policy.burst, at: now };
    return { tokens: Math.min(policy.burst, b.tokens + (now - b.at) * perMs), at: now };
  };
  return {
    policy,
    /** 0 when an action may go now, else the milliseconds until one may. Takes nothing. */
    waitMs(key: string, now = Date.now()): number {
      const b = current(key, now);
      return b.tokens >= 1 - 1e-9 ? 0 : Math.ceil((1 - b.tokens) / perMs - 1e-6);
    },
    /** Uses one token (call after waitMs said 0 and the action really happened). */
    take(key: string, now = Date.now()) {
      const b = current(key, now);
      b.tokens = Math.max(0, b.tokens - 1);
      // One entry per account that ever sent: bounded by the number of accounts.
      buckets.set(key, b);
    },
    /** Gives back a token taken for an action that did not happen after all. */
    give(key: string, now = Date.now()) {
      const b = current(key, now);
      b.tokens = Math.min(policy.burst, b.tokens + 1);
      buckets.set(key, b);
    },
  };
}
export type TokenBuckets = ReturnType<typeof createTokenBuckets>;

/** "U stuurt te veel berichten achter elkaar. Wacht 3 seconden en probeer het opnieuw." */
export function tooFastMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return `U stuurt te veel berichten achter elkaar. Wacht ${seconds} ${seconds === 1 ? "seconde" : "seconden"} en probeer het dan opnieuw.`;
}
