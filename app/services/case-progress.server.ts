// What the progress page's actions do, one function per intent: escalation, placement,
// follow-up, closure and the terms that run for a case. Each parses its fields, writes the
// change and its audit event, and answers the message to show once, or the form's failure.
// The route has checked it is the chair of the case's table.
import { ESCALATION_LEVEL_LABELS } from "~/domain/escalation";
import { CARE_FUNCTION_LABELS, FUNDING_TYPE_LABELS } from "~/domain/vocabulary";
import { failure, formValues, parseForm, type FormFailure } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";
import { AddDeadlineSchema, CarryOverSchema, CloseSchema, DeadlineMetSchema, EscalateSchema, PlaceSchema, requestFieldErrors, type ProgressIntent } from "~/lib/progress-forms";
import { addDeadline, amsterdamToday, carryOverDeadline, closeCase, markDeadlineMet, placeCase, startFollowUp, type Failure } from "~/models/case-progress.server";
import { escalateCase } from "~/models/escalation-requests.server";
import { notifyEscalationRequested } from "~/models/notifications.server";
import { actorIds, recordCaseChange, type CaseActionContext, type CaseActionHandler } from "./case-action.server";

/** The form field a model failure belongs to, per intent (the model speaks of its own inputs). */
const FIELD_OF: Partial<Record<ProgressIntent, Record<string, string>>> = {
  escalate: { level: "level", reason: "escalationReason" },
  place: { organisationId: "organisationId", startDate: "placementStart", fundingType: "fundingType" },
  add_deadline: { needsWlz: "needsWlz" },
  deadline_met: { metOn: "metOn" },
};

function refused(intent: ProgressIntent, result: Failure, formData: FormData): FormFailure {
  const field = result.field ? FIELD_OF[intent]?.[result.field] : undefined;
  return field ? { ok: false, fieldErrors: { [field]: [result.error] }, values: formValues(formData) } : failure(result.error, formData);
}

const page = (ctx: CaseActionContext, anchor = "") => `/casussen/${ctx.found.case.id}/verloop${anchor}`;

const escalate: CaseActionHandler = (ctx, formData) => {
  const c = ctx.found.case;
  const parsed = parseForm(EscalateSchema, formData);
  if (!parsed.ok) return parsed;
  const { level, escalationReason, bottleneck, leaderQuestion, confirmNoPatientData } = parsed.data;
  const request = level === "national_project_leader" ? { bottleneck, question: leaderQuestion, confirmedNoPatientData: confirmNoPatientData } : null;
  const result = escalateCase(ctx.context.services.db, c, { level, reason: escalationReason, request }, ctx.user.id);
  if (!result.ok && result.fieldErrors) return { ok: false, fieldErrors: requestFieldErrors(result.fieldErrors), formError: result.error, values: formValues(formData) };
  if (!result.ok) return refused("escalate", result, formData);
  recordCaseChange(ctx, "case.escalate", `opgeschaald naar ${ESCALATION_LEVEL_LABELS[level]}`, { type: "escalation", id: result.escalationId });
  if (result.requestId) notifyEscalationRequested(notifier(ctx.context), result.requestId, c.code, ctx.found.tableName);
  return { ok: true, message: "De opschaling is vastgelegd.", to: page(ctx, "#opschaling") };
};

const place: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(PlaceSchema, formData);
  if (!parsed.ok) return parsed;
  const { organisationId, careFunction, fundingType, placementStart, notes } = parsed.data;
  const result = placeCase(ctx.context.services.db, ctx.found.case.id, { organisationId, careFunction, fundingType, startDate: placementStart, notes }, actorIds(ctx));
  if (!result.ok) return refused("place", result, formData);
  recordCaseChange(ctx, "case.place", `geplaatst per ${placementStart} (${CARE_FUNCTION_LABELS[careFunction]}, ${FUNDING_TYPE_LABELS[result.fundingType]})`, { type: "placement", id: result.placementId });
  return { ok: true, message: "De plaatsing is vastgelegd. De casus heeft nu de status Geplaatst.", to: page(ctx, "#plaatsing") };
};

const followUp: CaseActionHandler = (ctx, formData) => {
  const step = startFollowUp(ctx.context.services.db, ctx.found.case.id, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  recordCaseChange(ctx, "case.follow_up", "nazorg gestart");
  return { ok: true, message: "De nazorg is gestart.", to: page(ctx, "#plaatsing") };
};

const close: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(CloseSchema, formData);
  if (!parsed.ok) return parsed;
  const step = closeCase(ctx.context.services.db, ctx.found.case.id, { reason: parsed.data.closeKind, text: parsed.data.closeReason ?? null }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  recordCaseChange(ctx, "case.close", "afgesloten, reden vastgelegd");
  return { ok: true, message: "De casus is afgesloten." };
};

const addDeadlineAction: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(AddDeadlineSchema, formData);
  if (!parsed.ok) return parsed;
  const result = addDeadline(ctx.context.services.db, ctx.found.case.id, { kind: parsed.data.kind, startDate: parsed.data.deadlineStart, needsWlz: parsed.data.needsWlz }, ctx.user.id);
  if (!result.ok) return refused("add_deadline", result, formData);
  recordCaseChange(ctx, "case.deadline_add", `termijn ${parsed.data.kind} vanaf ${parsed.data.deadlineStart}, uiterlijk ${result.dueDate}`, { type: "case_deadline", id: result.id });
  return { ok: true, message: "De termijn is toegevoegd.", to: page(ctx, "#termijnen") };
};

const carryOver: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(CarryOverSchema, formData);
  if (!parsed.ok) return parsed;
  const result = carryOverDeadline(ctx.context.services.db, ctx.found.case.id, parsed.data.deadlineId, parsed.data.carryOverReason);
  if (!result.ok) return refused("carry_over", result, formData);
  recordCaseChange(ctx, "case.deadline_carry_over", `termijn ${result.kind} overgedragen, reden vastgelegd`, { type: "case_deadline", id: parsed.data.deadlineId });
  return { ok: true, message: "De termijn is overgedragen.", to: page(ctx, "#termijnen") };
};

const deadlineMet: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(DeadlineMetSchema, formData);
  if (!parsed.ok) return parsed;
  const result = markDeadlineMet(ctx.context.services.db, ctx.found.case.id, parsed.data.deadlineId, parsed.data.metOn, amsterdamToday());
  if (!result.ok) return refused("deadline_met", result, formData);
  recordCaseChange(ctx, "case.deadline_met", `termijn ${result.kind} gehaald op ${parsed.data.metOn}`, { type: "case_deadline", id: parsed.data.deadlineId });
  return { ok: true, message: "De termijn is als gehaald vastgelegd.", to: page(ctx, "#termijnen") };
};

export const PROGRESS_ACTIONS: Record<ProgressIntent, CaseActionHandler> = {
  escalate,
  place,
  start_follow_up: followUp,
  close,
  add_deadline: addDeadlineAction,
  carry_over: carryOver,
  deadline_met: deadlineMet,
};
