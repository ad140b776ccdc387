// socket.io on the same HTTP server. The session cookie authenticates every connection
// (there is no connection state recovery, so no connection skips this); each socket joins
// user:<id> and session:<id> so logout, deactivation and consent withdrawal can disconnect it.
//
// The case room (security.md, "socket.io delivery"): every event is validated with zod and
// authenticated and authorised again (session, account, case access with the consent in force).
// A socket caches its user and its case access with the database's access counter
// (case-room-access.server.ts): every write that can revoke access moves the counter, so the next
// event checks afresh, while an unchanged counter costs one read instead of the full checks.
// A message is acknowledged only after it is stored; a resend with the same clientMessageId is
// answered with the stored message; a client that (re)joins with its last message id gets
// exactly what it missed, in order.
import type http from "node:http";
import { dataVersion } from "../db/data-versions";
import { Server, type Socket } from "socket.io";
import { authenticateCookieHeader, actorOf, type CurrentUser } from "../app/lib/auth.server";
import { audit } from "../app/models/audit.server";
import { checkCaseAccess } from "../app/lib/case-access.server";
import { grantHolds, grantOf } from "../app/lib/case-room-access.server";
import { roomName, type JoinAck, type LeaveAck, type MessageAck, type RoomClientToServerEvents, type RoomServerToClientEvents } from "../app/lib/case-room";
import {
  JoinSchema,
  LeaveSchema,
  MessageSchema,
  broadcastPresence,
  caseSummary,
  firstProblem,
  messagesAfter,
  presenceIn,
  postMessageGrouped,
  recentMessages,
  takeRate,
  refreshSession,
  sessionDeadline,
  type RoomServer,
  type RoomSocketData,
} from "../app/lib/case-room.server";
import type { AppServices } from "../app/lib/context.server";

export type SocketData = RoomSocketData;
type RoomSocket = Socket<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, RoomSocketData>;

const SESSION_ENDED = "Uw sessie is verlopen. Log opnieuw in.";
const NO_ACCESS = "U heeft geen toegang tot deze casus.";
const NOT_JOINED = "Open eerst het overleg van deze casus.";
const FAILED = "Er ging iets mis. Probeer het opnieuw.";
/** Every few seconds each socket's session is checked, so a socket ends with its session. */
export const SESSION_SWEEP_MS = 5_000;

export function attachSockets(httpServer: http.Server, services: AppServices) {
  const io: RoomServer = new Server(httpServer, {
    serveClient: false,
    // No connectionStateRecovery: it would let a reconnecting socket skip io.use() below.
    // Clients resume with their last message id instead.
    // Cross-site WebSocket hijacking: only pages of this portal may open a socket.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const expected = services.config.appOrigin ?? `http://${req.headers.host}`;
      const sameOrigin = !origin || origin === expected || origin === expected.replace(/^http:/, "https:");
      callback(sameOrigin ? null : "origin not allowed", sameOrigin);
    },
  });

  io.use(async (socket, next) => {
    try {
      const cookie = socket.handshake.headers.cookie ?? "";
      const version = dataVersion(services.db, "access"); // read before the checks: a change after them moves it
      const user = await authenticateCookieHeader(services, cookie);
      // A session still waiting for a required second factor reaches only the enrolment page.
      if (!user || user.enrolmentRequired) return next(new Error("unauthorized"));
      remember(socket, user, version);
      socket.data.cookie = cookie;
      socket.data.caseRooms = new Map();
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  const { db } = services;
  // Idle and absolute expiry end the socket too, not only its next event; the sweep also renews
  // each socket's remembered deadline (a session slides with the user's page requests).
  const sweep = setInterval(() => {
    if (!db.$client.open) return clearInterval(sweep); // the portal closed
    for (const socket of io.of("/").sockets.values()) refreshSession(db, socket, services.config.sessionAbsoluteMs);
  }, SESSION_SWEEP_MS);
  sweep.unref();
  const originOf = (socket: RoomSocket) => ({
    ip: socket.handshake.address ?? null,
    userAgent: (socket.handshake.headers["user-agent"] as string | undefined) ?? null,
  });

  /** A freshly authenticated user, with the access counter read before authenticating. */
  function remember(socket: RoomSocket, user: CurrentUser, version: number) {
    socket.data.user = user;
    socket.data.userVersion = version;
    socket.data.verifiedAt = Date.now();
    socket.data.sessionUntil = sessionDeadline(db, user.sessionId, services.config.sessionAbsoluteMs);
  }

  /**
   * The session and account as they are now, and the access counter they hold for; a socket whose
   * session ended is closed. The socket's user is reused while nothing that could end it happened
   * (the counter did not move, the session's deadline has not passed) and it was authenticated less
   * than a sweep ago, so an active socket still slides its session as a page request does.
   */
  async function currentUser(socket: RoomSocket): Promise<{ me: CurrentUser; version: number } | null> {
    const version = dataVersion(db, "access");
    const now = Date.now();
    const { user, userVersion, sessionUntil, verifiedAt } = socket.data;
    if (userVersion === version && sessionUntil > now && now - verifiedAt < SESSION_SWEEP_MS) return { me: user, version };
    const fresh = await authenticateCookieHeader(services, socket.data.cookie);
    if (!fresh || fresh.enrolmentRequired) {
      setImmediate(() => socket.disconnect(true));
      return null;
    }
    remember(socket, fresh, version);
    return { me: fresh, version };
  }

  function denied(socket: RoomSocket, user: CurrentUser, caseId: number, patientId: number | undefined, detail: string) {
    audit(db, {
      action: "case_room.denied",
      outcome: "denied",
      actor: actorOf(user),
      objectType: "case",
      objectId: caseId,
      patientId,
      detail,
      origin: originOf(socket),
    });
  }

  /** Runs a handler so that nothing a client sends can crash the server or leave an ack unanswered. */
  function handle<A extends { ok: boolean }>(
    socket: RoomSocket,
    event: string,
    run: (payload: unknown) => Promise<A>,
  ) {
    return (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (a: unknown) => void) : () => {};
      run(payload).then(reply, (error: unknown) => {
        console.error(`socket ${event} failed`, error);
        reply({ ok: false, reason: "error", error: FAILED });
      });
    };
  }

  io.on("connection", (socket: RoomSocket) => {
    const { user } = socket.data;
    void socket.join([`user:${user.id}`, `session:${user.sessionId}`]);

    socket.on(
      "room:join",
      handle(socket, "room:join", async (payload): Promise<JoinAck> => {
        const parsed = JoinSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, reason: "invalid", error: firstProblem(parsed.error) };
        const current = await currentUser(socket);
        if (!current) return { ok: false, reason: "session", error: SESSION_ENDED };
        const { me, version } = current;
        const { caseId, lastMessageId } = parsed.data;
        const check = checkCaseAccess(db, me, caseId, "case:read");
        if (!check.ok) {
          denied(socket, me, caseId, check.found?.case.patientId, "room:join");
          if (socket.rooms.has(roomName(caseId))) {
            void socket.leave(roomName(caseId));
            socket.data.caseRooms.delete(caseId);
            broadcastPresence(io, caseId);
          }
          return { ok: false, reason: "access", error: NO_ACCESS };
        }
        // Join, read what was missed and answer in one synchronous step: a message stored after
        // this reaches the socket as a broadcast, one stored before is in the answer.
        void socket.join(roomName(caseId));
        socket.data.caseRooms.set(caseId, grantOf(check, me, version));
        const { messages, hasMore } =
          lastMessageId === undefined ? { messages: recentMessages(db, caseId), hasMore: false } : messagesAfter(db, caseId, lastMessageId);
        audit(db, {
          action: "case_room.join",
          actor: actorOf(me),
          objectType: "case",
          objectId: caseId,
          patientId: check.found.case.patientId,
          detail: `${check.found.case.code} (${check.visibility === "identified" ? "met identiteit" : "zonder identiteit"}), ${messages.length} berichten`,
          consentOverride: check.viaOverride,
          origin: originOf(socket),
        });
        broadcastPresence(io, caseId);
        return { ok: true, caseId, visibility: check.visibility, summary: caseSummary(db, check), messages, hasMore, present: presenceIn(io, caseId) };
      }),
    );

    socket.on(
      "room:message",
      handle(socket, "room:message", async (payload): Promise<MessageAck> => {
        const parsed = MessageSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, reason: "invalid", error: firstProblem(parsed.error) };
        const { caseId, clientMessageId, body } = parsed.data;
        // Over the rate: refused before any session or access query, so a flood costs little.
        const tooFast = takeRate(services, socket.data.user.id, clientMessageId);
        if (tooFast) return tooFast;
        const giveBack = () => services.messageRate.give(socket.data.user.id);
        const current = await currentUser(socket);
        if (!current) {
          giveBack();
          return { ok: false, reason: "session", error: SESSION_ENDED };
        }
        const { me, version } = current;
        if (!socket.rooms.has(roomName(caseId))) {
          denied(socket, me, caseId, undefined, "room:message zonder room:join");
          giveBack();
          return { ok: false, reason: "not_joined", error: NOT_JOINED };
        }
        // The access granted at join (or at the last check) holds while the access counter has not moved.
        let grant = socket.data.caseRooms.get(caseId);
        if (!grantHolds(grant, version)) {
          const check = checkCaseAccess(db, me, caseId, "case:read");
          if (!check.ok) {
            denied(socket, me, caseId, check.found?.case.patientId, "room:message");
            giveBack();
            void socket.leave(roomName(caseId));
            socket.data.caseRooms.delete(caseId);
            broadcastPresence(io, caseId);
            return { ok: false, reason: "access", error: NO_ACCESS };
          }
          grant = grantOf(check, me, version);
          socket.data.caseRooms.set(caseId, grant);
        }
        const { patientId, code, viaOverride } = grant;
        // The message and its audit event in one transaction (shared with the messages of the same turn), then everyone in the room; the sender also gets it in the ack.
        const stored = await postMessageGrouped(services, { caseId, authorUserId: me.id, clientMessageId, body }, (message) =>
          audit(db, {
            action: "case_room.message",
            actor: actorOf(me),
            objectType: "case_message",
            objectId: message.id,
            patientId,
            detail: `${code}: bericht ${message.id}`,
            consentOverride: viaOverride,
            origin: originOf(socket),
          }),
        );
        if (!stored.ok) return stored;
        return { ok: true, message: stored.message };
      }),
    );

    socket.on(
      "room:leave",
      handle(socket, "room:leave", async (payload): Promise<LeaveAck> => {
        const parsed = LeaveSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, reason: "invalid", error: firstProblem(parsed.error) };
        const { caseId } = parsed.data;
        if (socket.rooms.has(roomName(caseId))) {
          await socket.leave(roomName(caseId));
          socket.data.caseRooms.delete(caseId);
          broadcastPresence(io, caseId);
        }
        return { ok: true };
      }),
    );

    socket.on("disconnect", () => {
      // The socket has left every room by now; tell the rooms it was in who is still there.
      for (const caseId of socket.data.caseRooms?.keys() ?? []) broadcastPresence(io, caseId);
    });
  });

  services.io = io as unknown as Server;
  return io;
}
