// Meetings as iCalendar: a download per meeting and a personal feed per user. A calendar
// leaves the portal's protection (phones, shared agendas), so it says when and where, never
// which cases: only "N casussen op de agenda".
import type { AppLoadContext } from "@remix-run/node";
import { createEvents } from "ics";
import { meetingEvent, type CalendarMeeting } from "~/domain/meeting-calendar";
import { feedOwner } from "~/models/meetings.server";
import { notFound } from "./auth.server";

export { meetingEvent, meetingUid, type CalendarMeeting } from "~/domain/meeting-calendar";

/** The portal's public origin, for links in calendars. */
export function portalOrigin(request: Request, context: AppLoadContext): string {
  return context.services.config.appOrigin ?? new URL(request.url).origin;
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
