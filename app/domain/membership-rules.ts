// Which role may be held where, and which changes an administrator may not make to their own account.
// Pure: the administrator pages and the models call these, the messages are what the user reads.
import { isTableRole, type Role } from "./vocabulary";

/**
 * Chair and member are held per table; referrer, medical advisor, project leader and
 * administrator act for the user's organisation or nationally and have no table.
 * Returns a Dutch message when the combination is not allowed, else null.
 */
export function membershipProblem(role: Role, tableId: number | null | undefined): string | null {
  if (isTableRole(role)) {
    return tableId == null ? "Kies de tafel waarvoor deze rol geldt." : null;
  }
  return tableId == null ? null : "Deze rol hoort niet bij een tafel. Kies ‘Geen tafel’.";
}

export type AccountChange = { kind: "deactivate" } | { kind: "remove_membership"; role: Role };

/**
 * An administrator may not lock themselves out: not deactivate their own account and not
 * take away their own administrator role. Returns a Dutch message, or null when allowed.
 */
export function selfLockoutProblem(actorUserId: string, targetUserId: string, change: AccountChange): string | null {
  if (actorUserId !== targetUserId) return null;
  if (change.kind === "deactivate") return "U kunt uw eigen account niet deactiveren.";
  if (change.role === "admin") return "U kunt uw eigen beheerdersrol niet intrekken.";
  return null;
}
