// The chair's proposal of a maatwerk-arrangement: description, period, cost, parties and component
// rows ("Nog een onderdeel" adds a row, also without JavaScript); what was typed comes back with
// the errors.
import { Form } from "@remix-run/react";
import { Field, FieldGroup, FormError } from "~/components/form";
import { COMPONENT_KIND_LABELS, COMPONENT_KINDS, FUNDING_INSTRUMENT_LABELS, FUNDING_INSTRUMENTS, LEGAL_DOMAIN_LABELS, LEGAL_DOMAINS } from "~/domain/vocabulary";
import { MAX_COMPONENT_ROWS } from "~/lib/arrangement-forms";
import type { FieldErrors } from "~/lib/forms";
import type { ArrangementFailure } from "~/services/case-arrangements.server";
import type { ArrangementsPageData } from "./types";

/** Checkboxes for several organisations, with the typed choice kept and the error tied to the group. */
function OrganisationChoice({
  name,
  legend,
  hint,
  options,
  errors,
  values,
}: {
  name: string;
  legend: string;
  hint: string;
  options: { id: number; name: string }[];
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
}) {
  const error = errors?.[name]?.[0];
  const raw = values?.[name];
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <FieldGroup name={name} legend={legend} hint={hint} errors={errors}>
      <ul className="plain columns">
        {options.map((o) => (
          <li key={o.id}>
            <label className="checkbox">
              <input type="checkbox" name={name} value={o.id} defaultChecked={chosen.has(String(o.id))} aria-invalid={error ? true : undefined} /> {o.name}
            </label>
          </li>
        ))}
      </ul>
    </FieldGroup>
  );
}

export function ProposalForm({ data, errors, busy }: { data: ArrangementsPageData; errors?: ArrangementFailure; busy: boolean }) {
  const rows = errors?.componentRows ?? 1;
  const fe = errors?.fieldErrors;
  const values = errors?.values;
  const { providers, financiers } = data.organisations;
  return (
    <Form method="post" noValidate className="card" aria-labelledby="voorstellen">
      <h2 id="voorstellen">Arrangement voorstellen</h2>
      <FormError message={errors?.formError} errors={errors?.fieldErrors} />
      <input type="hidden" name="componentRows" value={rows} />
      <Field name="description" label="Omschrijving" type="textarea" required errors={fe} values={values} />
      <div className="form-grid">
        <Field name="periodStart" label="Begindatum" type="date" required errors={fe} values={values} />
        <Field name="periodEnd" label="Einddatum" type="date" required errors={fe} values={values} hint="Na de begindatum." />
        <Field name="costEstimate" label="Geschatte kosten (hele euro's)" required errors={fe} values={values} hint="Bijvoorbeeld 12500 of 12.500." />
      </div>
      <OrganisationChoice
        name="providerIds"
        legend="Aanbieders"
        hint="De aanbieders van de onderdelen worden vanzelf als partij toegevoegd."
        options={providers}
        errors={fe}
        values={values}
      />
      <OrganisationChoice
        name="financierIds"
        legend="Financiers"
        hint="Een zorgverzekeraar, gemeente of zorgkantoor. De financiers van de onderdelen worden vanzelf als partij toegevoegd."
        options={financiers}
        errors={fe}
        values={values}
      />
      <h3>Onderdelen</h3>
      <p className="hint">Minstens één onderdeel. Lege regels worden overgeslagen.</p>
      {Array.from({ length: rows }, (_, i) => (
        <fieldset key={i}>
          <legend>Onderdeel {i + 1}</legend>
          <div className="form-grid">
            <Field name={`components.${i}.kind`} label="Soort" required errors={fe} values={values}>
              <option value="">Kies het soort</option>
              {COMPONENT_KINDS.map((k) => <option key={k} value={k}>{COMPONENT_KIND_LABELS[k]}</option>)}
            </Field>
            <Field name={`components.${i}.description`} label="Omschrijving" required errors={fe} values={values} />
            <Field name={`components.${i}.legalDomain`} label="Wettelijk domein" required errors={fe} values={values}>
              <option value="">Kies het domein</option>
              {LEGAL_DOMAINS.map((d) => <option key={d} value={d}>{LEGAL_DOMAIN_LABELS[d]}</option>)}
            </Field>
            <Field name={`components.${i}.fundingInstrument`} label="Financieringsinstrument" required errors={fe} values={values}>
              <option value="">Kies het instrument</option>
              {FUNDING_INSTRUMENTS.map((f) => <option key={f} value={f}>{FUNDING_INSTRUMENT_LABELS[f]}</option>)}
            </Field>
            <Field name={`components.${i}.providerOrganisationId`} label="Aanbieder" required errors={fe} values={values}>
              <option value="">Kies een aanbieder</option>
              {providers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Field>
            <Field name={`components.${i}.financierOrganisationId`} label="Financier" required errors={fe} values={values}>
              <option value="">Kies een financier</option>
              {financiers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Field>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        {rows < MAX_COMPONENT_ROWS ? (
          <button type="submit" name="intent" value="add_component" className="button button--secondary" disabled={busy}>Nog een onderdeel</button>
        ) : null}
        <button type="submit" name="intent" value="propose" className="button" disabled={busy}>Arrangement voorstellen</button>
      </div>
    </Form>
  );
}
