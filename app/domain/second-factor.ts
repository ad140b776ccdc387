// The second factor (TOTP, RFC 6238): who must use one, and when a code is accepted.
// Pure: no clock of its own, no otplib, no HTTP. app/lib/second-factor.server.ts does the cryptography.
import type { Membership } from "./permissions";
import type { Role } from "./vocabulary";

/** RFC 6238's time step: a code belongs to one 30-second step. */
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of the previous and the next step are accepted too (clock drift, typing time). */
export const TOTP_WINDOW = 1;
export const TOTP_DIGITS = 6;
/** Password right, code still to come: this long before the password has to be typed again. */
export const PENDING_LOGIN_SECONDS = 5 * 60;
/** A secret shown for enrolment may be confirmed within this time. */
export const ENROLMENT_SECONDS = 15 * 60;

/** The page where a second factor is set up; every other page sends a user without a required one here. */
export const ENROLMENT_PATH = "/account/tweede-factor";

/**
 * Roles that never see a patient's identity (only aggregates): the only ones for which the
 * second factor may be made optional (SECOND_FACTOR_OPTIONAL_ROLES). Everyone else sees
 * special-category health data and must use one.
 */
export const ROLES_WITHOUT_PATIENT_IDENTITY = ["project_leader"] as const satisfies readonly Role[];

export const isOptionalCapable = (role: string): role is (typeof ROLES_WITHOUT_PATIENT_IDENTITY)[number] =>
  (ROLES_WITHOUT_PATIENT_IDENTITY as readonly string[]).includes(role);

/**
 * A second factor is required for everyone (also an account without roles yet), unless every
 * role the user holds is one configured as optional.
 */
export function secondFactorRequired(memberships: readonly Pick<Membership, "role">[], optionalRoles: readonly Role[] = []): boolean {
  return memberships.length === 0 || memberships.some((m) => !optionalRoles.includes(m.role));
}

/** Signed in with a password only, while a second factor is required: only the enrolment page is open. */
export function mustEnrol(
  user: { memberships: readonly Pick<Membership, "role">[]; hasSecondFactor: boolean },
  optionalRoles: readonly Role[] = [],
): boolean {
  return !user.hasSecondFactor && secondFactorRequired(user.memberships, optionalRoles);
}

/**
 * Pages a user without a required second factor may still reach. Logging in and out do
 * not pass through requireUser at all; this is the one page that does.
 */
export function reachableBeforeEnrolment(pathname: string): boolean {
  return pathname === ENROLMENT_PATH || pathname === `${ENROLMENT_PATH}/`;
}

/** The step a moment in time (milliseconds since 1970) falls in. */
export function stepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The steps whose codes are accepted at a given step. */
export function acceptedSteps(currentStep: number): number[] {
  const steps: number[] = [];
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) steps.push(currentStep + d);
  return steps;
}

/**
 * A code works only once: it is accepted only for a step later than the last one accepted
 * for this user (so also no older code of the window after a newer one was used).
 */
export function stepAccepted(step: number, lastStep: number | null): boolean {
  return Number.isSafeInteger(step) && (lastStep == null || step > lastStep);
}

/** What the user typed, without spaces ("123 456" as some apps show it); null when it is not 6 digits. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * Why removing a second factor (the authenticator app or a passkey) is refused, in Dutch; null
 * when allowed. Allowed while another factor remains, or when none is required for this user.
 */
export function removalProblem(
  memberships: readonly Pick<Membership, "role">[],
  factorsLeftAfterwards: number,
  optionalRoles: readonly Role[] = [],
): string | null {
  if (factorsLeftAfterwards > 0 || !secondFactorRequired(memberships, optionalRoles)) return null;
  return "Een tweede factor is voor u verplicht. Stel eerst een andere in (app of passkey) voordat u deze verwijdert.";
}

// ── Recovery codes ───────────────────────────────────────────────────────────

/** How many recovery codes a set has; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i). */
export const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/** 12 characters of 31: about 59 bits per code, shown as three groups of four. */
export const RECOVERY_CODE_LENGTH = 12;

/** What the user typed, lower case without spaces or dashes; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, "");
  return code.length === RECOVERY_CODE_LENGTH && [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : null;
}

/** "abcd-efgh-jkmn": easier to read off paper. */
export const groupedRecoveryCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-");
