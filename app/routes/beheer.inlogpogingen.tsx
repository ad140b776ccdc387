// The administrator's view of the login throttle: accounts and account + address pairs whose
// failed logins are delaying attempts now, with a release per account.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { retryMessage } from "~/domain/login-throttle";
import { plainText, z } from "~/domain/dutch-errors";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Geblokkeerde inlogpogingen – Beheer – Regiotafel" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const { loginThrottle } = context.services;
  const now = Date.now();
  const rows = loginThrottle.blocked(now).map((row) => ({
    key: row.key,
    kind: row.kind,
    email: row.email,
    ip: row.ip,
    failures: row.failures,
    lastFailureAt: new Date(row.lastFailureAt).toISOString(),
    waitSeconds: Math.max(0, Math.ceil((row.notBefore - now) / 1000)),
  }));
  return { rows, policies: loginThrottle.policies };
}

const ActionSchema = z.object({
  intent: z.literal("release", { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) }),
  email: plainText({ required: "Kies een account.", max: 254 }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "users:manage");
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) return failure(parsed.fieldErrors.intent?.[0] ?? parsed.fieldErrors.email?.[0] ?? "Deze handeling is niet mogelijk.", formData);
  const released = context.services.loginThrottle.release(parsed.data.email);
  if (released === 0) return failure("Voor dit account werden geen inlogpogingen vertraagd.", formData);
  audit(context.services.db, {
    action: "login_throttle.release",
    actor: actorOf(user),
    objectType: "login_throttle",
    detail: `${parsed.data.email.toLowerCase()}: ${released} tellers`,
    origin: context.origin,
  });
  return redirectWithFlash(context, "/beheer/inlogpogingen", "De inlogpogingen van dit account zijn vrijgegeven.");
}

const seconds = (ms: number) => (ms >= 60_000 ? `${ms / 60_000} minuten` : `${ms / 1000} seconden`);

export default function BlockedLogins() {
  const { rows, policies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Geblokkeerde inlogpogingen</h1>
      <p className="lead">
        Na mislukte inlogpogingen (wachtwoord of verificatiecode) wacht het portaal steeds langer voordat het een volgende poging bekijkt. Per account
        en adres: {policies.pair.free} pogingen vrij, daarna oplopend tot {seconds(policies.pair.maxMs)}. Per account, van alle adressen samen:{" "}
        {policies.account.free} pogingen vrij, daarna oplopend tot {seconds(policies.account.maxMs)}. Een dag na de laatste mislukte poging telt die niet meer.
      </p>
      <FormError message={actionData?.formError} />
      {rows.length === 0 ? (
        <p>Er worden nu geen inlogpogingen vertraagd.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Accounts en adressen met vertraagde inlogpogingen</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Adres</th>
              <th scope="col">Mislukte pogingen</th>
              <th scope="col">Laatste poging</th>
              <th scope="col">Volgende poging</th>
              <th scope="col"><span className="visually-hidden">Handelingen</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.email}</th>
                <td>{row.kind === "account" ? <span className="muted">alle adressen</span> : row.ip}</td>
                <td>{row.failures}</td>
                <td>{formatAmsterdam(row.lastFailureAt)}</td>
                <td>{row.waitSeconds > 0 ? retryMessage(row.waitSeconds * 1000).replace(/^Te veel mislukte pogingen\. Probeer het /, "").replace(/ opnieuw\.$/, "") : "nu"}</td>
                <td>
                  {row.kind === "account" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="release" />
                      <input type="hidden" name="email" value={row.email} />
                      <button type="submit" className="button button--small" disabled={busy}>
                        Vrijgeven<span className="visually-hidden">: {row.email}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
