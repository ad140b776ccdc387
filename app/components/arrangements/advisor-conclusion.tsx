// The medical advisor's conclusions on the case: the list (why the case went back to the table, for
// chair and advisor) and the advisor's form to record a new one.
import { Form } from "@remix-run/react";
import { Field } from "~/components/form";
import { ADVISOR_CONCLUSION_LABELS, ADVISOR_CONCLUSIONS } from "~/domain/advisor-conclusion";
import type { ArrangementFailure } from "~/services/case-arrangements.server";
import type { ArrangementsPageData } from "./types";

export function AdvisorConclusions({ conclusions }: { conclusions: ArrangementsPageData["conclusions"] }) {
  return (
    <section className="card" aria-labelledby="conclusies">
      <h2 id="conclusies">Conclusies van de medisch adviseur</h2>
      <ul className="plain">
        {conclusions.map((k) => (
          <li key={k.id}>
            <span className={k.conclusion === "meets" ? "badge badge--ok" : "badge badge--warn"}>{ADVISOR_CONCLUSION_LABELS[k.conclusion]}</span> {k.at}: {k.motivation}
            {k.conclusion !== "meets" ? <span className="muted"> (teruggelegd bij de tafel)</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ConclusionForm({ current, errors, busy }: { current: ArrangementsPageData["conclusion"]; errors?: ArrangementFailure; busy: boolean }) {
  return (
    <Form method="post" noValidate className="card" aria-labelledby="conclusie">
      <h2 id="conclusie">Uw conclusie</h2>
      <input type="hidden" name="intent" value="advisor_conclusion" />
      <p>
        Sluit uw beoordeling van de zeven criteria af. ‘Voldoet niet’ en ‘Meer informatie nodig’ leggen de casus met uw motivering terug bij de tafel; goedkeuren van
        een arrangement en financiering door de zorgverzekeraar kan alleen na ‘Voldoet aan de criteria’.
      </p>
      {current ? <p className="muted">Huidige conclusie: {ADVISOR_CONCLUSION_LABELS[current.conclusion]} ({current.at}).</p> : null}
      <Field name="conclusion" label="Conclusie" required errors={errors?.fieldErrors} values={errors?.values}>
        <option value="">Kies uw conclusie</option>
        {ADVISOR_CONCLUSIONS.map((k) => <option key={k} value={k}>{ADVISOR_CONCLUSION_LABELS[k]}</option>)}
      </Field>
      <Field name="motivation" label="Motivering" type="textarea" required errors={errors?.fieldErrors} values={errors?.values} />
      <button type="submit" className="button" disabled={busy}>Conclusie vastleggen</button>
    </Form>
  );
}
