// Meetings as iCalendar: a download per meeting and a personal feed per user. A calendar
// leaves the portal's protection (phones, shared agendas), so it says when and where, never
// which cases: only "N casussen op de agenda".
import type { AppLoadContext } from "@remix-run/node";
import { createEvents, type EventAttributes } from "ics";
import { agendaCountLabel, endOf } from "~/domain/meetings";
import { feedOwner } from "~/models/meetings.server";
import { notFound } from "./auth.server";

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

/** The portal's public origin, for links in calendars. */
export function portalOrigin(request: Request, context: AppLoadContext): string {
  return context.services.config.appOrigin ?? new URL(request.url).origin;
}

/** Stable per meeting, so a re-imported or re-fetched event updates instead of duplicating. */
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

export function calendarResponse(meetings: CalendarMeeting[], origin: string, options: { calName: string; fileName?: string }): Response {
  const { error, value } = createEvents(
    meetings.map((m) => meetingEvent(m, origin)),
    { productId: "-//Regiotafel//Bijeenkomsten//NL", calName: options.calName },
  );
  if (error || value == null) throw new Response("De agenda kon niet worden gemaakt.", { status: 500 });
  const headers: Record<string, string> = { "Content-Type": "text/calendar; charset=utf-8" };
  if (options.fileName) headers["Content-Disposition"] = `attachment; filename="${options.fileName}"`;
  return new Response(value, { headers });
}

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * The guard of the personal feed. Calendar apps fetch it without cookies, so the secret in
 * the URL is the only credential: an unknown, malformed or revoked token, or a deactivated
 * user, is a plain 404. Any session cookie sent along is ignored.
 */
export async function requireCalendarFeed(_request: Request, context: AppLoadContext, rawFile: string | undefined): Promise<{ userId: string; feedId: number }> {
  const match = FEED_FILE.exec(rawFile ?? "");
  const owner = match ? feedOwner(context.services.db, match[1]) : null;
  if (!owner) throw notFound();
  return owner;
}
