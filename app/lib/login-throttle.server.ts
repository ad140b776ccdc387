// The login throttle, stored in SQLite (login_throttle) so a restart forgives nothing. The rules
// (progressive delays per account and per account + IP, numbers documented there) are in
// app/domain/login-throttle.ts; this module only reads and writes the counters.
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { loginThrottle } from "#db/schema";
import { afterFailure, countingFailures, FORGET_AFTER_MS, type ThrottlePolicy } from "~/domain/login-throttle";
import type { Db } from "~/models/db.server";

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
export type ThrottlePolicies = { account: ThrottlePolicy; pair: ThrottlePolicy };

const normalise = (email: string) => email.trim().toLowerCase();
const accountKey = (email: string) => `account ${email}`;
const pairKey = (email: string, ip: string) => `pair ${email} ${ip}`;

export function createLoginThrottle(db: Db, policies: ThrottlePolicies) {
  const rowsFor = (email: string, ip: string) =>
    db.select().from(loginThrottle).where(inArray(loginThrottle.key, [accountKey(email), pairKey(email, ip)])).all();

  return {
    policies,

    /** Milliseconds before an attempt for this account from this address is looked at; 0: now. */
    waitMs(emailTyped: string, ip: string, now = Date.now()): number {
      const email = normalise(emailTyped);
      return Math.max(0, ...rowsFor(email, ip).map((row) => (countingFailures(row, now) > 0 ? row.notBefore - now : 0)));
    },

    /** One more failure for the account and for the account + address, in one transaction. */
    recordFailure(emailTyped: string, ip: string, now = Date.now()) {
      const email = normalise(emailTyped);
      db.transaction((tx) => {
        const existing = new Map(
          tx.select().from(loginThrottle).where(inArray(loginThrottle.key, [accountKey(email), pairKey(email, ip)])).all().map((r) => [r.key, r]),
        );
        const keys = [
          { key: accountKey(email), kind: "account" as const, ip: null, policy: policies.account },
          { key: pairKey(email, ip), kind: "pair" as const, ip, policy: policies.pair },
        ];
        for (const { key, kind, ip: address, policy } of keys) {
          const next = afterFailure(existing.get(key), now, policy);
          tx.insert(loginThrottle)
            .values({ key, kind, email, ip: address, ...next })
            .onConflictDoUpdate({ target: loginThrottle.key, set: next })
            .run();
        }
      });
    },

    /**
     * A complete login (password and second factor): the account's count and this address's start
     * again. Other addresses' counts stay: an attacker elsewhere gains nothing from the owner's login.
     */
    recordSuccess(emailTyped: string, ip: string) {
      const email = normalise(emailTyped);
      db.delete(loginThrottle).where(inArray(loginThrottle.key, [accountKey(email), pairKey(email, ip)])).run();
    },

    /** What an administrator sees: keys that are delaying attempts now or have passed their free failures. */
    blocked(now = Date.now()) {
      const rows = db
        .select()
        .from(loginThrottle)
        .where(and(gt(loginThrottle.lastFailureAt, now - FORGET_AFTER_MS), or(gt(loginThrottle.notBefore, now), gt(loginThrottle.failures, 0))))
        .all();
      return rows
        .filter((row) => row.failures > (row.kind === "account" ? policies.account.free : policies.pair.free) || row.notBefore > now)
        .sort((a, b) => b.lastFailureAt - a.lastFailureAt);
    },

    /** An administrator releases an account: its counters (all addresses) are deleted. */
    release(emailTyped: string): number {
      return db.delete(loginThrottle).where(eq(loginThrottle.email, normalise(emailTyped))).run().changes;
    },
  };
}
