// What the plan page's actions do, one function per intent: goals per life domain, actions with
// owner and deadline, agreeing the plan and fixing a new version. Each parses its fields with the
// intent's schema, writes the change and its audit event (object: the care plan), and answers
// the message to show once, or the form's failure. The route has checked it is the chair.
import { planEditProblem } from "~/domain/plan";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { ACTION_STATUS_LABELS, LIFE_DOMAIN_LABELS } from "~/domain/vocabulary";
import { failure, formValues, parseForm, type FieldErrors, type FormFailure } from "~/lib/forms";
import { ActionSchema, ActionStatusSchema, CHECK_FIELDS, EditGoalSchema, GoalSchema, NewVersionSchema, RemoveGoalSchema, type PlanIntent } from "~/lib/plan-forms";
import { fixNewVersion } from "~/models/plan-versions.server";
import { addAction, addGoal, agreePlan, ownerOrganisations, removeGoal, setActionStatus, updateGoal } from "~/models/plan.server";
import { actorIds, recordCaseChange, type CaseActionContext, type CaseActionHandler, type CaseActionResult } from "./case-action.server";

/** Today in Dutch local time (yyyy-mm-dd): deadlines are calendar days. */
export const planToday = () => formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);

const record = (ctx: CaseActionContext, action: string, detail: string) => recordCaseChange(ctx, action, detail, { type: "care_plan" });
const page = (ctx: CaseActionContext, anchor = "") => `/casussen/${ctx.found.case.id}/plan${anchor}`;
const fieldFailure = (formData: FormData, fieldErrors: FieldErrors): FormFailure => ({ ok: false, fieldErrors, formError: CHECK_FIELDS, values: formValues(formData) });

const addGoalAction: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(GoalSchema, formData);
  if (!parsed.ok) return parsed;
  const { goalId } = addGoal(ctx.context.services.db, ctx.found.case.id, parsed.data);
  record(ctx, "plan.goal_add", `doel ${goalId} toegevoegd (${LIFE_DOMAIN_LABELS[parsed.data.lifeDomain]})`);
  return { ok: true, message: "Het doel is toegevoegd.", to: page(ctx, "#doelen") };
};

const editGoal: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(EditGoalSchema, formData);
  if (!parsed.ok) return parsed;
  if (!updateGoal(ctx.context.services.db, ctx.found.case.id, parsed.data.goalId, { lifeDomain: parsed.data.lifeDomain, goal: parsed.data.goal })) {
    return failure("Dit doel bestaat niet (meer).", formData);
  }
  record(ctx, "plan.goal_edit", `doel ${parsed.data.goalId} gewijzigd (${LIFE_DOMAIN_LABELS[parsed.data.lifeDomain]})`);
  return { ok: true, message: "Het doel is gewijzigd.", to: page(ctx, "#doelen") };
};

const removeGoalAction: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(RemoveGoalSchema, formData);
  const removed = parsed.ok ? removeGoal(ctx.context.services.db, ctx.found.case.id, parsed.data.goalId) : null;
  if (!parsed.ok || !removed) return failure("Dit doel bestaat niet (meer).", formData);
  record(ctx, "plan.goal_remove", `doel ${parsed.data.goalId} verwijderd, ${removed.unlinked} actie(s) zonder doel`);
  return { ok: true, message: "Het doel is verwijderd. Acties bij dit doel staan nu zonder doel in het plan.", to: page(ctx, "#doelen") };
};

const addActionAction: CaseActionHandler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) return parsed;
  const errors: FieldErrors = {};
  if (parsed.data.dueDate < planToday()) errors.dueDate = ["Kies een datum vanaf vandaag."];
  if (!ownerOrganisations(db).some((o) => o.id === parsed.data.ownerOrganisationId)) errors.ownerOrganisationId = ["Kies een organisatie uit de lijst."];
  if (Object.keys(errors).length) return fieldFailure(formData, errors);
  const added = addAction(db, ctx.found.case.id, parsed.data);
  if (!added.ok) return fieldFailure(formData, { goalId: [added.error] });
  record(ctx, "plan.action_add", `actie ${added.actionId} toegevoegd, organisatie ${parsed.data.ownerOrganisationId}, uiterlijk ${parsed.data.dueDate}`);
  return { ok: true, message: "De actie is toegevoegd.", to: page(ctx, "#acties") };
};

const actionStatus: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(ActionStatusSchema, formData);
  if (!parsed.ok) return parsed;
  const changed = setActionStatus(ctx.context.services.db, ctx.found.case.id, parsed.data.actionId, parsed.data.status);
  if (!changed) return failure("Deze actie bestaat niet (meer).", formData);
  record(ctx, "plan.action_status", `actie ${parsed.data.actionId}: ${ACTION_STATUS_LABELS[changed.from]} → ${ACTION_STATUS_LABELS[parsed.data.status]}`);
  return { ok: true, message: "De status van de actie is gewijzigd.", to: page(ctx, "#acties") };
};

const newVersion: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(NewVersionSchema, formData);
  if (!parsed.ok) return parsed;
  const fixed = fixNewVersion(ctx.context.services.db, ctx.found.case.id, parsed.data.versionReason, ctx.user.id);
  if (!fixed.ok) return failure(fixed.error, formData);
  record(ctx, "plan.version", `versie ${fixed.version} vastgelegd`);
  return { ok: true, message: "De wijzigingen zijn vastgelegd als nieuwe versie van het plan." };
};

const agree: CaseActionHandler = (ctx, formData) => {
  const agreed = agreePlan(ctx.context.services.db, ctx.found.case.id, actorIds(ctx));
  if (!agreed.ok) return failure(agreed.error, formData);
  record(ctx, "plan.agree", `plan vastgesteld${agreed.meetingId ? ` (bijeenkomst ${agreed.meetingId})` : ""}`);
  return { ok: true, message: "Het plan is vastgesteld. De casus staat nu op ‘Plan vastgesteld’." };
};

const PLAN_ACTIONS: Record<PlanIntent, CaseActionHandler> = {
  add_goal: addGoalAction,
  edit_goal: editGoal,
  remove_goal: removeGoalAction,
  add_action: addActionAction,
  action_status: actionStatus,
  new_version: newVersion,
  agree,
};

/** The plan changes only while the case allows it; agreeing has its own rule (agreePlan). */
export function changePlan(ctx: CaseActionContext, intent: PlanIntent, formData: FormData): CaseActionResult {
  const problem = intent === "agree" ? null : planEditProblem(ctx.found.case.status);
  if (problem) return failure(problem, formData);
  return PLAN_ACTIONS[intent](ctx, formData);
}
