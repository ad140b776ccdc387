// A guest expert invited to a meeting sees the cases of the agenda items they were invited to,
// and only until their access ends.
import { and, eq, gt, inArray } from "drizzle-orm";
import { agendaItems, meetingInvitations } from "#db/schema";
import type { Db } from "./db.server";

export function hasGuestAccess(db: Db, userId: string, caseId: number, now = new Date()): boolean {
  const invitations = db
    .select({ items: meetingInvitations.guestAgendaItemIds })
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.userId, userId), eq(meetingInvitations.kind, "guest"), gt(meetingInvitations.accessUntil, now.toISOString())))
    .all();
  const itemIds = invitations.flatMap((i) => i.items);
  if (!itemIds.length) return false;
  return Boolean(
    db.select({ id: agendaItems.id }).from(agendaItems).where(and(inArray(agendaItems.id, itemIds), eq(agendaItems.caseId, caseId))).get(),
  );
}
