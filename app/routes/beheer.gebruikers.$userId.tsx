import { formatDate } from "~/domain/format";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { membershipProblem, selfLockoutProblem } from "~/domain/membership-rules";
import { secondFactorRequired } from "~/domain/second-factor";
import { z } from "~/domain/dutch-errors";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "~/domain/password-policy";
import { ROLE_LABELS, ROLES } from "~/domain/vocabulary";
import { CHECK_FIELDS, fieldFailure, newPassword, optionalTableId, passwordContext, requiredId, roleField, userIdParam } from "~/lib/admin-forms";
import { audit } from "~/models/audit.server";
import { actorOf, disconnectUserSockets, endAllSessions, notFound, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import { hashPassword } from "~/lib/password.server";
import { listTableRefs } from "~/models/tables.server";
import { resetSecondFactor, secondFactorEnabled } from "~/models/second-factor.server";
import { addMembership, getMembership, getUser, removeMembership, setPasswordHash, setUserActive, type UserDetails } from "~/models/users.server";
import { resendActivation } from "~/lib/accounts.server";
import { notifier } from "~/lib/notifier.server";
import { mailResetLink } from "~/models/notifications.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.account.name ?? "Gebruiker"} – Beheer – Regiotafel` }];

const DONE = {
  gedeactiveerd: "Het account is gedeactiveerd. Alle sessies en verbindingen van deze gebruiker zijn beëindigd.",
  geactiveerd: "Het account is weer actief. De gebruiker kan opnieuw inloggen.",
  wachtwoord: "De gebruiker krijgt een e-mail met een link om zelf een nieuw wachtwoord te kiezen (een uitnodiging als het account nog niet geactiveerd is).",
  "rol-toegevoegd": "De rol is toegevoegd.",
  "rol-ingetrokken": "De rol is ingetrokken.",
  "tweede-factor": "De tweede factor is gereset. Alle sessies en verbindingen van deze gebruiker zijn beëindigd; bij het volgende inloggen stelt de gebruiker een nieuwe in.",
} as const;

/** The account named in the URL, or a 404 (malformed or unknown id alike). */
function accountFromParams(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]): UserDetails {
  const id = userIdParam.safeParse(params.userId);
  const account = id.success ? getUser(context.services.db, id.data) : null;
  if (!account) throw notFound();
  return account;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "users:manage");
  const account = accountFromParams(context, params);
  return {
    account,
    isSelf: account.id === user.id,
    totpEnabled: secondFactorEnabled(context.services.db, account.id),
    secondFactorRequired: secondFactorRequired(account.memberships, context.services.config.secondFactorOptionalRoles),
    tables: listTableRefs(context.services.db),
  };
}

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("deactivate") }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("send_password_link") }),
    z.object({ intent: z.literal("add_membership"), role: roleField, tableId: optionalTableId }),
    z.object({ intent: z.literal("remove_membership"), membershipId: requiredId("Deze rol bestaat niet (meer).") }),
    z.object({ intent: z.literal("reset_totp") }),
  ],
  { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) },
);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "users:manage");
  const account = accountFromParams(context, params);
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) {
    const unknownIntent = parsed.fieldErrors.intent?.[0];
    return unknownIntent ? failure(unknownIntent, formData) : parsed;
  }
  const input = parsed.data;
  const { services } = context;
  const { db } = services;
  const page = `/beheer/gebruikers/${account.id}`;
  const done = (what: keyof typeof DONE) => redirectWithFlash(context, page, DONE[what]);
  const record = (action: string, detail?: string) =>
    audit(db, { action, actor: actorOf(user), objectType: "user", objectId: account.id, detail, origin: context.origin });

  switch (input.intent) {
    case "deactivate": {
      const refused = selfLockoutProblem(user.id, account.id, { kind: "deactivate" });
      if (refused) return failure(refused, formData);
      const changed = setUserActive(db, account.id, false);
      // Also when it was already inactive: no session of a deactivated account may survive.
      await endAllSessions(services, account.id);
      if (changed) record("user.deactivate");
      return done("gedeactiveerd");
    }
    case "reactivate": {
      if (setUserActive(db, account.id, true)) record("user.reactivate");
      return done("geactiveerd");
    }
    case "send_password_link": {
      // Nobody types another person's password: the user chooses it through a one-time link.
      const n = notifier(context);
      if (!resendActivation(n, account.id)) mailResetLink(n, { id: account.id, name: account.name, email: account.email });
      record("user.password_link");
      return done("wachtwoord");
    }
    case "add_membership": {
      const problem = membershipProblem(input.role, input.tableId);
      if (problem) return fieldFailure(formData, { tableId: [problem] });
      const table = input.tableId == null ? null : listTableRefs(db).find((t) => t.id === input.tableId);
      if (input.tableId != null && !table) return fieldFailure(formData, { tableId: ["Kies een geldige tafel."] });
      const added = addMembership(db, account.id, input.role, table?.id ?? null);
      if (!added.ok) return fieldFailure(formData, { role: ["Deze gebruiker heeft deze rol al."] });
      record("membership.add", `rol ${input.role}${table ? ` tafel ${table.slug}` : ""}`);
      disconnectUserSockets(services, account.id);
      return done("rol-toegevoegd");
    }
    case "remove_membership": {
      const membership = getMembership(db, account.id, input.membershipId);
      if (!membership) return failure("Deze rol bestaat niet (meer).", formData);
      const refused = selfLockoutProblem(user.id, account.id, { kind: "remove_membership", role: membership.role });
      if (refused) return failure(refused, formData);
      if (removeMembership(db, account.id, membership.id)) {
        record("membership.remove", `rol ${membership.role}${membership.tableSlug ? ` tafel ${membership.tableSlug}` : ""}`);
        disconnectUserSockets(services, account.id);
      }
      return done("rol-ingetrokken");
    }
    case "reset_totp": {
      // Your own would end your own session: another administrator resets it.
      if (user.id === account.id) return failure("U kunt uw eigen tweede factor niet resetten. Vraag een andere beheerder.", formData);
      const reset = resetSecondFactor(db, account.id);
      if (!reset) return failure("Deze gebruiker heeft geen tweede factor ingesteld.", formData);
      // Whoever signed in with the old factor is signed out: the lost phone may be in other hands.
      await endAllSessions(services, account.id);
      record("totp.reset");
      return done("tweede-factor");
    }
  }
}

export default function UserPage() {
  const { account, isSelf, totpEnabled, secondFactorRequired: required, tables } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors?.values.intent;
  const errorsFor = (intent: string) => (errors && errorIntent === intent ? errors : undefined);
  const page = `/beheer/gebruikers/${account.id}`;
  const generalError = errors && !["reset_password", "add_membership"].includes(String(errorIntent)) ? (errors.formError ?? CHECK_FIELDS) : undefined;
  const passwordErrors = errorsFor("reset_password");
  const roleErrors = errorsFor("add_membership");

  return (
    <>
      <p><Link to="/beheer/gebruikers">← Terug naar gebruikers</Link></p>
      <h1>{account.name}</h1>
      <FormError message={generalError} />

      <section className="card" aria-labelledby="gegevens">
        <h2 id="gegevens">Gegevens</h2>
        <dl className="facts">
          <dt>E-mailadres</dt><dd>{account.email}</dd>
          <dt>Organisatie</dt><dd>{account.organisationName}{account.organisationActive ? "" : " (gedeactiveerd)"}</dd>
          <dt>Status</dt><dd>{account.active ? <span className="badge badge--ok">Actief</span> : <span className="badge badge--error">Gedeactiveerd</span>}</dd>
          <dt>Aangemaakt</dt><dd>{formatDate(account.createdAt)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="rollen">
        <h2 id="rollen">Rollen</h2>
        {account.memberships.length === 0 ? (
          <p className="muted">Deze gebruiker heeft geen rol en kan daardoor niets in het portaal.</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">Rollen van {account.name}</caption>
            <thead>
              <tr><th scope="col">Rol</th><th scope="col">Tafel</th><th scope="col"><span className="visually-hidden">Handeling</span></th></tr>
            </thead>
            <tbody>
              {account.memberships.map((m) => {
                const label = `${ROLE_LABELS[m.role]}${m.tableName ? `, tafel ${m.tableName}` : ""}`;
                const own = isSelf && m.role === "admin";
                return (
                  <tr key={m.id}>
                    <td>{ROLE_LABELS[m.role]}</td>
                    <td>{m.tableName ?? <span className="muted">–</span>}</td>
                    <td>
                      {own ? (
                        <span className="muted">Uw eigen beheerdersrol</span>
                      ) : (
                        <Form method="post" action={page}>
                          <input type="hidden" name="intent" value="remove_membership" />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <button type="submit" className="button button--secondary button--small" disabled={busy}>
                            Intrekken<span className="visually-hidden">: {label}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        <h3 id="rol-toevoegen">Rol toevoegen</h3>
        <Form method="post" action={page} noValidate aria-labelledby="rol-toevoegen">
          <input type="hidden" name="intent" value="add_membership" />
          {roleErrors ? <FormError message={roleErrors.formError ?? CHECK_FIELDS} errors={roleErrors?.fieldErrors} /> : null}
          <div className="form-grid">
            <Field name="role" label="Rol" required errors={roleErrors?.fieldErrors} values={roleErrors?.values}>
              <option value="">Kies een rol</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>{ROLE_LABELS[r]}</option>
              ))}
            </Field>
            <Field name="tableId" label="Tafel" errors={roleErrors?.fieldErrors} values={roleErrors?.values} hint="Alleen voor een voorzitter of tafellid.">
              <option value="">Geen tafel</option>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>{t.number}. {t.name}</option>
              ))}
            </Field>
          </div>
          <button type="submit" className="button" disabled={busy}>Rol toevoegen</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="wachtwoord">
        <h2 id="wachtwoord">Wachtwoord</h2>
        <p>Stuur de gebruiker een link (één uur geldig, één keer te gebruiken) om zelf een nieuw wachtwoord te kiezen. Wie het account nog niet heeft geactiveerd, krijgt een nieuwe uitnodiging. Het huidige wachtwoord blijft werken tot de gebruiker een nieuw kiest; dan worden alle sessies beëindigd.</p>
        <Form method="post" action={page} aria-labelledby="wachtwoord">
          <input type="hidden" name="intent" value="send_password_link" />
          <button type="submit" className="button" disabled={busy}>Link versturen</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="tweede-factor">
        <h2 id="tweede-factor">Tweede factor</h2>
        <p>
          Status: {totpEnabled ? <span className="badge badge--ok">Aan</span> : <span className="badge badge--warn">Uit</span>}
        </p>
        {!totpEnabled ? (
          <p className="muted">Deze gebruiker heeft geen tweede factor ingesteld.{required ? " De gebruiker moet dat bij het volgende inloggen doen." : ""}</p>
        ) : isSelf ? (
          <p>Uw eigen tweede factor kan alleen een andere beheerder resetten.</p>
        ) : (
          <>
            <p>Telefoon kwijt of vervangen? Na een reset worden alle sessies van deze gebruiker direct beëindigd en stelt de gebruiker bij het volgende inloggen een nieuwe tweede factor in.</p>
            <Form method="post" action={page}>
              <input type="hidden" name="intent" value="reset_totp" />
              <button type="submit" className="button button--danger" disabled={busy}>Tweede factor resetten</button>
            </Form>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="account">
        <h2 id="account">Account</h2>
        {account.active ? (
          isSelf ? (
            <p>U kunt uw eigen account niet deactiveren.</p>
          ) : (
            <>
              <p>Een gedeactiveerde gebruiker wordt direct uitgelogd (ook open verbindingen) en kan niet meer inloggen. Gegevens en auditregels blijven bewaard.</p>
              <Form method="post" action={page}>
                <input type="hidden" name="intent" value="deactivate" />
                <button type="submit" className="button button--danger" disabled={busy}>Account deactiveren</button>
              </Form>
            </>
          )
        ) : (
          <>
            <p>Dit account is gedeactiveerd. Na heractiveren kan de gebruiker weer inloggen met het bestaande wachtwoord.</p>
            <Form method="post" action={page}>
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit" className="button" disabled={busy}>Account heractiveren</button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}
