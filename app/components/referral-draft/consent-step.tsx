// Step 3 of the referral wizard: who consented, how, and for which organisations.
import { Field } from "~/components/form";
import { CheckboxField, ChoiceGroup } from "~/components/referral-fields";
import { RepeatedRows } from "~/components/repeated-rows";
import { CONSENT_METHOD_LABELS, CONSENT_METHODS, ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, REPRESENTATIVE_KINDS, REPRESENTATIVE_LABELS } from "~/domain/vocabulary";
import type { FieldErrors } from "~/lib/forms";
import { fieldId, listOf, rowCount } from "~/domain/referral-form";
import type { DraftActionData, DraftPageData } from "./types";

/** Organisations a consent may name: everyone but the national project office, which never sees a patient. */
const SCOPE_TYPES = ORGANISATION_TYPES.filter((t) => t !== "national_project_office");

type StepProps = { data: DraftPageData; errors?: FieldErrors };

const LEGAL_ORDER_HINT =
  "Is de patiënt wilsonbekwaam ter zake, dan geeft een vertegenwoordiger toestemming in deze wettelijke volgorde: 1. curator of mentor (door de rechter benoemd); 2. schriftelijk gemachtigde; 3. echtgeno(o)t(e), geregistreerd partner of levensgezel; 4. ouder, kind, broer of zus. Een lagere rang mag alleen optreden als niemand van een hogere rang er is of wil optreden.";

export function ConsentStep({ data, errors }: StepProps) {
  const { values } = data;
  const excluded = rowCount(values, "excludedPersons", 1);
  const byType = SCOPE_TYPES.map((type) => ({ type, organisations: data.organisations.filter((o) => o.type === type) })).filter((g) => g.organisations.length);
  const chosenIds = listOf(values, "consent.scopeOrganisationIds");
  const idsError = Object.entries(errors ?? {}).find(([k]) => k.startsWith("consent.scopeOrganisationIds"))?.[1]?.[0];
  return (
    <>
      <p id={fieldId("consent")} tabIndex={-1}>
        Zonder toestemming van de patiënt mag de regiotafel niet met andere organisaties overleggen. Leg vast wie de toestemming gaf, hoe en wanneer, en wie de identiteit van de patiënt mag zien.
      </p>
      <ChoiceGroup
        type="radio"
        name="consent.givenBy"
        legend="Wie gaf de toestemming?"
        required
        options={[
          { value: "patient", label: "De patiënt zelf" },
          { value: "representative", label: "Een vertegenwoordiger, omdat de patiënt wilsonbekwaam is ter zake" },
        ]}
        errors={errors}
        values={values}
      />
      <fieldset>
        <legend>Vertegenwoordiger (alleen als een vertegenwoordiger de toestemming gaf)</legend>
        <p className="hint" id="rangorde">{LEGAL_ORDER_HINT}</p>
        <Field name="consent.representativeKind" label="Soort vertegenwoordiger" errors={errors} values={values}>
          <option value="">Kies de vertegenwoordiger</option>
          {REPRESENTATIVE_KINDS.map((kind, i) => (
            <option key={kind} value={kind}>{i + 1}. {REPRESENTATIVE_LABELS[kind]}</option>
          ))}
        </Field>
        <Field name="consent.representativeName" label="Naam van de vertegenwoordiger" autoComplete="off" errors={errors} values={values} />
        <CheckboxField name="consent.patientIncompetent" label="De patiënt is wilsonbekwaam ter zake van deze toestemming" errors={errors} values={values} />
        <CheckboxField
          name="consent.higherRanksUnavailable"
          label="Er is niemand hoger in de wettelijke rangorde die kan of wil optreden"
          hint="Nodig voor een schriftelijk gemachtigde, partner of familielid (rang 2 tot en met 4)."
          errors={errors}
          values={values}
        />
      </fieldset>
      <ChoiceGroup
        type="radio"
        name="consent.method"
        legend="Hoe is de toestemming gegeven?"
        required
        options={CONSENT_METHODS.map((m) => ({ value: m, label: CONSENT_METHOD_LABELS[m] }))}
        errors={errors}
        values={values}
      />
      <Field name="consent.givenOn" label="Datum van de toestemming" type="date" required errors={errors} values={values} />

      <ChoiceGroup
        type="checkbox"
        name="consent.scopeOrganisationTypes"
        legend="Welke soorten organisaties aan tafel mogen de identiteit van de patiënt zien?"
        hint="De organisatie van de voorzitter van de regiotafel ziet de identiteit altijd; uw eigen organisatie zolang de toestemming geldt. Anderen zien zonder toestemming alleen een beschrijving zonder naam."
        options={SCOPE_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))}
        errors={errors}
        values={values}
      />
      <fieldset id={fieldId("consent.scopeOrganisationIds")} tabIndex={-1} className={idsError ? "field--error" : undefined}>
        <legend>Of alleen deze organisaties</legend>
        <p className="hint">Kies organisaties als de toestemming niet voor een hele soort geldt.</p>
        {idsError ? <p className="field-error">{idsError}</p> : null}
        {byType.map((group) => (
          <fieldset key={group.type}>
            <legend>{ORGANISATION_TYPE_LABELS[group.type]}</legend>
            {group.organisations.map((o) => (
              <label key={o.id} className="checkbox" htmlFor={`${fieldId("consent.scopeOrganisationIds")}-${o.id}`}>
                <input type="checkbox" id={`${fieldId("consent.scopeOrganisationIds")}-${o.id}`} name="consent.scopeOrganisationIds" value={o.id} defaultChecked={chosenIds.includes(String(o.id))} />
                <span>{o.name}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>

      <fieldset id={fieldId("consent.excludedPersons")} tabIndex={-1}>
        <legend>Personen die niet betrokken mogen worden</legend>
        <p className="hint">Noem wie de patiënt uitdrukkelijk niet betrokken wil hebben. Met een e-mailadres kan het portaal deze persoon ook de toegang weigeren.</p>
        <RepeatedRows count={excluded} noun="Persoon" idPrefix="uitgesloten" removeIntent="removeExcluded" addIntent="addExcluded" addLabel="Nog een persoon toevoegen">
          {(i) => (
            <div className="form-grid">
              <Field name={`consent.excludedPersons.${i}.name`} label="Naam" autoComplete="off" errors={errors} values={values} />
              <Field name={`consent.excludedPersons.${i}.email`} label="E-mailadres (niet verplicht)" type="email" autoComplete="off" errors={errors} values={values} />
            </div>
          )}
        </RepeatedRows>
      </fieldset>
    </>
  );
}
