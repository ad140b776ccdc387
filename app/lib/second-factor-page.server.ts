// The second-factor page's passkey and recovery-code intents, one function each (the route only
// parses and dispatches). Every change is audited; a required second factor is never removed last.
import type { AppLoadContext } from "@remix-run/node";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { ENROLMENT_PATH, removalProblem } from "~/domain/second-factor";
import { passkeyById, passkeyCount, passkeysOf, removePasskey } from "~/models/passkeys.server";
import { secondFactorEnabled, secondFactorState } from "~/models/second-factor.server";
import { unusedRecoveryCodes } from "~/models/recovery-codes.server";
import { audit } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "./auth.server";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { parseCredential, passkeysPossible, registerPasskey, registrationOptions, relyingParty } from "./passkeys.server";
import { generateRecoveryCodes } from "./recovery-codes.server";
import { redirectWithFlash } from "./flash.server";
import { safeRedirect } from "./safe-redirect";

type Ctx = { request: Request; context: AppLoadContext; user: CurrentUser };
/** What a refused intent answers: the page shows `formError`. */
export type PageRefusal = { ok: false; formError: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };
const refusal = (formError: string): PageRefusal => ({ ok: false, formError, fieldErrors: {}, values: {} });

function record({ context, user }: Ctx, action: string, detail?: string) {
  audit(context.services.db, { action, actor: actorOf(user), objectType: "user", objectId: user.id, detail, origin: context.origin });
}

/** What the page shows of passkeys and recovery codes. */
export function passkeyOverview(request: Request, context: AppLoadContext, user: CurrentUser) {
  const { db, config } = context.services;
  return {
    passkeys: passkeysOf(db, user.id).map((p) => ({ id: p.id, name: p.name, createdAt: formatAmsterdam(p.createdAt), lastUsedAt: p.lastUsedAt ? formatAmsterdam(p.lastUsedAt) : null })),
    passkeysPossible: passkeysPossible(relyingParty(request, config)),
    recoveryCodesLeft: unusedRecoveryCodes(db, user.id),
  };
}

export async function passkeyOptions({ request, context, user }: Ctx) {
  const { db, config } = context.services;
  return { ok: true as const, passkeyOptions: await registrationOptions(db, relyingParty(request, config), user) };
}

export async function addPasskey(ctx: Ctx, credentialJson: string, redirectTo: string | undefined) {
  const { request, context, user } = ctx;
  const { db, config } = context.services;
  const response = parseCredential<RegistrationResponseJSON>(credentialJson);
  if (!response) return refusal("De passkey kon niet worden gelezen. Probeer het opnieuw.");
  const name = `Passkey ${passkeyCount(db, user.id) + 1}`;
  const result = await registerPasskey(db, relyingParty(request, config), user.id, response, name);
  if (!result.ok) return refusal(result.error);
  record(ctx, "passkey.add", name);
  const back = redirectTo ? safeRedirect(redirectTo) : null;
  return redirectWithFlash(context, back && back !== "/" && !back.startsWith(ENROLMENT_PATH) ? back : ENROLMENT_PATH, "De passkey is toegevoegd. Bij het inloggen kunt u na uw wachtwoord de passkey gebruiken.");
}

export function deletePasskey(ctx: Ctx, credentialId: string) {
  const { context, user } = ctx;
  const { db, config } = context.services;
  const passkey = passkeyById(db, user.id, credentialId);
  if (!passkey) return refusal("Deze passkey bestaat niet (meer).");
  const left = passkeyCount(db, user.id) - 1 + (secondFactorState(db, user.id)?.secret != null ? 1 : 0);
  const notAllowed = removalProblem(user.memberships, left, config.secondFactorOptionalRoles);
  if (notAllowed) return refusal(notAllowed);
  if (!removePasskey(db, user.id, credentialId)) return refusal("Deze passkey bestaat niet (meer).");
  record(ctx, "passkey.remove", passkey.name);
  return redirectWithFlash(context, ENROLMENT_PATH, "De passkey is verwijderd.");
}

/** A new set of recovery codes, shown once in the answer; the old set stops working. */
export function newRecoveryCodes(ctx: Ctx) {
  const { context, user } = ctx;
  if (!secondFactorEnabled(context.services.db, user.id)) return refusal("Stel eerst een tweede factor in (app of passkey); herstelcodes vervangen die als u hem kwijt bent.");
  const codes = generateRecoveryCodes(context.services.db, user.id);
  record(ctx, "recovery_codes.generate", `${codes.length} codes`);
  return { ok: true as const, recoveryCodes: codes };
}
