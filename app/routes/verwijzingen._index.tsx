import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseListFilters } from "~/components/case-list-filters";
import { Pager } from "~/components/pager";
import { TableScroll } from "~/components/table-scroll";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { requirePermission } from "~/lib/auth.server";
import { loadCaseList } from "~/lib/case-list.server";
import { draftValues, STEPS, textOf } from "~/domain/referral-form";
import { listOwnDrafts } from "~/models/referral-drafts.server";
import { listTables } from "~/models/tables.server";
import { StatusBadge, UrgencyBadge } from "~/components/badge";

export const meta: MetaFunction = () => [{ title: "Verwijzingen – Regiotafel" }];

// The referrer's overview: what their organisation referred (searchable, filtered, paged) and their
// own unfinished drafts. Names are shown only where the consent in force allows it; every patient
// shown by name is audited.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "referral:create");
  const { db } = context.services;
  const tables = listTables(db);
  const scope = { kind: "referrer", organisationId: user.organisationId } as const;
  const list = loadCaseList(db, request, context.origin, user, scope, { defaultStatus: "alle", defaultSort: "nieuwste", tables: tables.map((t) => t.slug) }, {
    label: "verwijzingenlijst",
    shownAction: "referral.list",
    objectType: "organisation",
    objectId: user.organisationId,
  });

  const drafts = listOwnDrafts(db, user.id).map((d) => {
    const values = draftValues(d.data);
    return { id: d.id, step: d.step, updatedAt: d.updatedAt, patientName: textOf(values, "patient.name").trim() };
  });

  return {
    organisation: user.organisationName,
    page: {
      ...list.page,
      items: list.page.items.map((r) => ({
        id: r.id,
        code: r.code,
        patientName: r.patientName,
        table: `${r.tableNumber}. ${r.tableName}`,
        status: r.status,
        receivedAt: formatAmsterdam(r.receivedAt),
        urgency: r.urgency,
      })),
    },
    filters: list.filters,
    filtered: list.filtered,
    problems: list.problems,
    tables: tables.map((t) => ({ slug: t.slug, label: `${t.number}. ${t.name}` })),
    drafts: drafts.map((d) => ({ ...d, updatedAt: formatAmsterdam(d.updatedAt), stepTitle: STEPS.find((s) => s.number === d.step)?.title ?? "" })),
  };
}

export default function Referrals() {
  const { organisation, page, filters, filtered, problems, tables, drafts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Verwijzingen</h1>
      <p className="lead">Patiënten die {organisation} heeft aangemeld bij een regiotafel, en uw verwijzingen die nog niet zijn ingediend.</p>

      <Form method="post" action="/verwijzingen/nieuw" className="actions">
        <button type="submit" className="button">Nieuwe verwijzing</button>
      </Form>

      <section className="card" aria-labelledby="concepten">
        <h2 id="concepten">Nog niet ingediend</h2>
        {drafts.length ? (
          <table className="data">
            <caption className="visually-hidden">Uw verwijzingen die nog niet zijn ingediend</caption>
            <thead>
              <tr>
                <th scope="col">Patiënt</th>
                <th scope="col">Bij stap</th>
                <th scope="col">Laatst opgeslagen</th>
                <th scope="col"><span className="visually-hidden">Actie</span></th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((d) => (
                <tr key={d.id}>
                  <td>{d.patientName || <span className="muted">Nog geen naam ingevuld</span>}</td>
                  <td>{d.step}. {d.stepTitle}</td>
                  <td>{d.updatedAt}</td>
                  <td>
                    <Link to={`/verwijzingen/concept/${d.id}?stap=${d.step}`} aria-label={`Verder gaan met de verwijzing${d.patientName ? ` van ${d.patientName}` : ""}`}>verder gaan</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">U heeft geen verwijzingen die nog niet zijn ingediend.</p>
        )}
      </section>

      <section className="card" aria-labelledby="ingediend">
        <h2 id="ingediend">Ingediende verwijzingen</h2>
        <CaseListFilters path="/verwijzingen" values={filters} filtered={filtered} problems={problems} tables={tables} searchLabel="Zoek op casuscode, naam of BSN" />
        {page.items.length ? (
          <TableScroll label={`Verwijzingen van ${organisation}`}>
          <table className="data">
            <caption className="visually-hidden">Verwijzingen van {organisation}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Patiënt</th>
                <th scope="col">Regiotafel</th>
                <th scope="col">Status</th>
                <th scope="col">Ontvangen</th>
                <th scope="col">Urgentie</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/verwijzingen/${r.id}`}>{r.code}</Link></td>
                  <td>{r.patientName ?? <span className="muted">Afgeschermd (geen toestemming)</span>}</td>
                  <td>{r.table}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td>{r.receivedAt}</td>
                  <td><UrgencyBadge urgency={r.urgency} short /></td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        ) : (
          <p className="muted">{filtered ? "Geen verwijzingen gevonden met deze zoekopdracht of filters." : "Uw organisatie heeft nog geen patiënten aangemeld."}</p>
        )}
        <Pager page={page} label="ingediende verwijzingen" noun={{ one: "verwijzing", many: "verwijzingen" }} />
      </section>
    </>
  );
}
