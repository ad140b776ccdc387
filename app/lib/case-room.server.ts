// The case room's server side: storing and listing messages (one function for the socket and
// the plain form post), what the room shows of the case, who is present, and what a consent
// change does to everyone in the room at that moment.
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Server } from "socket.io";
import { dataVersion } from "#db/data-versions";
import { caseMessages, organisations, sessions, users } from "#db/schema";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { plainText, z } from "~/domain/dutch-errors";
import type { Principal } from "~/domain/permissions";
import { tooFastMessage, type TokenBuckets } from "~/domain/rate-limit";
import { getPatient } from "~/models/cases.server";
import { loadAccount, type CurrentUser } from "./auth.server";
import { checkCaseAccess, type CaseCheck } from "./case-access.server";
import { grantHolds, grantOf, type RoomGrant } from "./case-room-access.server";
import {
  CLIENT_MESSAGE_ID_MAX,
  MESSAGE_MAX,
  roomName,
  type PresentPerson,
  type RoomCaseSummary,
  type RoomClientToServerEvents,
  type RoomMessage,
  type RoomServerToClientEvents,
} from "./case-room";
import type { Db } from "~/models/db.server";

export type RoomSocketData = {
  user: CurrentUser;
  /** The handshake's Cookie header: every event authenticates again with it. */
  cookie: string;
  /** Case rooms this socket joined, with the access it was last granted (and told). */
  caseRooms: Map<number, RoomGrant>;
  /** Until when the session holds, as last read (sessionDeadline); a broadcast checks it. */
  sessionUntil: number;
  /** The access counter (data version "access") when `user` was last authenticated, and when that was. */
  userVersion: number;
  verifiedAt: number;
};

export type RoomServer = Server<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, RoomSocketData>;

/** services.io is typed without our events; it is the same server. */
export const roomServer = (io: Server | null): RoomServer | null => io as unknown as RoomServer | null;

// ── Validation (allow-lists, Dutch messages) ─────────────────────────────────

const CaseId = z.number().int().positive().max(2_147_483_647);
export const ClientMessageId = z
  .string()
  .min(1)
  .max(CLIENT_MESSAGE_ID_MAX)
  .regex(/^[A-Za-z0-9._:-]+$/, "Het bericht-id heeft niet de goede vorm.");
export const MessageBody = plainText({ multiline: true, required: "Typ een bericht.", max: MESSAGE_MAX });

export const JoinSchema = z.object({ caseId: CaseId, lastMessageId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict();
export const MessageSchema = z.object({ caseId: CaseId, clientMessageId: ClientMessageId, body: MessageBody }).strict();
export const LeaveSchema = z.object({ caseId: CaseId }).strict();
/** The page's plain form: the same message, the case comes from the URL. */
export const MessageFormSchema = z.object({ clientMessageId: ClientMessageId, body: MessageBody });

/** The first problem of a failed parse, in Dutch, for an ack. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` : "Ongeldig bericht.";
}

// ── Messages ─────────────────────────────────────────────────────────────────

/** On join without a last id, and on the page: this many of the newest messages. */
export const HISTORY_LIMIT = 500;
/** Missed messages in one join answer; the client joins again for the rest. */
export const CATCH_UP_LIMIT = 1000;

const messageColumns = {
  id: caseMessages.id,
  caseId: caseMessages.caseId,
  authorName: users.name,
  authorOrganisation: organisations.name,
  body: caseMessages.body,
  createdAt: caseMessages.createdAt,
};

type MessageRow = Omit<RoomMessage, "time">;
const present = (row: MessageRow): RoomMessage => ({ ...row, time: formatAmsterdam(row.createdAt) });

function messageQuery(db: Db) {
  return db
    .select(messageColumns)
    .from(caseMessages)
    .innerJoin(users, eq(caseMessages.authorUserId, users.id))
    .innerJoin(organisations, eq(users.organisationId, organisations.id));
}

export type StoreResult = { ok: true; message: RoomMessage; created: boolean } | { ok: false; reason: "invalid" | "error"; error: string };

/** The two statements every message runs, prepared once per connection. */
function messageStatements(db: Db): MessageStatements {
  let prepared = preparedMessages.get(db.$client);
  if (!prepared) {
    prepared = {
      insert: db
        .insert(caseMessages)
        .values({
          caseId: sql.placeholder("caseId"),
          authorUserId: sql.placeholder("authorUserId"),
          clientMessageId: sql.placeholder("clientMessageId"),
          body: sql.placeholder("body"),
          createdAt: sql.placeholder("createdAt"),
        })
        .onConflictDoNothing({ target: [caseMessages.authorUserId, caseMessages.clientMessageId] })
        .returning({ id: caseMessages.id })
        .prepare(),
      byClientId: messageQuery(db)
        .where(and(eq(caseMessages.authorUserId, sql.placeholder("authorUserId")), eq(caseMessages.clientMessageId, sql.placeholder("clientMessageId"))))
        .prepare(),
    };
    preparedMessages.set(db.$client, prepared);
  }
  return prepared;
}
type MessageStatements = {
  insert: { get(values: Record<string, unknown>): { id: number } | undefined };
  byClientId: { get(values: Record<string, unknown>): MessageRow | undefined };
};
const preparedMessages = new WeakMap<object, MessageStatements>();

/**
 * Stores a message once: a resend with the same (author, clientMessageId) returns the message
 * already stored. Synchronous, so when this returns the row is committed and may be acknowledged.
 */
export function storeMessage(db: Db, input: { caseId: number; authorUserId: string; clientMessageId: string; body: string }): StoreResult {
  const { insert, byClientId } = messageStatements(db);
  const inserted = insert.get({ ...input, createdAt: new Date().toISOString() });
  const row = byClientId.get(input);
  if (!row) return { ok: false, reason: "error", error: NOT_STORED };
  if (row.caseId !== input.caseId) return { ok: false, reason: "invalid", error: "Dit bericht-id is al gebruikt voor een andere casus." };
  return { ok: true, message: present(row), created: Boolean(inserted) };
}

/** The newest messages of a case, oldest first (the page and a join without last id). */
export function recentMessages(db: Db, caseId: number, limit = HISTORY_LIMIT): RoomMessage[] {
  return messageQuery(db).where(eq(caseMessages.caseId, caseId)).orderBy(desc(caseMessages.id)).limit(limit).all().reverse().map(present);
}

/** What a reconnecting client missed: messages after its last id, oldest first. */
export function messagesAfter(db: Db, caseId: number, afterId: number, limit = CATCH_UP_LIMIT): { messages: RoomMessage[]; hasMore: boolean } {
  const rows = messageQuery(db)
    .where(and(eq(caseMessages.caseId, caseId), gt(caseMessages.id, afterId)))
    .orderBy(asc(caseMessages.id))
    .limit(limit + 1)
    .all();
  return { messages: rows.slice(0, limit).map(present), hasMore: rows.length > limit };
}

// ── The case as the room shows it ────────────────────────────────────────────

export function caseSummary(db: Db, check: Extract<CaseCheck, { ok: true }>): RoomCaseSummary {
  const { found, visibility } = check;
  return {
    caseId: found.case.id,
    code: found.case.code,
    tableName: found.tableName,
    patientName: visibility === "identified" ? (getPatient(db, found.case.patientId)?.name ?? null) : null,
  };
}

/** The user as they are now (memberships may have changed since the socket connected); null when inactive or gone. */
export function freshViewer(db: Db, userId: string) {
  const account = loadAccount(db, userId);
  if (!account || !account.active) return null;
  const principal: Principal = {
    userId: account.id,
    organisationId: account.organisationId,
    organisationType: account.organisationType,
    memberships: account.memberships,
  };
  return { id: account.id, email: account.email, organisationId: account.organisationId, organisationType: account.organisationType, principal };
}

// ── Live: presence, broadcast, consent changes ───────────────────────────────

/** Everyone in a case room now, once per person, by name. */
export function presenceIn(io: RoomServer, caseId: number): PresentPerson[] {
  const namespace = io.of("/");
  const ids = namespace.adapter.rooms.get(roomName(caseId)) ?? new Set<string>();
  const people = new Map<string, PresentPerson>();
  for (const id of ids) {
    const user = namespace.sockets.get(id)?.data.user;
    if (user) people.set(user.id, { name: user.name, organisation: user.organisationName });
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "nl"));
}

export function broadcastPresence(io: RoomServer, caseId: number) {
  io.to(roomName(caseId)).emit("room:presence", { caseId, present: presenceIn(io, caseId) });
}

/**
 * Until when a session holds (ms since epoch; 0: ended or account inactive): the sooner of lucia's
 * sliding idle expiry and the portal's absolute limit. Sockets keep it in memory (sessionUntil),
 * so a broadcast checks every receiver without a query.
 */
export function sessionDeadline(db: Db, sessionId: string, absoluteMs: number): number {
  let read = deadlineReads.get(db.$client);
  if (!read) {
    read = db
      .select({ expiresAt: sessions.expiresAt, createdAt: sessions.createdAt, active: users.active })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, sql.placeholder("sessionId")))
      .prepare();
    deadlineReads.set(db.$client, read);
  }
  const row = read.get({ sessionId });
  // lucia stores expires_at in seconds; created_at is the portal's own, in milliseconds.
  return row?.active ? Math.min(row.expiresAt * 1000, row.createdAt + absoluteMs) : 0;
}
/** Prepared once per connection: every socket's sweep runs it every few seconds. */
const deadlineReads = new WeakMap<object, { get(values: { sessionId: string }): { expiresAt: number; createdAt: number; active: boolean } | undefined }>();

/** Reads a socket's session deadline again; false (and the socket closed) when it has ended. */
export function refreshSession(db: Db, socket: { data: RoomSocketData; disconnect(close: boolean): unknown }, absoluteMs: number, now = Date.now()): boolean {
  socket.data.sessionUntil = sessionDeadline(db, socket.data.user.sessionId, absoluteMs);
  if (socket.data.sessionUntil > now) return true;
  socket.disconnect(true);
  return false;
}

type BroadcastServices = { io: unknown; db: Db; config: { sessionAbsoluteMs: number } };

/**
 * A stored message to everyone in the room whose session and access still hold (also the form
 * post's, so open rooms see it live). Each socket's remembered deadline and access are checked in
 * memory; only a socket past its deadline, or whose access may have changed since (the access
 * counter moved), costs queries, and one that lost either gets nothing. The rest get one broadcast.
 */
export function broadcastMessage(services: BroadcastServices, message: RoomMessage, now = Date.now()) {
  const io = roomServer(services.io as Parameters<typeof roomServer>[0]);
  if (!io) return;
  const namespace = io.of("/");
  const room = roomName(message.caseId);
  const version = dataVersion(services.db, "access");
  const excluded: string[] = [];
  for (const id of namespace.adapter.rooms.get(room) ?? []) {
    const socket = namespace.sockets.get(id);
    if (!socket) continue;
    const { sessionUntil, userVersion, caseRooms } = socket.data;
    // Past its deadline, or something changed since the user was authenticated: read the session again.
    const sessionHolds = (sessionUntil > now && userVersion === version) || refreshSession(services.db, socket, services.config.sessionAbsoluteMs, now);
    const accessHolds = sessionHolds && (grantHolds(caseRooms.get(message.caseId), version) || recheckMember(services.db, socket, message.caseId, version) !== "removed");
    if (!accessHolds) excluded.push(id);
  }
  (excluded.length ? io.to(room).except(excluded) : io.to(room)).emit("room:message", message);
  if (excluded.length) broadcastPresence(io, message.caseId);
}

export type PostResult = { ok: true; message: RoomMessage; created: boolean } | { ok: false; reason: "rate" | "invalid" | "error"; error: string };

type PostServices = BroadcastServices & { messageRate: TokenBuckets };
type Post = { input: { caseId: number; authorUserId: string; clientMessageId: string; body: string }; auditCreated?: (message: RoomMessage) => void };
const NOT_STORED = "Het bericht kon niet worden opgeslagen.";

/**
 * One message from a user into a case room by the plain form post: within the user's rate, stored
 * once (with `auditCreated` in the same transaction), then broadcast. A resend of a stored message
 * (same clientMessageId) costs nothing from the rate: a reconnecting client is not punished.
 */
export function postMessage(services: PostServices, input: Post["input"], auditCreated?: Post["auditCreated"]): PostResult {
  const tooFast = takeRate(services, input.authorUserId, input.clientMessageId);
  if (tooFast) return tooFast;
  return commitPosts(services, [{ input, auditCreated }])[0];
}

/**
 * The socket's way (its rate token already taken with takeRate()): the messages that arrive in
 * one turn of the event loop are stored in one transaction with one synced commit (group commit),
 * and each is acknowledged once that commit is done. A commit costs milliseconds on disk, so one
 * per message would hold every room up behind a burst.
 */
export function postMessageGrouped(services: PostServices, input: Post["input"], auditCreated?: Post["auditCreated"]): Promise<PostResult> {
  let group = groups.get(services.db.$client);
  if (!group) groups.set(services.db.$client, (group = []));
  const queued = group;
  return new Promise((resolve, reject) => {
    queued.push({ post: { input, auditCreated }, resolve, reject });
    if (queued.length > 1) return;
    setImmediate(() => {
      groups.delete(services.db.$client);
      try {
        const results = commitPosts(services, queued.map((q) => q.post));
        queued.forEach((q, i) => q.resolve(results[i]));
      } catch (error) {
        for (const q of queued) q.reject(error);
      }
    });
  });
}
const groups = new WeakMap<object, { post: Post; resolve: (r: PostResult) => void; reject: (e: unknown) => void }[]>();

/** Measurement only (the case-room benchmark): told how long each message commit took, and for how many messages. */
let commitObserver: ((ms: number, messages: number) => void) | null = null;
export function observeMessageCommits(observer: typeof commitObserver) {
  commitObserver = observer;
}

/**
 * Stores posts in one transaction, each in its own savepoint (a write that fails fails only its
 * own message), then broadcasts what was stored and gives back the rate of what was not new.
 */
function commitPosts(services: PostServices, posts: Post[]): PostResult[] {
  const { db, messageRate } = services;
  const sqlite = db.$client;
  const started = commitObserver ? performance.now() : 0;
  const results = sqlite
    .transaction(() =>
      posts.map(({ input, auditCreated }): PostResult => {
        try {
          return sqlite.transaction(() => {
            const result = storeMessage(db, input);
            if (result.ok && result.created) auditCreated?.(result.message);
            return result;
          })();
        } catch (error) {
          console.error("case-room message not stored", error);
          return { ok: false, reason: "error", error: NOT_STORED };
        }
      }),
    )
    .immediate();
  commitObserver?.(performance.now() - started, posts.length);
  results.forEach((stored, i) => {
    if (stored.ok && stored.created) broadcastMessage(services, stored.message);
    else messageRate.give(posts[i].input.authorUserId); // nothing new was stored
  });
  return results;
}

/**
 * Takes one token of the user's message rate: null when the message may go on, else the Dutch
 * refusal. Called first thing for a message, so a flood is refused before any session or access
 * query. A resend of a stored message is never refused (its token is given back once it proves a resend).
 */
export function takeRate(services: { db: Db; messageRate: TokenBuckets }, authorUserId: string, clientMessageId: string) {
  const waitMs = services.messageRate.waitMs(authorUserId);
  if (waitMs === 0) {
    services.messageRate.take(authorUserId);
    return null;
  }
  if (alreadyStored(services.db, authorUserId, clientMessageId)) {
    services.messageRate.take(authorUserId); // given back by postMessage, which finds it stored
    return null;
  }
  return { ok: false as const, reason: "rate" as const, error: tooFastMessage(waitMs) };
}

function alreadyStored(db: Db, authorUserId: string, clientMessageId: string): boolean {
  return !!db
    .select({ id: caseMessages.id })
    .from(caseMessages)
    .where(and(eq(caseMessages.authorUserId, authorUserId), eq(caseMessages.clientMessageId, clientMessageId)))
    .get();
}

export type RoomRefresh = { checked: number; changed: number; removed: number };
type RoomSocket = ReturnType<ReturnType<RoomServer["of"]>["sockets"]["get"]> & {};

/**
 * One socket in a case room checked again as things are now (account, memberships, case access
 * with the consent in force). Whose visibility changed is told ("room:revoked"); who may no longer
 * see the case at all (named as not to be involved, or access gone) is told and taken out of the
 * room at once. The result is remembered with the access counter `version`.
 */
function recheckMember(db: Db, socket: RoomSocket, caseId: number, version: number): "kept" | "changed" | "removed" {
  const viewer = freshViewer(db, socket.data.user.id);
  const check = viewer ? checkCaseAccess(db, viewer, caseId, "case:read") : null;
  if (!viewer || !check?.ok) {
    socket.emit("room:revoked", { caseId, visibility: "none", summary: null });
    void socket.leave(roomName(caseId));
    socket.data.caseRooms.delete(caseId);
    return "removed";
  }
  const before = socket.data.caseRooms.get(caseId);
  socket.data.caseRooms.set(caseId, grantOf(check, viewer, version));
  if (before?.visibility === check.visibility) return "kept";
  socket.emit("room:revoked", { caseId, visibility: check.visibility, summary: caseSummary(db, check) });
  return "changed";
}

/** After a consent change: everyone in the room is checked again with the consent now in force. */
export function applyConsentToRoom(io: RoomServer | null, db: Db, caseId: number): RoomRefresh {
  const result: RoomRefresh = { checked: 0, changed: 0, removed: 0 };
  if (!io) return result;
  const namespace = io.of("/");
  const version = dataVersion(db, "access");
  for (const id of [...(namespace.adapter.rooms.get(roomName(caseId)) ?? [])]) {
    const socket = namespace.sockets.get(id);
    if (!socket) continue;
    result.checked++;
    const outcome = recheckMember(db, socket, caseId, version);
    if (outcome !== "kept") result[outcome]++;
  }
  if (result.removed) broadcastPresence(io, caseId);
  return result;
}
