// Meetings as iCalendar events: one shape for the download, the personal feed and the invitation
// mails. A calendar leaves the portal's protection, so it says when and where, never which cases.
import { createEvent, type EventAttributes } from "ics";
import { agendaCountLabel, endOf } from "./meetings";

export type CalendarMeeting = {
  id: number;
  title: string;
  tableName: string;
  startsAt: string;
  durationMinutes: number;
  location: string | null;
  videoUrl: string | null;
  cancelled: boolean;
  agendaCount: number;
};

/** Stable per meeting, so a re-imported or re-fetched event, or a later invitation, updates instead of duplicating. */
export const meetingUid = (meetingId: number) => `bijeenkomst-${meetingId}@regiotafel`;

export function meetingEvent(m: CalendarMeeting, origin: string): EventAttributes {
  const page = `${origin}/bijeenkomsten/${m.id}`;
  const description = [`${agendaCountLabel(m.agendaCount)}.`, m.videoUrl ? `Videoverbinding: ${m.videoUrl}` : null, `Details in het portaal: ${page}`]
    .filter(Boolean)
    .join("\n");
  return {
    uid: meetingUid(m.id),
    title: `Regiotafel ${m.tableName}: ${m.title}`,
    start: new Date(m.startsAt).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(endOf(m.startsAt, m.durationMinutes)).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    location: m.location ?? (m.videoUrl ? "Online" : undefined),
    url: m.videoUrl ?? page,
    description,
    status: m.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    classification: "PRIVATE",
  };
}

export type Invitation = {
  method: "REQUEST" | "CANCEL";
  /** Raised at every change sent out: calendars apply only a higher SEQUENCE for the same UID. */
  sequence: number;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
};

/**
 * An iTIP message (RFC 5546) for one participant: METHOD:REQUEST to add or move the meeting,
 * METHOD:CANCEL to take it out of the calendar. Outlook and Google need ORGANIZER and ATTENDEE.
 */
export function invitationIcs(m: CalendarMeeting, origin: string, invitation: Invitation): string {
  const { error, value } = createEvent({
    ...meetingEvent({ ...m, cancelled: m.cancelled || invitation.method === "CANCEL" }, origin),
    productId: "-//Regiotafel//Bijeenkomsten//NL",
    method: invitation.method,
    sequence: invitation.sequence,
    organizer: invitation.organizer,
    attendees: [{ ...invitation.attendee, rsvp: invitation.method === "REQUEST", partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" }],
  });
  if (error || value == null) throw error ?? new Error("no calendar event");
  return value;
}
