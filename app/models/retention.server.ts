// Applies the retention rule: deletes case-room messages of cases closed longer ago than the
// retention period, and records what it did (counts only) in the audit log.
import { and, eq, inArray, lt, max } from "drizzle-orm";
import { caseEvents, caseMessages, cases } from "#db/schema";
import { retentionCutoff } from "~/domain/retention";
import { audit } from "./audit.server";
import type { Db } from "./db.server";

export function purgeExpiredRoomMessages(db: Db, now: Date, retentionDays: number): { cases: number; messages: number } {
  const cutoff = retentionCutoff(now, retentionDays);
  const closed = db
    .select({ caseId: caseEvents.caseId, closedAt: max(caseEvents.at) })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(and(eq(caseEvents.event, "close"), eq(cases.status, "closed")))
    .groupBy(caseEvents.caseId)
    .having(({ closedAt }) => lt(closedAt, cutoff))
    .all();
  const closedIds = closed.map((c) => c.caseId);
  if (!closedIds.length) return { cases: 0, messages: 0 };
  // Only cases that still have messages count (most closed cases never had a case-room talk).
  const caseIds = db.selectDistinct({ caseId: caseMessages.caseId }).from(caseMessages).where(inArray(caseMessages.caseId, closedIds)).all().map((r) => r.caseId);
  if (!caseIds.length) return { cases: 0, messages: 0 };
  const deleted = db.delete(caseMessages).where(inArray(caseMessages.caseId, caseIds)).run().changes;
  if (deleted > 0) {
    audit(db, {
      action: "retention.purge",
      objectType: "case_message",
      detail: `${deleted} berichten van ${caseIds.length} casussen verwijderd (gesloten vóór ${cutoff.slice(0, 10)}, bewaartermijn ${retentionDays} dagen)`,
      origin: { ip: null, userAgent: "retention" },
    });
  }
  return { cases: caseIds.length, messages: deleted };
}
