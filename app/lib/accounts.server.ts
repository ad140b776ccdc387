// The account lifecycle without shared passwords: an invitation or admin:create gives a one-time
// activation link (24 h), "wachtwoord vergeten" a one-time reset link (1 h). Only the person who
// holds the link chooses the password; a reset ends every session and socket of that user.
import { and, eq } from "drizzle-orm";
import { users } from "#db/schema";
import type { AccountTokenPurpose } from "~/domain/notification-kinds";
import { passwordProblem } from "~/domain/password-policy";
import type { Role } from "~/domain/vocabulary";
import { consumeAccountToken, findAccountToken, type TokenHolder } from "~/models/account-tokens.server";
import { mailActivationLink, mailResetLink, type Notifier } from "~/models/notifications.server";
import { createUser } from "~/models/users.server";
import { passwordContext } from "./admin-forms";
import { audit, type AuditOrigin } from "~/models/audit.server";
import { endAllSessions } from "./auth.server";
import type { AppServices } from "./context.server";
import { hashPassword, NO_PASSWORD } from "./password.server";

export type Invitee = { name: string; email: string; organisationId: number; role: Role; tableId: number | null };

/** Creates the account without a password and mails (and returns) its activation link. */
export function inviteUser(n: Notifier, input: Invitee): { ok: true; id: string; link: string } | { ok: false; reason: "duplicate_email" } {
  const created = createUser(n.db, { ...input, passwordHash: NO_PASSWORD });
  if (!created.ok) return created;
  const link = mailActivationLink(n, { id: created.id, name: input.name, email: input.email.trim().toLowerCase() });
  return { ok: true, id: created.id, link };
}

/** Sends a new activation link to someone who has not activated yet (the old one stops working). */
export function resendActivation(n: Notifier, userId: string): boolean {
  const user = n.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.passwordHash, NO_PASSWORD), eq(users.active, true)))
    .get();
  if (!user) return false;
  mailActivationLink(n, user);
  return true;
}

export const hasActivated = (passwordHash: string) => passwordHash !== NO_PASSWORD;

/**
 * "Wachtwoord vergeten": a reset link when the address belongs to an active account, nothing
 * otherwise. The caller answers the same either way, so the page reveals no accounts.
 */
export function requestPasswordReset(n: Notifier, email: string, origin: AuditOrigin): void {
  const address = email.trim().toLowerCase();
  const user = n.db
    .select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.email, address), eq(users.active, true)))
    .get();
  audit(n.db, {
    action: "password_reset.request",
    attemptedEmail: address,
    actor: user ? { userId: user.id, userEmail: user.email, role: null, organisationId: user.organisationId } : null,
    outcome: user ? "success" : "failure",
    origin,
  });
  if (user) mailResetLink(n, user);
}

/** The holder of a valid link, for the page that asks for the new password. */
export const linkHolder = (services: AppServices, purpose: AccountTokenPurpose, token: string): TokenHolder | null => findAccountToken(services.db, token, purpose);

export type SetPasswordResult = { ok: true; userId: string } | { ok: false; reason: "link" } | { ok: false; reason: "password"; message: string };

/** Chooses the password through a link: policy checked, link used up, every session of the user ended. */
export async function setPasswordThroughLink(services: AppServices, purpose: AccountTokenPurpose, token: string, password: string, origin: AuditOrigin): Promise<SetPasswordResult> {
  const holder = linkHolder(services, purpose, token);
  if (!holder) return { ok: false, reason: "link" };
  const problem = passwordProblem(password, passwordContext(holder.name, holder.email));
  if (problem) return { ok: false, reason: "password", message: problem };
  if (!consumeAccountToken(services.db, holder.tokenId, holder.userId, await hashPassword(password))) return { ok: false, reason: "link" };
  // A reset must lock out whoever knew the old password: every session and live socket ends.
  await endAllSessions(services, holder.userId);
  const organisationId = services.db.select({ o: users.organisationId }).from(users).where(eq(users.id, holder.userId)).get()!.o;
  audit(services.db, {
    action: purpose === "activation" ? "user.activate" : "user.password_reset_link",
    actor: { userId: holder.userId, userEmail: holder.email, role: null, organisationId },
    objectType: "user",
    objectId: holder.userId,
    origin,
  });
  return { ok: true, userId: holder.userId };
}
