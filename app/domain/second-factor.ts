// The second factor (TOTP, RFC 6238): who must use one, and when a code is accepted.
// Pure: no clock of its own, no otplib, no HTTP. app/lib/second-factor.server.ts does the cryptography.
import type { Membership } from "./permissions";

/** RFC 6238's time step: a code belongs to one 30-second step. */
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of the previous and the next step are accepted too (clock drift, typing time). */
export const TOTP_WINDOW = 1;
export const TOTP_DIGITS = 6;
/** Password right, code still to come: this long before the password has to be typed again. */
export const PENDING_LOGIN_SECONDS = 5 * 60;
/** A secret shown for enrolment may be confirmed within this time. */
export const ENROLMENT_SECONDS = 15 * 60;

/** The page where a second factor is set up; every other page sends an administrator without one here. */
export const ENROLMENT_PATH = "/account/tweede-factor";

/** Administrators must use a second factor; for everyone else it is optional. */
export function secondFactorRequired(memberships: readonly Pick<Membership, "role">[]): boolean {
  return memberships.some((m) => m.role === "admin");
}

/** Signed in with a password only, while a second factor is required: only the enrolment page is open. */
export function mustEnrol(user: { memberships: readonly Pick<Membership, "role">[]; totpEnabled: boolean }): boolean {
  return !user.totpEnabled && secondFactorRequired(user.memberships);
}

/**
 * Pages an administrator without a second factor may still reach. Logging in and out do
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

/** Why turning the second factor off is refused, in Dutch; null when it is allowed. */
export function disableProblem(memberships: readonly Pick<Membership, "role">[]): string | null {
  return secondFactorRequired(memberships) ? "Voor beheerders is de tweede factor verplicht. U kunt hem niet uitzetten." : null;
}
