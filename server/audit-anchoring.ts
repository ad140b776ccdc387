// Periodically: verify what is new in the audit chain (a bounded slice, so a long backlog is
// caught up over several runs without stalling requests) and anchor the chain's head outside
// the database. Alarms go to the server log (never patient data: ids and hashes only).
import { anchorHead } from "../app/lib/audit-anchors.server";
import { formatDateTime } from "../app/domain/format";
import { verifyAuditSinceCheckpoint } from "../app/lib/audit-verification.server";
import type { AppConfig } from "../app/lib/config.server";
import type { Db } from "../app/models/db.server";
import { auditAnchorMail } from "../app/domain/mail-text";
import { enqueueMail } from "../app/models/outbox.server";

const SLICE = 5000;

export function auditAnchorTick(db: Db, config: AppConfig, origin: () => string): void {
  try {
    const verdict = verifyAuditSinceCheckpoint(db, { maxEvents: SLICE });
    if (!verdict.ok) console.error(`AUDITLOG VERBROKEN bij regel ${verdict.brokenId}: ${verdict.reason}`);
    if (verdict.truncated) console.error(`AUDITLOG INGEKORT na regel ${verdict.truncated.lastId} (uitgegeven tot ${verdict.truncated.issued})`);
    const { written, problem } = anchorHead(db, config.audit.anchorDir);
    if (problem) console.error(`AUDITLOG klopt niet met het anker: ${problem.reason}`);
    // A second copy outside the server: through the outbox, so an SMTP outage only delays it.
    if (written && config.audit.anchorMailTo) {
      enqueueMail(db, { kind: "audit_anchor", toUserId: null, toAddress: config.audit.anchorMailTo, ...auditAnchorMail({ eventId: written.eventId, hash: written.hash, when: formatDateTime(written.at) }, origin()) });
    }
  } catch (error) {
    console.error("Auditanker niet geschreven", error instanceof Error ? error.message : error);
  }
}

/** Runs at start and then every AUDIT_ANCHOR_MINUTES; returns the stop function. */
export function startAuditAnchoring(db: Db, config: AppConfig, origin: () => string): () => void {
  auditAnchorTick(db, config, origin);
  const timer = setInterval(() => auditAnchorTick(db, config, origin), config.audit.anchorEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
