import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_EVENT_LABELS, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { REFERRAL_SOURCE_LABELS, URGENCY_LABELS } from "~/domain/vocabulary";
import { contentTypeLabel, formatSize } from "~/lib/attachment-format";
import { listAttachments } from "~/lib/attachments.server";
import { requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { caseHistory, getPatient } from "~/models/cases.server";
import { listActiveTables, tableById } from "~/models/referral-drafts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Verwijzing ${data.code} – Regiotafel` : "Regiotafel" }];

// The referrer follows their own organisation's referral: where it is and what happened, with dates.
// The table's discussion and the screening's motivations are the table's, not shown here.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { found, visibility } = await requireCase(request, context, params.caseId, "referral:track", "referral.view");
  const { db } = context.services;
  const c = found.case;
  const patient = visibility === "identified" ? getPatient(db, c.patientId) : null;
  const tables = new Map(listActiveTables(db).map((t) => [t.id, t]));
  const tableName = (id: number | null) => {
    if (id == null) return null;
    const t = tables.get(id) ?? tableById(db, id);
    return t ? `${t.number}. ${t.name}` : null;
  };
  const history = caseHistory(db, c.id);
  const notIncluded = c.status === "not_included" ? [...history].reverse().find((h) => h.event.event === "not_include") : undefined;
  const url = new URL(request.url);

  return {
    code: c.code,
    submitted: url.searchParams.get("ingediend") === "1",
    patient: patient ? { name: patient.name, dateOfBirth: patient.dateOfBirth } : null,
    caseId: c.id,
    table: `${found.tableNumber}. ${found.tableName}`,
    proposedTable: c.proposedTableId !== c.tableId ? tableName(c.proposedTableId) : null,
    routingOverrideReason: c.routingOverrideReason,
    status: CASE_STATE_LABELS[c.status],
    source: REFERRAL_SOURCE_LABELS[c.source],
    viaVwsUnit: c.viaVwsUnit,
    urgency: URGENCY_LABELS[c.urgency],
    receivedAt: formatAmsterdam(c.receivedAt),
    notIncludedReason: notIncluded ? (notIncluded.event.reason ?? "Er is geen reden vastgelegd.") : null,
    history: history.map((h) => ({
      id: h.event.id,
      at: formatAmsterdam(h.event.at),
      event: CASE_EVENT_LABELS[h.event.event],
      status: CASE_STATE_LABELS[h.event.toState],
      toTable: h.event.event === "redirect" ? tableName(h.event.toTableId) : null,
    })),
    attachments: listAttachments(db, { caseId: c.id }).map((a) => ({ ...a, uploadedAt: formatAmsterdam(a.uploadedAt) })),
  };
}

export default function ReferralStatus() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/verwijzingen">← Terug naar verwijzingen</Link></p>
      <h1>Verwijzing {data.code}</h1>
      <p className="no-print">
        <Link to={`/casussen/${data.caseId}/toestemming`}>Toestemming wijzigen of intrekken</Link>
      </p>
      {data.submitted ? (
        <p className="alert alert--ok" role="status">
          Uw verwijzing is ingediend en ontvangen door regiotafel {data.table}. De code is {data.code}.
        </p>
      ) : null}

      <section className="card" aria-labelledby="gegevens">
        <h2 id="gegevens">Gegevens</h2>
        <dl className="facts">
          <dt>Code</dt><dd>{data.code}</dd>
          <dt>Patiënt</dt>
          <dd>{data.patient ? `${data.patient.name} (geboren ${data.patient.dateOfBirth})` : <span className="muted">Afgeschermd: er is geen geldige toestemming (meer)</span>}</dd>
          <dt>Regiotafel</dt><dd>{data.table}</dd>
          {data.proposedTable ? (<><dt>Voorgestelde regiotafel</dt><dd>{data.proposedTable}</dd></>) : null}
          {data.routingOverrideReason ? (<><dt>Reden andere regiotafel</dt><dd>{data.routingOverrideReason}</dd></>) : null}
          <dt>Status</dt><dd><strong>{data.status}</strong></dd>
          <dt>Aangemeld door</dt><dd>{data.source}{data.viaVwsUnit ? " (gemeld bij de VWS-unit complexe zorgvragen)" : ""}</dd>
          <dt>Urgentie</dt><dd>{data.urgency}</dd>
          <dt>Ontvangen</dt><dd>{data.receivedAt}</dd>
        </dl>
      </section>

      {data.notIncludedReason ? (
        <section className="card" aria-labelledby="niet-geincludeerd">
          <h2 id="niet-geincludeerd">Niet geïncludeerd</h2>
          <p>De regiotafel heeft de patiënt niet geïncludeerd. Reden:</p>
          <p className="alert alert--warn">{data.notIncludedReason}</p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="verloop">
        <h2 id="verloop">Verloop</h2>
        <table className="data">
          <caption className="visually-hidden">Statuswijzigingen van verwijzing {data.code}</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Gebeurtenis</th>
              <th scope="col">Status daarna</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr key={h.id}>
                <td>{h.at}</td>
                <td>{h.event}{h.toTable ? `: naar ${h.toTable}` : ""}</td>
                <td>{h.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="bijlagen">
        <h2 id="bijlagen">Bijlagen</h2>
        {data.attachments.length ? (
          <ul className="plain">
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/bijlagen/${a.id}`}>{a.fileName}</a> <span className="muted">({contentTypeLabel(a.contentType)}, {formatSize(a.size)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Er zijn geen bijlagen meegestuurd.</p>
        )}
      </section>
    </>
  );
}
