// The hash chain behind the NEN 7513 access log: each event's hash covers the previous
// hash and the event's own fields, so changing or removing any row breaks every later link.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  at: string;
  action: string;
  outcome: string;
  userId: string | null;
  userEmail: string | null;
  role: string | null;
  organisationId: number | null;
  responsibleUserId: string | null;
  objectType: string | null;
  objectId: string | null;
  patientId: string | null;
  detail: string | null;
  consentOverride: boolean;
  ip: string | null;
  userAgent: string | null;
};

const FIELD_ORDER: (keyof ChainedFields)[] = [
  "at", "action", "outcome", "userId", "userEmail", "role", "organisationId", "responsibleUserId",
  "objectType", "objectId", "patientId", "detail", "consentOverride", "ip", "userAgent",
];

export function hashEvent(prevHash: string, event: ChainedFields): string {
  // A fixed field order, not object key order, so the hash never depends on how a row was built.
  const canonical = JSON.stringify([prevHash, ...FIELD_ORDER.map((k) => event[k] ?? null)]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainRow = ChainedFields & { id: number; prevHash: string; hash: string };
export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenId: number; reason: string };

/** Walks the rows in id order (from the chain's start, or from a verified row's hash); names the first row whose link or content does not add up. */
export function verifyChain(rows: Iterable<ChainRow>, startHash = GENESIS_HASH): ChainVerdict {
  let expectedPrev = startHash;
  let checked = 0;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) {
      return { ok: false, checked, brokenId: row.id, reason: "vorige hash klopt niet (rij verwijderd of ingevoegd)" };
    }
    if (hashEvent(row.prevHash, { ...row, consentOverride: Boolean(row.consentOverride) }) !== row.hash) {
      return { ok: false, checked, brokenId: row.id, reason: "inhoud gewijzigd" };
    }
    expectedPrev = row.hash;
    checked++;
  }
  return { ok: true, checked };
}
