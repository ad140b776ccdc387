// notify…(): the one way the portal tells people something. Each call writes an in-app notice per
// recipient and queues a mail (at once, or later in the user's daily digest for non-urgent kinds).
// Mails carry a case code at most and link to the portal: never a name, BSN, date of birth or free
// text from a case. Recipients are looked up here, so callers only say what happened.
import { formatDate } from "~/domain/format";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  cases,
  dailyJobRuns,
  meetingCalendarVersions,
  meetingInvitations,
  memberships,
  municipalityContacts,
  notices,
  notificationSettings,
  organisations,
  patients,
  regionalTables,
  users,
} from "#db/schema";
import { amsterdamDate, formatMeetingDay } from "~/domain/meetings";
import { invitationIcs, type CalendarMeeting } from "~/domain/meeting-calendar";
import { mailAtOnce, type NoticeKind } from "~/domain/notification-kinds";
import type { Db } from "./db.server";
import { activationMail, contactMail, digestMail, noticeMail, resetMail } from "~/domain/mail-text";
import { issueAccountToken, TOKEN_LIFETIME_MS } from "./account-tokens.server";
import { deadlinesNeedingAttention } from "./case-progress.server";
import { getMeeting, visibleAgendaCount } from "./meetings.server";
import { enqueueMail } from "./outbox.server";
import { overdueActionsWithOwners } from "./plan.server";

/** What a notify call needs: the database, the portal's public origin for links, and the sender's address. */
export type Notifier = { db: Db; origin: string; mailFrom: string };

export type Recipient = { id: string; name: string; email: string };

export const PREFERENCES_PATH = "/meldingen";

// ── Recipients ──────────────────────────────────────────────────────────────

const recipientColumns = { id: users.id, name: users.name, email: users.email };
const unique = (rows: Recipient[]) => [...new Map(rows.map((r) => [r.id, r])).values()];

type HolderRole = "chair" | "member" | "medical_advisor" | "referrer" | "project_leader";

/** Active people holding one of these roles, optionally at one table and/or of one organisation. */
function holdersOf(db: Db, role: HolderRole | HolderRole[], where: { tableId?: number; organisationId?: number }): Recipient[] {
  return unique(
    db
      .select(recipientColumns)
      .from(memberships)
      .innerJoin(users, eq(memberships.userId, users.id))
      .where(
        and(
          Array.isArray(role) ? inArray(memberships.role, role) : eq(memberships.role, role),
          eq(users.active, true),
          where.tableId != null ? eq(memberships.tableId, where.tableId) : undefined,
          where.organisationId != null ? eq(users.organisationId, where.organisationId) : undefined,
        ),
      )
      .orderBy(asc(users.name))
      .all(),
  );
}

export const chairsOf = (db: Db, tableId: number) => holdersOf(db, "chair", { tableId });

/** This person, while their account is active. */
const activePerson = (db: Db, userId: string): Recipient | undefined =>
  db.select(recipientColumns).from(users).where(and(eq(users.id, userId), eq(users.active, true))).get();

type CaseRef = { id: number; code: string; tableId: number; tableName: string; referrerUserId: string | null; referrerOrganisationId: number; insurerId: number };

function caseRef(db: Db, caseId: number): CaseRef | null {
  return (
    db
      .select({
        id: cases.id,
        code: cases.code,
        tableId: cases.tableId,
        tableName: regionalTables.name,
        referrerUserId: cases.referrerUserId,
        referrerOrganisationId: cases.referrerOrganisationId,
        insurerId: cases.insurerId,
      })
      .from(cases)
      .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
      .where(eq(cases.id, caseId))
      .get() ?? null
  );
}

/** The person who referred (form), else the referrers of the referring organisation (API referrals). */
function referrersOf(db: Db, c: CaseRef): Recipient[] {
  const person = c.referrerUserId ? activePerson(db, c.referrerUserId) : undefined;
  if (person) return [person];
  return holdersOf(db, "referrer", { organisationId: c.referrerOrganisationId });
}

function meetingParticipants(db: Db, meetingId: number) {
  return db
    .select({ ...recipientColumns, kind: meetingInvitations.kind, guestItemIds: meetingInvitations.guestAgendaItemIds })
    .from(meetingInvitations)
    .innerJoin(users, eq(meetingInvitations.userId, users.id))
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
}

// ── Delivery ────────────────────────────────────────────────────────────────

type Notice = { kind: NoticeKind; title: string; path: string; dedupKey?: string };
type Extras = { lines?: string[]; ics?: (r: Recipient) => { method: "REQUEST" | "CANCEL"; content: string } };

const wantsDigest = (db: Db, userId: string) => db.select({ digest: notificationSettings.digest }).from(notificationSettings).where(eq(notificationSettings.userId, userId)).get()?.digest ?? false;

/** One notice per recipient and, unless it waits for the digest, one mail. Returns the number of notices written. */
function deliver(n: Notifier, recipients: Recipient[], notice: Notice, extras: Extras = {}): number {
  let written = 0;
  for (const r of unique(recipients)) {
    n.db.transaction((tx) => {
      const t = tx as unknown as Db;
      const row = t
        .insert(notices)
        .values({ userId: r.id, kind: notice.kind, title: notice.title, path: notice.path, dedupKey: notice.dedupKey ?? null })
        .onConflictDoNothing()
        .returning({ id: notices.id })
        .get();
      if (!row) return; // this daily notice was already given
      written++;
      if (!mailAtOnce(notice.kind, wantsDigest(t, r.id))) return;
      const mail = noticeMail(r.name, notice.title, n.origin + notice.path, n.origin + PREFERENCES_PATH, extras.lines);
      enqueueMail(t, { kind: notice.kind, toUserId: r.id, toAddress: r.email, ...mail, ics: extras.ics?.(r) ?? null });
      t.update(notices).set({ mailedAt: new Date().toISOString() }).where(eq(notices.id, row.id)).run();
    });
  }
  return written;
}

// ── Referrals and screening ─────────────────────────────────────────────────

/** A new referral → the chair(s) of the table it was routed to. */
export function notifyReferralReceived(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, chairsOf(n.db, c.tableId), { kind: "referral_received", title: `Nieuwe verwijzing ${c.code} voor tafel ${c.tableName}`, path: `/casussen/${c.id}` });
}

/** A referral redirected to another table → that table's chair(s), and the referrer. */
export function notifyReferralRedirected(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return (
    deliver(n, chairsOf(n.db, c.tableId), { kind: "referral_redirected", title: `Verwijzing ${c.code} is naar tafel ${c.tableName} doorverwezen`, path: `/casussen/${c.id}` }) +
    deliver(n, referrersOf(n.db, c), { kind: "referral_redirected", title: `Uw verwijzing ${c.code} is doorverwezen naar tafel ${c.tableName}`, path: `/verwijzingen/${c.id}` })
  );
}

/** The screening's outcome (included or not) → the referrer. */
export function notifyScreeningOutcome(n: Notifier, caseId: number, included: boolean): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  const outcome = included ? "opgenomen voor bespreking" : "niet opgenomen";
  return deliver(n, referrersOf(n.db, c), { kind: "screening_outcome", title: `Uitkomst van de screening van verwijzing ${c.code}: ${outcome}`, path: `/verwijzingen/${c.id}` });
}

/** The table asks the referrer for more information. */
export function notifyInformationRequested(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, referrersOf(n.db, c), { kind: "information_requested", title: `De regiotafel vraagt aanvullende informatie over verwijzing ${c.code}`, path: `/verwijzingen/${c.id}` });
}

/** The referrer answered the table's question → the chair(s), who can pick the screening up again. */
export function notifyInformationAnswered(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, chairsOf(n.db, c.tableId), { kind: "information_answered", title: `De verwijzer heeft de vraag over casus ${c.code} beantwoord`, path: `/casussen/${c.id}` });
}

/** A case presented to the medical advisor → the advisors of the patient's insurer. */
export function notifyAdvisorPresented(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, holdersOf(n.db, "medical_advisor", { organisationId: c.insurerId }), {
    kind: "advisor_presented",
    title: `Casus ${c.code} is aan u voorgelegd ter beoordeling`,
    path: `/casussen/${c.id}`,
  });
}

/** An arrangement approved or refused by the advisor → the chair(s) of the case's table. */
export function notifyArrangementDecision(n: Notifier, caseId: number, approved: boolean): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, chairsOf(n.db, c.tableId), {
    kind: approved ? "arrangement_approved" : "arrangement_refused",
    title: `Het maatwerk-arrangement van casus ${c.code} is ${approved ? "goedgekeurd" : "afgewezen"} door de medisch adviseur`,
    path: `/casussen/${c.id}/arrangementen`,
  });
}

/** The advisor concluded "does not meet" or "more information needed": the case is back with the chair(s). */
export function notifyReturnedToTable(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, chairsOf(n.db, c.tableId), {
    kind: "returned_to_table",
    title: `De medisch adviseur heeft casus ${c.code} teruggelegd bij de tafel`,
    path: `/casussen/${c.id}/arrangementen`,
  });
}

// ── The outcome's loops (issue 12) ───────────────────────────────────────────

/** The table's advice was given → the referrer (the MDT deadline runs to the end of the next working day). */
export function notifyAdviceGiven(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, referrersOf(n.db, c), { kind: "advice_given", title: `Het advies van regiotafel ${c.tableName} over verwijzing ${c.code} staat voor u klaar`, path: `/verwijzingen/${c.id}#advies` });
}

/** Users of insurers who see published shortfalls: their zorgbemiddeling and medical advisors. */
function insurerUsers(db: Db): Recipient[] {
  return unique(
    db
      .select(recipientColumns)
      .from(memberships)
      .innerJoin(users, eq(memberships.userId, users.id))
      .innerJoin(organisations, eq(users.organisationId, organisations.id))
      .where(and(inArray(memberships.role, ["referrer", "medical_advisor"]), eq(organisations.type, "insurer"), eq(users.active, true)))
      .orderBy(asc(users.name))
      .all(),
  );
}

/** A shortfall published by a table → the insurers' users and the national project leader. No case data at all. */
export function notifyShortfallPublished(n: Notifier, shortfallId: number, tableName: string): number {
  const notice = { kind: "shortfall_published" as const, title: `Regiotafel ${tableName} heeft een capaciteitstekort gepubliceerd`, path: `/tekorten#tekort-${shortfallId}`, dedupKey: `shortfall:${shortfallId}` };
  return deliver(n, [...insurerUsers(n.db), ...holdersOf(n.db, "project_leader", {})], notice);
}

/** A level-4 escalation → the national project leader (case code and table only). */
export function notifyEscalationRequested(n: Notifier, requestId: number, caseCode: string, tableName: string): number {
  return deliver(n, holdersOf(n.db, "project_leader", {}), {
    kind: "escalation_requested",
    title: `Regiotafel ${tableName} schaalt casus ${caseCode} op naar de landelijk projectleider`,
    path: `/opschalingen#verzoek-${requestId}`,
  });
}

/** The project leader answered a level-4 escalation → the chair(s) of the case's table. */
export function notifyEscalationAnswered(n: Notifier, caseId: number): number {
  const c = caseRef(n.db, caseId);
  if (!c) return 0;
  return deliver(n, chairsOf(n.db, c.tableId), { kind: "escalation_answered", title: `De landelijk projectleider heeft gereageerd op de opschaling van casus ${c.code}`, path: `/casussen/${c.id}/verloop#opschaling` });
}

// ── Meetings ────────────────────────────────────────────────────────────────

function calendarMeeting(db: Db, meetingId: number, guestItemIds: number[] | null): CalendarMeeting | null {
  const m = getMeeting(db, meetingId);
  return m ? { ...m, agendaCount: visibleAgendaCount(db, meetingId, guestItemIds) } : null;
}

/** The next SEQUENCE of a meeting's invitations: 0 the first time, one higher at every change. */
function nextSequence(db: Db, meetingId: number, first: boolean): number {
  const current = db.select({ sequence: meetingCalendarVersions.sequence }).from(meetingCalendarVersions).where(eq(meetingCalendarVersions.meetingId, meetingId)).get();
  const sequence = current == null ? 0 : first ? current.sequence : current.sequence + 1;
  db.insert(meetingCalendarVersions).values({ meetingId, sequence }).onConflictDoUpdate({ target: meetingCalendarVersions.meetingId, set: { sequence } }).run();
  return sequence;
}

const organizerOf = (mailFrom: string) => {
  const match = /^\s*(?:"?([^"<]*)"?\s*)?<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1]?.trim() || "Regiotafel", email: match[2] } : { name: "Regiotafel", email: mailFrom.trim() };
};

function meetingChange(n: Notifier, meetingId: number, kind: "meeting_planned" | "meeting_moved" | "meeting_cancelled", only?: string[]): number {
  const meeting = getMeeting(n.db, meetingId);
  if (!meeting) return 0;
  const method = kind === "meeting_cancelled" ? "CANCEL" : "REQUEST";
  const sequence = nextSequence(n.db, meetingId, kind === "meeting_planned");
  const day = formatMeetingDay(meeting.startsAt);
  const verb = { meeting_planned: "gepland", meeting_moved: "verplaatst", meeting_cancelled: "afgelast" }[kind];
  let written = 0;
  for (const p of meetingParticipants(n.db, meetingId)) {
    if (only && !only.includes(p.id)) continue;
    const cm = calendarMeeting(n.db, meetingId, p.kind === "guest" ? p.guestItemIds : null)!;
    written += deliver(
      n,
      [p],
      { kind, title: `Bijeenkomst ${meeting.title} van tafel ${meeting.tableName} ${verb}: ${day}`, path: `/bijeenkomsten/${meetingId}` },
      { ics: (r) => ({ method, content: invitationIcs(cm, n.origin, { method, sequence, organizer: organizerOf(n.mailFrom), attendee: { name: r.name, email: r.email } }) }) },
    );
  }
  return written;
}

/** Meetings planned (one or a series) → every invited participant, with a calendar invitation. */
export const notifyMeetingsPlanned = (n: Notifier, meetingIds: number[]) => meetingIds.reduce((sum, id) => sum + meetingChange(n, id, "meeting_planned"), 0);
/** A meeting moved → every participant, with the same UID and a higher SEQUENCE. */
export const notifyMeetingMoved = (n: Notifier, meetingId: number) => meetingChange(n, meetingId, "meeting_moved");
/** A meeting cancelled → every participant, with METHOD:CANCEL. */
export const notifyMeetingCancelled = (n: Notifier, meetingId: number) => meetingChange(n, meetingId, "meeting_cancelled");

/** A guest expert invited to agenda items → the guest, with a calendar invitation. */
export function notifyGuestInvited(n: Notifier, meetingId: number, guestUserId: string): number {
  const meeting = getMeeting(n.db, meetingId);
  const guest = meetingParticipants(n.db, meetingId).find((p) => p.id === guestUserId);
  if (!meeting || !guest) return 0;
  const sequence = nextSequence(n.db, meetingId, true);
  const cm = calendarMeeting(n.db, meetingId, guest.guestItemIds)!;
  return deliver(
    n,
    [guest],
    { kind: "guest_invited", title: `U bent als gastdeskundige uitgenodigd voor ${meeting.title} van tafel ${meeting.tableName} op ${formatMeetingDay(meeting.startsAt)}`, path: `/bijeenkomsten/${meetingId}` },
    { ics: (r) => ({ method: "REQUEST", content: invitationIcs(cm, n.origin, { method: "REQUEST", sequence, organizer: organizerOf(n.mailFrom), attendee: { name: r.name, email: r.email } }) }) },
  );
}

/** A case put on a meeting's agenda → the meeting's participants (guests only for their own items). */
export function notifyCaseOnAgenda(n: Notifier, meetingId: number, caseId: number, itemId: number): number {
  const meeting = getMeeting(n.db, meetingId);
  const c = caseRef(n.db, caseId);
  if (!meeting || !c) return 0;
  const participants = meetingParticipants(n.db, meetingId).filter((p) => p.kind === "member" || p.guestItemIds.includes(itemId));
  return deliver(n, participants, {
    kind: "case_on_agenda",
    title: `Casus ${c.code} staat op de agenda van ${meeting.title} op ${formatMeetingDay(meeting.startsAt)}`,
    path: `/bijeenkomsten/${meetingId}`,
  });
}

// ── Daily jobs: terms, overdue actions, digests ─────────────────────────────

/** Runs a job once per Amsterdam day, from `hour` on; true when it ran now. */
function oncePerDay(db: Db, job: string, now: Date, hour: number, run: (today: string) => void): boolean {
  const today = amsterdamDate(now.toISOString());
  const localHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" }).format(now));
  if (localHour < hour) return false;
  const claimed = db.insert(dailyJobRuns).values({ job, day: today }).onConflictDoNothing().run().changes > 0;
  if (claimed) run(today);
  return claimed;
}

const allTableIds = (db: Db) => db.select({ id: regionalTables.id }).from(regionalTables).all().map((t) => t.id);

/**
 * Terms past their alert date (VMR at 5 months) or due date → the chair(s), once per term and state;
 * for VMR also the municipality's contact where one is registered (Eemland agreements).
 */
export function notifyTermsDue(n: Notifier, today: string): number {
  let written = 0;
  for (const item of deadlinesNeedingAttention(n.db, allTableIds(n.db), today)) {
    const when = item.state === "overdue" ? "is verstreken" : "loopt binnenkort af";
    const chairs = chairsOf(n.db, item.tableId);
    const count = deliver(n, chairs, {
      kind: "term_due",
      title: `Termijn ${item.kindLabel} van casus ${item.code} ${when} (${formatDate(item.dueDate)})`,
      path: `/casussen/${item.caseId}/verloop`,
      dedupKey: `term:${item.deadlineId}:${item.state}`,
    });
    written += count;
    if (item.kind === "vmr" && item.state === "alert" && count > 0) written += alertMunicipality(n, item.caseId, item.dueDate);
  }
  return written;
}

function alertMunicipality(n: Notifier, caseId: number, dueDate: string): number {
  const contact = n.db
    .select({ name: municipalityContacts.name, email: municipalityContacts.email })
    .from(cases)
    .innerJoin(patients, eq(cases.patientId, patients.id))
    .innerJoin(municipalityContacts, sql`lower(${municipalityContacts.municipality}) = lower(${patients.municipality})`)
    .where(eq(cases.id, caseId))
    .get();
  if (!contact) return 0;
  const c = caseRef(n.db, caseId)!;
  const chair = chairsOf(n.db, c.tableId)[0];
  const mail = contactMail(contact.name, "verblijf met rechtvaardigingsgrond loopt over een maand af", [
    `Bij regiotafel ${c.tableName} verblijft een inwoner van uw gemeente met rechtvaardigingsgrond (VMR). De zorgverzekeraar betaalt dit verblijf tot ${formatDate(dueDate)}; daarna is de gemeente aan zet, zoals in de wederkerigheidsafspraken staat.`,
    `Neem contact op met de voorzitter van de regiotafel${chair ? ` (${chair.name}, ${chair.email})` : ""} en noem kenmerk ${c.code}.`,
  ]);
  enqueueMail(n.db, { kind: "term_due", toUserId: null, toAddress: contact.email, ...mail });
  return 1;
}

/**
 * Overdue actions (plan and meeting actions are one list) → their owners, as the home page counts
 * them: the owning person, else the owning organisation's people at the case's table (chair or
 * member), else the table's chair(s) so nothing is owned by nobody. One notice per person per day.
 */
export function notifyOverdueActions(n: Notifier, today: string): number {
  const perUser = new Map<string, { recipient: Recipient; codes: Set<string>; count: number }>();
  for (const action of overdueActionsWithOwners(n.db, today)) {
    for (const r of actionOwners(n.db, action)) {
      const entry = perUser.get(r.id) ?? { recipient: r, codes: new Set<string>(), count: 0 };
      entry.codes.add(action.code);
      entry.count++;
      perUser.set(r.id, entry);
    }
  }
  let written = 0;
  for (const { recipient, codes, count } of perUser.values()) {
    const what = count === 1 ? "1 actie is" : `${count} acties zijn`;
    written += deliver(n, [recipient], { kind: "actions_overdue", title: `${what} over de datum (casus ${[...codes].join(", ")})`, path: "/", dedupKey: `overdue:${today}` });
  }
  return written;
}

function actionOwners(db: Db, action: { tableId: number; ownerUserId: string | null; ownerOrganisationId: number }): Recipient[] {
  const person = action.ownerUserId ? activePerson(db, action.ownerUserId) : undefined;
  if (person) return [person];
  const organisationPeople = holdersOf(db, ["chair", "member"], { tableId: action.tableId, organisationId: action.ownerOrganisationId });
  return organisationPeople.length ? organisationPeople : chairsOf(db, action.tableId);
}

/** One mail per digest user with every notice not mailed yet. */
export function sendDigests(n: Notifier): number {
  const pending = n.db
    .select({ id: notices.id, userId: notices.userId, title: notices.title, path: notices.path, name: users.name, email: users.email })
    .from(notices)
    .innerJoin(users, eq(notices.userId, users.id))
    .innerJoin(notificationSettings, eq(notificationSettings.userId, notices.userId))
    .where(and(isNull(notices.mailedAt), eq(notificationSettings.digest, true), eq(users.active, true)))
    .orderBy(asc(notices.id))
    .all();
  const byUser = new Map<string, typeof pending>();
  for (const p of pending) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  for (const items of byUser.values()) {
    const [first] = items;
    const mail = digestMail(first.name, items.map((i) => ({ title: i.title, link: n.origin + i.path })), n.origin + PREFERENCES_PATH);
    n.db.transaction((tx) => {
      const t = tx as unknown as Db;
      enqueueMail(t, { kind: "digest", toUserId: first.userId, toAddress: first.email, ...mail });
      t.update(notices).set({ mailedAt: new Date().toISOString() }).where(inArray(notices.id, items.map((i) => i.id))).run();
    });
  }
  return byUser.size;
}

/** The daily jobs, each once per Amsterdam day from `hour` on (the worker calls this every round). */
export function runDailyJobs(n: Notifier, now: Date, hour: number) {
  oncePerDay(n.db, "terms", now, hour, (today) => notifyTermsDue(n, today));
  oncePerDay(n.db, "overdue-actions", now, hour, (today) => notifyOverdueActions(n, today));
  // Last, so today's term and action notices go into today's digest.
  oncePerDay(n.db, "digest", now, hour, () => sendDigests(n));
}

// ── In-app notices and the preference ───────────────────────────────────────

export function unreadCount(db: Db, userId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(notices).where(and(eq(notices.userId, userId), isNull(notices.readAt))).get()?.n ?? 0;
}

export const NOTICE_PAGE_SIZE = 50;

export function listNotices(db: Db, userId: string, limit = NOTICE_PAGE_SIZE) {
  return db
    .select({ id: notices.id, kind: notices.kind, title: notices.title, path: notices.path, createdAt: notices.createdAt, readAt: notices.readAt })
    .from(notices)
    .where(eq(notices.userId, userId))
    .orderBy(sql`${notices.readAt} is not null`, sql`${notices.id} desc`)
    .limit(limit)
    .all();
}

/** Marks one notice (of this user only) or all of them read; returns the notice's path when one was given. */
export function markNoticesRead(db: Db, userId: string, noticeId: number | null): string | null {
  const at = new Date().toISOString();
  if (noticeId == null) {
    db.update(notices).set({ readAt: at }).where(and(eq(notices.userId, userId), isNull(notices.readAt))).run();
    return null;
  }
  const row = db.select({ path: notices.path }).from(notices).where(and(eq(notices.id, noticeId), eq(notices.userId, userId))).get();
  if (!row) return null;
  db.update(notices).set({ readAt: at }).where(and(eq(notices.id, noticeId), eq(notices.userId, userId), isNull(notices.readAt))).run();
  return row.path;
}

export function digestPreference(db: Db, userId: string): boolean {
  return wantsDigest(db, userId);
}

export function setDigestPreference(db: Db, userId: string, digest: boolean) {
  db.insert(notificationSettings).values({ userId, digest }).onConflictDoUpdate({ target: notificationSettings.userId, set: { digest } }).run();
}

// ── Account links (not notices: the person may not be able to sign in yet) ─

export const activationPath = (token: string) => `/activeren/${token}`;
export const resetPath = (token: string) => `/wachtwoord-herstellen/${token}`;

/** An invitation: a one-time link (24 h) to choose a password. Returns the link (admin:create prints it). */
export function mailActivationLink(n: Notifier, user: Recipient): string {
  const { token } = issueAccountToken(n.db, user.id, "activation");
  const link = n.origin + activationPath(token);
  enqueueMail(n.db, { kind: "activation", toUserId: user.id, toAddress: user.email, ...activationMail(user.name, link, TOKEN_LIFETIME_MS.activation / 3_600_000) });
  return link;
}

/** A password reset: a one-time link (1 h). */
export function mailResetLink(n: Notifier, user: Recipient): void {
  const { token } = issueAccountToken(n.db, user.id, "reset");
  enqueueMail(n.db, { kind: "reset", toUserId: user.id, toAddress: user.email, ...resetMail(user.name, n.origin + resetPath(token), TOKEN_LIFETIME_MS.reset / 60_000) });
}
