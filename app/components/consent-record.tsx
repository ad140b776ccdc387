// The consent page's read-only parts: the consent in force (with any running override) and every
// consent recorded before, newest first.
import type { SerializeFrom } from "@remix-run/node";
import { CONSENT_METHOD_LABELS, ORGANISATION_TYPE_LABELS, REPRESENTATIVE_LABELS, WITHDRAWAL_REQUESTER_LABELS } from "~/domain/vocabulary";
import type { loader } from "~/routes/casussen.$caseId_.toestemming";

type Data = SerializeFrom<typeof loader>;

export function ConsentInForce({ current, activeOverrides }: { current: Data["current"]; activeOverrides: Data["activeOverrides"] }) {
  return (
    <section className="card" aria-labelledby="van-kracht">
      <h2 id="van-kracht">Toestemming die nu geldt</h2>
      {current ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {current.status === "active" ? (
              <span className="badge badge--ok">Van kracht</span>
            ) : (
              <span className="badge badge--error">Ingetrokken{current.withdrawnAt ? ` op ${current.withdrawnAt}` : ""}</span>
            )}
          </dd>
          {current.status !== "active" && current.withdrawalRequestedBy ? (
            <>
              <dt>Ingetrokken op verzoek van</dt>
              <dd>{WITHDRAWAL_REQUESTER_LABELS[current.withdrawalRequestedBy]}</dd>
              <dt>Reden van intrekking</dt>
              <dd>{current.withdrawalReason}</dd>
            </>
          ) : null}
          <dt>Gegeven door</dt>
          <dd>
            {current.givenBy === "patient"
              ? "De patiënt zelf"
              : `${current.representativeKind ? REPRESENTATIVE_LABELS[current.representativeKind] : "Vertegenwoordiger"}${current.representativeName ? `: ${current.representativeName}` : ""}${current.patientIncompetent ? " (patiënt wilsonbekwaam ter zake)" : ""}`}
          </dd>
          <dt>Hoe</dt>
          <dd>{CONSENT_METHOD_LABELS[current.method]}</dd>
          <dt>Datum</dt>
          <dd>{current.givenOn}</dd>
          <dt>Mogen de identiteit zien</dt>
          <dd>
            {current.status !== "active" ? (
              <span className="muted">Alleen de organisatie van de voorzitter (de toestemming is ingetrokken)</span>
            ) : current.scopeTypes.length + current.scopeOrganisations.length === 0 ? (
              <span className="muted">Alleen de organisatie van de voorzitter en de verwijzer</span>
            ) : (
              <ul className="plain">
                {current.scopeTypes.map((t) => <li key={t}>{ORGANISATION_TYPE_LABELS[t]}</li>)}
                {current.scopeOrganisations.map((name) => <li key={name}>{name}</li>)}
              </ul>
            )}
          </dd>
          {activeOverrides.length ? (
            <>
              <dt>Doorbreking</dt>
              <dd>
                <ul className="plain">
                  {activeOverrides.map((o) => (
                    <li key={o.id}>
                      <span className="badge badge--warn">Zonder toestemming</span> {o.organisations.join(", ")} (tot {o.expiresAt})
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>Niet betrekken</dt>
          <dd>
            {current.excludedCount === 0 ? (
              <span className="muted">Niemand genoemd</span>
            ) : current.excluded ? (
              <ul className="plain">{current.excluded.map((name, i) => <li key={i}>{name}</li>)}</ul>
            ) : (
              <span className="muted">{current.excludedCount} {current.excludedCount === 1 ? "persoon" : "personen"} (namen afgeschermd)</span>
            )}
          </dd>
        </dl>
      ) : (
        <p className="alert alert--warn">Er is nog geen toestemming vastgelegd.</p>
      )}
    </section>

  );
}

export function ConsentHistory({ history }: { history: Data["history"] }) {
  return (
    <section className="card" aria-labelledby="geschiedenis">
      <h2 id="geschiedenis">Eerder vastgelegd</h2>
      <table className="data">
        <caption className="visually-hidden">Alle vastgelegde toestemmingen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Vastgelegd</th>
            <th scope="col">Door</th>
            <th scope="col">Gegeven door</th>
            <th scope="col">Hoe en wanneer</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={h.id}>
              <td>{h.recordedAt}</td>
              <td>{h.recordedBy}</td>
              <td>{h.givenBy === "patient" ? "Patiënt" : "Vertegenwoordiger"}</td>
              <td>{CONSENT_METHOD_LABELS[h.method]}, {h.givenOn}</td>
              <td>
                {h.status === "withdrawn"
                  ? `Ingetrokken${h.withdrawnAt ? ` op ${h.withdrawnAt}` : ""}`
                  : i === 0
                    ? "Van kracht"
                    : "Vervangen"}
                {h.withdrawalRequestedBy ? (
                  <span className="muted">
                    <br />
                    Op verzoek van: {WITHDRAWAL_REQUESTER_LABELS[h.withdrawalRequestedBy].toLowerCase()}. Reden: {h.withdrawalReason}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
