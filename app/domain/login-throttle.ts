// The login throttle's rules: progressive delays instead of a lockout (security.md, "Accounts and
// sessions"). Failed logins (wrong password, or wrong second-factor code) are counted per account
// (the e-mail typed, existing or not) and per account + IP address. After a few free failures each
// further one makes the next attempt wait longer, doubling up to a cap:
//  - per account + IP: 5 free, then 1 s, 2 s, 4 s … up to 15 minutes. One address guessing one
//    account gets ~15 guesses in the first 20 minutes and then 4 per hour (~100 a day).
//  - per account, from all addresses together: 10 free, then 1 s, 2 s … up to 1 minute. A botnet
//    gets at most one guess a minute per account (1,440 a day), against a password policy that
//    refuses common passwords, and a second factor on top.
// Nobody can lock a colleague out: an attack on an account delays its owner by at most a minute,
// and failures from a hospital's shared NAT address count per account, not for everyone behind it.
// A key's count is forgotten 24 hours after its last failure, and when the account signs in.
// Pure: no clock of its own, no database.

export type ThrottlePolicy = {
  /** Failures without any delay. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
};

export const DEFAULT_PAIR_POLICY: ThrottlePolicy = { free: 5, baseMs: 1_000, maxMs: 15 * 60_000 };
export const DEFAULT_ACCOUNT_POLICY: ThrottlePolicy = { free: 10, baseMs: 1_000, maxMs: 60_000 };
export const FORGET_AFTER_MS = 24 * 3_600_000;

/** How long the next attempt waits after this many failures. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.free) return 0;
  const doublings = Math.min(failures - policy.free - 1, 40); // 2^40 s is past any cap
  return Math.min(policy.maxMs, policy.baseMs * 2 ** doublings);
}

/** The failures that still count at `now` (forgotten a day after the last one). */
export function countingFailures(state: { failures: number; lastFailureAt: number } | undefined, now: number): number {
  if (!state || now - state.lastFailureAt >= FORGET_AFTER_MS) return 0;
  return state.failures;
}

/** The state after one more failure at `now`. */
export function afterFailure(state: { failures: number; lastFailureAt: number } | undefined, now: number, policy: ThrottlePolicy) {
  const failures = countingFailures(state, now) + 1;
  return { failures, lastFailureAt: now, notBefore: now + delayAfter(failures, policy) };
}

/** "Probeer het over 45 seconden opnieuw." — rounded up, in seconds below two minutes, else minutes. */
export function retryMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 120 ? `${seconds} ${seconds === 1 ? "seconde" : "seconden"}` : `${Math.ceil(seconds / 60)} minuten`;
  return `Te veel mislukte pogingen. Probeer het over ${when} opnieuw.`;
}
