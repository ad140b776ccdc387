import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { redirectWithFlash } from "~/lib/flash.server";
import { ConfirmAction } from "~/components/confirm-action";
import { CareStep } from "~/components/referral-draft/care-step";
import { CheckStep } from "~/components/referral-draft/check-step";
import { ConsentStep } from "~/components/referral-draft/consent-step";
import { PatientStep } from "~/components/referral-draft/patient-step";
import { FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import { REFERRAL_SOURCE_LABELS, type OrganisationType } from "~/domain/vocabulary";
import { deleteAllDraftAttachments, deleteDraftAttachment, listAttachments, readUploadForm, storeDraftAttachment } from "~/lib/attachments.server";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { parseId } from "~/lib/case-access.server";
import type { FieldErrors } from "~/lib/forms";
import { addRow, checkReferral, checkStep, mergeStep, removeRow, requireOwnDraft, sourceFor, type StepContext } from "~/lib/referral-draft.server";
import { draftValues, fieldId, fieldLabel, parseStep, rowCount, STEPS, textOf, type RowGroup, type StepNumber } from "~/lib/referral-form";
import { createReferral } from "~/models/referrals.server";
import { deleteDraft, finishDraft, listActiveInsurers, listActiveOrganisations, listActiveTables, saveDraft } from "~/models/referral-drafts.server";
import { placeNames, routeResidence } from "~/models/municipalities.server";
import type { Db } from "~/lib/db.server";
import { notifier } from "~/lib/notifier.server";
import { notifyReferralReceived } from "~/models/notifications.server";

export const meta: MetaFunction = () => [{ title: "Verwijzing invullen – Regiotafel" }];

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

export type ActionData =
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
