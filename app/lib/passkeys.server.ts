// Passkeys (WebAuthn) as a second factor, with @simplewebauthn/server: registering one on the
// second-factor page and answering the login's second step with one. Challenges are stored and
// consumed once (models/passkeys.server.ts). The relying party is this portal's origin: APP_ORIGIN
// when set (behind a proxy), else the address the browser used. WebAuthn needs a domain name as
// rpID: "localhost" works, an IP address does not.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { markPasskeyUsed, passkeyById, passkeysOf, saveChallenge, savePasskey, takeChallenge } from "~/models/passkeys.server";
import type { AppConfig } from "./config.server";
import type { Db } from "~/models/db.server";

const RP_NAME = "Regiotafel";

export type RelyingParty = { id: string; origin: string };

export function relyingParty(request: Request, config: Pick<AppConfig, "appOrigin">): RelyingParty {
  const origin = config.appOrigin ? new URL(config.appOrigin).origin : new URL(request.url).origin;
  return { id: new URL(origin).hostname, origin };
}

/** Whether this browser's address can hold passkeys at all (a domain name, not an IP address). */
export const passkeysPossible = (rp: RelyingParty) => !/^[\d.]+$|^\[|:/.test(rp.id);

/** A client's JSON answer, parsed without trusting its shape (the library checks the contents). */
export function parseCredential<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(json: string): T | null {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    const v = value as Record<string, unknown>;
    return typeof v.id === "string" && typeof v.rawId === "string" && v.type === "public-key" && v.response && typeof v.response === "object" ? (value as T) : null;
  } catch {
    return null;
  }
}

// ── Registration ─────────────────────────────────────────────────────────────

export async function registrationOptions(db: Db, rp: RelyingParty, user: { id: string; email: string; name: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    // The same authenticator twice would be no second passkey.
    excludeCredentials: passkeysOf(db, user.id).map((c) => ({ id: c.id, transports: c.transports?.split(",") })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  saveChallenge(db, options.challenge, user.id, "register");
  return options;
}

export type RegisterResult = { ok: true; id: string } | { ok: false; error: string };

export async function registerPasskey(db: Db, rp: RelyingParty, userId: string, response: RegistrationResponseJSON, name: string): Promise<RegisterResult> {
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, userId, "register"),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // The password was the first factor; the passkey proves possession.
      requireUserVerification: false,
    });
  } catch {
    return { ok: false, error: "De passkey kon niet worden gecontroleerd. Probeer het opnieuw." };
  }
  if (!verification.verified) return { ok: false, error: "De passkey kon niet worden gecontroleerd. Probeer het opnieuw." };
  const { credential } = verification.registrationInfo;
  const saved = savePasskey(db, { id: credential.id, userId, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [], name });
  return saved ? { ok: true, id: credential.id } : { ok: false, error: "Deze passkey is al toegevoegd." };
}

// ── Login (second step) ──────────────────────────────────────────────────────

export async function loginOptions(db: Db, rp: RelyingParty, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = passkeysOf(db, userId);
  if (!passkeys.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((c) => ({ id: c.id, transports: c.transports?.split(",") })),
    userVerification: "preferred",
  });
  saveChallenge(db, options.challenge, userId, "login");
  return options;
}

/** True when the answer is a valid signature of one of the user's passkeys over a challenge made for this login. */
export async function verifyPasskeyLogin(db: Db, rp: RelyingParty, userId: string, response: AuthenticationResponseJSON): Promise<boolean> {
  const passkey = passkeyById(db, userId, response.id);
  if (!passkey) return false;
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => takeChallenge(db, challenge, userId, "login"),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports?.split(",") },
      requireUserVerification: false,
    });
    if (verified) markPasskeyUsed(db, passkey.id, authenticationInfo.newCounter);
    return verified;
  } catch {
    return false;
  }
}
