import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseListFilters } from "~/components/case-list-filters";
import { Pager } from "~/components/pager";
import { TableScroll } from "~/components/table-scroll";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { daysLabel, daysSince } from "~/domain/case-display";
import { requirePermission, requireUser } from "~/lib/auth.server";
import { loadCaseList } from "~/lib/case-list.server";
import { advisorQueue } from "~/models/case-lists.server";
import { advisorProgress } from "~/models/screening.server";
import { listTables } from "~/models/tables.server";
import { Badge, StatusBadge, UrgencyBadge } from "~/components/badge";

export const meta: MetaFunction = () => [{ title: "Medisch adviseur – Regiotafel" }];

// The medical advisor's work list: first the outcomes presented for their check (longest waiting
// first), then all cases of their own insurer's insured at every table, searchable, filtered and
// paged. Anyone else (another role, or no insurer) is refused with 403.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const user = await requirePermission(request, context, "advice:insured", { organisationId: signedIn.organisationId });
  const { db } = context.services;
  const tables = listTables(db);
  const scope = { kind: "insurer", insurerId: user.organisationId } as const;
  const list = loadCaseList(db, request, context.origin, user, scope, { defaultStatus: "alle", defaultSort: "nieuwste", tables: tables.map((t) => t.slug) }, {
    label: "adviseurslijst",
    shownAction: "case.list_view",
    objectType: "insurer",
    objectId: user.organisationId,
  });
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const queue = advisorQueue(db, user.organisationId, viewer);
  const progress = advisorProgress(db, list.page.items.map((r) => r.id));
  const now = new Date();
  const present = (r: (typeof list.page.items)[number]) => {
    const p = progress(r.id);
    return {
      id: r.id,
      code: r.code,
      patientName: r.patientName,
      tableName: r.tableName,
      status: r.status,
      urgency: r.urgency,
      assessment: p.assessment,
      presentedAt: p.presentedAt,
      waiting: p.presentedAt ? daysLabel(daysSince(p.presentedAt, now)) : null,
    };
  };
  return {
    insurer: user.organisationName,
    // The queue: outcomes presented for the advisor's check, longest waiting first (codes only: names are on the audited list below).
    queue: {
      total: queue.total,
      items: queue.items.map((r) => ({
        id: r.id,
        code: r.code,
        tableName: r.tableName,
        urgency: r.urgency,
        assessment: r.assessment,
        waiting: r.presentedAt ? daysLabel(daysSince(r.presentedAt, now)) : null,
      })),
    },
    page: { ...list.page, items: list.page.items.map(present) },
    filters: list.filters,
    filtered: list.filtered,
    problems: list.problems,
    tables: tables.map((t) => ({ slug: t.slug, label: `${t.number}. ${t.name}` })),
  };
}

function Assessment({ assessment }: { assessment: { at: string; assessorName: string } | null }) {
  return assessment ? (
    <>
      <Badge tone="ok">Beoordeeld</Badge> <span className="muted">{assessment.assessorName}, {formatAmsterdam(assessment.at)}</span>
    </>
  ) : (
    <Badge tone="warn">Nog niet beoordeeld</Badge>
  );
}

export default function AdvisorCases() {
  const { insurer, queue, page, filters, filtered, problems, tables } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Casussen van verzekerden van {insurer}</h1>
      <p className="lead">De regiotafel legt haar uitkomst aan u voor; daarna toetst u de zeven inclusiecriteria voor verzekerden van {insurer}. Voorgelegd: {queue.total.count}.</p>
      <section className="card" aria-labelledby="voorgelegd">
        <h2 id="voorgelegd">Voorgelegd voor uw toetsing ({queue.total.count})</h2>
        {queue.items.length ? (
          <TableScroll label="Voorgelegd voor uw toetsing">
            <table className="data">
              <caption className="visually-hidden">Casussen waarvan de uitkomst aan u is voorgelegd, langst wachtend eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Casus</th>
                  <th scope="col">Regiotafel</th>
                  <th scope="col">Wacht sinds voorleggen</th>
                  <th scope="col">Urgentie</th>
                  <th scope="col">Uw beoordeling</th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/casussen/${c.id}`}>{c.code}</Link></th>
                    <td>{c.tableName}</td>
                    <td>{c.waiting ? `Wacht ${c.waiting}` : "Onbekend"}</td>
                    <td><UrgencyBadge urgency={c.urgency} short /></td>
                    <td><Assessment assessment={c.assessment} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">Er wacht geen uitkomst op uw toetsing.</p>
        )}
        {queue.items.length < queue.total.count ? (
          <p><Link to="/adviseur?status=advisor_check&sorteer=oudste">Alle {queue.total.count} voorgelegde casussen</Link></p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="alle-casussen">
        <h2 id="alle-casussen">Alle casussen van verzekerden</h2>
        <CaseListFilters path="/adviseur" values={filters} filtered={filtered} problems={problems} tables={tables} searchLabel="Zoek op casuscode, naam of BSN" />
        {page.items.length ? (
          <TableScroll label={`Casussen van verzekerden van ${insurer}`}>
            <table className="data">
              <caption className="visually-hidden">Casussen van verzekerden van {insurer}</caption>
              <thead>
                <tr>
                  <th scope="col">Casus</th>
                  <th scope="col">Patiënt</th>
                  <th scope="col">Regiotafel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Urgentie</th>
                  <th scope="col">Beoordeling medisch adviseur</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/casussen/${c.id}`}>{c.code}</Link></th>
                    <td>{c.patientName ?? <span className="muted">Afgeschermd</span>}</td>
                    <td>{c.tableName}</td>
                    <td><StatusBadge status={c.status} /></td>
                    <td><UrgencyBadge urgency={c.urgency} short /></td>
                    <td><Assessment assessment={c.assessment} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{filtered ? "Geen casussen gevonden met deze zoekopdracht of filters." : `Er zijn (nog) geen casussen van verzekerden van ${insurer}.`}</p>
        )}
        <Pager page={page} label="casussen van verzekerden" noun={{ one: "casus", many: "casussen" }} />
      </section>
    </>
  );
}
