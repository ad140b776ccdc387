import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { URGENCY_BADGE } from "~/domain/case-display";
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
  return {
    insurer: user.organisationName,
    cases: rows.map((r) => ({
      id: r.id,
      code: r.code,
      tableName: r.tableName,
      status: r.status,
      urgency: r.urgency,
      assessment: r.assessment,
    })),
  };
}

export default function AdvisorCases() {
  const { insurer, cases } = useLoaderData<typeof loader>();
  const open = cases.filter((c) => !c.assessment).length;
  return (
    <>
      <h1>Casussen van verzekerden van {insurer}</h1>
      <p className="lead">U toetst de zeven inclusiecriteria voor verzekerden van {insurer}, bij elke regiotafel. Nog te beoordelen: {open}.</p>
      <section className="card" aria-labelledby="casussen">
        <h2 id="casussen">Casussen ({cases.length})</h2>
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
