// Table meetings: planning (with invitations for the whole table), the agenda of cases with
// their minutes and actions, guest experts, and the personal calendar feed.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, ne, not, or, sql } from "drizzle-orm";
import {
  agendaItems,
  calendarFeeds,
  cases,
  meetingInvitations,
  meetings,
  memberships,
  organisations,
  planActions,
  referrerAdvices,
  regionalTables,
  users,
} from "#db/schema";
import { endOf, findClashes, slotProblem, type Commitment, type Timed } from "~/domain/meetings";
import { adviceDueAt, minutesTimeProblem } from "~/domain/minutes";
import type { Db } from "./db.server";
import { countAtMost, keysetPage } from "./pagination.server";
import { applyCaseEvent, type CaseActor } from "./cases.server";
import { addActionIn, caseActionsOfItem } from "./plan.server";

export type Meeting = typeof meetings.$inferSelect;
export type MeetingWithTable = Meeting & { tableName: string; tableSlug: string };

const nowIso = () => new Date().toISOString();
const DAY_MS = 24 * 60 * 60 * 1000;

/** Thrown inside a transaction to undo it and hand a Dutch message to the caller. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: string; field?: string };

function refusable<T extends object>(run: () => T): Outcome<T> {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message, field: error.field };
    throw error;
  }
}

// ── Meetings ────────────────────────────────────────────────────────────────

/** The active chair and members of a table: everyone a new meeting invites. */
export function tableParticipants(db: Db, tableId: number) {
  const rows = db
    .select({ userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(memberships.userId, users.id))
    .where(and(eq(memberships.tableId, tableId), inArray(memberships.role, ["chair", "member"]), eq(users.active, true)))
    .all();
  return [...new Map(rows.map((r) => [r.userId, r])).values()];
}

export type NewMeetings = {
  tableId: number;
  title: string;
  starts: string[];
  durationMinutes: number;
  location: string | null;
  videoUrl: string | null;
  createdByUserId: string;
};

/** Creates one meeting or a series and invites every chair and member of the table. */
export function createMeetings(db: Db, input: NewMeetings): number[] {
  const participants = tableParticipants(db, input.tableId);
  const seriesId = input.starts.length > 1 ? randomUUID() : null;
  const at = nowIso();
  return db.transaction((tx) =>
    input.starts.map((startsAt) => {
      const { id } = tx
        .insert(meetings)
        .values({
          tableId: input.tableId,
          title: input.title,
          startsAt,
          durationMinutes: input.durationMinutes,
          location: input.location,
          videoUrl: input.videoUrl,
          seriesId,
          createdByUserId: input.createdByUserId,
          createdAt: at,
        })
        .returning({ id: meetings.id })
        .get();
      for (const p of participants) {
        const organiser = p.userId === input.createdByUserId;
        tx.insert(meetingInvitations)
          .values({
            meetingId: id,
            userId: p.userId,
            kind: "member",
            guestAgendaItemIds: [],
            accessUntil: null,
            response: organiser ? "accepted" : "pending",
            invitedAt: at,
            respondedAt: organiser ? at : null,
          })
          .run();
      }
      return id;
    }),
  );
}

/**
 * Meetings these people are already expected at (invited, not declined, not cancelled) that
 * overlap the planned times. Only names, times and the table: never what is on the agenda.
 */
export function clashesFor(db: Db, userIds: string[], planned: Timed[], excludeMeetingId?: number) {
  if (!userIds.length || !planned.length) return [];
  const starts = planned.map((p) => new Date(p.startsAt).getTime());
  const ends = planned.map((p) => new Date(endOf(p.startsAt, p.durationMinutes)).getTime());
  // A meeting lasts at most a day, so one starting more than a day before cannot overlap.
  const from = new Date(Math.min(...starts) - DAY_MS).toISOString();
  const to = new Date(Math.max(...ends)).toISOString();
  const rows = db
    .select({
      meetingId: meetings.id,
      personId: users.id,
      personName: users.name,
      startsAt: meetings.startsAt,
      durationMinutes: meetings.durationMinutes,
      tableName: regionalTables.name,
    })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetingInvitations.meetingId, meetings.id))
    .innerJoin(users, eq(meetingInvitations.userId, users.id))
    .innerJoin(regionalTables, eq(meetings.tableId, regionalTables.id))
    .where(
      and(
        inArray(meetingInvitations.userId, userIds),
        ne(meetingInvitations.response, "declined"),
        eq(meetings.cancelled, false),
        gte(meetings.startsAt, from),
        lt(meetings.startsAt, to),
        excludeMeetingId ? ne(meetings.id, excludeMeetingId) : undefined,
      ),
    )
    .all();
  const commitments: Commitment[] = rows.map((r) => ({
    personId: r.personId,
    personName: r.personName,
    startsAt: r.startsAt,
    durationMinutes: r.durationMinutes,
    label: `bijeenkomst van tafel ${r.tableName}`,
  }));
  return findClashes(planned, commitments);
}

export function getMeeting(db: Db, meetingId: number): MeetingWithTable | null {
  const row = db
    .select({ meeting: meetings, tableName: regionalTables.name, tableSlug: regionalTables.slug })
    .from(meetings)
    .innerJoin(regionalTables, eq(meetings.tableId, regionalTables.id))
    .where(eq(meetings.id, meetingId))
    .get();
  return row ? { ...row.meeting, tableName: row.tableName, tableSlug: row.tableSlug } : null;
}

/** A table's meetings with the number of agenda items and the viewer's own response. */
/** When a meeting ends, in SQL (stored starts are ISO instants). */
const meetingEnd = sql`julianday(${meetings.startsAt}) + ${meetings.durationMinutes} / 1440.0`;
const endedBy = (now: Date) => sql`${meetingEnd} < julianday(${now.toISOString()})`;

/** A table's meetings that have not ended yet, soonest first (planning ahead is bounded, so unpaged). */
export function upcomingTableMeetings(db: Db, tableId: number, userId: string, now = new Date()) {
  const rows = db.select().from(meetings).where(and(eq(meetings.tableId, tableId), not(endedBy(now)))).orderBy(asc(meetings.startsAt), asc(meetings.id)).all();
  return withAgendaAndResponse(db, rows, userId);
}

/** A table's meetings that have ended, newest first, one keyset page (`?na=`/`?voor=`): they grow every month for years. */
export function pastTableMeetings(db: Db, tableId: number, userId: string, url: URL, now = new Date(), size = PAST_MEETINGS_PAGE) {
  const filter = and(eq(meetings.tableId, tableId), endedBy(now));
  const page = keysetPage<Meeting>(url, {
    size,
    keys: [
      { column: meetings.startsAt, direction: "desc", type: "string" },
      { column: meetings.id, direction: "desc", type: "number" },
    ],
    keyOf: (m) => [m.startsAt, m.id],
    fetch: (where, orderBy, limit) => db.select().from(meetings).where(and(filter, where)).orderBy(...orderBy).limit(limit).all(),
    total: () => countAtMost(db, db.select({ id: meetings.id }).from(meetings).where(filter)),
  });
  return { ...page, items: withAgendaAndResponse(db, page.items, userId) };
}
export const PAST_MEETINGS_PAGE = 20;

/** Each meeting with its number of agenda items and the user's own response (two queries for the whole list). */
function withAgendaAndResponse(db: Db, rows: Meeting[], userId: string) {
  if (!rows.length) return [];
  const ids = rows.map((m) => m.id);
  const agendaCounts = new Map(
    db.select({ meetingId: agendaItems.meetingId, n: count() }).from(agendaItems).where(inArray(agendaItems.meetingId, ids)).groupBy(agendaItems.meetingId).all().map((r) => [r.meetingId, r.n]),
  );
  const mine = new Map(
    db
      .select({ meetingId: meetingInvitations.meetingId, response: meetingInvitations.response })
      .from(meetingInvitations)
      .where(and(inArray(meetingInvitations.meetingId, ids), eq(meetingInvitations.userId, userId)))
      .all()
      .map((r) => [r.meetingId, r.response]),
  );
  return rows.map((m) => ({
    ...m,
    endsAt: endOf(m.startsAt, m.durationMinutes),
    agendaCount: agendaCounts.get(m.id) ?? 0,
    myResponse: mine.get(m.id) ?? null,
  }));
}

export function cancelMeeting(db: Db, meeting: Meeting, actor: CaseActor): Outcome<{ removed: { itemId: number; caseId: number; patientId: number }[] }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const current = t.select().from(meetings).where(eq(meetings.id, meeting.id)).get();
      if (!current || current.cancelled) throw new Refusal("Deze bijeenkomst is al geannuleerd.");
      const items = agendaOf(t, meeting.id);
      if (items.some((i) => i.closedAt)) throw new Refusal("Er zijn al agendapunten besproken en afgesloten; deze bijeenkomst kan niet meer worden geannuleerd.");
      // The cases go back to "included", ready for another meeting.
      for (const item of items) takeOffAgenda(t, meeting.id, item.id, item.caseId, actor);
      t.update(meetings).set({ cancelled: true }).where(eq(meetings.id, meeting.id)).run();
      return { removed: items.map((i) => ({ itemId: i.id, caseId: i.caseId, patientId: i.patientId })) };
    }),
  );
}

/** Moves a meeting that has not been held; every agenda slot moves by the same amount. */
export function moveMeeting(db: Db, meetingId: number, startsAt: string): Outcome<{ from: string }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const current = t.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      if (!current || current.cancelled) throw new Refusal("Deze bijeenkomst is geannuleerd en kan niet meer worden verplaatst.");
      if (current.startsAt === startsAt) throw new Refusal("Kies een ander moment dan het huidige.", "startTime");
      const items = agendaOf(t, meetingId);
      if (items.some((i) => i.closedAt)) throw new Refusal("Er zijn al agendapunten besproken en afgesloten; deze bijeenkomst kan niet meer worden verplaatst.");
      const shift = new Date(startsAt).getTime() - new Date(current.startsAt).getTime();
      for (const item of items) {
        t.update(agendaItems).set({ startsAt: new Date(new Date(item.startsAt).getTime() + shift).toISOString() }).where(eq(agendaItems.id, item.id)).run();
      }
      t.update(meetings).set({ startsAt }).where(eq(meetings.id, meetingId)).run();
      return { from: current.startsAt };
    }),
  );
}

// ── Invitations ─────────────────────────────────────────────────────────────

export function invitationsOf(db: Db, meetingId: number) {
  return db
    .select({
      id: meetingInvitations.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      organisation: organisations.name,
      kind: meetingInvitations.kind,
      response: meetingInvitations.response,
      accessUntil: meetingInvitations.accessUntil,
      guestAgendaItemIds: meetingInvitations.guestAgendaItemIds,
    })
    .from(meetingInvitations)
    .innerJoin(users, eq(meetingInvitations.userId, users.id))
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(eq(meetingInvitations.meetingId, meetingId))
    .orderBy(asc(meetingInvitations.kind), asc(users.name))
    .all();
}

export function invitationFor(db: Db, meetingId: number, userId: string) {
  return db
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, userId)))
    .get() ?? null;
}

export function respondToInvitation(db: Db, invitationId: number, response: "accepted" | "declined") {
  return db.update(meetingInvitations).set({ response, respondedAt: nowIso() }).where(eq(meetingInvitations.id, invitationId)).run().changes === 1;
}

export function activeUserByEmail(db: Db, email: string) {
  return (
    db
      .select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId })
      .from(users)
      .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.active, true)))
      .get() ?? null
  );
}

/** Invites a guest expert to some agenda items until a moment; inviting again replaces both. */
export function inviteGuest(db: Db, meetingId: number, userId: string, itemIds: number[], accessUntil: string) {
  const existing = invitationFor(db, meetingId, userId);
  if (existing && existing.kind === "member") return { ok: false as const, error: "Deze persoon is al uitgenodigd als tafellid." };
  if (existing) {
    db.update(meetingInvitations).set({ guestAgendaItemIds: itemIds, accessUntil }).where(eq(meetingInvitations.id, existing.id)).run();
    return { ok: true as const, invitationId: existing.id, renewed: true };
  }
  const { id } = db
    .insert(meetingInvitations)
    .values({ meetingId, userId, kind: "guest", guestAgendaItemIds: itemIds, accessUntil, response: "pending", invitedAt: nowIso() })
    .returning({ id: meetingInvitations.id })
    .get();
  return { ok: true as const, invitationId: id, renewed: false };
}

// ── The agenda ──────────────────────────────────────────────────────────────

export function agendaOf(db: Db, meetingId: number) {
  return db
    .select({
      id: agendaItems.id,
      caseId: cases.id,
      code: cases.code,
      status: cases.status,
      patientId: cases.patientId,
      startsAt: agendaItems.startsAt,
      durationMinutes: agendaItems.durationMinutes,
      discussion: agendaItems.discussion,
      decisions: agendaItems.decisions,
      closedAt: agendaItems.closedAt,
    })
    .from(agendaItems)
    .innerJoin(cases, eq(agendaItems.caseId, cases.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.startsAt))
    .all();
}

export type AgendaItem = ReturnType<typeof agendaOf>[number];

/** Cases of a table that may go on an agenda: included, not yet scheduled. */
export function schedulableCases(db: Db, tableId: number) {
  return db
    .select({ id: cases.id, code: cases.code })
    .from(cases)
    .where(and(eq(cases.tableId, tableId), eq(cases.status, "included")))
    .orderBy(asc(cases.code))
    .all();
}

/** Puts an included case of the meeting's table on its agenda and moves the case to "scheduled". */
export function addAgendaItem(db: Db, meeting: Meeting, caseId: number, slot: Timed, actor: CaseActor): Outcome<{ itemId: number; patientId: number; code: string }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const c = t.select().from(cases).where(eq(cases.id, caseId)).get();
      if (!c || c.tableId !== meeting.tableId || c.status !== "included") {
        throw new Refusal("Kies een geïncludeerde casus van deze tafel die nog niet geagendeerd is.", "caseId");
      }
      const problem = slotProblem(meeting, agendaOf(t, meeting.id), slot);
      if (problem) throw new Refusal(problem, "startTime");
      const { id } = t
        .insert(agendaItems)
        .values({ meetingId: meeting.id, caseId, startsAt: slot.startsAt, durationMinutes: slot.durationMinutes })
        .returning({ id: agendaItems.id })
        .get();
      const step = applyCaseEvent(t, caseId, { event: "schedule" }, actor);
      if (!step.ok) throw new Refusal(step.error, "caseId");
      return { itemId: id, patientId: c.patientId, code: c.code };
    }),
  );
}

function takeOffAgenda(t: Db, meetingId: number, itemId: number, caseId: number, actor: CaseActor) {
  t.delete(planActions).where(eq(planActions.agendaItemId, itemId)).run();
  t.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
  // Guests invited for this item lose it (and with it, access to the case).
  const guests = t.select().from(meetingInvitations).where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.kind, "guest"))).all();
  for (const g of guests.filter((g) => g.guestAgendaItemIds.includes(itemId))) {
    t.update(meetingInvitations)
      .set({ guestAgendaItemIds: g.guestAgendaItemIds.filter((id) => id !== itemId) })
      .where(eq(meetingInvitations.id, g.id))
      .run();
  }
  const step = applyCaseEvent(t, caseId, { event: "unschedule" }, actor);
  if (!step.ok) throw new Refusal(step.error);
}

/** Takes an open item off the agenda; the case goes back to "included". */
export function removeAgendaItem(db: Db, meetingId: number, itemId: number, actor: CaseActor): Outcome<{ patientId: number; code: string }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const item = agendaOf(t, meetingId).find((i) => i.id === itemId);
      if (!item) throw new Refusal("Dit agendapunt bestaat niet (meer).");
      if (item.closedAt) throw new Refusal("Een afgesloten agendapunt kan niet van de agenda worden gehaald.");
      takeOffAgenda(t, meetingId, item.id, item.caseId, actor);
      return { patientId: item.patientId, code: item.code };
    }),
  );
}

// ── Minutes ─────────────────────────────────────────────────────────────────

/** The actions agreed on this agenda item: part of the case's one list of actions (plan_actions). */
export const actionsOf = (db: Db, itemId: number) => caseActionsOfItem(db, itemId);

export function activeOrganisations(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.active, true)).orderBy(asc(organisations.name)).all();
}

export type NewAction = { description: string; ownerOrganisationId: number | null; ownerUserId: string | null; dueDate: string };
export type Minutes = { discussion: string | null; decisions: string | null; actions: NewAction[] };

/**
 * Saves what was discussed, the decisions and new actions (into the case's one list of actions);
 * with `close` the item becomes read-only, the case moves to "discussed" on the meeting's date and
 * the advice to the referrer starts to run — all in one transaction. Nothing before the meeting's start.
 */
export function saveMinutes(
  db: Db,
  meetingId: number,
  itemId: number,
  minutes: Minutes,
  close: { userId: string; actor: CaseActor } | null,
  now: Date = new Date(),
): Outcome<{ patientId: number; code: string }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const item = agendaOf(t, meetingId).find((i) => i.id === itemId);
      if (!item) throw new Refusal("Dit agendapunt bestaat niet (meer).");
      if (item.closedAt) throw new Refusal("Dit agendapunt is al afgesloten en kan niet meer worden gewijzigd.");
      const meeting = t.select({ startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
      const early = minutesTimeProblem(meeting.startsAt, now);
      if (early) throw new Refusal(early);
      const at = now.toISOString();
      t.update(agendaItems)
        .set({ discussion: minutes.discussion, decisions: minutes.decisions, ...(close ? { closedAt: at, closedByUserId: close.userId } : {}) })
        .where(eq(agendaItems.id, itemId))
        .run();
      for (const a of minutes.actions) {
        const added = addActionIn(t, item.caseId, { ...a, goalId: null, agendaItemId: itemId });
        if (!added.ok) throw new Refusal(added.error);
      }
      if (close) {
        const step = applyCaseEvent(t, item.caseId, { event: "discuss" }, close.actor, { at: meeting.startsAt });
        if (!step.ok) throw new Refusal(step.error);
        t.insert(referrerAdvices).values({ caseId: item.caseId, agendaItemId: itemId, discussedAt: meeting.startsAt, dueAt: adviceDueAt(meeting.startsAt) }).onConflictDoNothing().run();
      }
      return { patientId: item.patientId, code: item.code };
    }),
  );
}

export function removeAction(db: Db, itemId: number, actionId: number): boolean {
  return db.delete(planActions).where(and(eq(planActions.id, actionId), eq(planActions.agendaItemId, itemId))).run().changes === 1;
}

// ── Calendars ───────────────────────────────────────────────────────────────

/**
 * The meetings a person's calendar shows: not cancelled, invited and not declined, table members
 * while they are at the table, guests while their access lasts; from 90 days back. With the number of items they may know about.
 */
export function calendarMeetings(db: Db, userId: string, now: Date = new Date()) {
  const rows = db
    .select({ meeting: meetings, tableName: regionalTables.name, tableSlug: regionalTables.slug, invitation: meetingInvitations })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetingInvitations.meetingId, meetings.id))
    .innerJoin(regionalTables, eq(meetings.tableId, regionalTables.id))
    .where(
      and(
        eq(meetingInvitations.userId, userId),
        ne(meetingInvitations.response, "declined"),
        eq(meetings.cancelled, false),
        gte(meetings.startsAt, new Date(now.getTime() - 90 * DAY_MS).toISOString()),
        or(eq(meetingInvitations.kind, "member"), gt(meetingInvitations.accessUntil, now.toISOString())),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .all();
  // Someone who left the table no longer sees its meetings.
  const myTables = new Set(
    db
      .select({ tableId: memberships.tableId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), inArray(memberships.role, ["chair", "member"])))
      .all()
      .map((m) => m.tableId),
  );
  return rows.filter((r) => r.invitation.kind === "guest" || myTables.has(r.meeting.tableId)).map((r) => ({
    ...r.meeting,
    tableName: r.tableName,
    tableSlug: r.tableSlug,
    response: r.invitation.response,
    kind: r.invitation.kind,
    agendaCount: visibleAgendaCount(db, r.meeting.id, r.invitation.kind === "guest" ? r.invitation.guestAgendaItemIds : null),
  }));
}

/** Items on the agenda; for a guest only those they were invited to. */
export function visibleAgendaCount(db: Db, meetingId: number, guestItemIds: number[] | null): number {
  const ids = db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all().map((r) => r.id);
  return guestItemIds ? ids.filter((id) => guestItemIds.includes(id)).length : ids.length;
}

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function activeFeed(db: Db, userId: string) {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.id))
    .get() ?? null;
}

/** Revokes every live feed of a user; returns how many there were. */
export function revokeFeeds(db: Db, userId: string): number {
  return db.update(calendarFeeds).set({ revokedAt: nowIso() }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).run().changes;
}

/** A new secret feed token (shown once; only its sha256 is kept), replacing any earlier one. */
export function createFeed(db: Db, userId: string): { token: string; revoked: number } {
  const token = randomBytes(32).toString("base64url");
  return db.transaction((tx) => {
    const revoked = revokeFeeds(tx as unknown as Db, userId);
    tx.insert(calendarFeeds).values({ userId, tokenHash: hashFeedToken(token), createdAt: nowIso() }).run();
    return { token, revoked };
  });
}

/** The active user behind a live feed token, or null. */
export function feedOwner(db: Db, token: string) {
  return (
    db
      .select({ feedId: calendarFeeds.id, userId: users.id })
      .from(calendarFeeds)
      .innerJoin(users, eq(calendarFeeds.userId, users.id))
      .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt), eq(users.active, true)))
      .get() ?? null
  );
}
