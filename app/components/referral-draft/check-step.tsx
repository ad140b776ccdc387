// Step 4 of the referral wizard: attachments, the summary of all steps, and submission.
import { formatDate, isCalendarDate } from "~/domain/format";
import { Form } from "@remix-run/react";
import { FormError } from "~/components/form";
import { CONSENT_METHOD_LABELS, LEGAL_FRAMEWORK_LABELS, ORGANISATION_TYPE_LABELS, REPRESENTATIVE_LABELS, URGENCY_LABELS, WLZ_INDICATION_LABELS, type ConsentMethod, type LegalFramework, type WlzIndication, type OrganisationType, type RepresentativeKind, type Urgency } from "~/domain/vocabulary";
import { contentTypeLabel, formatSize } from "~/lib/attachment-format";
import type { FieldErrors } from "~/lib/forms";
import { fieldId, fieldLabel, isChecked, listOf, rowCount, stepOfField, STEPS, textOf, type DraftValues, type StepNumber } from "~/domain/referral-form";
import type { DraftActionData, DraftPageData } from "./types";

export function CheckStep({ data, formId, actionData, busy }: { data: DraftPageData; formId: string; actionData: DraftActionData | undefined; busy: boolean }) {
  const uploadError = actionData?.kind === "upload" ? actionData.error : undefined;
  const submit = actionData?.kind === "submit" ? actionData : undefined;
  return (
    <>
      {submit ? <SubmitErrors draftId={data.draftId} fieldErrors={submit.fieldErrors} formError={submit.formError} /> : null}

      <section className="card" aria-labelledby="bijlagen">
        <h3 id="bijlagen">Bijlagen</h3>
        <p>Voeg bijvoorbeeld een verwijsbrief of behandelplan toe.</p>
        {data.attachments.length ? (
          <table className="data">
            <caption className="visually-hidden">Toegevoegde bijlagen</caption>
            <thead>
              <tr>
                <th scope="col">Bestand</th>
                <th scope="col">Soort</th>
                <th scope="col">Grootte</th>
                <th scope="col"><span className="visually-hidden">Actie</span></th>
              </tr>
            </thead>
            <tbody>
              {data.attachments.map((a) => (
                <tr key={a.id}>
                  <td><a href={`/bijlagen/${a.id}`}>{a.fileName}</a></td>
                  <td>{contentTypeLabel(a.contentType)}</td>
                  <td>{formatSize(a.size)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="stap" value="4" />
                      <input type="hidden" name="attachmentId" value={a.id} />
                      <button type="submit" name="intent" value="deleteAttachment" className="button button--secondary button--small" aria-label={`${a.fileName} verwijderen`}>Verwijderen</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er zijn nog geen bijlagen toegevoegd.</p>
        )}
        <Form method="post" encType="multipart/form-data" noValidate aria-label="Bijlage toevoegen" key={data.attachments.map((a) => a.id).join("-")}>
          <input type="hidden" name="stap" value="4" />
          {uploadError ? <FormError message="De bijlage is niet toegevoegd." errors={{ bestand: [uploadError] }} /> : null}
          <div className={`field${uploadError ? " field--error" : ""}`}>
            <label htmlFor="veld-bestand">Bestand</label>
            <p className="hint" id="veld-bestand-hint">Een PDF of een afbeelding (PNG, JPEG, GIF, WebP, TIFF of HEIC) van hoogstens 10 MB.</p>
            <input
              type="file"
              id="veld-bestand"
              name="bestand"
              accept=".pdf,application/pdf,image/png,image/jpeg,image/gif,image/webp,image/tiff,image/heic"
              aria-invalid={uploadError ? true : undefined}
              aria-describedby={uploadError ? "veld-bestand-hint veld-bestand-fout" : "veld-bestand-hint"}
            />
            {uploadError ? <p className="field-error" id="veld-bestand-fout">{uploadError}</p> : null}
          </div>
          <button type="submit" name="intent" value="upload" className="button button--secondary" disabled={busy}>Bijlage toevoegen</button>
        </Form>
      </section>

      <Summary data={data} formId={formId} />

      <div className="actions">
        <button type="submit" form={formId} name="intent" value="prev" className="button button--secondary">Vorige</button>
        <button type="submit" form={formId} name="intent" value="submit" className="button" disabled={busy}>Verwijzing indienen</button>
      </div>
    </>
  );
}

/** What keeps the referral from being sent, step by step, each linking to its field on that step. */
function SubmitErrors({ draftId, fieldErrors, formError }: { draftId: number; fieldErrors: FieldErrors; formError?: string }) {
  const byStep = Object.fromEntries(Object.entries(fieldErrors).filter(([, m]) => m?.length).sort(([a], [b]) => stepOfField(a) - stepOfField(b)));
  return (
    <FormError
      message={<><p>De verwijzing is nog niet ingediend.</p>{formError ? <p>{formError}</p> : null}<p>Vul eerst de volgende gegevens aan:</p></>}
      errors={byStep}
      linkTo={(path) => `/verwijzingen/concept/${draftId}?stap=${stepOfField(path)}&controle=1#${fieldId(path)}`}
      labelOf={(path) => `Stap ${stepOfField(path)} (${STEPS[stepOfField(path) - 1].title}) – ${fieldLabel(path)}`}
    />
  );
}

function Shown({ value }: { value: string }) {
  return value.trim() ? <>{value}</> : <span className="muted">niet ingevuld</span>;
}

/** A typed day as people write it ("12 april 1988"); anything else as typed. */
const asDay = (value: string) => (isCalendarDate(value.trim()) ? formatDate(value.trim()) : value);

function EditButton({ formId, step }: { formId: string; step: StepNumber }) {
  return (
    <button type="submit" form={formId} name="intent" value={`goto:${step}`} className="button button--secondary button--small">
      {STEPS[step - 1].title} wijzigen
    </button>
  );
}

function Summary({ data, formId }: { data: DraftPageData; formId: string }) {
  const v: DraftValues = data.values;
  const t = (name: string) => textOf(v, name);
  const overrideTable = data.tables.find((x) => x.slug === t("tableOverride.table"));
  const attempts = Array.from({ length: rowCount(v, "priorAttempts") }, (_, i) => i).filter((i) => ["who", "what", "when", "whyFailed"].some((f) => t(`priorAttempts.${i}.${f}`).trim()));
  const excluded = Array.from({ length: rowCount(v, "excludedPersons") }, (_, i) => i).filter((i) => t(`consent.excludedPersons.${i}.name`).trim() || t(`consent.excludedPersons.${i}.email`).trim());
  const scopeTypes = listOf(v, "consent.scopeOrganisationTypes").filter((x): x is OrganisationType => x in ORGANISATION_TYPE_LABELS);
  const scopeOrgs = listOf(v, "consent.scopeOrganisationIds").map((id) => data.organisations.find((o) => String(o.id) === id)?.name ?? `organisatie ${id}`);
  const givenBy = t("consent.givenBy");
  const kind = t("consent.representativeKind") as RepresentativeKind;
  return (
    <section className="card" aria-labelledby="samenvatting">
      <h3 id="samenvatting">Controleer de verwijzing</h3>

      <h4>1. Patiënt</h4>
      <dl className="facts">
        <dt>Aanmelder</dt><dd>{data.sourceLabel} ({data.organisation})</dd>
        {data.isInsurer ? (<><dt>Via de VWS-unit</dt><dd>{isChecked(v, "viaVwsUnit") ? "Ja" : "Nee"}</dd></>) : null}
        <dt>Naam</dt><dd><Shown value={t("patient.name")} /></dd>
        <dt>BSN</dt><dd><Shown value={t("patient.bsn")} /></dd>
        <dt>Geboortedatum</dt><dd><Shown value={asDay(t("patient.dateOfBirth"))} /></dd>
        <dt>Adres</dt><dd><Shown value={t("patient.address")} /></dd>
        <dt>Woonplaats</dt><dd><Shown value={t("patient.municipality")} /></dd>
        <dt>Gemeente en provincie</dt><dd>{data.residence ? `${data.residence.municipality}, ${data.residence.province}` : <span className="muted">nog niet bekend</span>}</dd>
        <dt>Zorgverzekeraar</dt><dd><Shown value={t("patient.insurer")} /></dd>
        <dt>Voorgestelde regiotafel</dt><dd>{data.proposedTable ? `${data.proposedTable.number}. ${data.proposedTable.name}` : <span className="muted">nog niet bekend</span>}</dd>
        {overrideTable ? (<><dt>Gekozen regiotafel</dt><dd>{overrideTable.number}. {overrideTable.name} – reden: <Shown value={t("tableOverride.reason")} /></dd></>) : null}
      </dl>
      <EditButton formId={formId} step={1} />

      <h4>2. Zorgvraag</h4>
      <dl className="facts">
        <dt>Huidige zorgaanbieders</dt><dd><Shown value={t("currentProviders")} /></dd>
        <dt>Behandelgeschiedenis</dt><dd><Shown value={t("treatmentHistory")} /></dd>
        <dt>Vraagstelling</dt><dd><Shown value={t("careQuestion")} /></dd>
        <dt>Probleembeschrijving</dt><dd><Shown value={t("problemDescription")} /></dd>
        <dt>Urgentie</dt><dd>{URGENCY_LABELS[t("urgency") as Urgency] ?? <span className="muted">niet ingevuld</span>}</dd>
        <dt>Hoofddiagnosen</dt><dd><Shown value={t("mainDiagnoses")} /></dd>
        <dt>Wettelijk kader</dt>
        <dd>{LEGAL_FRAMEWORK_LABELS[t("legalFramework") as LegalFramework] ?? <span className="muted">niet ingevuld</span>}{t("legalFrameworkEndDate") && t("legalFramework") !== "none" ? `, tot ${asDay(t("legalFrameworkEndDate"))}` : ""}</dd>
        <dt>Woonsituatie</dt><dd><Shown value={t("livingSituation")} /></dd>
        <dt>Huisarts</dt><dd><Shown value={t("generalPractitioner")} /></dd>
        <dt>Wlz-indicatie</dt><dd>{WLZ_INDICATION_LABELS[t("wlzIndication") as WlzIndication] ?? <span className="muted">niet ingevuld</span>}</dd>
        <dt>Criteria volgens de verwijzer</dt><dd>{listOf(v, "referrerCriteria").join(", ") || <span className="muted">geen aangegeven</span>}</dd>
        <dt>Contactpersoon</dt><dd><Shown value={[t("contact.name"), t("contact.phone"), t("contact.email")].filter((x) => x.trim()).join(", ")} /></dd>
      </dl>
      <p><strong>Eerdere plaatsingspogingen</strong></p>
      {attempts.length ? (
        <ol>
          {attempts.map((i) => (
            <li key={i}>
              {t(`priorAttempts.${i}.who`) || "?"} ({asDay(t(`priorAttempts.${i}.when`)) || "?"}): {t(`priorAttempts.${i}.what`)} – niet gelukt omdat: {t(`priorAttempts.${i}.whyFailed`)}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">Geen poging beschreven.</p>
      )}
      <EditButton formId={formId} step={2} />

      <h4>3. Toestemming</h4>
      <dl className="facts">
        <dt>Gegeven door</dt>
        <dd>
          {givenBy === "patient" ? "De patiënt zelf" : givenBy === "representative" ? `Vertegenwoordiger: ${REPRESENTATIVE_LABELS[kind] ?? "soort niet gekozen"}${t("consent.representativeName") ? `, ${t("consent.representativeName")}` : ""}` : <span className="muted">niet ingevuld</span>}
        </dd>
        {givenBy === "representative" ? (
          <>
            <dt>Patiënt wilsonbekwaam ter zake</dt><dd>{isChecked(v, "consent.patientIncompetent") ? "Ja" : "Nee"}</dd>
            <dt>Niemand hoger in de rangorde</dt><dd>{isChecked(v, "consent.higherRanksUnavailable") ? "Bevestigd" : "Niet bevestigd"}</dd>
          </>
        ) : null}
        <dt>Manier</dt><dd>{CONSENT_METHOD_LABELS[t("consent.method") as ConsentMethod] ?? <span className="muted">niet ingevuld</span>}</dd>
        <dt>Datum</dt><dd><Shown value={asDay(t("consent.givenOn"))} /></dd>
        <dt>Identiteit zichtbaar voor</dt>
        <dd>{[...scopeTypes.map((x) => ORGANISATION_TYPE_LABELS[x]), ...scopeOrgs].join(", ") || <span className="muted">alleen de organisatie van de voorzitter en uw eigen organisatie</span>}</dd>
        <dt>Niet betrekken</dt>
        <dd>
          {excluded.length
            ? excluded.map((i) => [t(`consent.excludedPersons.${i}.name`), t(`consent.excludedPersons.${i}.email`)].filter(Boolean).join(" – ")).join("; ")
            : <span className="muted">niemand genoemd</span>}
        </dd>
      </dl>
      <EditButton formId={formId} step={3} />

      <h4>4. Bijlagen</h4>
      <p>{data.attachments.length ? data.attachments.map((a) => a.fileName).join(", ") : <span className="muted">geen</span>}</p>
    </section>
  );
}
