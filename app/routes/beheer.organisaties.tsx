import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES } from "~/domain/vocabulary";
import { CHECK_FIELDS, fieldFailure, organisationName, organisationTypeField, requiredId } from "~/lib/admin-forms";
import { audit } from "~/models/audit.server";
import { actorOf, endAllSessions, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { createOrganisation, getOrganisation, listOrganisations, organisationUserIds, setOrganisationActive, updateOrganisation } from "~/models/organisations.server";

export const meta: MetaFunction = () => [{ title: "Organisaties – Beheer – Regiotafel" }];

const DUPLICATE_NAME = "Er bestaat al een organisatie met deze naam.";
const UNKNOWN = "Deze organisatie bestaat niet (meer).";

const DONE = {
  aangemaakt: "De organisatie is toegevoegd.",
  gewijzigd: "De organisatie is gewijzigd.",
  gedeactiveerd: "De organisatie is gedeactiveerd. Zij kan niet meer gekozen worden voor nieuwe gebruikers.",
  geactiveerd: "De organisatie is weer actief.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "organisations:manage");
  return { organisations: listOrganisations(context.services.db) };
}

const organisationId = requiredId(UNKNOWN);
const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), name: organisationName, type: organisationTypeField }),
    z.object({ intent: z.literal("update"), organisationId, name: organisationName, type: organisationTypeField }),
    z.object({ intent: z.literal("deactivate"), organisationId }),
    z.object({ intent: z.literal("reactivate"), organisationId }),
  ],
  { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "organisations:manage");
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) {
    const formLevel = parsed.fieldErrors.intent?.[0] ?? parsed.fieldErrors.organisationId?.[0];
    return formLevel ? failure(formLevel, formData) : parsed;
  }
  const input = parsed.data;
  const record = (action: string, id: number, detail?: string) =>
    audit(db, { action, actor: actorOf(user), objectType: "organisation", objectId: id, detail, origin: context.origin });

  switch (input.intent) {
    case "create": {
      const created = createOrganisation(db, { name: input.name, type: input.type });
      if (!created.ok) return fieldFailure(formData, { name: [DUPLICATE_NAME] });
      record("organisation.create", created.id, `naam ${input.name}; soort ${input.type}`);
      return redirectWithFlash(context, "/beheer/organisaties", DONE.aangemaakt);
    }
    case "update": {
      const updated = updateOrganisation(db, input.organisationId, { name: input.name, type: input.type });
      if (!updated.ok) return updated.reason === "not_found" ? failure(UNKNOWN, formData) : fieldFailure(formData, { name: [DUPLICATE_NAME] });
      const changes = [
        updated.before.name !== input.name ? `naam ${updated.before.name} → ${input.name}` : null,
        updated.before.type !== input.type ? `soort ${updated.before.type} → ${input.type}` : null,
      ].filter(Boolean);
      if (changes.length > 0) record("organisation.update", input.organisationId, changes.join("; "));
      return redirectWithFlash(context, "/beheer/organisaties", DONE.gewijzigd);
    }
    case "deactivate":
    case "reactivate": {
      if (!getOrganisation(db, input.organisationId)) return failure(UNKNOWN, formData);
      const active = input.intent === "reactivate";
      if (setOrganisationActive(db, input.organisationId, active)) {
        record(`organisation.${input.intent}`, input.organisationId);
        if (!active) for (const userId of organisationUserIds(db, input.organisationId)) await endAllSessions(context.services, userId);
      }
      return redirectWithFlash(context, "/beheer/organisaties", DONE[active ? "geactiveerd" : "gedeactiveerd"]);
    }
  }
}

const typeOptions = ORGANISATION_TYPES.map((t) => (
  <option key={t} value={t}>{ORGANISATION_TYPE_LABELS[t]}</option>
));

/** The edit form inside a row: own ids per organisation, opened when it has an error. */
function EditOrganisation({ id, name, type, errors, values, busy }: { id: number; name: string; type: string; errors?: FieldErrors; values?: Record<string, string | string[]>; busy: boolean }) {
  const nameError = errors?.name?.[0];
  const typeError = errors?.type?.[0];
  const value = (key: string, fallback: string) => {
    const v = values?.[key];
    return typeof v === "string" ? v : fallback;
  };
  return (
    <details open={Boolean(errors)}>
      <summary>Wijzigen<span className="visually-hidden">: {name}</span></summary>
      <Form method="post" action="/beheer/organisaties" noValidate>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="organisationId" value={id} />
        <div className={`field${nameError ? " field--error" : ""}`}>
          <label htmlFor={`naam-${id}`}>Naam</label>
          <input id={`naam-${id}`} name="name" required defaultValue={value("name", name)} aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? `naam-${id}-fout` : undefined} />
          {nameError ? <p className="field-error" id={`naam-${id}-fout`}>{nameError}</p> : null}
        </div>
        <div className={`field${typeError ? " field--error" : ""}`}>
          <label htmlFor={`soort-${id}`}>Soort</label>
          <select id={`soort-${id}`} name="type" required defaultValue={value("type", type)} aria-invalid={typeError ? true : undefined} aria-describedby={typeError ? `soort-${id}-fout` : undefined}>
            {typeOptions}
          </select>
          {typeError ? <p className="field-error" id={`soort-${id}-fout`}>{typeError}</p> : null}
        </div>
        <button type="submit" className="button button--small" disabled={busy}>Opslaan</button>
      </Form>
    </details>
  );
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const intent = errors?.values.intent;
  const createErrors = errors && intent === "create" ? errors : undefined;
  const editFor = errors && intent === "update" && !errors.formError ? String(errors.values.organisationId) : null;
  const generalError = errors && !createErrors && !editFor ? (errors.formError ?? CHECK_FIELDS) : undefined;

  return (
    <>
      <h1>Organisaties</h1>
      <p className="lead">Zorgaanbieders, zorgverzekeraars, gemeenten en andere partijen waarvoor gebruikers werken.</p>
      <FormError message={generalError} />
      {editFor ? (
        <FormError
          message={CHECK_FIELDS}
          errors={errors?.fieldErrors}
          linkTo={(field) => `#${field === "type" ? "soort" : "naam"}-${editFor}`}
          labelOf={(field) => (field === "type" ? "Soort" : "Naam")}
        />
      ) : null}

      <section className="card" aria-labelledby="nieuwe-organisatie">
        <h2 id="nieuwe-organisatie">Organisatie toevoegen</h2>
        <Form method="post" action="/beheer/organisaties" noValidate>
          <input type="hidden" name="intent" value="create" />
          {createErrors ? <FormError message={createErrors.formError ?? CHECK_FIELDS} errors={createErrors?.fieldErrors} /> : null}
          <div className="form-grid">
            <Field name="name" label="Naam" required errors={createErrors?.fieldErrors} values={createErrors?.values} />
            <Field name="type" label="Soort" required errors={createErrors?.fieldErrors} values={createErrors?.values}>
              <option value="">Kies een soort</option>
              {typeOptions}
            </Field>
          </div>
          <button type="submit" className="button" disabled={busy}>Organisatie toevoegen</button>
        </Form>
      </section>

      <section aria-labelledby="alle-organisaties">
        <h2 id="alle-organisaties">Alle organisaties</h2>
        <table className="data">
          <caption className="visually-hidden">Alle organisaties met soort, aantal gebruikers en status</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Soort</th>
              <th scope="col">Gebruikers</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="visually-hidden">Handelingen</span></th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                <td>{ORGANISATION_TYPE_LABELS[o.type]}</td>
                <td>
                  <Link to={`/beheer/gebruikers?organisatie=${o.id}`}>
                    {o.activeUsers} actief<span className="visually-hidden"> bij {o.name}</span>
                  </Link>
                  {o.inactiveUsers > 0 ? <span className="muted">, {o.inactiveUsers} gedeactiveerd</span> : null}
                </td>
                <td>{o.active ? <span className="badge badge--ok">Actief</span> : <span className="badge badge--error">Gedeactiveerd</span>}</td>
                <td>
                  <EditOrganisation
                    id={o.id}
                    name={o.name}
                    type={o.type}
                    busy={busy}
                    errors={editFor === String(o.id) ? errors?.fieldErrors : undefined}
                    values={editFor === String(o.id) ? errors?.values : undefined}
                  />
                  <Form method="post" action="/beheer/organisaties">
                    <input type="hidden" name="intent" value={o.active ? "deactivate" : "reactivate"} />
                    <input type="hidden" name="organisationId" value={o.id} />
                    <button type="submit" className={`button button--small ${o.active ? "button--danger" : "button--secondary"}`} disabled={busy}>
                      {o.active ? "Deactiveren" : "Heractiveren"}<span className="visually-hidden">: {o.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
