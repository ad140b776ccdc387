// Verifying the audit chain without re-reading ten years of it on every look: a checkpoint
// (event id + hash, verified from the first event) lets the next verification start there.
// The full verification (from the first event) stays available: `npm run audit:verify`.
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { auditCheckpoints } from "#db/schema";
import { GENESIS_HASH, verifyChain, type ChainRow, type ChainVerdict } from "~/domain/audit-chain";
import type { Db } from "~/models/db.server";

export type ChainHead = { eventId: number; hash: string };

export type Verification = ChainVerdict & {
  /** Where this verification started: 0 = the first event, else the checkpoint's event id. */
  from: number;
  /** False when it stopped at `maxEvents` with more left (the next one continues there). */
  complete: boolean;
  /** The chain's newest event, as verified. */
  head: ChainHead | null;
  /** Rows cut off the end: the highest id ever handed out is above the newest row. */
  truncated: { lastId: number; issued: number } | null;
};

/** Reads events after `afterId` in pages, so a long log is never held in memory at once. */
function* eventsAfter(db: Db, afterId: number, max: number, pageSize = 5000): Generator<ChainRow> {
  const page = db.$client.prepare(
    `SELECT id, at, action, outcome, user_id AS userId, user_email AS userEmail, role, organisation_id AS organisationId,
            responsible_user_id AS responsibleUserId, object_type AS objectType, object_id AS objectId, patient_id AS patientId,
            detail, consent_override AS consentOverride, ip, user_agent AS userAgent, prev_hash AS prevHash, hash
       FROM audit_events WHERE id > ? ORDER BY id LIMIT ?`,
  );
  let after = afterId;
  let left = max;
  while (left > 0) {
    const rows = page.all(after, Math.min(pageSize, left)) as ChainRow[];
    yield* rows;
    if (rows.length < Math.min(pageSize, left)) return;
    left -= rows.length;
    after = rows[rows.length - 1].id;
  }
}

/** The newest sound checkpoint: where the next verification starts. */
export function latestCheckpoint(db: Db) {
  return db.select().from(auditCheckpoints).where(isNull(auditCheckpoints.brokenReason)).orderBy(desc(auditCheckpoints.id)).limit(1).get() ?? null;
}

/** A break found by a verification and not cleared since by a full verification that passed. */
export function unresolvedBreak(db: Db) {
  const lastFull = db
    .select({ id: auditCheckpoints.id })
    .from(auditCheckpoints)
    .where(and(eq(auditCheckpoints.kind, "full"), isNull(auditCheckpoints.brokenReason)))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1)
    .get();
  return (
    db
      .select()
      .from(auditCheckpoints)
      .where(and(isNotNull(auditCheckpoints.brokenReason), gt(auditCheckpoints.id, lastFull?.id ?? 0)))
      .orderBy(desc(auditCheckpoints.id))
      .limit(1)
      .get() ?? null
  );
}

/** AUTOINCREMENT remembers the highest id handed out (sqlite_sequence): a newest row below it means rows were cut off. */
export function truncation(db: Db): { lastId: number; issued: number } | null {
  const lastId = (db.$client.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number | null }).id ?? 0;
  const issued = (db.$client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number } | undefined)?.seq ?? 0;
  return issued > lastId ? { lastId, issued } : null;
}

function verifyFrom(db: Db, start: ChainHead | null, maxEvents: number): Verification {
  const from = start?.eventId ?? 0;
  let head: ChainHead | null = start;
  let seen = 0;
  const tracked = (function* () {
    for (const row of eventsAfter(db, from, maxEvents)) {
      seen++;
      yield row;
      head = { eventId: row.id, hash: row.hash };
    }
  })();
  const verdict = verifyChain(tracked, start?.hash ?? GENESIS_HASH);
  const complete = !verdict.ok || seen < maxEvents || !db.$client.prepare("SELECT 1 FROM audit_events WHERE id > ?").get(head?.eventId ?? 0);
  return { ...verdict, from, complete, head, truncated: verdict.ok && complete ? truncation(db) : null };
}

function storeCheckpoint(db: Db, result: Verification, kind: "full" | "incremental") {
  if (!result.ok) {
    db.insert(auditCheckpoints).values({ eventId: result.brokenId, hash: "", kind, brokenReason: result.reason }).run();
  } else if (result.truncated) {
    const reason = `laatste regel(s) verwijderd (hoogste uitgegeven regelnummer ${result.truncated.issued})`;
    db.insert(auditCheckpoints).values({ eventId: result.truncated.lastId, hash: "", kind, brokenReason: reason }).run();
  } else if (result.head && (result.head.eventId !== result.from || kind === "full")) {
    db.insert(auditCheckpoints).values({ eventId: result.head.eventId, hash: result.head.hash, kind }).run();
  }
}

/** From the first event; stores a checkpoint when sound. */
export function verifyAuditFull(db: Db, options: { store?: boolean } = {}): Verification {
  const result = verifyFrom(db, null, Number.MAX_SAFE_INTEGER);
  if (options.store !== false) storeCheckpoint(db, result, "full");
  return result;
}

/**
 * From the latest checkpoint (first checking that its event still has its hash), at most
 * `maxEvents` new events; stores the new checkpoint when sound.
 */
export function verifyAuditSinceCheckpoint(db: Db, options: { maxEvents?: number; store?: boolean } = {}): Verification {
  const checkpoint = latestCheckpoint(db);
  if (checkpoint) {
    // The checkpoint's own row: still there, the same hash, and content that still gives that hash.
    const [row] = eventsAfter(db, checkpoint.eventId - 1, 1);
    const problem =
      !row || row.id !== checkpoint.eventId
        ? "regel van het controlepunt verwijderd"
        : row.hash !== checkpoint.hash || !verifyChain([row], row.prevHash).ok
          ? "inhoud gewijzigd sinds het controlepunt"
          : null;
    if (problem) {
      const result: Verification = { ok: false, checked: 0, brokenId: checkpoint.eventId, reason: problem, from: checkpoint.eventId, complete: true, head: null, truncated: null };
      if (options.store !== false) storeCheckpoint(db, result, "incremental");
      return result;
    }
  }
  const result = verifyFrom(db, checkpoint, options.maxEvents ?? Number.MAX_SAFE_INTEGER);
  if (options.store !== false) storeCheckpoint(db, result, checkpoint ? "incremental" : "full");
  return result;
}
