// Making recovery codes and checking one typed at the second step. The codes are shown once, on
// the page that made them; only their hashes are stored (models/recovery-codes.server.ts).
import { createHash, randomInt } from "node:crypto";
import { groupedRecoveryCode, normaliseRecoveryCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from "~/domain/second-factor";
import { replaceRecoveryCodes, unusedRecoveryCodes, useRecoveryCode } from "~/models/recovery-codes.server";
import type { Db } from "~/models/db.server";

const hash = (normalised: string) => createHash("sha256").update(normalised).digest("hex");

function newCode(): string {
  let code = "";
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code;
}

/** A new set for the user (the old set stops working); returns the codes to show, grouped, once. */
export function generateRecoveryCodes(db: Db, userId: string): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  replaceRecoveryCodes(db, userId, codes.map(hash));
  return codes.map(groupedRecoveryCode);
}

/** Uses a typed code; `remaining` is what is left afterwards. */
export function redeemRecoveryCode(db: Db, userId: string, typed: string): { ok: true; remaining: number } | { ok: false } {
  const normalised = normaliseRecoveryCode(typed);
  if (!normalised || !useRecoveryCode(db, userId, hash(normalised))) return { ok: false };
  return { ok: true, remaining: unusedRecoveryCodes(db, userId) };
}
