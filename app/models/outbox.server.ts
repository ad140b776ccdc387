// The mail outbox: every mail is a row first (queued), then sent or, after its last attempt, failed.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { outboxMails } from "#db/schema";
import { retryDelayMs, type MailStatus } from "~/domain/notification-kinds";
import type { Db } from "./db.server";

export type OutboxMail = typeof outboxMails.$inferSelect;

export type NewMail = {
  kind: string;
  toUserId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  ics?: { method: "REQUEST" | "CANCEL"; content: string } | null;
};

/** Queues a mail; the worker sends it. Returns the outbox id. */
export function enqueueMail(db: Db, mail: NewMail, now = new Date()): number {
  const row = db
    .insert(outboxMails)
    .values({
      kind: mail.kind,
      toUserId: mail.toUserId,
      toAddress: mail.toAddress,
      subject: mail.subject,
      text: mail.text,
      icsMethod: mail.ics?.method ?? null,
      ics: mail.ics?.content ?? null,
      messageId: `<${randomUUID()}@regiotafel>`,
      nextAttemptAt: now.toISOString(),
    })
    .returning({ id: outboxMails.id })
    .get();
  return row.id;
}

/** Queued mails whose next attempt is due, oldest first. */
export function dueMails(db: Db, now: Date, limit = 20): OutboxMail[] {
  return db
    .select()
    .from(outboxMails)
    .where(and(eq(outboxMails.status, "queued"), lte(outboxMails.nextAttemptAt, now.toISOString())))
    .orderBy(asc(outboxMails.nextAttemptAt), asc(outboxMails.id))
    .limit(limit)
    .all();
}

export function markSent(db: Db, id: number, now = new Date()) {
  db.update(outboxMails)
    .set({ status: "sent", sentAt: now.toISOString(), attempts: sql`${outboxMails.attempts} + 1`, lastError: null })
    .where(eq(outboxMails.id, id))
    .run();
}

/** A failed attempt: retried after a doubling delay, or failed for good after the last attempt. */
export function markAttemptFailed(db: Db, mail: OutboxMail, error: string, policy: { retryBaseMs: number; maxAttempts: number }, now = new Date()): MailStatus {
  const attempts = mail.attempts + 1;
  const status: MailStatus = attempts >= policy.maxAttempts ? "failed" : "queued";
  db.update(outboxMails)
    .set({
      attempts,
      status,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy.retryBaseMs)).toISOString(),
    })
    .where(eq(outboxMails.id, mail.id))
    .run();
  return status;
}

/** An administrator sends a failed mail again: queued, attempts counted afresh. */
export function requeueMail(db: Db, id: number, now = new Date()): boolean {
  return (
    db
      .update(outboxMails)
      .set({ status: "queued", attempts: 0, nextAttemptAt: now.toISOString() })
      .where(and(eq(outboxMails.id, id), eq(outboxMails.status, "failed")))
      .run().changes > 0
  );
}

export const OUTBOX_PAGE_SIZE = 100;

/** The newest mails, optionally of one status, for the administrator's outbox page. */
export function listOutbox(db: Db, status: MailStatus | null, limit = OUTBOX_PAGE_SIZE) {
  return db
    .select({
      id: outboxMails.id,
      kind: outboxMails.kind,
      toAddress: outboxMails.toAddress,
      subject: outboxMails.subject,
      status: outboxMails.status,
      attempts: outboxMails.attempts,
      nextAttemptAt: outboxMails.nextAttemptAt,
      lastError: outboxMails.lastError,
      createdAt: outboxMails.createdAt,
      sentAt: outboxMails.sentAt,
      hasIcs: sql<number>`${outboxMails.ics} is not null`,
    })
    .from(outboxMails)
    .where(status ? eq(outboxMails.status, status) : undefined)
    .orderBy(desc(outboxMails.id))
    .limit(limit)
    .all();
}

export function outboxCounts(db: Db): Record<MailStatus, number> {
  const counts: Record<MailStatus, number> = { queued: 0, sent: 0, failed: 0 };
  for (const row of db.select({ status: outboxMails.status, n: sql<number>`count(*)` }).from(outboxMails).groupBy(outboxMails.status).all()) counts[row.status] = row.n;
  return counts;
}

export function getOutboxMail(db: Db, id: number): OutboxMail | null {
  return db.select().from(outboxMails).where(eq(outboxMails.id, id)).get() ?? null;
}

/** Every mail in the outbox (the test suite scans them all for patient data). */
export function allOutboxMails(db: Db): OutboxMail[] {
  return db.select().from(outboxMails).orderBy(asc(outboxMails.id)).all();
}
