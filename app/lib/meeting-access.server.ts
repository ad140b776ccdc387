// Who may see a meeting: the chair and members of its table, and guest experts invited to it
// (only their own agenda items, and only until their access ends). Everyone else, and every
// id that does not exist, gets the same 404, and the refusal is audited.
import type { AppLoadContext } from "@remix-run/node";
import { can } from "~/domain/permissions";
import { guestAccessActive } from "~/domain/meetings";
import { getMeeting, invitationFor, type MeetingWithTable } from "~/models/meetings.server";
import { denyAccess, type CurrentUser } from "./auth.server";
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
  return denyAccess(request, context, user, { status: 404, objectType: "meeting", objectId: rawMeetingId, detail: "meeting" });
}

/** A chair-only step on a page the user may see: refused with 403 and audited otherwise. */
export function requireMeetingChair(request: Request, context: AppLoadContext, user: CurrentUser, access: MeetingAccess, intent: string) {
  if (access.isChair) return;
  denyAccess(request, context, user, { status: 403, objectType: "meeting", objectId: access.meeting.id, detail: `table:chair ${intent}` });
}
