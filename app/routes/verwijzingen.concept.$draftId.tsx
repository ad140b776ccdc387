import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmAction } from "~/components/confirm-action";
import { deleteAttachment, discardDraft, saveStep, stepContext, submitDraft, uploadAttachment, type ActionData } from "~/services/referral-draft-actions.server";
import { CareStep } from "~/components/referral-draft/care-step";
import { CheckStep } from "~/components/referral-draft/check-step";
import { ConsentStep } from "~/components/referral-draft/consent-step";
import { PatientStep } from "~/components/referral-draft/patient-step";
import { FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import { REFERRAL_SOURCE_LABELS } from "~/domain/vocabulary";
import { listAttachments } from "~/models/attachments.server";
import { requirePermission } from "~/lib/auth.server";
import type { FieldErrors } from "~/lib/forms";
import { checkStep, requireOwnDraft, sourceFor } from "~/lib/referral-draft.server";
import { draftValues, fieldId, fieldLabel, parseStep, rowCount, STEPS, textOf } from "~/domain/referral-form";
import { listActiveInsurers, listActiveOrganisations, listActiveTables } from "~/models/referral-drafts.server";
import { placeNames, routeResidence } from "~/models/municipalities.server";

export const meta: MetaFunction = () => [{ title: "Verwijzing invullen – Regiotafel" }];


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
  const draft = requireOwnDraft(request, context, user, params.draftId);
  const ctx = { context, user, draft, base: `/verwijzingen/concept/${draft.id}` };
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return uploadAttachment(ctx, request);

  const formData = await request.formData();
  const step = parseStep(formData.get("stap")) ?? parseStep(String(draft.step)) ?? 1;
  const parsedIntent = DraftIntentSchema.safeParse(formData.get("intent") ?? undefined);
  // An unknown button does nothing, and saves nothing.
  if (!parsedIntent.success) return json<ActionData>({ kind: "refused", error: parsedIntent.error.issues[0].message }, { status: 400 });
  const intent = parsedIntent.data;
  const values = draftValues(draft.data);
  if (intent === "discard") return discardDraft(ctx, formData);
  if (intent === "deleteAttachment") return deleteAttachment(ctx, formData);
  if (intent === "submit") return submitDraft(ctx, values);
  return saveStep(ctx, formData, intent, step, values);
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
