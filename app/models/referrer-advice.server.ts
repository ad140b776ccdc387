// The table's advice back to the referrer: opened when an agenda item is closed (its deadline runs
// from the meeting), written by the chair, read by the referrer and the insurer's advisor, and
// counted for "advies op tijd". Rules in ~/domain/referrer-advice.
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import { agendaItems, cases, meetings, referrerAdvices, regionalTables, users } from "#db/schema";
import { adviceProblem, adviceState, onTimeShare } from "~/domain/referrer-advice";
import type { Db } from "./db.server";

export type AdviceInput = { questionAnswer: string | null; fittingOffer: string | null; planSummary: string | null; nextSteps: string | null };

/** The advices of a case, newest discussion first, with the meeting they follow. */
export function advicesOf(db: Db, caseId: number) {
  return db
    .select({ advice: referrerAdvices, meetingTitle: meetings.title, recordedBy: users.name })
    .from(referrerAdvices)
    .innerJoin(agendaItems, eq(referrerAdvices.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(agendaItems.meetingId, meetings.id))
    .leftJoin(users, eq(referrerAdvices.recordedByUserId, users.id))
    .where(eq(referrerAdvices.caseId, caseId))
    .orderBy(desc(referrerAdvices.discussedAt), desc(referrerAdvices.id))
    .all()
    .map(({ advice, meetingTitle, recordedBy }) => ({ ...advice, meetingTitle, recordedBy }));
}

export type AdviceView = ReturnType<typeof advicesOf>[number];

/** Only the advices given: what the referrer and the advisor read. */
export const givenAdvicesOf = (db: Db, caseId: number) => advicesOf(db, caseId).filter((a) => a.recordedAt);

/** The chair records the advice once; it cannot be changed afterwards (it went out). */
export function recordAdvice(db: Db, caseId: number, adviceId: number, input: AdviceInput, userId: string, now: Date = new Date()): { ok: true } | { ok: false; error: string } {
  const problem = adviceProblem(input);
  if (problem) return { ok: false, error: problem };
  const updated = db
    .update(referrerAdvices)
    .set({ ...input, recordedByUserId: userId, recordedAt: now.toISOString() })
    .where(and(eq(referrerAdvices.id, adviceId), eq(referrerAdvices.caseId, caseId), isNull(referrerAdvices.recordedAt)))
    .run();
  return updated.changes === 1 ? { ok: true } : { ok: false, error: "Dit advies is al gegeven of bestaat niet (meer)." };
}

export type AdviceDueItem = { caseId: number; code: string; dueAt: string; state: "due" | "overdue" };

/** For the chair's home: advices not yet given at these tables (open cases), overdue first. Codes only. */
export function advicesDueForTables(db: Db, tableIds: number[], now: Date = new Date()): AdviceDueItem[] {
  if (!tableIds.length) return [];
  const items = db
    .select({ caseId: cases.id, code: cases.code, dueAt: referrerAdvices.dueAt, recordedAt: referrerAdvices.recordedAt })
    .from(referrerAdvices)
    .innerJoin(cases, eq(referrerAdvices.caseId, cases.id))
    .where(and(inArray(cases.tableId, tableIds), ne(cases.status, "closed"), isNull(referrerAdvices.recordedAt)))
    .orderBy(asc(referrerAdvices.dueAt), asc(cases.code))
    .all()
    .map((a) => ({ caseId: a.caseId, code: a.code, dueAt: a.dueAt, state: adviceState(a, now) as "due" | "overdue" }));
  return [...items.filter((i) => i.state === "overdue"), ...items.filter((i) => i.state === "due")];
}

/**
 * "Advies op tijd" per table for discussions in [from, to) (ISO instants; either may be null): the
 * counts behind the percentage. The caller suppresses small counts where the audience requires it.
 */
export function adviceOnTimeByTable(db: Db, range: { from: string | null; to: string | null }, now: Date = new Date()) {
  const rows = db
    .select({ tableId: cases.tableId, tableName: regionalTables.name, dueAt: referrerAdvices.dueAt, recordedAt: referrerAdvices.recordedAt })
    .from(referrerAdvices)
    .innerJoin(cases, eq(referrerAdvices.caseId, cases.id))
    .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
    .where(and(range.from ? gte(referrerAdvices.discussedAt, range.from) : undefined, range.to ? lt(referrerAdvices.discussedAt, range.to) : undefined))
    .all();
  const byTable = new Map<number, { tableId: number; tableName: string; advices: { dueAt: string; recordedAt: string | null }[] }>();
  for (const r of rows) {
    const entry = byTable.get(r.tableId) ?? { tableId: r.tableId, tableName: r.tableName, advices: [] };
    entry.advices.push(r);
    byTable.set(r.tableId, entry);
  }
  return [...byTable.values()].map((t) => ({ tableId: t.tableId, tableName: t.tableName, ...onTimeShare(t.advices, now) }));
}

/** One advice of this case (given or not), or null when it is not this case's. */
export function adviceOfCase(db: Db, caseId: number, adviceId: number): AdviceView | null {
  return advicesOf(db, caseId).find((a) => a.id === adviceId) ?? null;
}
