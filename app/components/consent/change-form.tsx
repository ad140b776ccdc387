// Recording a new consent, which replaces the one in force: who gave it (patient or representative),
// how and when, which organisation types and organisations may see identity, and who must not be
// involved. Starts from the consent in force, or from what was typed when the post failed.
import { Form } from "@remix-run/react";
import { CheckboxField, Field, FieldGroup, FormError } from "~/components/form";
import { OrganisationPicker } from "~/components/organisation-picker";
import { CONSENT_METHOD_LABELS, CONSENT_METHODS, ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, REPRESENTATIVE_KINDS, REPRESENTATIVE_LABELS } from "~/domain/vocabulary";
import { excludedField } from "~/lib/consent-form";
import type { FormFailure } from "~/lib/forms";
import { listOf, textOf, type ConsentPageData, type Values } from "./types";

export function ConsentChangeForm({ data, changeFailed }: { data: ConsentPageData; changeFailed: FormFailure | null }) {
  const values: Values = changeFailed ? changeFailed.values : data.prefill;
  const errors = changeFailed?.fieldErrors;
  return (
    <section className="card no-print" aria-labelledby="nieuw">
      <h2 id="nieuw">Nieuwe toestemming vastleggen</h2>
      <p className="hint">
        Een nieuwe toestemming vervangt de toestemming die nu geldt, bijvoorbeeld als de patiënt meer of minder organisaties toestaat of
        iemand niet meer betrokken wil hebben.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change" />
        <FormError failure={changeFailed ?? undefined} />

        <FieldGroup name="givenBy" legend="Toestemming gegeven door" errors={errors}>
          <label className="checkbox">
            <input type="radio" name="givenBy" value="patient" defaultChecked={textOf(values, "givenBy") === "patient"} /> De patiënt zelf
          </label>
          <label className="checkbox">
            <input type="radio" name="givenBy" value="representative" defaultChecked={textOf(values, "givenBy") === "representative"} /> Een
            vertegenwoordiger (de patiënt is wilsonbekwaam ter zake)
          </label>
        </FieldGroup>

        {/* Shown unless "de patiënt zelf" is chosen (CSS :has, so also without JavaScript); the server ignores it then. */}
        <fieldset className="representative-block">
          <legend>Bij een vertegenwoordiger</legend>
          <p className="hint">Verplicht als een vertegenwoordiger de toestemming gaf.</p>
          <Field name="representativeKind" label="Soort vertegenwoordiger (in de wettelijke rangorde)" errors={errors} values={values}>
            <option value="">Kies…</option>
            {REPRESENTATIVE_KINDS.map((k) => (
              <option key={k} value={k}>{REPRESENTATIVE_LABELS[k]}</option>
            ))}
          </Field>
          <Field name="representativeName" label="Naam van de vertegenwoordiger" errors={errors} values={values} />
          <CheckboxField name="patientIncompetent" label="De patiënt is wilsonbekwaam ter zake" errors={errors} values={values} />
          <CheckboxField name="higherRanksUnavailable" label="Er is niemand hoger in de wettelijke rangorde die kan of wil optreden" errors={errors} values={values} />
        </fieldset>

        <div className="form-grid">
          <Field name="method" label="Hoe is de toestemming gegeven?" required errors={errors} values={values}>
            <option value="">Kies…</option>
            {CONSENT_METHODS.map((m) => (
              <option key={m} value={m}>{CONSENT_METHOD_LABELS[m]}</option>
            ))}
          </Field>
          <Field name="givenOn" label="Datum van de toestemming" type="date" required errors={errors} values={values} defaultValue={data.today} />
        </div>

        <FieldGroup name="scopeOrganisationTypes" legend="Soorten organisaties die de identiteit mogen zien" hint="De organisatie van de voorzitter ziet de identiteit altijd." errors={errors}>
          {ORGANISATION_TYPES.map((t) => (
            <label className="checkbox" key={t}>
              <input type="checkbox" name="scopeOrganisationTypes" value={t} defaultChecked={listOf(values, "scopeOrganisationTypes").includes(t)} />
              {ORGANISATION_TYPE_LABELS[t]}
            </label>
          ))}
        </FieldGroup>

        <OrganisationPicker
          name="scopeOrganisationIds"
          legend="Afzonderlijke organisaties die de identiteit mogen zien"
          organisations={data.organisations}
          checked={listOf(values, "scopeOrganisationIds")}
          errors={errors}
        />

        <fieldset>
          <legend>Personen die niet betrokken mogen worden</legend>
          <p className="hint">
            Met een e-mailadres houdt het portaal deze persoon buiten de casus, ook als diens organisatie de casus wel ziet. Laat een rij leeg als
            die niet nodig is.
          </p>
          {Array.from({ length: data.excludedRows }, (_, i) => (
            <div className="form-grid" key={i}>
              <Field name={excludedField(i, "name")} label={`Persoon ${i + 1}: naam`} errors={errors} values={values} />
              <Field name={excludedField(i, "email")} label={`Persoon ${i + 1}: e-mailadres`} type="email" errors={errors} values={values} />
            </div>
          ))}
        </fieldset>

        <div className="actions">
          <button type="submit" className="button">Nieuwe toestemming vastleggen</button>
        </div>
      </Form>
    </section>
  );
}
