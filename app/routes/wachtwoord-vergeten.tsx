import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { requestPasswordReset } from "~/lib/accounts.server";
import { requireAnonymous } from "~/lib/auth.server";
import { parseForm } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";

export const meta: MetaFunction = () => [{ title: "Wachtwoord vergeten – Regiotafel" }];

const ResetRequest = z.object({ email: z.string().trim().min(1, "Vul uw e-mailadres in.").max(254, "Vul een geldig e-mailadres in.").email("Vul een geldig e-mailadres in.") });

/** The same words whether or not the address has an account: the page reveals nobody. */
const SENT = "Als dit e-mailadres bij een account hoort, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt één uur en één keer.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const parsed = parseForm(ResetRequest, await request.formData());
  if (!parsed.ok) return parsed;
  requestPasswordReset(notifier(context), parsed.data.email, context.origin);
  return { ok: true as const, message: SENT };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="narrow">
      <h1>Wachtwoord vergeten</h1>
      {actionData?.ok ? (
        <div className="alert alert--ok" role="status">{actionData.message}</div>
      ) : (
        <Form method="post" noValidate className="card">
          <p>Vul het e-mailadres van uw account in. U krijgt een link om een nieuw wachtwoord te kiezen.</p>
          <FormError message={errors?.formError} />
          <Field name="email" label="E-mailadres" type="email" autoComplete="username" required errors={errors?.fieldErrors} values={errors?.values} />
          <button type="submit" className="button" disabled={busy}>Link versturen</button>
        </Form>
      )}
      <p><Link to="/inloggen">Terug naar inloggen</Link></p>
    </div>
  );
}
