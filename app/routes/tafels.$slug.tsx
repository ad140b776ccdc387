import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { TableCard } from "~/components/tables";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/vocabulary";
import { requirePermission } from "~/lib/auth.server";
import { getTableBySlug, listRoutingRules, listTableMembers, listTableRefs } from "~/models/tables.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Tafel ${data.table.name} – Regiotafel` : "Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

const byDutchName = (a: string, b: string) => a.localeCompare(b, "nl");

// A table's own page, for its chair and members only. Another table's page and a page that does not
// exist answer the same 404, so nobody learns which tables exist by trying slugs.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? getTableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw new Response("Niet gevonden", { status: 404 }); // unreachable: no table, no permission

  const names = new Map(listTableRefs(db).map((t) => [t.id, t.name]));
  const rules = listRoutingRules(db);
  // Whole provinces routed here, each with the municipalities that go to another table instead.
  const provinces = table.provinces.map((province) => {
    const elsewhere = rules.filter((r) => r.province === province && r.municipality !== null && r.tableId !== table.id);
    const tableIds = [...new Set(elsewhere.map((r) => r.tableId))];
    return {
      province,
      exceptions: tableIds.map((id) => ({
        table: names.get(id) ?? "",
        municipalities: elsewhere.filter((r) => r.tableId === id).map((r) => r.municipality as string).sort(byDutchName),
      })),
    };
  });
  // Single municipalities routed here from a province that otherwise goes elsewhere.
  const own = rules.filter((r) => r.tableId === table.id && r.municipality !== null);
  const municipalities = [...new Set(own.map((r) => r.province))].sort(byDutchName).map((province) => ({
    province,
    names: own.filter((r) => r.province === province).map((r) => r.municipality as string).sort(byDutchName),
  }));

  const myRoles = user.memberships.filter((m) => m.tableId === table.id).map((m) => ROLE_LABELS[m.role]);
  return {
    table,
    // Only who is at the table now: a deactivated account's name is not sent to the browser at all.
    members: listTableMembers(db, [table.id]).filter((m) => m.active),
    myRoles: [...new Set(myRoles)],
    isChair: can(user.principal, "table:chair", { tableId: table.id }),
    provinces,
    municipalities,
  };
}

export default function TablePage() {
  const { table, members, myRoles, provinces, municipalities, isChair } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Tafel {table.name}</h1>
      <p className="lead">Regiotafel {table.number} · {table.ownArea} · U bent {myRoles.join(" en ").toLowerCase()} van deze tafel.</p>

      <nav aria-label="Werk van deze tafel" className="no-print">
        <ul className="plain inline-links">
          <li><Link to={`/tafels/${table.slug}/inbox`}>Inbox</Link></li>
          <li><Link to={`/tafels/${table.slug}/bijeenkomsten`}>Bijeenkomsten</Link></li>
          <li><Link to={`/tafels/${table.slug}/tekorten`}>Capaciteitstekorten</Link></li>
          <li><Link to={`/tafels/${table.slug}/lessen`}>Geleerde lessen</Link></li>
          {isChair ? <li><Link to={`/tafels/${table.slug}/rapportage`}>Rapportage</Link></li> : null}
        </ul>
      </nav>

      <TableCard table={table} heading="Gegevens en deelnemers" members={members} />

      <section className="card" aria-labelledby="werkgebied">
        <h2 id="werkgebied">Werkgebied</h2>
        <p>Patiënten die hier wonen worden voorgesteld voor deze tafel.</p>
        {provinces.length ? (
          <>
            <h3>Provincies</h3>
            <ul>
              {provinces.map((p) => (
                <li key={p.province}>
                  {p.province}
                  {p.exceptions.map((e) => (
                    <Fragment key={e.table}>
                      , behalve {e.municipalities.length === 1 ? `de gemeente die naar tafel ${e.table} gaat` : `${e.municipalities.length} gemeenten die naar tafel ${e.table} gaan`} ({e.municipalities.join(", ")})
                    </Fragment>
                  ))}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {municipalities.map((m) => (
          <div key={m.province}>
            <h3>Gemeenten in {m.province}</h3>
            <ul className="columns">
              {m.names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </div>
        ))}
        {provinces.length === 0 && municipalities.length === 0 ? (
          <p className="alert alert--warn">Er is nog geen provincie of gemeente aan deze tafel gekoppeld. De beheerder stelt de routering in.</p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="verzekeraars">
        <h2 id="verzekeraars">Zorgverzekeraars</h2>
        {table.insurers.length ? (
          <ul className="plain">
            {table.insurers.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">Er is nog geen zorgverzekeraar aan deze tafel gekoppeld.</p>
        )}
      </section>
    </>
  );
}
