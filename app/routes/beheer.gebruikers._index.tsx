import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import { plainText, z } from "~/domain/dutch-errors";
import { ROLE_LABELS } from "~/domain/vocabulary";
import { requirePermission } from "~/lib/auth.server";
import { listOrganisationRefs } from "~/models/organisations.server";
import { listUsers, USER_LIST_LIMIT } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Gebruikers – Beheer – Regiotafel" }];

// Filters come from the query string; anything malformed is simply not applied.
const FilterSchema = z.object({
  q: plainText({ max: 200 }).catch(""),
  organisatie: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const { db } = context.services;
  const url = new URL(request.url);
  const filter = FilterSchema.parse({ q: url.searchParams.get("q") ?? "", organisatie: url.searchParams.get("organisatie") ?? undefined });
  const users = listUsers(db, { q: filter.q || undefined, organisationId: filter.organisatie });
  return {
    users,
    truncated: users.length >= USER_LIST_LIMIT,
    organisations: listOrganisationRefs(db),
    filter: { q: filter.q, organisatie: filter.organisatie ? String(filter.organisatie) : "" },
  };
}

export default function Users() {
  const { users, truncated, organisations, filter } = useLoaderData<typeof loader>();
  const filtered = filter.q !== "" || filter.organisatie !== "";
  return (
    <>
      <h1>Gebruikers</h1>
      <p className="lead">Accounts van voorzitters, tafelleden, verwijzers, medisch adviseurs, projectleiders en beheerders.</p>
      <p>
        <Link to="/beheer/gebruikers/nieuw" className="button">Nieuwe gebruiker</Link>{" "}
        <Link to="/beheer/inlogpogingen">Vertraagde inlogpogingen</Link>
      </p>

      <Form method="get" className="card" role="search" aria-label="Gebruikers zoeken">
        <div className="filters">
          <Field name="q" label="Naam of e-mailadres" type="search" values={filter} />
          <Field name="organisatie" label="Organisatie" values={filter}>
            <option value="">Alle organisaties</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>{o.name}{o.active ? "" : " (gedeactiveerd)"}</option>
            ))}
          </Field>
          <div className="actions">
            <button type="submit" className="button">Zoeken</button>
            {filtered ? <Link to="/beheer/gebruikers">Filter wissen</Link> : null}
          </div>
        </div>
      </Form>

      <p role="status">
        {users.length === 0
          ? "Geen gebruikers gevonden."
          : truncated
            ? `De eerste ${users.length} gebruikers worden getoond. Verfijn het filter om anderen te vinden.`
            : `${users.length} ${users.length === 1 ? "gebruiker" : "gebruikers"} gevonden.`}
      </p>

      {users.length > 0 ? (
        <table className="data">
          <caption className="visually-hidden">Gebruikers{filtered ? " (gefilterd)" : ""}</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Rollen</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td><Link to={`/beheer/gebruikers/${u.id}`}>{u.name}</Link></td>
                <td>{u.email}</td>
                <td>{u.organisationName}</td>
                <td>
                  {u.memberships.length === 0 ? (
                    <span className="muted">Geen rol</span>
                  ) : (
                    <ul className="plain">
                      {u.memberships.map((m) => (
                        <li key={m.id}>{ROLE_LABELS[m.role]}{m.tableName ? ` – ${m.tableName}` : ""}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{u.active ? <span className="badge badge--ok">Actief</span> : <span className="badge badge--error">Gedeactiveerd</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
