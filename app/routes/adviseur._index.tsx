import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { daysLabel, daysSince, URGENCY_BADGE } from "~/domain/case-display";
import { URGENCY_LABELS } from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission, requireUser } from "~/lib/auth.server";
import { insuredCases } from "~/models/screening.server";

export const meta: MetaFunction = () => [{ title: "Medisch adviseur – Regiotafel" }];

// The medical advisor's work list: the cases of their own insurer's insured at every table.
// Anyone else (another role, or no insurer) is refused with 403.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const user = await requirePermission(request, context, "advice:insured", { organisationId: signedIn.organisationId });
  const { db } = context.services;
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const rows = insuredCases(db, user.organisationId, viewer);
  audit(db, {
    action: "case.list",
    actor: actorOf(user),
    objectType: "insurer",
    objectId: user.organisationId,
    detail: `adviseur: ${rows.length} casussen van verzekerden`,
    origin: context.origin,
  });
  const now = new Date();
  const present = (r: (typeof rows)[number]) => ({
    id: r.id,
    code: r.code,
    tableName: r.tableName,
    status: r.status,
    urgency: r.urgency,
    assessment: r.assessment,
    waiting: r.presentedAt ? daysLabel(daysSince(r.presentedAt, now)) : null,
    presentedAt: r.presentedAt,
  });
  // The queue: outcomes presented for the advisor's check, longest waiting first.
  const queue = rows
    .filter((r) => r.status === "advisor_check")
    .sort((a, b) => (a.presentedAt ?? "").localeCompare(b.presentedAt ?? ""))
    .map(present);
  return { insurer: user.organisationName, queue, cases: rows.map(present) };
}

export default function AdvisorCases() {
  const { insurer, queue, cases } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Casussen van verzekerden van {insurer}</h1>
      <p className="lead">De regiotafel legt haar uitkomst aan u voor; daarna toetst u de zeven inclusiecriteria voor verzekerden van {insurer}. Voorgelegd: {queue.length}.</p>
      <section className="card" aria-labelledby="voorgelegd">
        <h2 id="voorgelegd">Voorgelegd voor uw toetsing ({queue.length})</h2>
        {queue.length ? (
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
              {queue.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><Link to={`/casussen/${c.id}`}>{c.code}</Link></th>
                  <td>{c.tableName}</td>
                  <td>Wacht {c.waiting}</td>
                  <td><span className={URGENCY_BADGE[c.urgency]}>{URGENCY_LABELS[c.urgency]}</span></td>
                  <td>{c.assessment ? <span className="badge badge--ok">Beoordeeld</span> : <span className="badge badge--warn">Nog niet beoordeeld</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er wacht geen uitkomst op uw toetsing.</p>
        )}
      </section>
      <section className="card" aria-labelledby="alle-casussen">
        <h2 id="alle-casussen">Alle casussen van verzekerden ({cases.length})</h2>
        {cases.length ? (
          <table className="data">
            <caption className="visually-hidden">Casussen van verzekerden van {insurer}</caption>
            <thead>
              <tr>
                <th scope="col">Casus</th>
                <th scope="col">Regiotafel</th>
                <th scope="col">Status</th>
                <th scope="col">Urgentie</th>
                <th scope="col">Beoordeling medisch adviseur</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><Link to={`/casussen/${c.id}`}>{c.code}</Link></th>
                  <td>{c.tableName}</td>
                  <td>{CASE_STATE_LABELS[c.status]}</td>
                  <td><span className={URGENCY_BADGE[c.urgency]}>{URGENCY_LABELS[c.urgency]}</span></td>
                  <td>
                    {c.assessment ? (
                      <>
                        <span className="badge badge--ok">Beoordeeld</span> <span className="muted">{c.assessment.assessorName}, {formatAmsterdam(c.assessment.at)}</span>
                      </>
                    ) : (
                      <span className="badge badge--warn">Nog niet beoordeeld</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er zijn (nog) geen casussen van verzekerden van {insurer}.</p>
        )}
      </section>
    </>
  );
}
