import { formatDate, isCalendarDate } from "~/lib/format";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { redirectWithFlash } from "~/lib/flash.server";
import { ConfirmAction } from "~/components/confirm-action";
import { Field, FormError } from "~/components/form";
import { CheckboxField, ChoiceGroup } from "~/components/referral-fields";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  INCLUSION_CRITERIA,
  LEGAL_FRAMEWORK_LABELS,
  LEGAL_FRAMEWORKS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  REFERRAL_SOURCE_LABELS,
  REPRESENTATIVE_KINDS,
  REPRESENTATIVE_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  WLZ_INDICATION_LABELS,
  WLZ_INDICATIONS,
  type ConsentMethod,
  type LegalFramework,
  type WlzIndication,
  type OrganisationType,
  type RepresentativeKind,
  type Urgency,
} from "~/domain/vocabulary";
import { contentTypeLabel, formatSize } from "~/lib/attachment-format";
import { deleteAllDraftAttachments, deleteDraftAttachment, listAttachments, readUploadForm, storeDraftAttachment } from "~/lib/attachments.server";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { parseId } from "~/lib/case-access.server";
import type { FieldErrors } from "~/lib/forms";
import { addRow, checkReferral, checkStep, mergeStep, removeRow, requireOwnDraft, sourceFor, type StepContext } from "~/lib/referral-draft.server";
import {
  draftValues,
  fieldId,
  fieldLabel,
  isChecked,
  listOf,
  parseStep,
  rowCount,
  stepOfField,
  STEPS,
  textOf,
  type DraftValues,
  type RowGroup,
  type StepNumber,
} from "~/lib/referral-form";
import { createReferral } from "~/models/referrals.server";
import { deleteDraft, finishDraft, listActiveInsurers, listActiveOrganisations, listActiveTables, saveDraft } from "~/models/referral-drafts.server";
import { placeNames, routeResidence } from "~/models/municipalities.server";
import type { Db } from "~/lib/db.server";
import { notifier } from "~/lib/notifier.server";
import { notifyReferralReceived } from "~/models/notifications.server";

export const meta: MetaFunction = () => [{ title: "Verwijzing invullen – Regiotafel" }];

/** Organisations a consent may name: everyone but the national project office, which never sees a patient. */
const SCOPE_TYPES = ORGANISATION_TYPES.filter((t) => t !== "national_project_office");

function stepContext(db: Db, user: { organisationType: OrganisationType; organisationName: string }): StepContext {
  return {
    organisationType: user.organisationType,
    insurerNames: listActiveInsurers(db).map((i) => i.name),
    tableSlugs: listActiveTables(db).map((t) => t.slug),
    route: (typed) => routeResidence(db, typed),
    ownInsurer: user.organisationType === "insurer" ? user.organisationName : null,
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "referral:create");
  const { db } = context.services;
  const draft = requireOwnDraft(request, context, user, params.draftId);
  const url = new URL(request.url);
  const step = parseStep(url.searchParams.get("stap")) ?? (parseStep(String(draft.step)) ?? 1);
  const values = draftValues(draft.data);
  const isInsurer = user.organisationType === "insurer";
  // A zorgbemiddeling refers only its own insurer's insured: the insurer is fixed.
  if (isInsurer) values["patient.insurer"] = user.organisationName;

  const tables = listActiveTables(db);
  const place = textOf(values, "patient.municipality");
  const route = place.trim() ? routeResidence(db, place) : null;
  const proposedId = route?.ok ? (route.decision?.tableId ?? null) : null;

  // Coming from the error list of the final check: show that step's errors next to its fields.
  let check: { fieldErrors: FieldErrors; formError?: string } | null = null;
  if (url.searchParams.get("controle") === "1" && step !== 4) {
    const checked = checkStep(step, values, stepContext(db, user));
    if (!checked.ok) check = { fieldErrors: checked.fieldErrors, formError: checked.formError };
  }

  return {
    draftId: draft.id,
    // Rows added or removed change the inputs' names; only then is the form rebuilt.
    formKey: `${step}-${rowCount(values, "priorAttempts", 1)}-${rowCount(values, "excludedPersons", 1)}-${url.searchParams.get("rij") ?? ""}`,
    step,
    values,
    organisation: user.organisationName,
    isInsurer,
    sourceLabel: REFERRAL_SOURCE_LABELS[sourceFor(user.organisationType)],
    insurers: listActiveInsurers(db).map((i) => i.name),
    tables,
    proposedTable: proposedId ? (tables.find((t) => t.id === proposedId) ?? null) : null,
    residence: route?.ok ? { municipality: route.municipality.name, code: route.municipality.code, province: route.municipality.province, alias: route.alias, rule: route.rule } : null,
    residenceProblem: route && !route.ok ? route.message : null,
    placeNames: step === 1 ? placeNames(db) : [],
    organisations: step >= 3 ? listActiveOrganisations(db).filter((o) => o.type !== "national_project_office") : [],
    attachments: step === 4 ? listAttachments(db, { draftId: draft.id }).map((a) => ({ ...a, uploadedAt: formatAmsterdam(a.uploadedAt) })) : [],
    check,
  };
}

type ActionData =
  | { kind: "step"; step: StepNumber; fieldErrors: FieldErrors; formError?: string }
  | { kind: "submit"; fieldErrors: FieldErrors; formError?: string }
  | { kind: "upload"; error: string }
  | { kind: "refused"; error: string };

const ROW_INTENT = /^(add|remove)(Attempt|Excluded)(?::(\d{1,2}))?$/;

const UNKNOWN_INTENT = "Deze handeling is niet mogelijk.";
/**
 * The buttons of the page: a fixed action, a step to go to, or a row to add or remove. No
 * intent is the Enter key in a field without a button (the page's first button is "next").
 */
const DraftIntentSchema = z
  .string({ invalid_type_error: UNKNOWN_INTENT })
  .regex(/^(next|prev|submit|propose|upload|deleteAttachment|discard|goto:[1-4]|add(Attempt|Excluded)|remove(Attempt|Excluded):\d{1,2})$/, UNKNOWN_INTENT)
  .default("next");

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "referral:create");
  const { db, config } = context.services;
  const draft = requireOwnDraft(request, context, user, params.draftId);
  const base = `/verwijzingen/concept/${draft.id}`;

  // The upload form is the only multipart post; its size limit is enforced while reading.
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await readUploadForm(request);
    if (!upload.ok) return json<ActionData>({ kind: "upload", error: upload.error }, { status: upload.status });
    const stored = await storeDraftAttachment(db, config.uploadsPath, { file: upload.formData.get("bestand"), draftId: draft.id, userId: user.id });
    if (!stored.ok) return json<ActionData>({ kind: "upload", error: stored.error }, { status: 400 });
    audit(db, {
      action: "attachment.upload",
      actor: actorOf(user),
      objectType: "attachment",
      objectId: stored.attachment.id,
      detail: `concept ${draft.id}: ${stored.attachment.contentType}, ${stored.attachment.size} bytes`,
      origin: context.origin,
    });
    return redirectWithFlash(context, `${base}?stap=4`, "De bijlage is toegevoegd.");
  }

  const formData = await request.formData();
  const step = parseStep(formData.get("stap")) ?? parseStep(String(draft.step)) ?? 1;
  const parsedIntent = DraftIntentSchema.safeParse(formData.get("intent") ?? undefined);
  // An unknown button does nothing, and saves nothing.
  if (!parsedIntent.success) return json<ActionData>({ kind: "refused", error: parsedIntent.error.issues[0].message }, { status: 400 });
  const intent = parsedIntent.data;
  let values = draftValues(draft.data);

  if (intent === "discard") {
    // Only through the confirmation ("Ja, weggooien"): a bare one-click post deletes nothing.
    if (!isConfirmed(formData)) return json<ActionData>({ kind: "refused", error: NOT_CONFIRMED }, { status: 400 });
    const removed = await deleteAllDraftAttachments(db, config.uploadsPath, draft.id);
    deleteDraft(db, draft.id);
    audit(db, { action: "referral.draft_delete", actor: actorOf(user), objectType: "referral_draft", objectId: draft.id, detail: `${removed} bijlage(n) verwijderd`, origin: context.origin });
    return redirect("/verwijzingen");
  }

  if (intent === "deleteAttachment") {
    const attachmentId = parseId(String(formData.get("attachmentId") ?? ""));
    const removed = attachmentId ? await deleteDraftAttachment(db, config.uploadsPath, draft.id, attachmentId) : null;
    if (removed) audit(db, { action: "attachment.delete", actor: actorOf(user), objectType: "attachment", objectId: removed.id, detail: `concept ${draft.id}`, origin: context.origin });
    return removed ? redirectWithFlash(context, `${base}?stap=4`, "De bijlage is verwijderd.") : redirect(`${base}?stap=4`);
  }

  if (intent === "submit") {
    const checked = checkReferral(values, user.organisationType);
    if (!checked.ok) return json<ActionData>({ kind: "submit", fieldErrors: checked.fieldErrors, formError: checked.formError });
    const result = createReferral(
      db,
      checked.data,
      { userId: user.id, organisationId: user.organisationId, via: "form", auditActor: actorOf(user) },
      context.origin,
    );
    if (!result.ok) return json<ActionData>({ kind: "submit", fieldErrors: result.fieldErrors, formError: result.formError });
    finishDraft(db, draft.id, result.caseId);
    notifyReferralReceived(notifier(context), result.caseId);
    const table = listActiveTables(db).find((t) => t.id === result.tableId);
    return redirectWithFlash(context, `/verwijzingen/${result.caseId}`, `Uw verwijzing is ingediend en ontvangen door regiotafel ${table ? `${table.number}. ${table.name}` : ""}. De code is ${result.code}.`);
  }

  // Everything else saves the step first – valid or not – so nothing typed is lost.
  let target: StepNumber = step;
  let hash = "";
  let removed = "";
  if (step !== 4) values = mergeStep(values, step, formData, user.organisationType);
  const row = ROW_INTENT.exec(intent);
  if (row) {
    const group: RowGroup = row[2] === "Attempt" ? "priorAttempts" : "excludedPersons";
    if (row[1] === "add") {
      const added = addRow(values, group, rowCount(values, group, 1));
      values = added.data;
      if (added.index != null) hash = `#${group === "priorAttempts" ? "poging" : "uitgesloten"}-${added.index + 1}`;
    } else if (row[3] != null) {
      values = removeRow(values, group, Number(row[3]));
      // The rows renumber: a fresh form key makes the page rebuild them from the draft.
      removed = `&rij=${Date.now().toString(36)}`;
      hash = `#${fieldId(group === "priorAttempts" ? "priorAttempts" : "consent.excludedPersons")}`;
    }
  } else if (intent === "prev") target = Math.max(1, step - 1) as StepNumber;
  else if (intent.startsWith("goto:")) target = parseStep(intent.slice(5)) ?? step;
  else if (intent === "propose") hash = "#voorstel";

  saveDraft(db, draft.id, values, target);
  if (step !== 4) {
    audit(db, { action: "referral.draft_save", actor: actorOf(user), objectType: "referral_draft", objectId: draft.id, detail: `stap ${step}`, origin: context.origin });
  }

  if (intent === "next" && step !== 4) {
    const checked = checkStep(step, values, stepContext(db, user));
    if (!checked.ok) return json<ActionData>({ kind: "step", step, fieldErrors: checked.fieldErrors, formError: checked.formError });
    target = (step + 1) as StepNumber;
    saveDraft(db, draft.id, values, target);
  }
  return redirect(`${base}?stap=${target}${target === step ? removed : ""}${hash}`);
}

// ── Page ─────────────────────────────────────────────────────────────────────

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ReferralDraft() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { step } = data;
  const title = STEPS.find((s) => s.number === step)!.title;
  const stepResult = actionData?.kind === "step" && actionData.step === step ? actionData : data.check;
  const errors = stepResult?.fieldErrors;
  const formId = "concept-formulier";

  return (
    <>
      <p><Link to="/verwijzingen">← Terug naar verwijzingen</Link></p>
      <h1>Verwijzing naar een regiotafel</h1>
      <p className="lead">Stap {step} van {STEPS.length}: {title}. Wat u invult wordt bewaard bij elke knop die u kiest.</p>

      {/* Keyed by step and row layout, not by the saved version: an answer arriving after a save must
          not rebuild the inputs over what was typed meanwhile (uncontrolled inputs keep it). */}
      <Form method="post" id={formId} noValidate key={data.formKey} aria-labelledby="stap-titel">
        <input type="hidden" name="stap" value={step} />
        {step !== 4 ? (
          // Enter in a text field means "Opslaan en verder", not the first button of the step list.
          <button type="submit" name="intent" value="next" className="visually-hidden" tabIndex={-1} aria-hidden="true">Opslaan en verder</button>
        ) : null}
        <nav aria-label="Stappen van de verwijzing">
          <ol className="plain actions">
            {STEPS.map((s) => (
              <li key={s.number}>
                <button
                  type="submit"
                  name="intent"
                  value={`goto:${s.number}`}
                  className={s.number === step ? "button button--small" : "button button--secondary button--small"}
                  aria-current={s.number === step ? "step" : undefined}
                >
                  {s.number}. {s.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>

        <h2 id="stap-titel">{step}. {title}</h2>
        {actionData?.kind === "refused" ? <FormError message={actionData.error}/> : null}
        {errors && Object.keys(errors).length ? <ErrorSummary errors={errors} formError={stepResult?.formError} /> : null}

        {step === 1 ? <PatientStep data={data} errors={errors} /> : null}
        {step === 2 ? <CareStep data={data} errors={errors} /> : null}
        {step === 3 ? <ConsentStep data={data} errors={errors} /> : null}

        {step !== 4 ? (
          <div className="actions">
            {step > 1 ? <button type="submit" name="intent" value="prev" className="button button--secondary">Vorige</button> : null}
            <button type="submit" name="intent" value="next" className="button" disabled={busy}>Opslaan en verder</button>
          </div>
        ) : null}
      </Form>

      {step === 4 ? <CheckStep data={data} formId={formId} actionData={actionData} busy={busy} /> : null}

      <div className="actions no-print">
        <ConfirmAction
          id="weggooien"
          trigger="Concept weggooien"
          title="Concept weggooien?"
          confirmLabel="Ja, weggooien"
          intent="discard"
          hidden={{ stap: step }}
          triggerClassName="button button--danger button--small"
        >
          <p>Alles wat u voor deze verwijzing heeft ingevuld en toegevoegd wordt verwijderd. Dit kan niet ongedaan worden gemaakt.</p>
        </ConfirmAction>
        <span className="hint">Verwijdert alles wat u voor deze verwijzing heeft ingevuld en toegevoegd.</span>
      </div>
    </>
  );
}

function ErrorSummary({ errors, formError }: { errors: FieldErrors; formError?: string }) {
  return <FormError message={formError ?? "Niet alles is goed ingevuld. De verwijzing is wel bewaard; verbeter de volgende velden:"} errors={errors} linkTo={(path) => `#${fieldId(path)}`} labelOf={fieldLabel} />;
}

type StepProps = { data: LoaderData; errors?: FieldErrors };

function PatientStep({ data, errors }: StepProps) {
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

function CareStep({ data, errors }: StepProps) {
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
        {Array.from({ length: attempts }, (_, i) => (
          <fieldset key={i} id={`poging-${i + 1}`}>
            <legend>Poging {i + 1}</legend>
            <div className="form-grid">
              <Field name={`priorAttempts.${i}.who`} label="Wie (organisatie of hulpverlener)" errors={errors} values={values} />
              <Field name={`priorAttempts.${i}.when`} label="Wanneer" hint="Bijvoorbeeld ‘maart 2026’." errors={errors} values={values} />
            </div>
            <Field name={`priorAttempts.${i}.what`} label="Wat is geprobeerd" type="textarea" errors={errors} values={values} />
            <Field name={`priorAttempts.${i}.whyFailed`} label="Waarom lukte het niet" type="textarea" errors={errors} values={values} />
            {attempts > 1 ? (
              <button type="submit" name="intent" value={`removeAttempt:${i}`} className="button button--secondary button--small">Poging {i + 1} verwijderen</button>
            ) : null}
          </fieldset>
        ))}
        <button type="submit" name="intent" value="addAttempt" className="button button--secondary">Nog een poging toevoegen</button>
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

const LEGAL_ORDER_HINT =
  "Is de patiënt wilsonbekwaam ter zake, dan geeft een vertegenwoordiger toestemming in deze wettelijke volgorde: 1. curator of mentor (door de rechter benoemd); 2. schriftelijk gemachtigde; 3. echtgeno(o)t(e), geregistreerd partner of levensgezel; 4. ouder, kind, broer of zus. Een lagere rang mag alleen optreden als niemand van een hogere rang er is of wil optreden.";

function ConsentStep({ data, errors }: StepProps) {
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
        {Array.from({ length: excluded }, (_, i) => (
          <fieldset key={i} id={`uitgesloten-${i + 1}`}>
            <legend>Persoon {i + 1}</legend>
            <div className="form-grid">
              <Field name={`consent.excludedPersons.${i}.name`} label="Naam" autoComplete="off" errors={errors} values={values} />
              <Field name={`consent.excludedPersons.${i}.email`} label="E-mailadres (niet verplicht)" type="email" autoComplete="off" errors={errors} values={values} />
            </div>
            {excluded > 1 ? (
              <button type="submit" name="intent" value={`removeExcluded:${i}`} className="button button--secondary button--small">Persoon {i + 1} verwijderen</button>
            ) : null}
          </fieldset>
        ))}
        <button type="submit" name="intent" value="addExcluded" className="button button--secondary">Nog een persoon toevoegen</button>
      </fieldset>
    </>
  );
}

// ── Step 4: attachments, summary, submission ─────────────────────────────────

function CheckStep({ data, formId, actionData, busy }: { data: LoaderData; formId: string; actionData: ActionData | undefined; busy: boolean }) {
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

function Summary({ data, formId }: { data: LoaderData; formId: string }) {
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
