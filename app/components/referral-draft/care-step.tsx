// Step 2 of the referral wizard: the care question, diagnoses and prior placement attempts.
import { Field } from "~/components/form";
import { ChoiceGroup } from "~/components/referral-fields";
import { RepeatedRows } from "~/components/repeated-rows";
import { INCLUSION_CRITERIA, LEGAL_FRAMEWORK_LABELS, LEGAL_FRAMEWORKS, URGENCIES, URGENCY_LABELS, WLZ_INDICATION_LABELS, WLZ_INDICATIONS } from "~/domain/vocabulary";
import type { FieldErrors } from "~/lib/forms";
import { fieldId, rowCount } from "~/domain/referral-form";
import type { DraftActionData, DraftPageData } from "./types";

type StepProps = { data: DraftPageData; errors?: FieldErrors };

export function CareStep({ data, errors }: StepProps) {
  const { values } = data;
  const attempts = rowCount(values, "priorAttempts", 1);
  const attemptsError = errors?.priorAttempts?.[0];
  return (
    <>
      <Field name="currentProviders" label="Huidige zorgaanbieders" type="textarea" required hint="Welke zorgaanbieders en hulpverleners zijn nu betrokken?" errors={errors} values={values} />
      <Field name="treatmentHistory" label="Behandelgeschiedenis" type="textarea" required hint="Eerdere behandelingen en opnames, met periode en resultaat." errors={errors} values={values} />
      <Field name="careQuestion" label="Vraagstelling aan de regiotafel" type="textarea" required hint="Wat vraagt u de regiotafel precies? Een heldere vraag is nodig voordat de casus geagendeerd kan worden." errors={errors} values={values} />
      <Field
        name="problemDescription"
        label="Probleembeschrijving"
        type="textarea"
        required
        hint="Beschrijf de samenhang: meerdere (psychiatrische) aandoeningen en de levensdomeinen waarop het vastloopt, zoals wonen, financiën, dagbesteding, sociaal netwerk en justitie. Schrijf hier niet de naam of het BSN van de patiënt."
        errors={errors}
        values={values}
      />

      <fieldset id={fieldId("priorAttempts")} tabIndex={-1} className={attemptsError ? "field--error" : undefined} aria-describedby={attemptsError ? "pogingen-fout" : "pogingen-hint"}>
        <legend>Eerdere plaatsingspogingen<span aria-hidden="true"> *</span></legend>
        <p className="hint" id="pogingen-hint">Een regiotafel neemt alleen patiënten die via de reguliere weg niet geplaatst konden worden. Beschrijf minstens één poging.</p>
        {attemptsError ? <p className="field-error" id="pogingen-fout">{attemptsError}</p> : null}
        <RepeatedRows count={attempts} noun="Poging" idPrefix="poging" removeIntent="removeAttempt" addIntent="addAttempt" addLabel="Nog een poging toevoegen">
          {(i) => (
            <>
              <div className="form-grid">
                <Field name={`priorAttempts.${i}.who`} label="Wie (organisatie of hulpverlener)" errors={errors} values={values} />
                <Field name={`priorAttempts.${i}.when`} label="Wanneer" hint="Bijvoorbeeld ‘maart 2026’." errors={errors} values={values} />
              </div>
              <Field name={`priorAttempts.${i}.what`} label="Wat is geprobeerd" type="textarea" errors={errors} values={values} />
              <Field name={`priorAttempts.${i}.whyFailed`} label="Waarom lukte het niet" type="textarea" errors={errors} values={values} />
            </>
          )}
        </RepeatedRows>
      </fieldset>

      <Field name="urgency" label="Urgentie" required errors={errors} values={values}>
        <option value="">Kies de urgentie</option>
        {URGENCIES.map((u) => (
          <option key={u} value={u}>{URGENCY_LABELS[u]}</option>
        ))}
      </Field>

      <fieldset>
        <legend>Minimale gegevensset voor de regiotafel</legend>
        <Field name="mainDiagnoses" label="Hoofddiagnosen" type="textarea" required hint="De diagnosen in de tekst van de classificatie (DSM-5 of ICD-10), bijvoorbeeld ‘Schizofrenie (F20.0)’." errors={errors} values={values} />
        <div className="form-grid">
          <Field name="legalFramework" label="Wettelijk kader" required errors={errors} values={values}>
            <option value="">Kies het wettelijk kader</option>
            {LEGAL_FRAMEWORKS.map((f) => (
              <option key={f} value={f}>{LEGAL_FRAMEWORK_LABELS[f]}</option>
            ))}
          </Field>
          <Field name="legalFrameworkEndDate" label="Einddatum wettelijk kader" type="date" hint="Verplicht bij Wvggz of Wzd: tot wanneer de machtiging of het besluit loopt." errors={errors} values={values} />
          <Field name="wlzIndication" label="Wlz-indicatie" required errors={errors} values={values}>
            <option value="">Kies</option>
            {WLZ_INDICATIONS.map((w) => (
              <option key={w} value={w}>{WLZ_INDICATION_LABELS[w]}</option>
            ))}
          </Field>
          <Field name="generalPractitioner" label="Huisarts" hint="Naam en plaats van de praktijk. Niet verplicht." errors={errors} values={values} />
        </div>
        <Field name="livingSituation" label="Huidige woonsituatie" type="textarea" required hint="Bijvoorbeeld zelfstandig, beschermd wonen, klinisch opgenomen of dakloos." errors={errors} values={values} />
        <ChoiceGroup
          type="checkbox"
          name="referrerCriteria"
          legend="Welke inclusiecriteria zijn volgens u van toepassing?"
          hint="De voorzitter toetst de criteria zelf; uw inschatting helpt bij de screening."
          options={INCLUSION_CRITERIA.map((c) => ({ value: String(c.number), label: `${c.number}. ${c.label}` }))}
          errors={errors}
          values={values}
        />
      </fieldset>

      <fieldset>
        <legend>Contactpersoon voor de regiotafel</legend>
        <div className="form-grid">
          <Field name="contact.name" label="Naam" required autoComplete="name" errors={errors} values={values} />
          <Field name="contact.phone" label="Telefoonnummer" type="tel" required autoComplete="tel" errors={errors} values={values} />
          <Field name="contact.email" label="E-mailadres" type="email" required autoComplete="email" errors={errors} values={values} />
        </div>
      </fieldset>
    </>
  );
}
