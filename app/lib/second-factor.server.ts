// The cryptography of the second factor: TOTP codes (otplib), the QR code, and two signed values
// that keep state in the browser instead of on the server:
//  - the pending login ("password right, code still to come"), an HttpOnly cookie;
//  - the secret shown during enrolment, a hidden field, stored only once a code confirms it.
// Both are signed with HMAC-SHA-256 under a key made at start-up: after a restart they no longer
// verify, which only means typing the password again or scanning a new QR code.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authenticator } from "otplib";
import QRCode from "qrcode";
import {
  ENROLMENT_SECONDS,
  PENDING_LOGIN_SECONDS,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW,
  stepAccepted,
  stepAt,
} from "~/domain/second-factor";

const KEY = randomBytes(32);
const ISSUER = "Regiotafel";
/** 160 bits, as RFC 4226 recommends (otplib's default is 80). */
const SECRET_BYTES = 20;

const totp = authenticator.clone({ digits: TOTP_DIGITS, step: TOTP_PERIOD_SECONDS, window: TOTP_WINDOW });

function mac(purpose: string, ...parts: string[]): string {
  return createHmac("sha256", KEY).update([purpose, ...parts].join("\u0000")).digest("base64url");
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ── TOTP ─────────────────────────────────────────────────────────────────────

/** The code of a secret at an instant (ms): for the demo-code command, the benchmarks and the tests. */
export function totpCode(secret: string, at: number = Date.now()): string {
  return totp.clone({ epoch: at }).generate(secret);
}

export function newSecret(): string {
  return authenticator.generateSecret(SECRET_BYTES);
}

/** The step whose code this is, within the window around `now`; null when it matches none. */
export function stepOfCode(secret: string, code: string, now = Date.now()): number | null {
  try {
    const delta = totp.clone({ epoch: now }).checkDelta(code, secret);
    return delta == null ? null : stepAt(now) + delta;
  } catch {
    return null; // a malformed secret
  }
}

/** A code is accepted when it matches a step of the window that is later than the last one used. */
export function acceptedStep(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const step = stepOfCode(secret, code, now);
  return step != null && stepAccepted(step, lastStep) ? step : null;
}

/** The otpauth:// address authenticator apps read from the QR code. */
export function otpauthUri(email: string, secret: string): string {
  return totp.keyuri(email, ISSUER, secret);
}

/** A PNG data: URL (the CSP allows img data:), so the secret never leaves this server for an image service. */
export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

// ── The pending login ────────────────────────────────────────────────────────

export type PendingLogin = { userId: string; lastStep: number | null };

export function pendingLoginCookieName(production: boolean): string {
  return production ? "__Host-regiotafel_2fa" : "regiotafel_2fa";
}

function cookieAttributes(production: boolean, maxAge: number): string {
  return `Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${production ? "; Secure" : ""}`;
}

/**
 * Signed over the user, the expiry and the user's last accepted step: once a code has been
 * accepted the step moves on and the same cookie no longer verifies, so it works only once.
 */
export function pendingLoginCookie(pending: PendingLogin, production: boolean, now = Date.now()): string {
  const expires = String(now + PENDING_LOGIN_SECONDS * 1000);
  const user = Buffer.from(pending.userId).toString("base64url");
  const last = pending.lastStep == null ? "-" : String(pending.lastStep);
  const value = [user, expires, last, mac("login", pending.userId, expires, last)].join(".");
  return `${pendingLoginCookieName(production)}=${value}; ${cookieAttributes(production, PENDING_LOGIN_SECONDS)}`;
}

export function clearPendingLoginCookie(production: boolean): string {
  return `${pendingLoginCookieName(production)}=; ${cookieAttributes(production, 0)}`;
}

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The pending login in the request, when its signature holds and it has not expired. */
export function readPendingLogin(cookieHeader: string | null, production: boolean, now = Date.now()): PendingLogin | null {
  const value = cookieValue(cookieHeader, pendingLoginCookieName(production));
  const parts = value?.split(".") ?? [];
  if (parts.length !== 4) return null;
  const [user, expires, last, signature] = parts;
  const userId = Buffer.from(user, "base64url").toString();
  if (!/^\d{1,15}$/.test(expires) || !(last === "-" || /^\d{1,15}$/.test(last))) return null;
  if (!sameMac(signature, mac("login", userId, expires, last))) return null;
  if (Number(expires) <= now) return null;
  return { userId, lastStep: last === "-" ? null : Number(last) };
}

// ── Enrolment ────────────────────────────────────────────────────────────────

/** Binds a secret shown on the enrolment page to this user and a time limit (a hidden field). */
export function enrolmentToken(userId: string, secret: string, now = Date.now()): string {
  const expires = String(now + ENROLMENT_SECONDS * 1000);
  return `${expires}.${mac("enrol", userId, secret, expires)}`;
}

export function enrolmentTokenValid(userId: string, secret: string, token: string, now = Date.now()): boolean {
  const [expires, signature, ...rest] = token.split(".");
  if (rest.length || !expires || !signature || !/^\d{1,15}$/.test(expires)) return false;
  return sameMac(signature, mac("enrol", userId, secret, expires)) && Number(expires) > now;
}
