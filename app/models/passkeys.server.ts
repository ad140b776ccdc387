// Passkeys (WebAuthn credentials) registered as a second factor, and their one-time challenges.
import { and, count, eq, lt } from "drizzle-orm";
import { webauthnChallenges, webauthnCredentials } from "#db/schema";
import type { Db } from "~/lib/db.server";

export function passkeyCount(db: Db, userId: string): number {
  return db.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).get()?.n ?? 0;
}
