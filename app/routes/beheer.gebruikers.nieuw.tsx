import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { ROLE_LABELS, ROLES } from "~/domain/vocabulary";
import { CHECK_FIELDS, fieldFailure, NewUserSchema } from "~/lib/admin-forms";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { inviteUser } from "~/lib/accounts.server";
import { notifier } from "~/lib/notifier.server";
import { getOrganisation, listOrganisationRefs } from "~/models/organisations.server";
import { listTableRefs } from "~/models/tables.server";
import { emailTaken } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Nieuwe gebruiker – Beheer – Regiotafel" }];

const DUPLICATE_EMAIL = "Er bestaat al een gebruiker met dit e-mailadres.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const { db } = context.services;
  return {
    organisations: listOrganisationRefs(db).filter((o) => o.active),
    tables: listTableRefs(db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "users:manage");
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(NewUserSchema, formData);
  if (!parsed.ok) return parsed;
  const data = parsed.data;

  const organisation = getOrganisation(db, data.organisationId);
  if (!organisation || !organisation.active) return fieldFailure(formData, { organisationId: ["Kies een actieve organisatie."] });
  const table = data.tableId == null ? null : listTableRefs(db).find((t) => t.id === data.tableId);
  if (data.tableId != null && !table) return fieldFailure(formData, { tableId: ["Kies een geldige tafel."] });
  if (emailTaken(db, data.email)) return fieldFailure(formData, { email: [DUPLICATE_EMAIL] });

  // No password here: the person chooses one through the activation link in their invitation.
  const created = inviteUser(notifier(context), { name: data.name, email: data.email, organisationId: organisation.id, role: data.role, tableId: table?.id ?? null });
  if (!created.ok) return fieldFailure(formData, { email: [DUPLICATE_EMAIL] });

  audit(db, {
    action: "user.create",
    actor: actorOf(user),
    objectType: "user",
    objectId: created.id,
    detail: `e-mail ${data.email}; organisatie ${organisation.id}; rol ${data.role}${table ? ` tafel ${table.slug}` : ""}; uitnodiging verstuurd`,
    origin: context.origin,
  });
  return redirectWithFlash(context, `/beheer/gebruikers/${created.id}`, "De gebruiker is aangemaakt en krijgt een uitnodiging per e-mail om een wachtwoord te kiezen.");
}

export default function NewUser() {
  const { organisations, tables } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <p><Link to="/beheer/gebruikers">← Terug naar gebruikers</Link></p>
      <h1>Nieuwe gebruiker</h1>
      <Form method="post" noValidate className="card" aria-label="Nieuwe gebruiker aanmaken">
        <FormError message={errors ? (errors.formError ?? CHECK_FIELDS) : undefined} errors={errors?.fieldErrors} />
        <Field name="name" label="Naam" autoComplete="off" required errors={errors?.fieldErrors} values={errors?.values} />
        <Field name="email" label="E-mailadres" type="email" autoComplete="off" required errors={errors?.fieldErrors} values={errors?.values} hint="De gebruiker logt hiermee in." />
        <Field name="organisationId" label="Organisatie" required errors={errors?.fieldErrors} values={errors?.values}>
          <option value="">Kies een organisatie</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </Field>
        <Field name="role" label="Eerste rol" required errors={errors?.fieldErrors} values={errors?.values} hint="Meer rollen kunt u na het aanmaken toevoegen.">
          <option value="">Kies een rol</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>{ROLE_LABELS[r]}</option>
          ))}
        </Field>
        <Field name="tableId" label="Tafel" errors={errors?.fieldErrors} values={errors?.values} hint="Alleen voor een voorzitter of tafellid; laat anders ‘Geen tafel’ staan.">
          <option value="">Geen tafel</option>
          {tables.map((t) => (
            <option key={t.id} value={t.id}>{t.number}. {t.name}</option>
          ))}
        </Field>
        <p className="muted">De gebruiker krijgt een e-mail met een link (24 uur geldig, één keer te gebruiken) om zelf een wachtwoord te kiezen en daarna een tweede factor in te stellen.</p>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met aanmaken…" : "Gebruiker aanmaken"}</button>
          <Link to="/beheer/gebruikers">Annuleren</Link>
        </div>
      </Form>
    </div>
  );
}
