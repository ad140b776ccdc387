// What the referral wizard's buttons do, one function per intent (the route parses the intent and
// dispatches): add or delete an attachment, discard the draft (only when confirmed), submit it as a
// referral, or save the step (valid or not, so nothing typed is lost) and move on. Each writes its
// audit event and answers with a redirect or the page's action data.
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { deleteAllDraftAttachments, deleteDraftAttachment, readUploadForm, storeDraftAttachment } from "~/lib/attachments.server";
import { audit } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "~/lib/auth.server";
import { parseId } from "~/lib/case-access.server";
import { isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import type { Db } from "~/models/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notifier } from "~/lib/notifier.server";
import { addRow, checkReferral, checkStep, mergeStep, removeRow, type StepContext } from "~/lib/referral-draft.server";
import { fieldId, parseStep, rowCount, type DraftValues, type RowGroup, type StepNumber } from "~/domain/referral-form";
import { notifyReferralReceived } from "~/models/notifications.server";
import { deleteDraft, finishDraft, listActiveInsurers, listActiveTables, saveDraft } from "~/models/referral-drafts.server";
import { routeResidence } from "~/models/municipalities.server";
import { createReferral } from "~/models/referrals.server";
import type { FieldErrors } from "~/lib/forms";

export type ActionData =
  | { kind: "step"; step: StepNumber; fieldErrors: FieldErrors; formError?: string }
  | { kind: "submit"; fieldErrors: FieldErrors; formError?: string }
  | { kind: "upload"; error: string }
  | { kind: "refused"; error: string };

export type DraftActionContext = { context: AppLoadContext; user: CurrentUser; draft: { id: number }; base: string };

const ROW_INTENT = /^(add|remove)(Attempt|Excluded)(?::(\d{1,2}))?$/;

export function stepContext(db: Db, user: { organisationType: CurrentUser["organisationType"]; organisationName: string }): StepContext {
  return {
    organisationType: user.organisationType,
    insurerNames: listActiveInsurers(db).map((i) => i.name),
    tableSlugs: listActiveTables(db).map((t) => t.slug),
    route: (typed) => routeResidence(db, typed),
    ownInsurer: user.organisationType === "insurer" ? user.organisationName : null,
  };
}

/** The upload form (the only multipart post; its size limit is enforced while reading). */
export async function uploadAttachment({ context, user, draft, base }: DraftActionContext, request: Request) {
  const { db, config } = context.services;
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

export async function discardDraft({ context, user, draft }: DraftActionContext, formData: FormData) {
  const { db, config } = context.services;
  // Only through the confirmation ("Ja, weggooien"): a bare one-click post deletes nothing.
  if (!isConfirmed(formData)) return json<ActionData>({ kind: "refused", error: NOT_CONFIRMED }, { status: 400 });
  const removed = await deleteAllDraftAttachments(db, config.uploadsPath, draft.id);
  deleteDraft(db, draft.id);
  audit(db, { action: "referral.draft_delete", actor: actorOf(user), objectType: "referral_draft", objectId: draft.id, detail: `${removed} bijlage(n) verwijderd`, origin: context.origin });
  return redirect("/verwijzingen");
}

export async function deleteAttachment({ context, user, draft, base }: DraftActionContext, formData: FormData) {
  const { db, config } = context.services;
  const attachmentId = parseId(String(formData.get("attachmentId") ?? ""));
  const removed = attachmentId ? await deleteDraftAttachment(db, config.uploadsPath, draft.id, attachmentId) : null;
  if (removed) audit(db, { action: "attachment.delete", actor: actorOf(user), objectType: "attachment", objectId: removed.id, detail: `concept ${draft.id}`, origin: context.origin });
  return removed ? redirectWithFlash(context, `${base}?stap=4`, "De bijlage is verwijderd.") : redirect(`${base}?stap=4`);
}

export function submitDraft({ context, user, draft }: DraftActionContext, values: DraftValues) {
  const { db } = context.services;
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

export function saveStep({ context, user, draft, base }: DraftActionContext, formData: FormData, intent: string, step: StepNumber, values: DraftValues) {
  const { db } = context.services;
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
