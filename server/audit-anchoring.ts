// Periodically: verify what is new in the audit chain (a bounded slice, so a long backlog is
// caught up over several runs without stalling requests) and anchor the chain's head outside
// the database. Alarms go to the server log (never patient data: ids and hashes only).
import { anchorHead } from "../app/lib/audit-anchors.server";
import { verifyAuditSinceCheckpoint } from "../app/lib/audit-verification.server";
import type { AppConfig } from "../app/lib/config.server";
import type { Db } from "../app/lib/db.server";

const SLICE = 5000;

export function auditAnchorTick(db: Db, config: AppConfig): void {
  try {
    const verdict = verifyAuditSinceCheckpoint(db, { maxEvents: SLICE });
    if (!verdict.ok) console.error(`AUDITLOG VERBROKEN bij regel ${verdict.brokenId}: ${verdict.reason}`);
    if (verdict.truncated) console.error(`AUDITLOG INGEKORT na regel ${verdict.truncated.lastId} (uitgegeven tot ${verdict.truncated.issued})`);
    const { problem } = anchorHead(db, config.audit.anchorDir);
    if (problem) console.error(`AUDITLOG klopt niet met het anker: ${problem.reason}`);
  } catch (error) {
    console.error("Auditanker niet geschreven", error instanceof Error ? error.message : error);
  }
}

/** Runs at start and then every AUDIT_ANCHOR_MINUTES; returns the stop function. */
export function startAuditAnchoring(db: Db, config: AppConfig): () => void {
  auditAnchorTick(db, config);
  const timer = setInterval(() => auditAnchorTick(db, config), config.audit.anchorEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
