import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { byUrgencyThenAge, daysLabel, daysSince, URGENCY_BADGE } from "~/domain/case-display";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import { REFERRAL_SOURCE_LABELS, URGENCY_LABELS } from "~/domain/vocabulary";
import { audit, auditPatientsShown } from "~/lib/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import { tableBySlug, tableInbox } from "~/models/screening.server";
import { caseIdByCode } from "~/models/case-codes.server";
import type { Db } from "~/lib/db.server";

/** A row matches its code (or an earlier code), or, where identity is shown, the name or the BSN. */
function caseMatches(db: Db, row: { id: number; code: string; patientName: string | null; patientBsn: string | null }, query: string): boolean {
  const q = query.toLowerCase();
  if (row.code.toLowerCase().includes(q)) return true;
  if (/^rt\d+-\d{4}-\d+$/i.test(query) && caseIdByCode(db, query) === row.id) return true;
  if (row.patientName && row.patientName.toLowerCase().includes(q)) return true;
  const digits = query.replace(/\D/g, "");
  return Boolean(row.patientBsn && digits.length === 9 && row.patientBsn === digits);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inbox ${data.table.name} – Regiotafel` : "Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

const DONE: Record<string, string> = {
  doorverwezen: "De casus is doorverwezen naar een andere regiotafel. Deze tafel ziet de casus niet meer.",
};

// The table's inbox: new referrals to screen, most urgent and longest waiting first, and the
// table's other open cases. For the chair and members of this table only; any other table
// and a table that does not exist answer the same 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? tableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission

  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const all = tableInbox(db, table, viewer);
  // Search by case code, name or BSN: name and BSN match only where this viewer may see identity.
  const query = (new URL(request.url).searchParams.get("zoek") ?? "").trim().slice(0, 100);
  const matches = (row: (typeof all.incoming)[number]) => caseMatches(db, row, query);
  const incoming = query ? all.incoming.filter(matches) : all.incoming;
  const others = query ? all.others.filter(matches) : all.others;
  if (query) {
    audit(db, {
      action: "case.search",
      actor: actorOf(user),
      objectType: "table",
      objectId: table.id,
      detail: `inbox ${table.slug}: zoekopdracht (${/^\d{9}$/.test(query.replace(/\D/g, "")) ? "BSN" : /^RT\d/i.test(query) ? "casuscode" : "tekst"}), ${incoming.length + others.length} gevonden`,
      origin: context.origin,
    });
  }
  const now = new Date();
  const present = (row: (typeof incoming)[number]) => ({
    id: row.id,
    code: row.code,
    status: row.status,
    urgency: row.urgency,
    source: row.source,
    viaVwsUnit: row.viaVwsUnit,
    referrer: row.referrer,
    patientName: row.patientName,
    age: daysLabel(daysSince(row.receivedAt, now)),
  });
  const shown = [...incoming, ...others];
  const named = shown.filter((r) => r.patientName !== null);
  // One access-log line per view of the list, and one per patient shown by name (NEN 7513).
  auditPatientsShown(db, {
    action: "case.list_view",
    actor: actorOf(user),
    detail: `inbox ${table.slug}`,
    origin: context.origin,
    shown: named.map((r) => ({ patientId: r.patientId, caseId: r.id, code: r.code })),
  });
  audit(db, {
    action: "case.list",
    actor: actorOf(user),
    objectType: "table",
    objectId: table.id,
    detail: `inbox ${table.slug}: ${shown.length} casussen, ${named.length} met naam`,
    origin: context.origin,
  });
  return {
    table: { name: table.name, number: table.number, slug: table.slug },
    isChair: can(user.principal, "case:screen", { tableId: table.id }),
    query,
    incoming: [...incoming].sort(byUrgencyThenAge).map(present),
    others: others.map(present),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["incoming"][number];

function CaseTable({ rows, caption, withAge }: { rows: Row[]; caption: string; withAge: boolean }) {
  return (
    <table className="data">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Casus</th>
          <th scope="col">Patiënt</th>
          {withAge ? <th scope="col">Wacht sinds ontvangst</th> : null}
          <th scope="col">Urgentie</th>
          <th scope="col">Aangemeld door</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row"><Link to={`/casussen/${row.id}`}>{row.code}</Link></th>
            <td>{row.patientName ?? <span className="muted">Afgeschermd</span>}</td>
            {withAge ? <td>{row.age}</td> : null}
            <td><span className={URGENCY_BADGE[row.urgency]}>{URGENCY_LABELS[row.urgency]}</span></td>
            <td>
              {REFERRAL_SOURCE_LABELS[row.source]}
              {row.viaVwsUnit ? " (via VWS-unit)" : ""}
              {row.referrer ? <span className="muted"> · {row.referrer}</span> : null}
            </td>
            <td>{CASE_STATE_LABELS[row.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Inbox() {
  const { table, isChair, incoming, others, query } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("gelukt") ?? ""];
  return (
    <>
      <p><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Inbox tafel {table.name}</h1>
      <p className="lead">
        Regiotafel {table.number}.{" "}
        {isChair ? "Als voorzitter screent u nieuwe aanmeldingen op de zeven inclusiecriteria." : "U ziet de aanmeldingen van deze tafel; de voorzitter screent ze."}
      </p>
      {done ? <div className="alert alert--ok" role="status">{done}</div> : null}
      <form method="get" role="search" className="actions" aria-label="Casussen zoeken">
        <label htmlFor="zoek">Zoek op casuscode, naam of BSN</label>
        <input id="zoek" name="zoek" type="search" defaultValue={query} autoComplete="off" />
        <button type="submit" className="button button--secondary">Zoeken</button>
        {query ? <Link to={`/tafels/${table.slug}/inbox`}>Alles tonen</Link> : null}
      </form>

      <section className="card" aria-labelledby="nieuw">
        <h2 id="nieuw">Nieuwe aanmeldingen ({incoming.length})</h2>
        <p className="hint">Ontvangen en in screening, de meest urgente en langst wachtende eerst. De naam staat er alleen als de toestemming van de patiënt dat voor uw organisatie toelaat.</p>
        {incoming.length ? (
          <CaseTable rows={incoming} caption="Nieuwe aanmeldingen" withAge />
        ) : (
          <p className="muted">Er zijn geen nieuwe aanmeldingen.</p>
        )}
      </section>

      <section className="card" aria-labelledby="lopend">
        <h2 id="lopend">Andere lopende casussen ({others.length})</h2>
        {others.length ? (
          <CaseTable rows={others} caption="Andere lopende casussen" withAge={false} />
        ) : (
          <p className="muted">Deze tafel heeft geen andere lopende casussen.</p>
        )}
      </section>
    </>
  );
}
