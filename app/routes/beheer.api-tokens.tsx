import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { plainText, z } from "~/domain/dutch-errors";
import { ORGANISATION_TYPE_LABELS } from "~/domain/vocabulary";
import { CHECK_FIELDS, requiredId } from "~/lib/admin-forms";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import { apiTokenOrganisations, issueApiToken, listApiTokens, revokeApiToken } from "~/models/api-tokens.server";

export const meta: MetaFunction = () => [{ title: "API-tokens – Beheer – Regiotafel" }];

const UNKNOWN_TOKEN = "Dit token bestaat niet (meer).";


export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "api-tokens:manage");
  const { db } = context.services;
  return { tokens: listApiTokens(db), organisations: apiTokenOrganisations(db) };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("issue"),
      organisationId: requiredId("Kies een organisatie."),
      name: plainText({ required: "Geef het token een naam, bijvoorbeeld het systeem dat het gebruikt.", max: 100 }),
    }),
    z.object({ intent: z.literal("revoke"), tokenId: requiredId(UNKNOWN_TOKEN) }),
  ],
  { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "api-tokens:manage");
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) {
    const formLevel = parsed.fieldErrors.intent?.[0] ?? parsed.fieldErrors.tokenId?.[0];
    return formLevel ? failure(formLevel, formData) : parsed;
  }
  const input = parsed.data;

  if (input.intent === "issue") {
    // The organisation must be one a token may be issued for; a posted id of any other is refused.
    const issued = issueApiToken(db, { organisationId: input.organisationId, name: input.name, createdByUserId: user.id });
    if (!issued.ok) return failure(CHECK_FIELDS, formData, { organisationId: ["Kies een actieve zorgverzekeraar of ggz-aanbieder."] });
    audit(db, {
      action: "api_token.issue",
      actor: actorOf(user),
      objectType: "api_token",
      objectId: issued.id,
      detail: `organisatie ${issued.organisationName}; naam ${input.name}`,
      origin: context.origin,
    });
    // Not a redirect: the token is shown this once and never stored.
    return { ok: true as const, issued: { token: issued.token, name: input.name, organisationName: issued.organisationName } };
  }

  const revoked = revokeApiToken(db, input.tokenId);
  if (!revoked.ok) return failure(revoked.reason === "already_revoked" ? "Dit token was al ingetrokken." : UNKNOWN_TOKEN, formData);
  audit(db, {
    action: "api_token.revoke",
    actor: actorOf(user),
    objectType: "api_token",
    objectId: revoked.token.id,
    detail: `organisatie ${revoked.token.organisationName}; naam ${revoked.token.name}`,
    origin: context.origin,
  });
  return redirectWithFlash(context, "/beheer/api-tokens", "Het token is ingetrokken. Verzoeken met dit token worden vanaf nu geweigerd.");
}

export default function ApiTokens() {
  const { tokens, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const issued = actionData && actionData.ok ? actionData.issued : undefined;
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const issueErrors = errors && errors.values.intent === "issue" ? errors : undefined;
  const generalError = errors && !issueErrors ? (errors.formError ?? CHECK_FIELDS) : undefined;

  return (
    <>
      <h1>API-tokens</h1>
      <p className="lead">
        Met een API-token dient het systeem van een zorgverzekeraar of ggz-aanbieder verwijzingen in via de intake-API. De beschrijving van de API staat
        in <a href="/api/v1/openapi.json">het OpenAPI-document</a>.
      </p>
      <FormError message={generalError} />

      {issued ? (
        <section className="alert alert--warn" role="status" aria-labelledby="nieuw-token-kop">
          <h2 id="nieuw-token-kop">Nieuw token voor {issued.organisationName} ({issued.name})</h2>
          <p>
            Kopieer het token nu en geef het veilig door. Het portaal bewaart het token niet: na het verlaten van deze pagina is het nergens meer te zien.
          </p>
          <p>
            <code id="nieuw-token">{issued.token}</code>
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="token-uitgeven">
        <h2 id="token-uitgeven">Token uitgeven</h2>
        <Form method="post" action="/beheer/api-tokens" noValidate>
          <input type="hidden" name="intent" value="issue" />
          {issueErrors ? <FormError message={issueErrors.formError ?? CHECK_FIELDS} errors={issueErrors?.fieldErrors} /> : null}
          <div className="form-grid">
            <Field name="organisationId" label="Organisatie" required errors={issueErrors?.fieldErrors} values={issueErrors?.values} hint="Actieve zorgverzekeraars en ggz-aanbieders.">
              <option value="">Kies een organisatie</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({ORGANISATION_TYPE_LABELS[o.type]})
                </option>
              ))}
            </Field>
            <Field name="name" label="Naam" required errors={issueErrors?.fieldErrors} values={issueErrors?.values} hint="Waarvoor het token dient, bijvoorbeeld ‘Zorgbemiddelingssysteem productie’." />
          </div>
          <button type="submit" className="button" disabled={busy}>Token uitgeven</button>
        </Form>
      </section>

      <section aria-labelledby="alle-tokens">
        <h2 id="alle-tokens">Uitgegeven tokens</h2>
        {tokens.length === 0 ? (
          <p>Er zijn nog geen tokens uitgegeven.</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">Uitgegeven API-tokens met organisatie, begin van het token, gebruik en status</caption>
            <thead>
              <tr>
                <th scope="col">Organisatie</th>
                <th scope="col">Naam</th>
                <th scope="col">Begint met</th>
                <th scope="col">Uitgegeven</th>
                <th scope="col">Laatst gebruikt</th>
                <th scope="col">Status</th>
                <th scope="col"><span className="visually-hidden">Handelingen</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.organisationName}</td>
                  <th scope="row">{t.name}</th>
                  <td><code>{t.prefix}…</code></td>
                  <td>
                    {formatAmsterdam(t.createdAt)}
                    {t.createdByName ? <span className="muted"> door {t.createdByName}</span> : null}
                  </td>
                  <td>{t.lastUsedAt ? formatAmsterdam(t.lastUsedAt) : <span className="muted">Nog niet</span>}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="badge badge--error">Ingetrokken {formatAmsterdam(t.revokedAt)}</span>
                    ) : (
                      <span className="badge badge--ok">Actief</span>
                    )}
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <Form method="post" action="/beheer/api-tokens">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="button button--small button--danger" disabled={busy}>
                          Intrekken<span className="visually-hidden">: {t.name} van {t.organisationName}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
