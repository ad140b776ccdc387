// What the meeting page shows (details, agenda and participants) for one viewer, with its audit line.
import type { AppLoadContext } from "@remix-run/node";
import {
  amsterdamTime,
  defaultGuestAccessDate,
  endOf,
  formatClockRange,
  formatMeetingDay,
  formatPeriod,
  INVITATION_KIND_LABELS,
  nextFreeSlot,
  RESPONSE_LABELS,
} from "~/domain/meetings";
import { audit } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "~/lib/auth.server";
import type { MeetingAccess } from "~/lib/meeting-access.server";
import { agendaOf, clashesFor, invitationsOf, schedulableCases } from "~/models/meetings.server";

// One meeting: details, agenda and participants. Chair and members of its table see all of it;
// an invited guest expert only the agenda items they were invited to, while their access lasts.
// Agenda items show the case code, never the patient's name.
export function meetingView(context: AppLoadContext, user: CurrentUser, access: MeetingAccess) {
  const { db } = context.services;
  const { meeting, kind, isChair, invitation } = access;
  const allItems = agendaOf(db, meeting.id);
  const items = kind === "guest" ? allItems.filter((i) => access.guestItemIds.includes(i.id)) : allItems;
  const codeOf = new Map(allItems.map((i) => [i.id, i.code]));
  const participants = invitationsOf(db, meeting.id).map((p) => ({
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    kind: INVITATION_KIND_LABELS[p.kind],
    response: RESPONSE_LABELS[p.response],
    // Which cases a guest joins, and until when, is for the table only.
    guestItems: kind === "table" && p.kind === "guest" ? p.guestAgendaItemIds.map((id) => codeOf.get(id)).filter((c): c is string => Boolean(c)) : [],
    // Stored as the instant access ends; shown as the last day ("tot en met").
    accessUntil: kind === "table" && p.accessUntil ? formatMeetingDay(new Date(new Date(p.accessUntil).getTime() - 1).toISOString()) : null,
    isMe: p.userId === user.id,
  }));
  const endsAt = endOf(meeting.startsAt, meeting.durationMinutes);
  const over = new Date(endsAt).getTime() < Date.now();
  const myClashes =
    invitation && !meeting.cancelled && invitation.response !== "declined"
      ? clashesFor(db, [user.id], [meeting], meeting.id).map((c) => `${c.label}, ${formatMeetingDay(c.startsAt)}, ${formatClockRange(c.startsAt, c.durationMinutes)}`)
      : [];
  const freeSlot = isChair ? nextFreeSlot(meeting, allItems, 30) : null;
  // The agenda shows case codes, not identities: one line for the page, not one per patient.
  audit(db, {
    action: "meeting.view",
    actor: actorOf(user),
    objectType: "meeting",
    objectId: meeting.id,
    detail: `${kind === "guest" ? "als gast" : "als tafel"}, ${items.length} agendapunt(en)`,
    origin: context.origin,
  });
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      when: formatPeriod(meeting.startsAt, meeting.durationMinutes),
      range: formatClockRange(meeting.startsAt, meeting.durationMinutes),
      location: meeting.location,
      videoUrl: meeting.videoUrl,
      cancelled: meeting.cancelled,
      inSeries: Boolean(meeting.seriesId),
      over,
      tableName: meeting.tableName,
      tableSlug: meeting.tableSlug,
    },
    kind,
    isChair,
    myResponse: invitation ? invitation.response : null,
    myClashes,
    items: items.map((i) => ({
      id: i.id,
      caseId: i.caseId,
      code: i.code,
      status: i.status,
      time: formatClockRange(i.startsAt, i.durationMinutes),
      durationMinutes: i.durationMinutes,
      closed: Boolean(i.closedAt),
    })),
    participants,
    chair: isChair
      ? {
          cases: meeting.cancelled || over ? [] : schedulableCases(db, meeting.tableId),
          defaultStart: freeSlot ? amsterdamTime(freeSlot) : amsterdamTime(meeting.startsAt),
          defaultAccessUntil: defaultGuestAccessDate(meeting),
        }
      : null,
  };
}

