// Sessions (lucia v3) and the guards every loader, action and socket uses:
// requireUser → who is this; requirePermission → may they (via domain/permissions).
import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { Lucia, TimeSpan } from "lucia";
import { memberships, organisations, sessions, users, webauthnCredentials } from "#db/schema";
import { can, primaryRole, type Permission, type Principal, type Scope } from "~/domain/permissions";
import { ENROLMENT_PATH, mustEnrol, reachableBeforeEnrolment } from "~/domain/second-factor";
import type { OrganisationType, Role } from "~/domain/vocabulary";
import { claimStep } from "~/models/second-factor.server";
import { audit, type AuditActor } from "~/models/audit.server";
import type { AppConfig } from "./config.server";
import type { AppServices } from "./context.server";
import type { Db } from "~/models/db.server";
import { verifyPassword } from "./password.server";
import { acceptedStep, type PendingLogin } from "./second-factor.server";
import { PreparedSessionAdapter } from "./session-adapter.server";
import { verifyPasskeyLogin, type RelyingParty } from "./passkeys.server";
import { redeemRecoveryCode } from "./recovery-codes.server";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { createdAt: number };
    DatabaseUserAttributes: { email: string; active: boolean };
  }
}

/** __Host- binds the cookie to this host over HTTPS, path=/ and no Domain. */
export const sessionCookieName = (config: Pick<AppConfig, "production">) => (config.production ? "__Host-regiotafel_session" : "regiotafel_session");

export function createLucia(db: Db, config: AppConfig) {
  const adapter = new PreparedSessionAdapter(db);
  return new Lucia(adapter, {
    // lucia slides the expiry once half of it has passed: an idle session ends
    // between half and the whole of this span after the last request.
    sessionExpiresIn: new TimeSpan(Math.max(1, Math.round(config.sessionIdleMs / 1000)), "s"),
    sessionCookie: {
      name: sessionCookieName(config),
      expires: false,
      attributes: { secure: config.production, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (a) => ({ createdAt: a.createdAt }),
    getUserAttributes: (a) => ({ email: a.email, active: a.active }),
  });
}

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  organisationId: number;
  organisationName: string;
  organisationType: OrganisationType;
  memberships: Principal["memberships"];
  role: Role | null;
  sessionId: string;
  principal: Principal;
  /** A second factor (authenticator app or passkey) is set up. */
  hasSecondFactor: boolean;
  /** One is required but not set up yet: only the enrolment page is open (no sockets either). */
  enrolmentRequired: boolean;
};

export function loadAccount(db: Db, userId: string) {
  const row = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      active: users.active,
      organisationActive: organisations.active,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      hasSecondFactor: sql<number>`${users.totpSecret} is not null or exists (select 1 from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${users.id})`,
    })
    .from(users)
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  const roles = db.select({ role: memberships.role, tableId: memberships.tableId }).from(memberships).where(eq(memberships.userId, userId)).all();
  return { ...row, hasSecondFactor: Boolean(row.hasSecondFactor), memberships: roles };
}

/** Resolves a Cookie header to the signed-in user; shared by HTTP and socket.io. */
export async function authenticateCookieHeader(services: AppServices, cookieHeader: string | null | undefined): Promise<CurrentUser | null> {
  const sessionId = services.lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return null;
  const { session, user } = await services.lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const tooOld = Date.now() - session.createdAt > services.config.sessionAbsoluteMs;
  if (tooOld || !user.active) {
    await services.lucia.invalidateSession(session.id);
    return null;
  }
  const account = loadAccount(services.db, user.id);
  // A deactivated organisation locks out all its people, at their next request.
  if (!account || !account.active || !account.organisationActive) {
    await services.lucia.invalidateSession(session.id);
    return null;
  }
  const principal: Principal = {
    userId: account.id,
    organisationId: account.organisationId,
    organisationType: account.organisationType,
    memberships: account.memberships,
  };
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    organisationId: account.organisationId,
    organisationName: account.organisationName,
    organisationType: account.organisationType,
    memberships: account.memberships,
    role: primaryRole(principal),
    sessionId: session.id,
    principal,
    hasSecondFactor: account.hasSecondFactor,
    enrolmentRequired: mustEnrol(account, services.config.secondFactorOptionalRoles),
  };
}

export function getCurrentUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  context.memo.currentUser ??= authenticateCookieHeader(context.services, request.headers.get("Cookie"));
  return context.memo.currentUser;
}

export function actorOf(user: CurrentUser): AuditActor {
  return { userId: user.id, userEmail: user.email, role: user.role, organisationId: user.organisationId };
}

/**
 * Signed-in user or a redirect to the login page (which returns here afterwards). A user
 * without a required second factor is sent to set one up first, from every page but that one.
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<CurrentUser> {
  const user = await getCurrentUser(request, context);
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  if (user) {
    if (user.enrolmentRequired && !reachableBeforeEnrolment(url.pathname)) throw redirect(enrolmentUrl(redirectTo));
    return user;
  }
  throw redirect(`/inloggen?redirectTo=${encodeURIComponent(redirectTo)}`, {
    headers: { "Set-Cookie": context.services.lucia.createBlankSessionCookie().serialize() },
  });
}

/** The enrolment page, returning to `redirectTo` (a path of this site) afterwards. */
export function enrolmentUrl(redirectTo: string): string {
  const url = new URL(redirectTo, "http://portal.invalid");
  url.searchParams.delete("_data"); // a client-side navigation's data request: return to the page itself
  const back = url.pathname + url.search;
  return back === "/" ? ENROLMENT_PATH : `${ENROLMENT_PATH}?redirectTo=${encodeURIComponent(back)}`;
}

export function forbidden(): Response {
  return new Response("Geen toegang", { status: 403 });
}

export function notFound(): Response {
  return new Response("Niet gevonden", { status: 404 });
}

/**
 * The guard for role-level pages: refused with 403 and an audit event. Object-level
 * checks (a case of another table) answer 404 instead, so existence is not leaked.
 */
export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
  scope: Scope = {},
  options: { deniedStatus?: 403 | 404 } = {},
): Promise<CurrentUser> {
  const user = await requireUser(request, context);
  if (can(user.principal, permission, scope)) return user;
  return denyAccess(request, context, user, { status: options.deniedStatus ?? 403, detail: permission });
}

export type Denial = {
  status: 403 | 404;
  objectType?: string;
  objectId?: string | number | null;
  patientId?: number | null;
  /** What was attempted (permission or intent); the path is added. */
  detail: string;
};

/** Refuses a request: one audit event ("access.denied") and a 403, or a 404 where existence must not leak. */
export function denyAccess(request: Request, context: AppLoadContext, user: CurrentUser, denial: Denial): never {
  audit(context.services.db, {
    action: "access.denied",
    outcome: "denied",
    actor: actorOf(user),
    objectType: denial.objectType,
    objectId: typeof denial.objectId === "string" ? denial.objectId.slice(0, 20) : (denial.objectId ?? undefined),
    patientId: denial.patientId,
    detail: `${denial.detail} ${new URL(request.url).pathname}`.slice(0, 200),
    origin: context.origin,
  });
  throw denial.status === 404 ? notFound() : forbidden();
}

/** Pages anyone may see (login): a signed-in user goes home instead. */
export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
  if (await getCurrentUser(request, context)) throw redirect("/");
}

export type LoginResult =
  /** Signed in. enrolmentRequired: a user without a required second factor, to be sent to set one up. */
  | { ok: true; cookie: string; enrolmentRequired: boolean }
  | { ok: false; reason: "invalid" }
  /** Too many failures: this attempt was not looked at; the next may come after waitMs. */
  | { ok: false; reason: "throttled"; waitMs: number }
  /** The password was right; no session until a code from the authenticator app follows. */
  | { ok: false; reason: "code_required"; pending: PendingLogin };

type Origin = { ip: string | null; userAgent: string | null };

/** The account as a login needs it: password hash, whether it and its organisation are active, second factor. */
function loginAccount(services: AppServices, where: ReturnType<typeof eq>) {
  return services.db
    .select({
      id: users.id,
      email: users.email,
      passwordHash: users.passwordHash,
      active: users.active,
      organisationId: users.organisationId,
      organisationActive: organisations.active,
      totpSecret: users.totpSecret,
      totpLastStep: users.totpLastStep,
      passkeys: sql<number>`(select count(*) from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${users.id})`,
    })
    .from(users)
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(where)
    .get();
}

export async function login(services: AppServices, origin: Origin, email: string, password: string): Promise<LoginResult> {
  const ip = origin.ip ?? "unknown";
  const normalised = email.trim().toLowerCase();
  const waitMs = services.loginThrottle.waitMs(normalised, ip);
  if (waitMs > 0) {
    audit(services.db, { action: "login.throttled", outcome: "denied", attemptedEmail: normalised, origin });
    return { ok: false, reason: "throttled", waitMs };
  }
  const user = loginAccount(services, eq(users.email, normalised));
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || !user.active || !user.organisationActive) {
    services.loginThrottle.recordFailure(normalised, ip);
    audit(services.db, {
      action: "login.failed",
      outcome: "failure",
      attemptedEmail: normalised,
      actor: user ? { userId: user.id, userEmail: user.email, role: null, organisationId: user.organisationId } : null,
      origin,
    });
    return { ok: false, reason: "invalid" };
  }
  // The failures of this account are not forgiven yet: else knowing the password would allow
  // guessing codes without limit.
  if (user.totpSecret != null || user.passkeys > 0) return { ok: false, reason: "code_required", pending: { userId: user.id, lastStep: user.totpLastStep } };
  services.loginThrottle.recordSuccess(normalised, ip);
  return startSession(services, user, origin);
}

export type CodeResult =
  | { ok: true; cookie: string }
  | { ok: false; reason: "invalid" | "expired" }
  | { ok: false; reason: "throttled"; waitMs: number };

/** What answers the second step of a login. */
export type SecondStep =
  | { kind: "code"; code: string }
  | { kind: "passkey"; response: AuthenticationResponseJSON; rp: RelyingParty }
  | { kind: "recovery"; code: string };

const STEP_DETAIL = { code: "tweede factor", passkey: "passkey", recovery: "herstelcode" } as const;

/**
 * The second step of a login: a code from the authenticator app, a passkey, or a recovery code.
 * Wrong answers count as failed logins of the account and the address, like wrong passwords.
 */
export async function verifySecondStep(services: AppServices, origin: Origin, pending: PendingLogin, step: SecondStep): Promise<CodeResult> {
  const ip = origin.ip ?? "unknown";
  const user = loginAccount(services, eq(users.id, pending.userId));
  // Deactivated meanwhile, second factor reset, or this pending login already used (the step moved on).
  const factorGone = step.kind === "code" ? user?.totpSecret == null : step.kind === "passkey" ? !user?.passkeys : false;
  if (!user || !user.active || !user.organisationActive || factorGone || user.totpLastStep !== pending.lastStep) {
    return { ok: false, reason: "expired" };
  }
  const detail = STEP_DETAIL[step.kind];
  const waitMs = services.loginThrottle.waitMs(user.email, ip);
  if (waitMs > 0) {
    audit(services.db, { action: "login.throttled", outcome: "denied", attemptedEmail: user.email, detail, origin });
    return { ok: false, reason: "throttled", waitMs };
  }
  let accepted = false;
  let remainingCodes: number | null = null;
  if (step.kind === "code") {
    const totpStep = acceptedStep(user.totpSecret!, step.code, user.totpLastStep);
    accepted = totpStep != null && claimStep(services.db, user.id, user.totpSecret!, totpStep);
  } else if (step.kind === "passkey") {
    accepted = await verifyPasskeyLogin(services.db, step.rp, user.id, step.response);
  } else {
    const redeemed = redeemRecoveryCode(services.db, user.id, step.code);
    accepted = redeemed.ok;
    if (redeemed.ok) remainingCodes = redeemed.remaining;
  }
  const actor = { userId: user.id, userEmail: user.email, role: null, organisationId: user.organisationId };
  if (!accepted) {
    services.loginThrottle.recordFailure(user.email, ip);
    audit(services.db, { action: "login.failed", outcome: "failure", attemptedEmail: user.email, actor, detail, origin });
    return { ok: false, reason: "invalid" };
  }
  services.loginThrottle.recordSuccess(user.email, ip);
  if (remainingCodes != null) {
    audit(services.db, { action: "recovery_code.use", actor, objectType: "user", objectId: user.id, detail: `nog ${remainingCodes} ongebruikt`, origin });
  }
  const { cookie } = await startSession(services, user, origin, `met ${detail}`);
  return { ok: true, cookie };
}

/** The second step with a code from the authenticator app. */
export const verifyLoginCode = (services: AppServices, origin: Origin, pending: PendingLogin, code: string) =>
  verifySecondStep(services, origin, pending, { kind: "code", code });

async function startSession(services: AppServices, user: { id: string; email: string; organisationId: number }, origin: Origin, detail?: string) {
  // Always a fresh session id at login (no fixation).
  const session = await services.lucia.createSession(user.id, { createdAt: Date.now() });
  const account = loadAccount(services.db, user.id)!;
  const role = primaryRole({ userId: user.id, organisationId: user.organisationId, organisationType: account.organisationType, memberships: account.memberships });
  audit(services.db, {
    action: "login",
    actor: { userId: user.id, userEmail: user.email, role, organisationId: user.organisationId },
    objectType: "session",
    detail,
    origin,
  });
  return {
    ok: true as const,
    cookie: browserSessionCookie(services, session.id),
    enrolmentRequired: mustEnrol(account, services.config.secondFactorOptionalRoles),
  };
}

/**
 * The session cookie without Max-Age or Expires: it ends when the browser closes (a shared
 * workstation). lucia's `expires: false` would make it persist for 400 days instead. The server's
 * idle and absolute limits still decide how long the session itself lives.
 */
function browserSessionCookie(services: AppServices, sessionId: string): string {
  const cookie = services.lucia.createSessionCookie(sessionId);
  delete cookie.attributes.maxAge;
  delete cookie.attributes.expires;
  return cookie.serialize();
}

/** Ends one session and every socket of its user opened with it. */
export async function logout(services: AppServices, user: CurrentUser, origin: { ip: string | null; userAgent: string | null }) {
  await services.lucia.invalidateSession(user.sessionId);
  services.io?.in(`session:${user.sessionId}`).disconnectSockets(true);
  audit(services.db, { action: "logout", actor: actorOf(user), objectType: "session", origin });
  return services.lucia.createBlankSessionCookie().serialize();
}

/** Deactivation and password changes: every session and every socket of the user ends at once. */
export async function endAllSessions(services: AppServices, userId: string) {
  await services.lucia.invalidateUserSessions(userId);
  disconnectUserSockets(services, userId);
}

/**
 * A socket holds the roles its user had when it connected: after a change of roles it must
 * reconnect, and so be authenticated afresh with the new ones.
 */
export function disconnectUserSockets(services: AppServices, userId: string) {
  services.io?.in(`user:${userId}`).disconnectSockets(true);
}
