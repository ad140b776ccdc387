// The escalation ladder of one case on its progress page: the steps taken, the project leader's
// answers to level-4 requests, and (for the chair) the form for the next step. At the project
// leader's level the chair adds what goes to the project leader: a bottleneck category and the
// question, confirmed free of patient data.
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { ESCALATION_REQUEST_STATUS_LABELS, type EscalationRequestStatus } from "~/domain/escalation-request";
import { ESCALATION_LEVEL_LABELS, type EscalationLevel } from "~/domain/escalation";
import { BOTTLENECK_CATEGORIES, BOTTLENECK_CATEGORY_LABELS, type BottleneckCategory } from "~/domain/vocabulary";
import type { FormFailure } from "~/lib/forms";

type Step = { id: number; level: EscalationLevel; reason: string; at: string; actorName: string | null };
type LeaderRequest = { id: number; bottleneck: string; question: string; status: EscalationRequestStatus; response: string | null; respondedAt: string | null; respondedBy: string | null };

export function EscalationSection(props: {
  code: string;
  currentLevel: EscalationLevel | null;
  escalations: Step[];
  requests: LeaderRequest[];
  canEscalate: boolean;
  levels: EscalationLevel[];
  errors?: FormFailure;
  busy: boolean;
}) {
  const { errors } = props;
  const confirmChecked = errors?.values.confirmNoPatientData === "on";
  const confirmError = errors?.fieldErrors.confirmNoPatientData?.[0];
  return (
    <section className="card" aria-labelledby="opschaling">
      <h2 id="opschaling">Opschaling</h2>
      <p>
        Huidig niveau: {props.currentLevel ? <strong>{ESCALATION_LEVEL_LABELS[props.currentLevel]}</strong> : <span className="muted">niet opgeschaald</span>}
      </p>
      {props.escalations.length ? (
        <table className="data">
          <caption className="visually-hidden">Opschalingen van casus {props.code}</caption>
          <thead>
            <tr><th scope="col">Wanneer</th><th scope="col">Niveau</th><th scope="col">Reden</th><th scope="col">Door</th></tr>
          </thead>
          <tbody>
            {props.escalations.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>{ESCALATION_LEVEL_LABELS[e.level]}</td>
                <td>{e.reason}</td>
                <td>{e.actorName ?? <span className="muted">Onbekend</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.requests.map((r) => (
        <div key={r.id} className="card" id={`verzoek-${r.id}`}>
          <h3>Verzoek aan de landelijk projectleider</h3>
          <p>
            Knelpunt: {BOTTLENECK_CATEGORY_LABELS[r.bottleneck as BottleneckCategory] ?? r.bottleneck} · Status: <span className="badge">{ESCALATION_REQUEST_STATUS_LABELS[r.status]}</span>
          </p>
          <p className="pre-wrap">{r.question}</p>
          {r.response ? (
            <p className="alert alert--ok pre-wrap">
              Antwoord{r.respondedBy ? ` van ${r.respondedBy}` : ""}{r.respondedAt ? ` (${r.respondedAt})` : ""}: {r.response}
            </p>
          ) : (
            <p className="muted">De landelijk projectleider heeft nog niet geantwoord.</p>
          )}
        </div>
      ))}
      {props.canEscalate ? (
        <Form method="post" noValidate aria-labelledby="opschalen">
          <h3 id="opschalen">Opschalen</h3>
          <p className="hint">Kies een hoger niveau dan het laatst vastgelegde, of hetzelfde niveau met een nieuwe reden. Terug naar een lager niveau kan niet.</p>
          <input type="hidden" name="intent" value="escalate" />
          {errors ? <FormError message={errors.formError ?? "Controleer de velden met een foutmelding."} errors={errors.fieldErrors} /> : null}
          <Field name="level" label="Niveau" required errors={errors?.fieldErrors} values={errors?.values}>
            <option value="">Kies een niveau</option>
            {props.levels.map((l) => (
              <option key={l} value={l}>{ESCALATION_LEVEL_LABELS[l]}</option>
            ))}
          </Field>
          <Field name="escalationReason" label="Reden van de opschaling" type="textarea" required errors={errors?.fieldErrors} values={errors?.values} />
          <fieldset>
            <legend>Alleen bij opschaling naar de landelijk projectleider</legend>
            <p className="hint">De projectleider ziet de tafel, de casuscode, de categorie en uw vraag – geen patiëntgegevens en niet de reden hierboven.</p>
            <Field name="bottleneck" label="Categorie van het knelpunt" errors={errors?.fieldErrors} values={errors?.values}>
              <option value="">Kies een categorie</option>
              {BOTTLENECK_CATEGORIES.map((b) => (
                <option key={b} value={b}>{BOTTLENECK_CATEGORY_LABELS[b]}</option>
              ))}
            </Field>
            <Field name="leaderQuestion" label="Wat vraagt u de landelijk projectleider?" type="textarea" errors={errors?.fieldErrors} values={errors?.values} />
            <div className={`field${confirmError ? " field--error" : ""}`}>
              <label>
                <input type="checkbox" id="veld-confirmNoPatientData" name="confirmNoPatientData" defaultChecked={confirmChecked} aria-describedby={confirmError ? "veld-confirmNoPatientData-fout" : undefined} />{" "}
                Ik bevestig dat de vraag geen patiëntgegevens bevat
              </label>
              {confirmError ? <p className="field-error" id="veld-confirmNoPatientData-fout">{confirmError}</p> : null}
            </div>
          </fieldset>
          <button type="submit" className="button" disabled={props.busy}>Opschaling vastleggen</button>
        </Form>
      ) : null}
    </section>
  );
}
