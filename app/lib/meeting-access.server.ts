// Who may see a meeting: the chair and members of its table, and guest experts invited to it
// (only their own agenda items, and only until their access ends). Everyone else, and every
// id that does not exist, gets the same 404, and the refusal is audited.
import type { AppLoadContext } from "@remix-run/node";
import { can } from "~/domain/permissions";
import { guestAccessActive } from "~/domain/meetings";
import { getMeeting, invitationFor, type MeetingWithTable } from "~/models/meetings.server";
import { audit } from "./audit.server";
import { actorOf, notFound, type CurrentUser } from "./auth.server";
import { parseId } from "./case-access.server";

export type MeetingAccess = {
  meeting: MeetingWithTable;
  /** "table": chair or member of the meeting's table, sees everything; "guest": only guestItemIds. */
  kind: "table" | "guest";
  isChair: boolean;
  guestItemIds: number[];
  invitation: ReturnType<typeof invitationFor>;
};

export function meetingAccess(request: Request, context: AppLoadContext, user: CurrentUser, rawMeetingId: string | undefined): MeetingAccess {
  const { db } = context.services;
  const meetingId = parseId(rawMeetingId);
  const meeting = meetingId ? getMeeting(db, meetingId) : null;
  const invitation = meeting ? invitationFor(db, meeting.id, user.id) : null;
  if (meeting && can(user.principal, "table:read", { tableId: meeting.tableId })) {
    return { meeting, kind: "table", isChair: can(user.principal, "table:chair", { tableId: meeting.tableId }), guestItemIds: [], invitation };
  }
  if (meeting && invitation?.kind === "guest" && guestAccessActive(invitation.accessUntil)) {
    return { meeting, kind: "guest", isChair: false, guestItemIds: invitation.guestAgendaItemIds, invitation };
  }
  audit(db, {
    action: "access.denied",
    outcome: "denied",
    actor: actorOf(user),
    objectType: "meeting",
    objectId: rawMeetingId?.slice(0, 20),
    detail: `meeting ${new URL(request.url).pathname}`.slice(0, 200),
    origin: context.origin,
  });
  throw notFound();
}

/** A chair-only step on a page the user may see: refused with 403 and audited otherwise. */
export function requireMeetingChair(request: Request, context: AppLoadContext, user: CurrentUser, access: MeetingAccess, intent: string) {
  if (access.isChair) return;
  audit(context.services.db, {
    action: "access.denied",
    outcome: "denied",
    actor: actorOf(user),
    objectType: "meeting",
    objectId: access.meeting.id,
    detail: `table:chair ${intent} ${new URL(request.url).pathname}`.slice(0, 200),
    origin: context.origin,
  });
  throw new Response("Geen toegang", { status: 403 });
}
