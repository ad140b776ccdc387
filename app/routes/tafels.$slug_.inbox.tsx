import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseListFilters } from "~/components/case-list-filters";
import { Pager } from "~/components/pager";
import { TableScroll } from "~/components/table-scroll";
import { daysLabel, daysSince } from "~/domain/case-display";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import { REFERRAL_SOURCE_LABELS } from "~/domain/vocabulary";
import { notFound, requirePermission } from "~/lib/auth.server";
import { loadCaseList } from "~/lib/case-list.server";
import { tableBySlug } from "~/models/screening.server";
import { StatusBadge, UrgencyBadge } from "~/components/badge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inbox ${data.table.name} – Regiotafel` : "Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

// The table's inbox: its open cases, most urgent and longest waiting first, searchable by code,
// name or BSN (identity only where consent lets this viewer see it), filtered and paged in SQL.
// For the chair and members of this table only; any other table and a table that does not exist
// answer the same 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? tableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission

  const list = loadCaseList(db, request, context.origin, user, { kind: "table", tableId: table.id }, { defaultStatus: "lopend", defaultSort: "urgentie" }, {
    label: `inbox ${table.slug}`,
    shownAction: "case.list_view",
    objectType: "table",
    objectId: table.id,
  });
  const now = new Date();
  return {
    table: { name: table.name, number: table.number, slug: table.slug },
    isChair: can(user.principal, "case:screen", { tableId: table.id }),
    filters: list.filters,
    filtered: list.filtered,
    problems: list.problems,
    page: {
      ...list.page,
      items: list.page.items.map((row) => ({
        id: row.id,
        code: row.code,
        status: row.status,
        urgency: row.urgency,
        source: row.source,
        viaVwsUnit: row.viaVwsUnit,
        referrer: row.referrerName,
        patientName: row.patientName,
        age: row.age,
        residence: row.municipality ?? `provincie ${row.province}`,
        careQuestion: row.careQuestion,
        waiting: daysLabel(daysSince(row.receivedAt, now)),
      })),
    },
  };
}

export default function Inbox() {
  const { table, isChair, page, filters, filtered, problems } = useLoaderData<typeof loader>();
  const path = `/tafels/${table.slug}/inbox`;
  return (
    <>
      <p><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Inbox tafel {table.name}</h1>
      <p className="lead">
        Regiotafel {table.number}.{" "}
        {isChair ? "Als voorzitter screent u nieuwe aanmeldingen op de zeven inclusiecriteria." : "U ziet de aanmeldingen van deze tafel; de voorzitter screent ze."}
      </p>
      <CaseListFilters path={path} values={filters} filtered={filtered} problems={problems} searchLabel="Zoek op casuscode, naam of BSN" />

      <section className="card" aria-labelledby="casussen">
        <h2 id="casussen">Casussen</h2>
        <p className="hint">De naam, leeftijd en gemeente staan er alleen als de toestemming van de patiënt dat voor uw organisatie toelaat; anders een leeftijdsklasse en de provincie.</p>
        {page.items.length ? (
          <TableScroll label={`Casussen van tafel ${table.name}`}>
            <table className="data">
              <caption className="visually-hidden">Casussen van tafel {table.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Casus</th>
                  <th scope="col">Patiënt</th>
                  <th scope="col">Leeftijd</th>
                  <th scope="col">Woonplaats</th>
                  <th scope="col">Vraagstelling</th>
                  <th scope="col">Wacht sinds ontvangst</th>
                  <th scope="col">Urgentie</th>
                  <th scope="col">Aangemeld door</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((row) => (
                  <tr key={row.id}>
                    <th scope="row"><Link to={`/casussen/${row.id}`}>{row.code}</Link></th>
                    <td>{row.patientName ?? <span className="muted">Afgeschermd</span>}</td>
                    <td>{row.age}</td>
                    <td>{row.residence}</td>
                    <td>{row.careQuestion}</td>
                    <td>{row.waiting}</td>
                    <td><UrgencyBadge urgency={row.urgency} short /></td>
                    <td>
                      {REFERRAL_SOURCE_LABELS[row.source]}
                      {row.viaVwsUnit ? " (via VWS-unit)" : ""}
                      {row.referrer ? <span className="muted"> · {row.referrer}</span> : null}
                    </td>
                    <td><StatusBadge status={row.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{filtered ? "Geen casussen gevonden met deze zoekopdracht of filters." : "Deze tafel heeft geen lopende casussen."}</p>
        )}
        <Pager page={page} label="casussen" noun={{ one: "casus", many: "casussen" }} />
      </section>
    </>
  );
}
