// The case page's read-only sections: the referral, the patient (or what consent leaves of them),
// the referral's content, the consent and the history. Each is a card with a heading whose id the
// page's in-page navigation links to.
import type { ReactNode } from "react";
import { TableScroll } from "~/components/table-scroll";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_EVENT_LABELS, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { CONSENT_METHOD_LABELS, ORGANISATION_TYPE_LABELS, REFERRAL_SOURCE_LABELS, REPRESENTATIVE_LABELS, URGENCY_LABELS } from "~/domain/vocabulary";
import { formatDate } from "~/domain/format";
import type { caseDetails } from "~/models/case-details.server";
import type { caseView } from "~/models/screening.server";

type View = ReturnType<typeof caseView>;
type Details = ReturnType<typeof caseDetails>;

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Text({ children }: { children: string }) {
  return (
    <>
      {children.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

export function ReferralFacts({ c, details }: { c: View["case"]; details: Pick<Details, "previousCodes" | "routingRule"> }) {
  return (
    <dl className="facts">
      <dt>Casuscode</dt>
      <dd>
        {c.code}
        {details.previousCodes.map((p) => (
          <span key={p.code} className="muted"> · eerder {p.code} (tafel {p.tableNumber}. {p.tableName}, tot {formatAmsterdam(p.until)})</span>
        ))}
      </dd>
      <dt>Regiotafel</dt><dd>{c.tableNumber}. {c.tableName}</dd>
      <dt>Status</dt><dd>{CASE_STATE_LABELS[c.status]}</dd>
      <dt>Urgentie</dt><dd>{URGENCY_LABELS[c.urgency]}</dd>
      <dt>Ontvangen</dt><dd>{formatAmsterdam(c.receivedAt)} ({c.submittedVia === "api" ? "via de koppeling" : "via het formulier"})</dd>
      <dt>Aangemeld door</dt>
      <dd>{REFERRAL_SOURCE_LABELS[c.source]}{c.viaVwsUnit ? " via VWS-unit complexe zorgvragen" : ""} · {c.referrerOrganisation}</dd>
      <dt>Zorgverzekeraar</dt><dd>{c.insurer}</dd>
      <dt>Voorgestelde tafel</dt>
      <dd>
        {c.proposedTableName ?? "Geen (woonplaats niet gerouteerd)"}
        {details.routingRule ? <span className="muted"> · regel: {details.routingRule}</span> : null}
      </dd>
      {c.routingOverrideReason ? (
        <>
          <dt>Andere tafel gekozen</dt><dd>{c.routingOverrideReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function PatientFacts({ identity, summary, conflicts }: { identity: View["identity"]; summary: View["summary"]; conflicts: Details["identityConflicts"] }) {
  if (!identity) {
    return (
      <>
        <p className="alert alert--warn">Identiteit afgeschermd: uw organisatie valt buiten de toestemming van de patiënt.</p>
        <dl className="facts">
          <dt>Leeftijd</dt><dd>{summary.ageBand}</dd>
          <dt>Provincie</dt><dd>{summary.province}</dd>
        </dl>
      </>
    );
  }
  return (
    <>
      <dl className="facts">
        <dt>Naam</dt><dd>{identity.name}</dd>
        <dt>BSN</dt><dd>{identity.bsn}</dd>
        <dt>Geboortedatum</dt><dd>{formatDate(identity.dateOfBirth)}</dd>
        <dt>Adres</dt><dd>{identity.address || <span className="muted">Niet opgegeven</span>}</dd>
        <dt>Gemeente</dt><dd>{identity.municipality}</dd>
        <dt>Provincie</dt><dd>{identity.province}</dd>
      </dl>
      {conflicts.length ? (
        <div className="alert alert--warn" role="note">
          <p><strong>Afwijkende gegevens bij dit BSN.</strong> Deze verwijzing noemt andere gegevens dan de bekende patiënt; de bekende gegevens zijn niet overschreven. Controleer ze bij de verwijzer.</p>
          <ul>
            {conflicts.map((conflict) => (
              <li key={conflict.field}>
                {conflict.field === "name" ? "Naam" : "Geboortedatum"}: bekend “{conflict.field === "name" ? conflict.known : formatDate(conflict.known)}”, in deze verwijzing “{conflict.field === "name" ? conflict.given : formatDate(conflict.given)}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

export function ReferralContent({ c }: { c: View["case"] }) {
  return (
    <>
      <h3>Huidige zorgaanbieders</h3>
      <Text>{c.currentProviders}</Text>
      <h3>Behandelgeschiedenis</h3>
      <Text>{c.treatmentHistory}</Text>
      <h3>Zorgvraag aan de tafel</h3>
      <Text>{c.careQuestion}</Text>
      <h3>Probleembeschrijving</h3>
      <Text>{c.problemDescription}</Text>
      <h3>Eerdere plaatsingspogingen</h3>
      <TableScroll label="Eerdere plaatsingspogingen">
        <table className="data">
          <caption className="visually-hidden">Eerdere plaatsingspogingen</caption>
          <thead>
            <tr><th scope="col">Wie</th><th scope="col">Wat</th><th scope="col">Wanneer</th><th scope="col">Waarom niet gelukt</th></tr>
          </thead>
          <tbody>
            {c.priorAttempts.map((a, i) => (
              <tr key={i}><td>{a.who}</td><td>{a.what}</td><td>{a.when}</td><td>{a.whyFailed}</td></tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h3>Contactpersoon</h3>
      <p>{c.contact.name} · {c.contact.phone} · <a href={`mailto:${c.contact.email}`}>{c.contact.email}</a></p>
    </>
  );
}

export function ConsentFacts({ consent }: { consent: View["consent"] }) {
  if (!consent) return <p className="alert alert--error">Er is geen toestemming vastgelegd.</p>;
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        {consent.status === "active" ? (
          <span className="badge badge--ok">Van kracht</span>
        ) : (
          <span className="badge badge--error">Ingetrokken{consent.withdrawnAt ? ` op ${formatAmsterdam(consent.withdrawnAt)}` : ""}</span>
        )}
      </dd>
      <dt>Gegeven door</dt>
      <dd>
        {consent.givenBy === "patient"
          ? "De patiënt zelf"
          : `${consent.representativeKind ? REPRESENTATIVE_LABELS[consent.representativeKind] : "Vertegenwoordiger"}${consent.representativeName ? `: ${consent.representativeName}` : ""}${consent.patientIncompetent ? " (patiënt wilsonbekwaam ter zake)" : ""}`}
      </dd>
      <dt>Hoe</dt><dd>{CONSENT_METHOD_LABELS[consent.method]}</dd>
      <dt>Wanneer</dt><dd>{formatDate(consent.givenOn)}</dd>
      <dt>Mogen de identiteit zien</dt>
      <dd>
        {consent.scopeTypes.length + consent.scopeOrganisations.length === 0 ? (
          <span className="muted">Alleen de organisatie van de voorzitter en de verwijzer</span>
        ) : (
          <ul className="plain">
            {consent.scopeTypes.map((t) => <li key={t}>{ORGANISATION_TYPE_LABELS[t]}</li>)}
            {consent.scopeOrganisations.map((name) => <li key={name}>{name}</li>)}
          </ul>
        )}
      </dd>
      <dt>Niet betrekken</dt>
      <dd>
        {consent.excludedCount === 0 ? (
          <span className="muted">Niemand genoemd</span>
        ) : consent.excludedNames ? (
          <ul className="plain">{consent.excludedNames.map((name, i) => <li key={i}>{name}</li>)}</ul>
        ) : (
          <span className="muted">De patiënt heeft personen genoemd die niet betrokken mogen worden; de voorzitter ziet wie.</span>
        )}
      </dd>
    </dl>
  );
}

/** Lifecycle steps and consent steps in one table, in time order. */
export function CaseHistory({ history, consentSteps }: { history: View["history"]; consentSteps: View["consentSteps"] }) {
  const steps = history.map((h) => ({
    key: `event-${h.id}`,
    at: h.at,
    step: `${CASE_EVENT_LABELS[h.event]}${h.event === "redirect" && h.fromTable && h.toTable ? ` (van ${h.fromTable} naar ${h.toTable})` : ""}`,
    actor: h.actor,
    actorOrganisation: h.actorOrganisation,
    reason: h.reason,
  }));
  const rows = [...steps, ...consentSteps].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <TableScroll label="Geschiedenis">
      <table className="data">
        <caption className="visually-hidden">Geschiedenis van de casus</caption>
        <thead>
          <tr><th scope="col">Wanneer</th><th scope="col">Stap</th><th scope="col">Door</th><th scope="col">Reden</th></tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.key}>
              <td>{formatAmsterdam(h.at)}</td>
              <td>{h.step}</td>
              <td>{h.actor ?? <span className="muted">Systeem</span>}{h.actorOrganisation ? <span className="muted"> · {h.actorOrganisation}</span> : null}</td>
              <td>{h.reason ?? <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
