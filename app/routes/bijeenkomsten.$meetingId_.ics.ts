import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/auth.server";
import { calendarResponse, portalOrigin } from "~/lib/calendar.server";
import { meetingAccess } from "~/lib/meeting-access.server";
import { visibleAgendaCount } from "~/models/meetings.server";

// One meeting as an .ics download for anyone who may see it. It names the table, the title,
// time and place, and only how many cases are on the agenda (for a guest: their own).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { meeting, kind, guestItemIds } = meetingAccess(request, context, user, params.meetingId);
  const agendaCount = visibleAgendaCount(context.services.db, meeting.id, kind === "guest" ? guestItemIds : null);
  return calendarResponse([{ ...meeting, agendaCount }], portalOrigin(request, context), {
    calName: `Regiotafel ${meeting.tableName}`,
    fileName: `regiotafel-bijeenkomst-${meeting.id}.ics`,
  });
}
