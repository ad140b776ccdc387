import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CodeField } from "~/components/code-field";
import { Field, FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { retryMessage } from "~/domain/login-throttle";
import { enrolmentUrl, login, requireAnonymous, verifyLoginCode } from "~/lib/auth.server";
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

const WRONG_CODE = "De verificatiecode is onjuist of al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.";
const EXPIRED = "Uw inlogpoging is verlopen. Log opnieuw in met uw e-mailadres en wachtwoord.";

type Step = "password" | "code";

export { safeRedirect };

const withStep = (result: FormFailure, step: Step) => ({ ...withoutCode(result), step });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const pending = readPendingLogin(request.headers.get("Cookie"), context.services.config.production);
  return { step: (pending ? "code" : "password") as Step };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const { production } = context.services.config;
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "cancel") return redirect("/inloggen", { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });

  if (intent === "code") {
    const pending = readPendingLogin(request.headers.get("Cookie"), production);
    if (!pending) return json(withStep(failure(EXPIRED, formData), "password"), { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });
    const parsed = parseForm(CodeSchema, formData);
    if (!parsed.ok) return withStep(parsed, "code");
    const result = await verifyLoginCode(context.services, context.origin, pending, parsed.data.code);
    if (!result.ok) {
      if (result.reason === "expired") return json(withStep(failure(EXPIRED, formData), "password"), { headers: { "Set-Cookie": clearPendingLoginCookie(production) } });
      return withStep(failure(result.reason === "throttled" ? retryMessage(result.waitMs) : WRONG_CODE, formData), "code");
    }
    const headers = new Headers();
    headers.append("Set-Cookie", clearPendingLoginCookie(production));
    headers.append("Set-Cookie", result.cookie);
    throw redirect(safeRedirect(parsed.data.redirectTo), { headers });
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

export default function Login() {
  const { step: loaderStep } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const step = errors?.step ?? loaderStep;
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <div className="narrow">
      <h1>Inloggen</h1>
      <p className="lead">Portaal van de regionale casuïstiektafels hoogcomplexe ggz.</p>
      {step === "code" ? (
        <>
          <Form method="post" noValidate className="card" aria-labelledby="verificatie">
            <h2 id="verificatie">Verificatiecode</h2>
            <FormError message={errors?.formError} errors={errors?.fieldErrors} />
            <input type="hidden" name="intent" value="code" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <CodeField error={errors?.fieldErrors.code?.[0]} />
            <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met controleren…" : "Bevestigen"}</button>
          </Form>
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
