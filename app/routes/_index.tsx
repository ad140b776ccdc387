import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableCard, RoutingOverview } from "~/components/tables";
import { AdvisorWorklist } from "~/components/worklists/advisor-worklist";
import { ChairWorklists } from "~/components/worklists/chair-worklists";
import { MemberWorklists } from "~/components/worklists/member-worklists";
import { ReferrerWorklists } from "~/components/worklists/referrer-worklists";
import { can, tablesWithRole } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/vocabulary";
import { requireUser } from "~/lib/auth.server";
import { adminOverview } from "~/models/admin.server";
import { amsterdamToday } from "~/models/case-progress.server";
import { advisorQueue } from "~/models/case-lists.server";
import { listTableMembers, listTables } from "~/models/tables.server";
import { chairWorklists, nextMeetingOf, ownOverdueActions, presentedToAdvisor, referrerWorklists } from "~/models/worklists.server";

export const meta: MetaFunction = () => [{ title: "Overzicht – Regiotafel" }];

// The home page shows each role what waits for them (case codes, never patient data); which
// sections appear is the permission module's call, what they hold the worklists model's.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const tables = listTables(db);
  const myTableIds = tablesWithRole(user.principal, ["chair", "member"]);
  const chairOf = tablesWithRole(user.principal, ["chair"]);
  const today = amsterdamToday();
  const referrer = can(user.principal, "referral:create");
  const advisor = can(user.principal, "advice:insured", { organisationId: user.organisationId });
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const queue = advisor ? advisorQueue(db, user.organisationId, viewer) : null;
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
        work: chairOf.includes(t.id) ? chairWorklists(db, [t.id], today) : null,
      })),
    member: myTableIds.length ? { meeting: nextMeetingOf(db, myTableIds), actions: ownOverdueActions(db, user, today) } : null,
    referrer: referrer ? referrerWorklists(db, user.organisationId) : null,
    // The queue model fetches the first items and counts them all; the worklist shapes them.
    advisor: queue ? { ...presentedToAdvisor(queue.items), count: queue.total.count } : null,
    routing: referrer || advisor ? tables : null,
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

      {data.member ? (
        <section className="card" aria-labelledby="uw-werk">
          <h2 id="uw-werk">Uw werk aan tafel</h2>
          <MemberWorklists meeting={data.member.meeting} actions={data.member.actions} />
        </section>
      ) : null}

      {data.myTables.map((table) => (
        <section key={table.id} aria-labelledby={table.work ? `tafel-${table.slug}` : undefined}>
          {table.work ? (
            <div className="card">
              <h2 id={`tafel-${table.slug}`}>Wat wacht bij tafel {table.name}</h2>
              <ChairWorklists table={table} lists={table.work} />
            </div>
          ) : null}
          <p>
            <Link to={`/tafels/${table.slug}/inbox`}>Naar de inbox</Link> · <Link to={`/tafels/${table.slug}/bijeenkomsten`}>Bijeenkomsten</Link>
          </p>
          <TableCard table={table} heading={table.isChair ? `U bent voorzitter van tafel ${table.name}` : `U bent lid van tafel ${table.name}`} members={table.members} />
        </section>
      ))}

      {data.referrer ? (
        <section className="card" aria-labelledby="verwijzen">
          <h2 id="verwijzen">Verwijzen</h2>
          <ReferrerWorklists lists={data.referrer} />
          <p>
            <Link className="button" to="/verwijzingen/nieuw">Nieuwe verwijzing</Link>{" "}
            <Link to="/verwijzingen">Verwijzingen van uw organisatie volgen</Link>
          </p>
        </section>
      ) : null}

      {data.advisor ? (
        <section className="card" aria-labelledby="toetsen">
          <h2 id="toetsen">Toetsen</h2>
          <AdvisorWorklist presented={data.advisor} />
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
