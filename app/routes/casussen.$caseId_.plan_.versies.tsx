import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ACTION_STATUS_LABELS, LIFE_DOMAIN_LABELS, type ActionStatus, type LifeDomain } from "~/domain/vocabulary";
import { requireCase } from "~/lib/case-access.server";
import { formatDate, formatDateTime } from "~/domain/format";
import { versionsOf } from "~/models/plan-versions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Versies plan ${data.code} – Regiotafel` : "Versies plan – Regiotafel" }];

// Every fixed version of the case's plan, newest first, read-only: what it said, who fixed it,
// when and why. Whoever may read the case may read its versions (requireCase audits the view).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found } = await requireCase(request, context, params.caseId, "case:read", "plan.versions_view");
  const { db } = context.services;
  return {
    caseId: found.case.id,
    code: found.case.code,
    versions: versionsOf(db, found.case.id)
      .reverse()
      .map((v) => ({
        ...v,
        createdAt: formatDateTime(v.createdAt),
        snapshot: {
          goals: v.snapshot.goals.map((g) => ({ ...g, domain: LIFE_DOMAIN_LABELS[g.lifeDomain as LifeDomain] ?? g.lifeDomain })),
          actions: v.snapshot.actions.map((a) => ({ ...a, due: formatDate(a.dueDate), statusLabel: ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status })),
        },
      })),
  };
}

export default function PlanVersions() {
  const { caseId, code, versions } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print"><Link to={`/casussen/${caseId}/plan`}>← Plan {code}</Link></p>
      <h1>Versies van het plan {code}</h1>
      {versions.length === 0 ? <p className="muted">Het plan is nog niet vastgesteld: er zijn nog geen versies.</p> : null}
      {versions.map((v) => (
        <section key={v.id} className="card" aria-labelledby={`versie-${v.version}`} id={`versie-${v.version}`}>
          <h2 id={`versie-${v.version}`}>Versie {v.version}</h2>
          <p>
            Vastgelegd op {v.createdAt}
            {v.createdBy ? ` door ${v.createdBy}` : ""}. Reden: {v.reason}
          </p>
          <h3>Doelen</h3>
          <ul>
            {v.snapshot.goals.map((g) => (
              <li key={g.id}><strong>{g.domain}</strong>: {g.goal}</li>
            ))}
          </ul>
          <h3>Acties</h3>
          <table className="data">
            <caption className="visually-hidden">Acties in versie {v.version}</caption>
            <thead>
              <tr><th scope="col">Actie</th><th scope="col">Eigenaar</th><th scope="col">Uiterste datum</th><th scope="col">Status toen</th></tr>
            </thead>
            <tbody>
              {v.snapshot.actions.map((a) => (
                <tr key={a.id}><td>{a.description}</td><td>{a.owner}</td><td>{a.due}</td><td>{a.statusLabel}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
