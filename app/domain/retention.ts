// Retention of live discussion content. The case file (referral, decisions, minutes, plan,
// audit log) stays; the case room's chat messages are working notes and are deleted a fixed
// period after the case is closed, as clinical chat tools do.

export const DEFAULT_CASE_ROOM_RETENTION_DAYS = 365;

/** The moment before which a closure makes a case's room messages due for deletion. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
}

export function roomMessagesExpired(closedAt: string | null, now: Date, retentionDays: number): boolean {
  return closedAt !== null && closedAt < retentionCutoff(now, retentionDays);
}
