import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CodeField } from "~/components/code-field";
import { Field, FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { retryMessage } from "~/domain/login-throttle";
import { enrolmentUrl, login, requireAnonymous, verifySecondStep, type SecondStep } from "~/lib/auth.server";
import { loginOptions, parseCredential, passkeysPossible, relyingParty } from "~/lib/passkeys.server";
import { secondStepOptions } from "~/models/second-factor.server";
import { PasskeyButton } from "~/components/passkey-button";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { safeRedirect } from "~/lib/safe-redirect";
import { codeField, withoutCode } from "~/lib/second-factor-forms";
import { clearPendingLoginCookie, pendingLoginCookie, readPendingLogin } from "~/lib/second-factor.server";

export const meta: MetaFunction = () => [{ title: "Inloggen – Regiotafel" }];

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254).email(),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(1024),
  redirectTo: z.string().max(500).optional(),
});

const CodeSchema = z.object({
  intent: z.literal("code"),
  code: codeField,
  redirectTo: z.string().max(500).optional(),
});

const PasskeySchema = z.object({ intent: z.literal("passkey"), credential: z.string().min(1).max(20_000), redirectTo: z.string().max(500).optional() });

const RecoverySchema = z.object({
  intent: z.literal("recovery"),
  recoveryCode: z.string().trim().min(1, "Vul een herstelcode in.").max(40, "Een herstelcode heeft 12 tekens."),
  redirectTo: z.string().max(500).optional(),
});

const WRONG_CODE = "De verificatiecode is onjuist of al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.";
const WRONG_ANSWER: Record<SecondStep["kind"], string> = {
  code: WRONG_CODE,
  passkey: "De passkey is niet geaccepteerd. Probeer het opnieuw of kies een andere manier.",
  recovery: "Deze herstelcode is onjuist of al gebruikt.",
};
const EXPIRED = "Uw inlogpoging is verlopen. Log opnieuw in met uw e-mailadres en wachtwoord.";

type Step = "password" | "code";

export { safeRedirect };

/** A refused step; codes, recovery codes and passkey answers are never sent back to the browser. */
function withStep(result: FormFailure, step: Step) {
  const { recoveryCode: _code, credential: _credential, ...values } = withoutCode(result).values;
  return { ...result, values, step };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const { config, db } = context.services;
  const pending = readPendingLogin(request.headers.get("Cookie"), config.production);
  const ways = pending ? secondStepOptions(db, pending.userId) : { app: false, passkey: false };
  return { step: (pending ? "code" : "password") as Step, ...ways, passkeysPossible: passkeysPossible(relyingParty(request, config)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const { production } = context.services.config;
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "cancel") return redirect("/inloggen", { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });

  if (intent === "code" || intent === "passkey" || intent === "recovery" || intent === "passkey-options") {
    const pending = readPendingLogin(request.headers.get("Cookie"), production);
    if (!pending) return json(withStep(failure(EXPIRED, formData), "password"), { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });
    const rp = relyingParty(request, context.services.config);
    if (intent === "passkey-options") {
      const passkeyOptions = await loginOptions(context.services.db, rp, pending.userId);
      return passkeyOptions ? { ok: true as const, passkeyOptions } : withStep(failure("U heeft geen passkey. Kies een andere manier.", formData), "code");
    }
    const step = secondStepFrom(formData, rp);
    if (!step.ok) return withStep(step.failure, "code");
    const result = await verifySecondStep(context.services, context.origin, pending, step.step);
    if (!result.ok) {
      if (result.reason === "expired") return json(withStep(failure(EXPIRED, formData), "password"), { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });
      return withStep(failure(result.reason === "throttled" ? retryMessage(result.waitMs) : WRONG_ANSWER[step.step.kind], formData), "code");
    }
    const headers = new Headers();
    headers.append("Set-Cookie", clearPendingLoginCookie(production));
    headers.append("Set-Cookie", result.cookie);
    throw redirect(safeRedirect(step.redirectTo), { headers });
  }

  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return withStep(parsed, "password");
  const result = await login(context.services, context.origin, parsed.data.email, parsed.data.password);
  if (!result.ok) {
    if (result.reason === "code_required") {
      // No session yet: a signed, short-lived cookie says the password was right; the code comes next.
      const to = safeRedirect(parsed.data.redirectTo);
      const next = to === "/" ? "/inloggen" : `/inloggen?redirectTo=${encodeURIComponent(to)}`;
      throw redirect(next, { headers: { "Set-Cookie": pendingLoginCookie(result.pending, production) } });
    }
    // One message whether or not the account exists.
    const message = result.reason === "throttled" ? retryMessage(result.waitMs) : "De combinatie van e-mailadres en wachtwoord is onjuist.";
    return withStep(failure(message, formData), "password");
  }
  const to = safeRedirect(parsed.data.redirectTo);
  throw redirect(result.enrolmentRequired ? enrolmentUrl(to) : to, { headers: { "Set-Cookie": result.cookie } });
}

/** The second step's answer as the form sent it: a code, a passkey's signature or a recovery code. */
function secondStepFrom(formData: FormData, rp: ReturnType<typeof relyingParty>): { ok: true; step: SecondStep; redirectTo?: string } | { ok: false; failure: FormFailure } {
  const intent = formData.get("intent");
  if (intent === "passkey") {
    const parsed = parseForm(PasskeySchema, formData);
    const response = parsed.ok ? parseCredential<AuthenticationResponseJSON>(parsed.data.credential) : null;
    if (!parsed.ok || !response) return { ok: false, failure: failure(WRONG_ANSWER.passkey, formData) };
    return { ok: true, step: { kind: "passkey", response, rp }, redirectTo: parsed.data.redirectTo };
  }
  if (intent === "recovery") {
    const parsed = parseForm(RecoverySchema, formData);
    if (!parsed.ok) return { ok: false, failure: parsed };
    return { ok: true, step: { kind: "recovery", code: parsed.data.recoveryCode }, redirectTo: parsed.data.redirectTo };
  }
  const parsed = parseForm(CodeSchema, formData);
  if (!parsed.ok) return { ok: false, failure: parsed };
  return { ok: true, step: { kind: "code", code: parsed.data.code }, redirectTo: parsed.data.redirectTo };
}

export default function Login() {
  const { step: loaderStep, app, passkey, passkeysPossible: canPasskey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const recoveryError = errors?.values.intent === "recovery" ? errors.fieldErrors.recoveryCode?.[0] : undefined;
  const step = errors?.step ?? loaderStep;
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <div className="narrow">
      <h1>Inloggen</h1>
      <p className="lead">Portaal van de regionale casuïstiektafels hoogcomplexe ggz.</p>
      {step === "code" ? (
        <>
          <section className="card" aria-labelledby="verificatie">
            <h2 id="verificatie">Verificatiecode</h2>
            <FormError message={errors?.formError} errors={errors?.fieldErrors} />
            {passkey && canPasskey ? (
              <>
                <p>Bevestig met uw passkey (vingerafdruk, gezicht, pincode van uw apparaat of beveiligingssleutel).</p>
                <PasskeyButton mode="login" intent="passkey" routeId="routes/inloggen" label="Inloggen met passkey" fields={{ redirectTo }} />
              </>
            ) : null}
            {app ? (
              <Form method="post" noValidate aria-labelledby="verificatie">
                {passkey && canPasskey ? <p>Of vul de code uit uw authenticator-app in.</p> : null}
                <input type="hidden" name="intent" value="code" />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <CodeField error={errors?.fieldErrors.code?.[0]} />
                <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met controleren…" : "Bevestigen"}</button>
              </Form>
            ) : null}
          </section>
          <details className="card" open={errors?.values.intent === "recovery"}>
            <summary>Geen toegang tot uw app of passkey? Gebruik een herstelcode</summary>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="recovery" />
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <div className={`field${recoveryError ? " field--error" : ""}`}>
                <label htmlFor="veld-recoveryCode">Herstelcode</label>
                <p className="hint" id="veld-recoveryCode-hint">Een van de codes die u bij het instellen bewaarde, bijvoorbeeld abcd-efgh-jkmn. Elke code werkt één keer.</p>
                <input id="veld-recoveryCode" name="recoveryCode" type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40}
                  aria-invalid={recoveryError ? true : undefined} aria-describedby={`veld-recoveryCode-hint${recoveryError ? " veld-recoveryCode-fout" : ""}`} />
                {recoveryError ? <p className="field-error" id="veld-recoveryCode-fout">{recoveryError}</p> : null}
              </div>
              <button type="submit" className="button button--secondary" disabled={busy}>Inloggen met herstelcode</button>
            </Form>
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="button button--secondary button--small">Opnieuw beginnen</button>
          </Form>
        </>
      ) : (
        <Form method="post" noValidate className="card">
          <FormError message={errors?.formError} errors={errors?.fieldErrors} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field name="email" label="E-mailadres" type="email" autoComplete="username" required errors={errors?.fieldErrors} values={errors?.values} />
          <Field name="password" label="Wachtwoord" type="password" autoComplete="current-password" required errors={errors?.fieldErrors} />
          <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met inloggen…" : "Inloggen"}</button>
          <p><Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link></p>
        </Form>
      )}
    </div>
  );
}
