import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { getPatient } from "~/models/cases.server";
import { Pager } from "~/components/pager";
import { TableScroll } from "~/components/table-scroll";
import { flushAudit } from "~/models/audit.server";
import { patientAccessPage } from "~/models/inzage.server";
import styles from "~/styles/case-room.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inzage ${data.code} – Regiotafel` : "Inzage – Regiotafel" }];

// Inzage (right of access): everything the access log holds about this patient, for the chair
// of the case's table to hand to the patient (printable, or as a spreadsheet). Opening it is
// itself logged, and shows up in the list.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { found, visibility } = await requireCase(request, context, params.caseId, "case:screen", "case.inzage");
  const { db } = context.services;
  flushAudit(); // this view is written first, so the overview lists it
  const page = patientAccessPage(db, found.case.patientId, new URL(request.url));
  return {
    caseId: found.case.id,
    code: found.case.code,
    tableName: found.tableName,
    patientName: visibility === "identified" ? (getPatient(db, found.case.patientId)?.name ?? null) : null,
    producedAt: formatAmsterdam(new Date().toISOString()),
    page: { ...page, items: [] },
    rows: page.items.map(({ id, time, at, who, email, organisation, role, what, note, outcome, consentOverride, ip }) => ({
      id,
      time,
      at,
      who,
      email,
      organisation,
      role,
      what,
      note,
      outcome,
      consentOverride,
      ip,
    })),
  };
}

const NOUN = { one: "regel", many: "regels" };

export default function InzagePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print"><Link to={`/casussen/${data.caseId}`}>← Casus {data.code}</Link></p>
      <h1>Inzage: wie heeft wat gezien of gedaan</h1>
      <p className="lead">
        Casus {data.code}, regiotafel {data.tableName}
        {data.patientName ? <>, patiënt {data.patientName}</> : null}. Overzicht gemaakt op {data.producedAt}.
      </p>
      <p>
        Dit overzicht toont elke keer dat iemand gegevens van deze patiënt heeft bekeken, gewijzigd of gedeeld, en elke geweigerde poging:
        wie, van welke organisatie en in welke rol, wat, wanneer en vanaf welk adres.
      </p>
      <div className="actions no-print">
        <a className="button button--secondary" href={`/casussen/${data.caseId}/inzage.csv`} download>
          Downloaden als CSV (spreadsheet)
        </a>
        <span className="muted">Afdrukken of als pdf bewaren kan met de afdrukfunctie van de browser.</span>
      </div>
      <Pager page={{ ...data.page, items: data.rows }} label="toegangslog" noun={NOUN} />
      <TableScroll label="Toegangslog, horizontaal scrollbaar">
      <table className="data inzage-table">
        <caption className="visually-hidden">Toegangslog voor deze patiënt, oudste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Wanneer</th>
            <th scope="col">Wie</th>
            <th scope="col">Organisatie</th>
            <th scope="col">Rol</th>
            <th scope="col">Wat</th>
            <th scope="col">Vanaf</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.id}>
              <td><time dateTime={r.at}>{r.time}</time></td>
              <td>
                {r.who}
                {r.email && r.email !== r.who ? <div className="muted">{r.email}</div> : null}
              </td>
              <td>{r.organisation}</td>
              <td>{r.role}</td>
              <td>
                {r.what}
                {r.note ? <div className="muted">{r.note}</div> : null}
                {r.outcome !== "Gelukt" ? <> <span className="badge badge--error">{r.outcome}</span></> : null}
                {r.consentOverride ? <> <span className="badge badge--warn">Zonder toestemming (doorbroken)</span></> : null}
              </td>
              <td className="muted">{r.ip || "Onbekend"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
      {data.rows.length > 10 ? <div className="no-print"><Pager page={{ ...data.page, items: data.rows }} label="toegangslog (onder de tabel)" noun={NOUN} /></div> : null}
    </>
  );
}
