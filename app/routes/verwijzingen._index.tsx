import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { caseVisibility } from "~/domain/consent";
import { URGENCY_LABELS } from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { draftValues, STEPS, textOf } from "~/lib/referral-form";
import { consentScopeOf, currentConsent } from "~/models/cases.server";
import { listOrganisationReferrals, listOwnDrafts } from "~/models/referral-drafts.server";

export const meta: MetaFunction = () => [{ title: "Verwijzingen – Regiotafel" }];

// The referrer's overview: what their organisation referred and their own unfinished drafts.
// Names are shown only where the consent in force allows it; every patient on the list is audited.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "referral:create");
  const { db } = context.services;
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };

  const referrals = listOrganisationReferrals(db, user.organisationId).flatMap((r) => {
    const visibility = caseVisibility(viewer, consentScopeOf(currentConsent(db, r.id)), {
      leadOrganisationId: r.leadOrganisationId,
      referrerOrganisationId: r.referrerOrganisationId,
    });
    if (visibility === "none") return [];
    return [{ ...r, identified: visibility === "identified" }];
  });

  for (const r of referrals) {
    audit(db, {
      action: "referral.list",
      actor: actorOf(user),
      objectType: "case",
      objectId: r.id,
      patientId: r.patientId,
      detail: `${r.code} in verwijzingenlijst (${r.identified ? "met identiteit" : "zonder identiteit"})`,
      origin: context.origin,
    });
  }
  if (referrals.length === 0) {
    audit(db, { action: "referral.list", actor: actorOf(user), detail: "verwijzingenlijst: 0 verwijzingen", origin: context.origin });
  }

  const drafts = listOwnDrafts(db, user.id).map((d) => {
    const values = draftValues(d.data);
    return { id: d.id, step: d.step, updatedAt: d.updatedAt, patientName: textOf(values, "patient.name").trim() };
  });

  return {
    organisation: user.organisationName,
    referrals: referrals.map((r) => ({
      id: r.id,
      code: r.code,
      patientName: r.identified ? r.patientName : null,
      table: `${r.tableNumber}. ${r.tableName}`,
      status: CASE_STATE_LABELS[r.status],
      receivedAt: formatAmsterdam(r.receivedAt),
      urgency: URGENCY_LABELS[r.urgency],
    })),
    drafts: drafts.map((d) => ({ ...d, updatedAt: formatAmsterdam(d.updatedAt), stepTitle: STEPS.find((s) => s.number === d.step)?.title ?? "" })),
  };
}

export default function Referrals() {
  const { organisation, referrals, drafts } = useLoaderData<typeof loader>();
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
        {referrals.length ? (
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
              {referrals.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/verwijzingen/${r.id}`}>{r.code}</Link></td>
                  <td>{r.patientName ?? <span className="muted">Afgeschermd (geen toestemming)</span>}</td>
                  <td>{r.table}</td>
                  <td>{r.status}</td>
                  <td>{r.receivedAt}</td>
                  <td>{r.urgency}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Uw organisatie heeft nog geen patiënten aangemeld.</p>
        )}
      </section>
    </>
  );
}
