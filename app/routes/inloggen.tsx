import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { login, requireAnonymous } from "~/lib/auth.server";
import { failure, parseForm } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Inloggen – Regiotafel" }];

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254).email(),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(1024),
  redirectTo: z.string().max(500).optional(),
});

/** Only a path on this site, never another origin (open redirect). */
export function safeRedirect(to: string | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/";
  return to;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await request.formData();
  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return parsed;
  const result = await login(context.services, context.origin, parsed.data.email, parsed.data.password);
  if (!result.ok) {
    // One message whether or not the account exists.
    const message =
      result.reason === "throttled"
        ? "Te veel mislukte pogingen. Wacht 15 minuten en probeer het dan opnieuw."
        : "De combinatie van e-mailadres en wachtwoord is onjuist.";
    return failure(message, formData);
  }
  throw redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="narrow">
      <h1>Inloggen</h1>
      <p className="lead">Portaal van de regionale casuïstiektafels hoogcomplexe ggz.</p>
      <Form method="post" noValidate className="card">
        <FormError message={errors?.formError} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field name="email" label="E-mailadres" type="email" autoComplete="username" required errors={errors?.fieldErrors} values={errors?.values} />
        <Field name="password" label="Wachtwoord" type="password" autoComplete="current-password" required errors={errors?.fieldErrors} />
        <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met inloggen…" : "Inloggen"}</button>
      </Form>
    </div>
  );
}
