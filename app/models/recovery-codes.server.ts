// Recovery codes for a lost phone or passkey: only SHA-256 hashes are stored (the codes are
// random, ~60 bits each, so a fast hash is enough); each works once.
import { and, count, eq, isNull } from "drizzle-orm";
import { recoveryCodes } from "#db/schema";
import type { Db } from "./db.server";

/** Replaces every code of the user (used or not) with these hashes. */
export function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  db.transaction((tx) => {
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const codeHash of hashes) tx.insert(recoveryCodes).values({ userId, codeHash }).run();
  });
}

/** Uses a code: true once, when the user has an unused code with this hash. */
export function useRecoveryCode(db: Db, userId: string, codeHash: string): boolean {
  return (
    db
      .update(recoveryCodes)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .run().changes === 1
  );
}

export function unusedRecoveryCodes(db: Db, userId: string): number {
  return db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).get()?.n ?? 0;
}
