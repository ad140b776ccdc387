import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableCard, RoutingOverview } from "~/components/tables";
import { can, tablesWithRole } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/vocabulary";
import { requireUser } from "~/lib/auth.server";
import { adminOverview } from "~/models/admin.server";
import { listTableMembers, listTables } from "~/models/tables.server";

export const meta: MetaFunction = () => [{ title: "Overzicht – Regiotafel" }];

// The home page shows each role what it works on; which sections appear is the permission module's call.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const tables = listTables(db);
  const myTableIds = tablesWithRole(user.principal, ["chair", "member"]);
  const chairOf = tablesWithRole(user.principal, ["chair"]);
  return {
    name: user.name,
    roles: [...new Set(user.memberships.map((m) => ROLE_LABELS[m.role]))],
    organisation: user.organisationName,
    myTables: tables
      .filter((t) => myTableIds.includes(t.id))
      .map((t) => ({ ...t, isChair: chairOf.includes(t.id), members: listTableMembers(db, [t.id]) })),
    routing: can(user.principal, "referral:create") || can(user.principal, "advice:insured", { organisationId: user.organisationId }) ? tables : null,
    national: can(user.principal, "monitor:read") ? tables : null,
    admin: can(user.principal, "users:manage") ? adminOverview(db) : null,
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welkom, {data.name}</h1>
      <p className="lead">{data.roles.join(", ")} · {data.organisation}</p>

      {data.myTables.map((table) => (
        <TableCard key={table.id} table={table} heading={table.isChair ? `U bent voorzitter van tafel ${table.name}` : `U bent lid van tafel ${table.name}`} members={table.members} />
      ))}

      {data.routing ? (
        <section aria-labelledby="routering">
          <h2 id="routering">Naar welke regiotafel?</h2>
          <p>Een patiënt wordt aangemeld bij de tafel van de regio waar hij of zij woont. De tafel van de woonplaats is een voorstel; met een reden kan een andere tafel gekozen worden (bijvoorbeeld regiobinding of een passend bovenregionaal aanbod).</p>
          <RoutingOverview tables={data.routing} />
        </section>
      ) : null}

      {data.national ? (
        <section aria-labelledby="landelijk">
          <h2 id="landelijk">Landelijk netwerk van regiotafels</h2>
          <p>U ziet alleen geaggregeerde cijfers, nooit gegevens van een patiënt. <Link to="/monitor">Naar de landelijke monitor</Link>.</p>
          <RoutingOverview tables={data.national} />
        </section>
      ) : null}

      {data.admin ? (
        <section aria-labelledby="beheer">
          <h2 id="beheer">Beheer</h2>
          <ul className="stats">
            <li><strong>{data.admin.activeUsers}</strong> actieve gebruikers</li>
            <li><strong>{data.admin.inactiveUsers}</strong> gedeactiveerd</li>
            <li><strong>{data.admin.organisations}</strong> organisaties</li>
            <li><strong>{data.admin.auditEvents}</strong> auditregels</li>
          </ul>
          <p>
            Auditlog: {data.admin.auditChainOk ? <span className="badge badge--ok">keten intact</span> : <span className="badge badge--error">keten verbroken bij regel {data.admin.auditBrokenId}</span>}
          </p>
          <p><Link to="/beheer/gebruikers">Gebruikers beheren</Link> · <Link to="/beheer/organisaties">Organisaties beheren</Link> · <Link to="/beheer/audit">Auditlog doorzoeken</Link></p>
        </section>
      ) : null}
    </>
  );
}
