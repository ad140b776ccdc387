// Step 1 of the referral wizard: the patient, their insurer and the proposed regional table.
import { Field } from "~/components/form";
import { CheckboxField } from "~/components/referral-fields";
import type { FieldErrors } from "~/lib/forms";
import { fieldId } from "~/domain/referral-form";
import type { DraftActionData, DraftPageData } from "./types";

type StepProps = { data: DraftPageData; errors?: FieldErrors };

export function PatientStep({ data, errors }: StepProps) {
  const { values } = data;
  return (
    <>
      <p>
        Aanmelder: <strong>{data.sourceLabel}</strong> ({data.organisation})
      </p>
      {data.isInsurer ? (
        <CheckboxField
          name="viaVwsUnit"
          label="Aangemeld bij de VWS-unit complexe zorgvragen"
          hint="Vink aan als de patiënt (of iemand namens de patiënt) zich bij de VWS-unit heeft gemeld en de unit de vraag via u, de zorgverzekeraar, doorgeeft."
          errors={errors}
          values={values}
        />
      ) : null}
      <div className="form-grid">
        <Field name="patient.name" label="Naam van de patiënt" required autoComplete="off" errors={errors} values={values} />
        <Field name="patient.bsn" label="Burgerservicenummer (BSN)" required autoComplete="off" hint="Negen cijfers; het nummer wordt met de elfproef gecontroleerd." errors={errors} values={values} />
        <Field name="patient.dateOfBirth" label="Geboortedatum" type="date" required errors={errors} values={values} />
        <Field name="patient.address" label="Adres" autoComplete="off" hint="Straat, huisnummer en postcode. Niet verplicht." errors={errors} values={values} />
        <Field
          name="patient.municipality"
          label="Woonplaats (gemeente)"
          required
          autoComplete="off"
          list="gemeenten"
          hint="Een gemeente uit de CBS-indeling van 1 januari 2026 of een plaatsnaam daarbinnen (zoals Spijkenisse). De provincie volgt uit de gemeente."
          errors={errors}
          values={values}
        />
        <datalist id="gemeenten">
          {data.placeNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {data.isInsurer ? (
          <div className="field">
            <span className="label">Zorgverzekeraar van de patiënt</span>
            <p id={fieldId("patient.insurer")}>
              <strong>{data.organisation}</strong>{" "}
              <span className="hint">Als zorgbemiddeling meldt u alleen verzekerden van uw eigen zorgverzekeraar aan.</span>
            </p>
            <input type="hidden" name="patient.insurer" value={data.organisation} />
            {errors?.["patient.insurer"] ? <p className="field-error">{errors["patient.insurer"][0]}</p> : null}
          </div>
        ) : (
          <Field name="patient.insurer" label="Zorgverzekeraar van de patiënt" required errors={errors} values={values}>
            <option value="">Kies een zorgverzekeraar</option>
            {data.insurers.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </Field>
        )}
      </div>

      <section id="voorstel" aria-labelledby="voorstel-titel" tabIndex={-1}>
        <h3 id="voorstel-titel">Regiotafel</h3>
        {data.proposedTable && data.residence ? (
          <div className="alert alert--ok">
            <p>
              Voorgestelde regiotafel op grond van de woonplaats: <strong>{data.proposedTable.number}. {data.proposedTable.name}</strong>
            </p>
            <p>
              Gemeente {data.residence.municipality} ({data.residence.code}, provincie {data.residence.province})
              {data.residence.alias ? <> – ‘{data.residence.alias}’ hoort bij deze gemeente</> : null}. Regel: {data.residence.rule}.
            </p>
          </div>
        ) : data.residenceProblem ? (
          <p className="alert alert--warn">{data.residenceProblem}</p>
        ) : data.residence ? (
          <p className="alert alert--warn">Voor deze woonplaats is geen regiotafel bekend. Kies hieronder zelf een regiotafel en geef de reden.</p>
        ) : (
          <p className="muted">Vul de woonplaats in en kies ‘Regiotafel bepalen’: dan ziet u naar welke regiotafel de verwijzing gaat en waarom.</p>
        )}
        <button type="submit" name="intent" value="propose" className="button button--secondary button--small">Regiotafel bepalen</button>
      </section>

      <fieldset>
        <legend>Andere regiotafel kiezen (niet verplicht)</legend>
        <p className="hint">
          De regiotafel volgt de woonplaats van de patiënt. Kiest u een andere tafel, bijvoorbeeld vanwege regiobinding of een passend bovenregionaal aanbod, geef dan de reden; die wordt bij de verwijzing vastgelegd.
        </p>
        <Field name="tableOverride.table" label="Andere regiotafel" errors={errors} values={values}>
          <option value="">Geen: volg het voorstel</option>
          {data.tables.map((t) => (
            <option key={t.slug} value={t.slug}>{t.number}. {t.name}</option>
          ))}
        </Field>
        <Field name="tableOverride.reason" label="Reden voor een andere regiotafel" type="textarea" errors={errors} values={values} />
      </fieldset>
    </>
  );
}
