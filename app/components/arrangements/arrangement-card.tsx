// One maatwerk-arrangement: its facts, parties and components, and the next step this viewer may
// take (the advisor approves or refuses, the chair records contract and end).
import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/form";
import { ARRANGEMENT_EVENT_LABELS, nextArrangementEvent, type ArrangementEvent } from "~/domain/arrangement";
import { formatDateRange } from "~/domain/format";
import { ARRANGEMENT_STATUS_LABELS, COMPONENT_KIND_LABELS, FUNDING_INSTRUMENT_LABELS, LEGAL_DOMAIN_LABELS, type ArrangementStatus } from "~/domain/vocabulary";
import type { ArrangementsPageData, ArrangementView } from "./types";
import { Verdicts } from "./verdicts";

const STATUS_BADGE: Record<ArrangementStatus, string> = {
  proposed: "badge badge--warn",
  approved: "badge badge--ok",
  contracted: "badge badge--ok",
  ended: "badge",
  refused: "badge badge--error",
};

function StepButton({ arrangement, event, busy }: { arrangement: ArrangementView; event: ArrangementEvent; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={event} />
      <input type="hidden" name="arrangementId" value={arrangement.id} />
      <button type="submit" className={event === "end" ? "button button--secondary" : "button"} disabled={busy}>
        {event === "approve" ? "Arrangement goedkeuren" : event === "contract" ? "Vastleggen als gecontracteerd" : "Arrangement beëindigen"}
      </button>
    </Form>
  );
}

export function ArrangementCard({ a, n, data, busy }: { a: ArrangementView; n: number; data: ArrangementsPageData; busy: boolean }) {
  const next = nextArrangementEvent(a.status);
  const mayStep = next === "approve" ? data.isAdvisor : next ? data.isChair : false;
  const withAdvisor = ["advisor_check", "funding_arranged", "placed", "follow_up"].includes(data.case.status);
  return (
    <section className="card" id={`arrangement-${a.id}`} aria-labelledby={`arrangement-${a.id}-titel`}>
      <h2 id={`arrangement-${a.id}-titel`}>
        Arrangement {n} <span className={STATUS_BADGE[a.status]}>{ARRANGEMENT_STATUS_LABELS[a.status]}</span>
      </h2>
      <dl className="facts">
        <dt>Omschrijving</dt><dd>{a.description}</dd>
        <dt>Periode</dt><dd>{formatDateRange(a.periodStart, a.periodEnd)}</dd>
        <dt>Geschatte kosten</dt><dd>{a.cost}</dd>
        <dt>Aanbieders</dt><dd>{a.providers.length ? a.providers.join(", ") : <span className="muted">Geen</span>}</dd>
        <dt>Financiers</dt><dd>{a.financiers.length ? a.financiers.join(", ") : <span className="muted">Geen</span>}</dd>
        {a.approvedAt ? (
          <>
            <dt>Goedgekeurd</dt><dd>{a.approvedAt} door {a.approvedByName ?? "onbekend"}</dd>
          </>
        ) : null}
        {a.refusedAt ? (
          <>
            <dt>Afgewezen</dt><dd>{a.refusedAt}: {a.refusalReason}</dd>
          </>
        ) : null}
        {a.contractedAt ? (
          <>
            <dt>Gecontracteerd</dt><dd>{a.contractedAt}</dd>
          </>
        ) : null}
        {a.endedAt ? (
          <>
            <dt>Beëindigd</dt><dd>{a.endedAt}</dd>
          </>
        ) : null}
      </dl>
      <h3>Onderdelen</h3>
      <table className="data">
        <caption className="visually-hidden">Onderdelen van arrangement {n}</caption>
        <thead>
          <tr>
            <th scope="col">Soort</th>
            <th scope="col">Omschrijving</th>
            <th scope="col">Wettelijk domein</th>
            <th scope="col">Financieringsinstrument</th>
            <th scope="col">Aanbieder</th>
            <th scope="col">Financier</th>
          </tr>
        </thead>
        <tbody>
          {a.components.map((k) => (
            <tr key={k.id}>
              <td>{COMPONENT_KIND_LABELS[k.kind]}</td>
              <td>{k.description}</td>
              <td>{LEGAL_DOMAIN_LABELS[k.legalDomain]}</td>
              <td>{FUNDING_INSTRUMENT_LABELS[k.fundingInstrument]}</td>
              <td>{k.provider ?? <span className="muted">Geen</span>}</td>
              <td>{k.financier ?? <span className="muted">Geen</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {next === "approve" && data.isAdvisor ? (
        <section aria-labelledby={`goedkeuren-${a.id}`}>
          <h3 id={`goedkeuren-${a.id}`}>Goedkeuren als medisch adviseur</h3>
          {!withAdvisor ? (
            <p className="alert alert--warn">De voorzitter heeft de casus nog niet aan u voorgelegd. Daarna kunt u het arrangement goedkeuren.</p>
          ) : null}
          {data.assessment ? (
            <>
              <p>Uw goedkeuring wordt gekoppeld aan deze beoordeling van de zeven inclusiecriteria:</p>
              <Verdicts assessment={data.assessment} />
              {withAdvisor ? <StepButton arrangement={a} event="approve" busy={busy} /> : null}
            </>
          ) : (
            <p className="alert alert--warn">
              U heeft de zeven inclusiecriteria voor deze casus nog niet beoordeeld. Goedkeuren kan pas daarna.{" "}
              <Link to={`/casussen/${data.case.id}#beoordeling`}>Leg uw beoordeling vast op de casuspagina</Link>.
            </p>
          )}
        </section>
      ) : next === "approve" ? (
        <p className="muted">Wacht op goedkeuring door de medisch adviseur van de zorgverzekeraar.</p>
      ) : null}
      {next === "approve" && data.isAdvisor && withAdvisor ? (
        <Form method="post" noValidate aria-label={`Arrangement ${n} afwijzen`}>
          <input type="hidden" name="intent" value="refuse" />
          <input type="hidden" name="arrangementId" value={a.id} />
          <Field name="refusalReason" label="Reden van afwijzing" type="textarea" required />
          <button type="submit" className="button button--secondary" disabled={busy}>Arrangement afwijzen</button>
        </Form>
      ) : null}
      {next && next !== "approve" && mayStep ? (
        <div className="actions">
          <StepButton arrangement={a} event={next} busy={busy} />
          <span className="hint">Volgende stap: {ARRANGEMENT_EVENT_LABELS[next].toLowerCase()}.</span>
        </div>
      ) : null}
    </section>
  );
}
