import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableCard, RoutingOverview } from "~/components/tables";
import { can, tablesWithRole } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/vocabulary";
import { requireUser } from "~/lib/auth.server";
import { adminOverview } from "~/models/admin.server";
import { DEADLINE_STATE_LABELS, formatDay } from "~/domain/deadlines";
import { amsterdamToday, deadlinesNeedingAttention } from "~/models/case-progress.server";
import { casesAtTables } from "~/models/cases.server";
import { overdueActionsForOwner, overdueActionsForTables } from "~/models/plan.server";
import { AdvicesDue, OwnOverdueActions } from "~/components/home-outcome";
import { formatDate, formatDateTime } from "~/lib/format";
import { advicesDueForTables } from "~/models/referrer-advice.server";
import { listTableMembers, listTables } from "~/models/tables.server";

export const meta: MetaFunction = () => [{ title: "Overzicht – Regiotafel" }];

// The home page shows each role what it works on; which sections appear is the permission module's call.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const tables = listTables(db);
  const myTableIds = tablesWithRole(user.principal, ["chair", "member"]);
  const chairOf = tablesWithRole(user.principal, ["chair"]);
  const today = amsterdamToday();
  const newReferrals = casesAtTables(db, myTableIds, ["received", "screening"]);
  return {
    name: user.name,
    roles: [...new Set(user.memberships.map((m) => ROLE_LABELS[m.role]))],
    organisation: user.organisationName,
    myTables: tables
      .filter((t) => myTableIds.includes(t.id))
      .map((t) => ({
        ...t,
        isChair: chairOf.includes(t.id),
        // Deactivated people are not sent to the browser at all.
        members: listTableMembers(db, [t.id]).filter((m) => m.active),
        newReferrals: newReferrals.filter((c) => c.tableId === t.id).length,
        crisis: newReferrals.filter((c) => c.tableId === t.id && c.urgency === "crisis").length,
      })),
    // Codes only: the home page shows no patient identity.
    attention: chairOf.length ? deadlinesNeedingAttention(db, chairOf, today) : [],
    overdueActions: chairOf.length ? overdueActionsForTables(db, chairOf, today) : [],
    advicesDue: advicesDueForTables(db, chairOf).map((a) => ({ ...a, dueLabel: formatDateTime(a.dueAt) })),
    ownOverdueActions: overdueActionsForOwner(db, user, today).map((a) => ({ ...a, dueLabel: formatDate(a.dueDate) })),
    referrer: can(user.principal, "referral:create"),
    advisor: can(user.principal, "advice:insured", { organisationId: user.organisationId }),
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
        <section key={table.id} aria-label={`Werk voor tafel ${table.name}`}>
          <ul className="stats">
            <li>
              <strong>{table.newReferrals}</strong> nieuwe of in screening
              {table.crisis ? <> · <span className="badge badge--error">{table.crisis} crisis</span></> : null}
            </li>
          </ul>
          <p>
            <Link to={`/tafels/${table.slug}/inbox`}>Naar de inbox</Link> · <Link to={`/tafels/${table.slug}/bijeenkomsten`}>Bijeenkomsten</Link>
          </p>
          <TableCard table={table} heading={table.isChair ? `U bent voorzitter van tafel ${table.name}` : `U bent lid van tafel ${table.name}`} members={table.members} />
        </section>
      ))}

      {data.attention.length ? (
        <section className="card" aria-labelledby="termijnen">
          <h2 id="termijnen">Termijnen die aandacht vragen</h2>
          <table className="data">
            <thead>
              <tr><th scope="col">Casus</th><th scope="col">Termijn</th><th scope="col">Uiterste datum</th><th scope="col">Stand</th></tr>
            </thead>
            <tbody>
              {data.attention.map((d) => (
                <tr key={d.deadlineId}>
                  <td><Link to={`/casussen/${d.caseId}/verloop#termijnen`}>{d.code}</Link></td>
                  <td>{d.kindLabel}</td>
                  <td>{formatDay(d.dueDate)}</td>
                  <td><span className={d.state === "overdue" ? "badge badge--error" : "badge badge--warn"}>{DEADLINE_STATE_LABELS[d.state]}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <AdvicesDue items={data.advicesDue} />
      <OwnOverdueActions items={data.ownOverdueActions} />

      {data.overdueActions.length ? (
        <section className="card" aria-labelledby="acties">
          <h2 id="acties">Acties over de datum</h2>
          <table className="data">
            <thead>
              <tr><th scope="col">Casus</th><th scope="col">Actie</th><th scope="col">Eigenaar</th><th scope="col">Uiterste datum</th></tr>
            </thead>
            <tbody>
              {data.overdueActions.map((a, i) => (
                <tr key={`${a.caseId}-${i}`}>
                  <td><Link to={`/casussen/${a.caseId}/plan`}>{a.code}</Link></td>
                  <td>{a.description}</td>
                  <td>{a.owner}</td>
                  <td><span className="badge badge--error">{formatDay(a.dueDate)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {data.referrer ? (
        <section aria-labelledby="verwijzen">
          <h2 id="verwijzen">Verwijzen</h2>
          <p>
            <Link className="button" to="/verwijzingen/nieuw">Nieuwe verwijzing</Link>{" "}
            <Link to="/verwijzingen">Verwijzingen van uw organisatie volgen</Link>
          </p>
        </section>
      ) : null}

      {data.advisor ? (
        <section aria-labelledby="toetsen">
          <h2 id="toetsen">Toetsen</h2>
          <p>Casussen van verzekerden van {data.organisation} aan alle regiotafels: <Link to="/adviseur">naar de lijst</Link>.</p>
        </section>
      ) : null}

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
