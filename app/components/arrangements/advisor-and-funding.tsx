// Presenting the case to the insurer's medical advisor (the chair, once the plan is agreed) and
// recording how the care is funded (chair or advisor, while the case is with the advisor).
import { Form } from "@remix-run/react";
import { Field, FieldGroup, FormError } from "~/components/form";
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES } from "~/domain/funding";
import type { ArrangementFailure } from "~/services/case-arrangements.server";
import type { ArrangementsPageData } from "./types";

export function AdvisorAndFunding({ data, errors, busy }: { data: ArrangementsPageData; errors?: ArrangementFailure; busy: boolean }) {
  return (
    <section className="card" aria-labelledby="medisch-adviseur">
      <h2 id="medisch-adviseur">Medisch adviseur en financiering</h2>
      {data.canRequestAdvisorCheck ? (
        <Form method="post">
          <input type="hidden" name="intent" value="request_advisor_check" />
          <p>Het plan is vastgesteld. Leg de casus voor aan de medisch adviseur van de zorgverzekeraar: die toetst de inclusiecriteria en keurt het arrangement goed.</p>
          <button type="submit" className="button" disabled={busy}>Voorleggen aan medisch adviseur</button>
        </Form>
      ) : null}
      {data.funding ? (
        data.funding.problem ? (
          <p className="alert alert--warn">{data.funding.problem}</p>
        ) : (
          <Form method="post" noValidate aria-label="Financiering geregeld">
            <input type="hidden" name="intent" value="arrange_funding" />
            <FormError message={errors?.formError} errors={errors?.fieldErrors} />
            <FieldGroup
              name="sources"
              legend="Hoe wordt de zorg gefinancierd?"
              hint="Eén of meer bronnen. Een maatwerk-arrangement is alleen nodig als (een deel van) de financiering maatwerk is."
              errors={errors?.fieldErrors}
            >
              <ul className="plain">
                {FUNDING_SOURCES.map((f) => {
                  const raw = errors?.values?.sources;
                  const chosen = Array.isArray(raw) ? raw.includes(f) : raw === f;
                  return (
                    <li key={f}>
                      <label className="checkbox">
                        <input type="checkbox" name="sources" value={f} defaultChecked={chosen} /> {FUNDING_SOURCE_LABELS[f]}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </FieldGroup>
            <Field name="careOfficeId" label="Zorgkantoor (bij Wlz)" errors={errors?.fieldErrors} values={errors?.values} hint="Bij financiering uit de Wlz is het zorgkantoor van de regio partij.">
              <option value="">Geen zorgkantoor</option>
              {data.careOffices.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Field>
            <button type="submit" className="button" disabled={busy}>Financiering geregeld</button>
          </Form>
        )
      ) : null}
    </section>
  );
}
