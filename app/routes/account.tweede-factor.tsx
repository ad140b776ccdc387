import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CodeField } from "~/components/code-field";
import { FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { retryMessage } from "~/domain/login-throttle";
import { ENROLMENT_PATH, removalProblem, secondFactorRequired } from "~/domain/second-factor";
import { audit } from "~/models/audit.server";
import { actorOf, requireUser, type CurrentUser } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import { safeRedirect } from "~/lib/safe-redirect";
import { codeField, withoutCode } from "~/lib/second-factor-forms";
import { addPasskey, deletePasskey, newRecoveryCodes, passkeyOptions, passkeyOverview } from "~/lib/second-factor-page.server";
import { PasskeyButton } from "~/components/passkey-button";
import { RecoveryCodes } from "~/components/recovery-codes";
import { acceptedStep, enrolmentToken, enrolmentTokenValid, groupedSecret, newSecret, otpauthUri, qrCodeDataUrl } from "~/lib/second-factor.server";
import { passkeyCount } from "~/models/passkeys.server";
import { disableSecondFactor, saveSecondFactor, secondFactorState } from "~/models/second-factor.server";

export const meta: MetaFunction = () => [{ title: "Tweede factor – Regiotafel" }];

const ENABLED = "De tweede factor staat aan. Vanaf nu vraagt het portaal bij het inloggen ook om een verificatiecode uit uw app.";

const WRONG_CODE = "De verificatiecode is onjuist of al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.";
const EXPIRED = "Deze QR-code is verlopen. Scan de nieuwe QR-code hieronder en probeer het opnieuw.";

/** Base32 as otplib makes it (RFC 4648 alphabet, no padding). */
const SECRET_PATTERN = /^[A-Z2-7]{16,64}$/;

type Enrolment = { secret: string; grouped: string; token: string; qrCode: string };

/** A new secret to scan, not stored until a code confirms it: the page carries it, signed, in the form. */
async function enrolmentFor(user: CurrentUser, secret = newSecret(), token = enrolmentToken(user.id, secret)): Promise<Enrolment> {
  return { secret, grouped: groupedSecret(secret), token, qrCode: await qrCodeDataUrl(otpauthUri(user.email, secret)) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The one page an administrator without a second factor may reach (domain/second-factor).
  const user = await requireUser(request, context);
  const enabled = secondFactorState(context.services.db, user.id)?.secret != null;
  return {
    email: user.email,
    enabled,
    required: secondFactorRequired(user.memberships, context.services.config.secondFactorOptionalRoles),
    mustEnrol: user.enrolmentRequired,
    otherFactors: passkeyCount(context.services.db, user.id),
    enrolment: enabled ? null : await enrolmentFor(user),
    ...passkeyOverview(request, context, user),
  };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("enrol"),
      secret: z.string().regex(SECRET_PATTERN, "Deze QR-code is niet geldig."),
      token: z.string().max(200),
      code: codeField,
      redirectTo: z.string().max(500).optional(),
    }),
    z.object({ intent: z.literal("disable"), code: codeField }),
    z.object({ intent: z.literal("passkey-options") }),
    z.object({ intent: z.literal("passkey-add"), credential: z.string().min(1).max(20_000), redirectTo: z.string().max(500).optional() }),
    z.object({ intent: z.literal("passkey-remove"), passkeyId: z.string().min(1).max(1024) }),
    z.object({ intent: z.literal("recovery-generate") }),
  ],
  { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { services, origin } = context;
  const { db } = services;
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  const state = secondFactorState(db, user.id);
  if (!state) throw redirect("/inloggen");
  const refused = (message: string, data: FormData) => withoutCode(failure(message, data));
  const record = (action: string, outcome: "success" | "failure" = "success") =>
    audit(db, { action, outcome, actor: actorOf(user), objectType: "user", objectId: user.id, origin });

  if (!parsed.ok) {
    // A wrong-looking code during enrolment: show the same QR code again, it is still valid.
    const secret = String(formData.get("secret") ?? "");
    const token = String(formData.get("token") ?? "");
    const sameEnrolment = formData.get("intent") === "enrol" && state.secret == null && SECRET_PATTERN.test(secret) && enrolmentTokenValid(user.id, secret, token);
    const unknownIntent = parsed.fieldErrors.intent?.[0];
    return {
      ...withoutCode(unknownIntent ? failure(unknownIntent, formData) : parsed),
      enrolment: sameEnrolment ? await enrolmentFor(user, secret, token) : null,
    };
  }
  const input = parsed.data;
  const ctx = { request, context, user };

  switch (input.intent) {
    case "passkey-options":
      return { ...(await passkeyOptions(ctx)), enrolment: null };
    case "passkey-add": {
      const result = await addPasskey(ctx, input.credential, input.redirectTo);
      return result instanceof Response ? result : { ...result, enrolment: null };
    }
    case "passkey-remove": {
      const result = deletePasskey(ctx, input.passkeyId);
      return result instanceof Response ? result : { ...result, enrolment: null };
    }
    case "recovery-generate":
      return { ...newRecoveryCodes(ctx), enrolment: null };
    case "enrol": {
      if (state.secret != null) return { ...refused("Uw tweede factor staat al aan.", formData), enrolment: null };
      if (!enrolmentTokenValid(user.id, input.secret, input.token)) return { ...refused(EXPIRED, formData), enrolment: null };
      const step = acceptedStep(input.secret, input.code, null);
      if (step == null) return { ...refused(WRONG_CODE, formData), enrolment: await enrolmentFor(user, input.secret, input.token) };
      if (!saveSecondFactor(db, user.id, input.secret, step)) return { ...refused("Uw tweede factor staat al aan.", formData), enrolment: null };
      record("totp.enrol");
      const back = input.redirectTo ? safeRedirect(input.redirectTo) : null;
      return redirectWithFlash(context, back && back !== "/" && !back.startsWith(ENROLMENT_PATH) ? back : ENROLMENT_PATH, ENABLED);
    }
    case "disable": {
      if (state.secret == null) return { ...refused("Uw tweede factor staat al uit.", formData), enrolment: null };
      const notAllowed = removalProblem(user.memberships, passkeyCount(db, user.id), services.config.secondFactorOptionalRoles);
      if (notAllowed) return { ...refused(notAllowed, formData), enrolment: null };
      const ip = origin.ip ?? "unknown";
      const waitMs = services.loginThrottle.waitMs(user.email, ip);
      if (waitMs > 0) return { ...refused(retryMessage(waitMs), formData), enrolment: null };
      // A stolen session alone must not be enough: a current code is needed, and wrong ones are throttled like logins.
      const step = acceptedStep(state.secret, input.code, state.lastStep);
      if (step == null || !disableSecondFactor(db, user.id, state.secret, step)) {
        services.loginThrottle.recordFailure(user.email, ip);
        record("totp.disable", "failure");
        return { ...refused(WRONG_CODE, formData), enrolment: null };
      }
      record("totp.disable");
      return redirectWithFlash(context, ENROLMENT_PATH, "De authenticator-app is uitgezet.");
    }
  }
}

export default function SecondFactorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const recoveryCodes = actionData && actionData.ok && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  // After a wrong code the QR code already scanned stays; the loader's new one is not shown.
  const enrolment = errors?.enrolment ?? data.enrolment;
  const hasFactor = data.enabled || data.passkeys.length > 0;
  const redirectTo = searchParams.get("redirectTo");

  return (
    <div className="narrow">
      <h1>Tweede factor</h1>
      <p className="lead">
        Naast uw wachtwoord een tweede factor: een code uit een authenticator-app op uw telefoon (TOTP), bijvoorbeeld Microsoft Authenticator,
        Google Authenticator of FreeOTP, of een passkey (vingerafdruk, gezichtsherkenning, pincode van uw apparaat of een beveiligingssleutel).
        Een passkey werkt alleen op dit portaal en is daardoor bestand tegen phishing. Een code werkt maar één keer.
      </p>
      {data.mustEnrol ? (
        <div className="alert alert--warn" role="status">
          U ziet in dit portaal gegevens van patiënten: stel eerst een tweede factor in, met een authenticator-app of een passkey. Daarna kunt u verder in het portaal.
        </div>
      ) : null}
      <FormError message={errors?.formError} errors={errors?.fieldErrors} />

      <section className="card" aria-labelledby="status">
        <h2 id="status">Status</h2>
        <dl className="facts">
          <dt>Authenticator-app</dt>
          <dd>{data.enabled ? <span className="badge badge--ok">Aan</span> : <span className="badge badge--warn">Uit</span>}</dd>
          <dt>Passkeys</dt>
          <dd>{data.passkeys.length ? <span className="badge badge--ok">{data.passkeys.length}</span> : <span className="badge badge--warn">Geen</span>}</dd>
          <dt>Herstelcodes</dt>
          <dd>{data.recoveryCodesLeft} ongebruikt</dd>
          <dt>Verplicht</dt>
          <dd>{data.required ? "Ja" : "Nee, maar aanbevolen"}</dd>
        </dl>
        {hasFactor ? <p><Link to="/">Verder naar het portaal</Link></p> : null}
      </section>

      {enrolment ? (
        <section className="card" aria-labelledby="instellen">
          <h2 id="instellen">Tweede factor instellen</h2>
          <p>Met een authenticator-app:</p>
          <ol>
            <li>Installeer een authenticator-app op uw telefoon, als u die nog niet heeft.</li>
            <li>
              Scan deze QR-code met de app.
              <br />
              <img src={enrolment.qrCode} width={220} height={220} alt={`QR-code om Regiotafel (${data.email}) aan uw authenticator-app toe te voegen`} />
            </li>
            <li>
              Kunt u niet scannen? Voer dan deze geheime sleutel met de hand in (type: op tijd gebaseerd):
              <br />
              <code>{enrolment.grouped}</code>
            </li>
            <li>Vul hieronder de code in die de app nu toont.</li>
          </ol>
          <Form method="post" noValidate aria-labelledby="instellen">
            <input type="hidden" name="intent" value="enrol" />
            <input type="hidden" name="secret" value={enrolment.secret} />
            <input type="hidden" name="token" value={enrolment.token} />
            {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
            <CodeField error={errors?.values.intent === "enrol" ? errors.fieldErrors.code?.[0] : undefined} />
            <button type="submit" className="button" disabled={busy}>Tweede factor aanzetten</button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="passkeys">
        <h2 id="passkeys">Passkeys</h2>
        {data.passkeys.length ? (
          <ul className="plain-list">
            {data.passkeys.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>, toegevoegd {p.createdAt}
                {p.lastUsedAt ? `, laatst gebruikt ${p.lastUsedAt}` : ", nog niet gebruikt"}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="passkey-remove" />
                  <input type="hidden" name="passkeyId" value={p.id} />
                  <button type="submit" className="button button--small button--danger" disabled={busy}>
                    Verwijderen<span className="visually-hidden">: {p.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>U heeft nog geen passkey.</p>
        )}
        {data.passkeysPossible ? (
          <>
            <p>Uw browser vraagt om uw vingerafdruk, gezicht, de pincode van uw apparaat of een beveiligingssleutel. Hiervoor is JavaScript nodig.</p>
            <PasskeyButton mode="register" intent="passkey-add" routeId="routes/account.tweede-factor" label="Passkey toevoegen" fields={redirectTo ? { redirectTo } : {}} />
          </>
        ) : (
          <p>Passkeys werken alleen als u het portaal via zijn domeinnaam opent, niet via een IP-adres.</p>
        )}
      </section>

      <RecoveryCodes codes={recoveryCodes} left={data.recoveryCodesLeft} canGenerate={hasFactor} busy={busy} />

      {data.enabled ? (
        <section className="card" aria-labelledby="uitzetten">
          <h2 id="uitzetten">Authenticator-app uitzetten</h2>
          {data.required && !data.otherFactors ? (
            <p>De tweede factor is voor u verplicht; uitzetten kan niet zolang u geen passkey heeft. Telefoon kwijt? Log in met een herstelcode of vraag een beheerder om uw tweede factor te resetten.</p>
          ) : (
            <Form method="post" noValidate aria-labelledby="uitzetten">
              <input type="hidden" name="intent" value="disable" />
              <p>Bevestig met een code uit uw app.</p>
              <CodeField error={errors?.values.intent === "disable" ? errors.fieldErrors.code?.[0] : undefined} />
              <button type="submit" className="button button--danger" disabled={busy}>Authenticator-app uitzetten</button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
