// The stored side of the second factor: users.totpSecret (null = not set up) and users.totpLastStep.
// Each write is one conditional UPDATE, so two requests with the same code cannot both succeed.
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { recoveryCodes, users, webauthnCredentials } from "#db/schema";
import { passkeyCount } from "./passkeys.server";
import type { Db } from "./db.server";

export type SecondFactorState = { email: string; secret: string | null; lastStep: number | null };

export function secondFactorState(db: Db, userId: string): SecondFactorState | null {
  const row = db
    .select({ email: users.email, secret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return row ?? null;
}

/** An authenticator app or at least one passkey. */
export function secondFactorEnabled(db: Db, userId: string): boolean {
  return secondFactorState(db, userId)?.secret != null || passkeyCount(db, userId) > 0;
}

const laterStep = (step: number) => or(isNull(users.totpLastStep), lt(users.totpLastStep, step));

/** Records that a code of this step was used; false when it (or a later one) already was. */
export function claimStep(db: Db, userId: string, secret: string, step: number): boolean {
  return (
    db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), eq(users.totpSecret, secret), laterStep(step)))
      .run().changes === 1
  );
}

/** Stores a confirmed secret with the step of the code that confirmed it; false when one is already set. */
export function saveSecondFactor(db: Db, userId: string, secret: string, step: number): boolean {
  return (
    db
      .update(users)
      .set({ totpSecret: secret, totpLastStep: step })
      .where(and(eq(users.id, userId), isNull(users.totpSecret)))
      .run().changes === 1
  );
}

/**
 * Turning it off with a code: the code's step is claimed and the secret removed in one
 * statement, so the same code cannot be used for anything else.
 */
export function disableSecondFactor(db: Db, userId: string, secret: string, step: number): boolean {
  return (
    db
      .update(users)
      .set({ totpSecret: null, totpLastStep: null })
      .where(and(eq(users.id, userId), eq(users.totpSecret, secret), laterStep(step)))
      .run().changes === 1
  );
}

/**
 * An administrator's reset (lost phone and codes): the app, every passkey and every recovery code
 * go; the user sets a second factor up again. False when none was set.
 */
export function resetSecondFactor(db: Db, userId: string): boolean {
  return db.transaction((tx) => {
    const app = tx
      .update(users)
      .set({ totpSecret: null, totpLastStep: null })
      .where(and(eq(users.id, userId), isNotNull(users.totpSecret)))
      .run().changes;
    const keys = tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).run().changes;
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    return app + keys > 0;
  });
}

/** Which ways the user has to answer the second step of a login. */
export function secondStepOptions(db: Db, userId: string): { app: boolean; passkey: boolean } {
  return { app: secondFactorState(db, userId)?.secret != null, passkey: passkeyCount(db, userId) > 0 };
}
