import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, portalOrigin, requireCalendarFeed } from "~/lib/calendar.server";
import { calendarMeetings } from "~/models/meetings.server";

// The personal calendar feed (/agenda/feed/<token>.ics). Calendar apps fetch it without
// cookies, so the secret token is the only credential: requireCalendarFeed answers 404 for an
// unknown or revoked one. It lists the owner's meetings without any case or patient data.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { userId } = await requireCalendarFeed(request, context, params.file);
  return calendarResponse(calendarMeetings(context.services.db, userId), portalOrigin(request, context), { calName: "Regiotafel bijeenkomsten" });
}
