// Password hashing: argon2id with OWASP's minimum (19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum cannot be imported under isolatedModules
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

/**
 * Stored for an account whose person has not chosen a password yet (invited, or created by
 * admin:create): no password ever matches it. They set one through their activation link.
 */
export const NO_PASSWORD = "!no-password";

// Verifying against this when the account does not exist keeps the answer time the same.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("regiotafel-dummy-password");
  try {
    const usable = passwordHash != null && passwordHash !== NO_PASSWORD;
    const matches = await verify(usable ? passwordHash : await dummyHash, password);
    return usable && matches;
  } catch {
    return false;
  }
}
