// Passkeys (WebAuthn credentials) registered as a second factor, and their one-time challenges.
import { and, asc, count, eq, gt, lt } from "drizzle-orm";
import { webauthnChallenges, webauthnCredentials } from "#db/schema";
import type { Db } from "./db.server";

/** A challenge may be answered within this time (the browser's own timeout is 60 s). */
export const CHALLENGE_MS = 5 * 60_000;

export type ChallengePurpose = "register" | "login";

export function passkeyCount(db: Db, userId: string): number {
  return db.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).get()?.n ?? 0;
}

export function passkeysOf(db: Db, userId: string) {
  return db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).orderBy(asc(webauthnCredentials.createdAt)).all();
}

export function passkeyById(db: Db, userId: string, credentialId: string) {
  return db
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, credentialId)))
    .get();
}

export function savePasskey(db: Db, input: { id: string; userId: string; publicKey: Uint8Array; counter: number; transports: string[]; name: string }): boolean {
  const inserted = db
    .insert(webauthnCredentials)
    .values({ ...input, publicKey: Buffer.from(input.publicKey), transports: input.transports.join(",") || null })
    .onConflictDoNothing()
    .run();
  return inserted.changes === 1;
}

export function removePasskey(db: Db, userId: string, credentialId: string): boolean {
  return db.delete(webauthnCredentials).where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, credentialId))).run().changes === 1;
}

export function markPasskeyUsed(db: Db, credentialId: string, counter: number) {
  db.update(webauthnCredentials).set({ counter, lastUsedAt: new Date().toISOString() }).where(eq(webauthnCredentials.id, credentialId)).run();
}

export function saveChallenge(db: Db, challenge: string, userId: string, purpose: ChallengePurpose, now = Date.now()) {
  db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)).run(); // old ones go on the way
  db.insert(webauthnChallenges).values({ challenge, userId, purpose, expiresAt: now + CHALLENGE_MS }).run();
}

/** Consumes a challenge: true once, for the user and purpose it was made for and before it expired. */
export function takeChallenge(db: Db, challenge: string, userId: string, purpose: ChallengePurpose, now = Date.now()): boolean {
  return (
    db
      .delete(webauthnChallenges)
      .where(
        and(
          eq(webauthnChallenges.challenge, challenge),
          eq(webauthnChallenges.userId, userId),
          eq(webauthnChallenges.purpose, purpose),
          gt(webauthnChallenges.expiresAt, now),
        ),
      )
      .run().changes === 1
  );
}
