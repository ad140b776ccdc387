// Choosing a password through an activation or reset link.
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/domain/password-policy";
import type { FormFailure } from "~/lib/forms";
import { Field, FormError } from "./form";

export function NewPasswordForm({ title, intro, submit }: { title: string; intro: string; submit: string }) {
  const { valid, email } = useLoaderData<{ valid: boolean; email: string | null }>();
  const actionData = useActionData<FormFailure>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <h1>{title}</h1>
      {!valid ? (
        <div className="alert" role="alert">
          <p>Deze link is verlopen of al gebruikt.</p>
          <p><Link to="/wachtwoord-vergeten">Vraag een nieuwe link aan</Link> of neem contact op met de beheerder.</p>
        </div>
      ) : (
        <Form method="post" noValidate className="card">
          <p>{intro}</p>
          <p>Account: <strong>{email}</strong></p>
          <FormError message={actionData?.formError} />
          <Field name="password" label="Nieuw wachtwoord" type="password" autoComplete="new-password" required errors={actionData?.fieldErrors} hint={`${PASSWORD_MIN} tot ${PASSWORD_MAX} tekens; een lange zin werkt goed.`} />
          <Field name="repeat" label="Herhaal het wachtwoord" type="password" autoComplete="new-password" required errors={actionData?.fieldErrors} />
          <button type="submit" className="button" disabled={busy}>{busy ? "Bezig…" : submit}</button>
        </Form>
      )}
    </div>
  );
}
