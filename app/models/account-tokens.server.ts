// One-time account links (activation, password reset). The link carries a random token; only its
// SHA-256 is stored, so a copy of the database opens no account. A link works once, until it expires.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { accountTokens, users } from "#db/schema";
import type { AccountTokenPurpose } from "~/domain/notification-kinds";
import type { Db } from "./db.server";

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = { activation: 24 * 3_600_000, reset: 3_600_000 };

export const hashAccountToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** 32 random bytes, base64url: 43 characters. */
export const ACCOUNT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new link for this user and purpose; earlier unused links of the same purpose stop working. */
export function issueAccountToken(db: Db, userId: string, purpose: AccountTokenPurpose, now = new Date()): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString();
  db.transaction((tx) => {
    tx.update(accountTokens)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
      .run();
    tx.insert(accountTokens).values({ userId, purpose, tokenHash: hashAccountToken(token), expiresAt }).run();
  });
  return { token, expiresAt };
}

export type TokenHolder = { tokenId: number; userId: string; email: string; name: string };

/** The unused, unexpired link of this purpose and its (active) user, or null. */
export function findAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()): TokenHolder | null {
  if (!ACCOUNT_TOKEN_PATTERN.test(token)) return null;
  return (
    db
      .select({ tokenId: accountTokens.id, userId: users.id, email: users.email, name: users.name })
      .from(accountTokens)
      .innerJoin(users, eq(accountTokens.userId, users.id))
      .where(
        and(
          eq(accountTokens.tokenHash, hashAccountToken(token)),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now.toISOString()),
          eq(users.active, true),
        ),
      )
      .get() ?? null
  );
}

/** Uses the link up and sets the password in one transaction; false when it was used meanwhile. */
export function consumeAccountToken(db: Db, tokenId: number, userId: string, passwordHash: string, now = new Date()): boolean {
  return db.transaction((tx) => {
    const used = tx
      .update(accountTokens)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt)))
      .run().changes;
    if (used !== 1) return false;
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    return true;
  });
}
