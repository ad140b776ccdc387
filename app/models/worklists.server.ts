// What waits for someone on their home page: per kind of work a count and the first few items,
// each item a case code (never patient data), a short description, a date and a link target.
// Built from the models that own the work (screening, meetings, plan, deadlines, advice).
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull } from "drizzle-orm";
import { cases, informationRequests, meetings, referrerAdvices, runningCase, urgencyRank } from "#db/schema";
import type { CaseState } from "~/domain/case-lifecycle";
import type { Urgency } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import { deadlinesNeedingAttention } from "./case-progress.server";
import { agendaOf } from "./meetings.server";
import { overdueActionsForOwner, overdueActionsForTables } from "./plan.server";
import { advicesDueForTables } from "./referrer-advice.server";

/** How many items each list shows; the count says how many there are. */
export const FIRST_ITEMS = 5;

export type WorkItem = {
  caseId: number;
  code: string;
  /** What is asked, in Dutch (a case state, an action's description, a term's name). */
  text?: string;
  /** Who owns it (an action's person or organisation). */
  owner?: string;
  /** Calendar date or instant the item is about (shown formatted). */
  date?: string | null;
  status?: CaseState;
  urgency?: Urgency;
  overdue?: boolean;
};

export type Worklist = { count: number; items: WorkItem[] };

const first = <T>(all: T[], map: (t: T) => WorkItem): Worklist => ({ count: all.length, items: all.slice(0, FIRST_ITEMS).map(map) });

/** Cases at these tables in these (running) states: crisis first, then the longest waiting. */
function casesInStates(db: Db, tableIds: number[], states: CaseState[]): Worklist {
  if (!tableIds.length) return { count: 0, items: [] };
  const where = and(inArray(cases.tableId, tableIds), inArray(cases.status, states), runningCase(cases.status));
  const total = db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  const rows = db
    .select({ caseId: cases.id, code: cases.code, status: cases.status, urgency: cases.urgency, receivedAt: cases.receivedAt })
    .from(cases)
    .where(where)
    .orderBy(urgencyRank(cases.urgency), asc(cases.receivedAt), asc(cases.id))
    .limit(FIRST_ITEMS)
    .all();
  return { count: total, items: rows.map((r) => ({ caseId: r.caseId, code: r.code, status: r.status, urgency: r.urgency, date: r.receivedAt })) };
}

/** The chair's work at the tables they chair. */
export function chairWorklists(db: Db, chairOf: number[], today: string, now: Date = new Date()) {
  return {
    toScreen: casesInStates(db, chairOf, ["received", "screening"]),
    toSchedule: casesInStates(db, chairOf, ["included"]),
    advicesDue: first(advicesDueForTables(db, chairOf, now), (a) => ({ caseId: a.caseId, code: a.code, date: a.dueAt, overdue: a.state === "overdue" })),
    overdueActions: first(overdueActionsForTables(db, chairOf, today), (a) => ({ caseId: a.caseId, code: a.code, text: a.description, owner: a.owner, date: a.dueDate, overdue: true })),
    terms: first(deadlinesNeedingAttention(db, chairOf, today), (d) => ({ caseId: d.caseId, code: d.code, text: d.kindLabel, date: d.dueDate, overdue: d.state === "overdue" })),
  };
}

/** A table member's next meeting (at any of their tables) and the cases on its agenda. */
export function nextMeetingOf(db: Db, tableIds: number[], now: Date = new Date()) {
  if (!tableIds.length) return null;
  const meeting = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, durationMinutes: meetings.durationMinutes, location: meetings.location })
    .from(meetings)
    .where(and(inArray(meetings.tableId, tableIds), eq(meetings.cancelled, false), gte(meetings.startsAt, now.toISOString())))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .get();
  if (!meeting) return null;
  const agenda = agendaOf(db, meeting.id);
  return { ...meeting, agenda: first(agenda, (i) => ({ caseId: i.caseId, code: i.code, status: i.status, date: i.startsAt })) };
}

/** Actions overdue that this person (or their organisation at their table) owns. */
export function ownOverdueActions(db: Db, user: { id: string; organisationId: number }, today: string): Worklist {
  return first(overdueActionsForOwner(db, user, today), (a) => ({ caseId: a.caseId, code: a.code, text: a.description, owner: a.owner, date: a.dueDate, overdue: true }));
}

/**
 * The referrer's organisation's referrals with something from the table: open questions (the case
 * waits for their answer) and advices the table gave, newest first.
 */
export function referrerWorklists(db: Db, organisationId: number) {
  const own = eq(cases.referrerOrganisationId, organisationId);
  const questions = db
    .select({ caseId: cases.id, code: cases.code, askedAt: informationRequests.askedAt })
    .from(informationRequests)
    .innerJoin(cases, eq(informationRequests.caseId, cases.id))
    .where(and(own, isNull(informationRequests.answeredAt)))
    .orderBy(asc(informationRequests.askedAt))
    .all();
  // Every advice ever given grows for years: counted and cut to the first few in SQL.
  const answered = and(own, isNotNull(referrerAdvices.recordedAt));
  const answers = db
    .select({ caseId: cases.id, code: cases.code, recordedAt: referrerAdvices.recordedAt })
    .from(referrerAdvices)
    .innerJoin(cases, eq(referrerAdvices.caseId, cases.id))
    .where(answered)
    .orderBy(desc(referrerAdvices.recordedAt))
    .limit(FIRST_ITEMS)
    .all();
  const answerCount = db.select({ n: count() }).from(referrerAdvices).innerJoin(cases, eq(referrerAdvices.caseId, cases.id)).where(answered).get()?.n ?? 0;
  return {
    questions: first(questions, (q) => ({ caseId: q.caseId, code: q.code, text: "Vraag van de tafel", date: q.askedAt })),
    answers: { count: answerCount, items: answers.map((a) => ({ caseId: a.caseId, code: a.code, text: "Advies van de tafel", date: a.recordedAt })) },
  };
}

/** The advisor's queue: cases whose outcome the table presented to them, longest waiting first. */
export function presentedToAdvisor(rows: { id: number; code: string; urgency: Urgency; status: CaseState; presentedAt: string | null }[]): Worklist {
  const queue = rows.filter((r) => r.status === "advisor_check").sort((a, b) => (a.presentedAt ?? "").localeCompare(b.presentedAt ?? ""));
  return first(queue, (r) => ({ caseId: r.id, code: r.code, urgency: r.urgency, date: r.presentedAt }));
}
