// The integral treatment-and-care plan (domain.md, "Case lifecycle": plan agreed — goals per life
// domain, actions with owner and deadline). Pure rules: when an action is overdue, when the chair
// may edit the plan and when it is ready to be agreed. Storing is the model's job.
import { CASE_STATE_LABELS, type CaseState } from "./case-lifecycle";
import type { ActionStatus } from "./vocabulary";

/** Statuses in which an action still has to happen. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ["open", "in_progress"];

/**
 * Overdue: the deadline (yyyy-mm-dd) lies before today and the action is still open or running.
 * An action due today is not overdue yet; a finished or cancelled one never is.
 */
export function isOverdue(action: { dueDate: string; status: ActionStatus }, today: string): boolean {
  return OPEN_ACTION_STATUSES.includes(action.status) && action.dueDate < today;
}

/**
 * The plan is written once the case is at the table (included or later) and stays a living
 * document until the case is closed. Before inclusion, and for cases that were not included,
 * there is nothing to plan.
 */
export const PLAN_EDITABLE_STATES: readonly CaseState[] = [
  "included",
  "scheduled",
  "discussed",
  "plan_agreed",
  "advisor_check",
  "funding_arranged",
  "placed",
  "follow_up",
];

/** Why the plan of a case in this state cannot be changed, or null when it can. */
export function planEditProblem(caseStatus: CaseState): string | null {
  if (PLAN_EDITABLE_STATES.includes(caseStatus)) return null;
  if (caseStatus === "closed") return "Deze casus is afgesloten; het plan kan niet meer worden gewijzigd.";
  return `Een plan kan pas worden opgesteld als de casus is geïncludeerd (status nu: "${CASE_STATE_LABELS[caseStatus]}").`;
}

export type PlanReadiness = { ok: true } | { ok: false; problems: string[] };

/**
 * "Plan vaststellen": only for a case the table has discussed, and only a plan with at least one
 * goal and one action. All problems at once, so the chair sees what is missing.
 */
export function planReadyToAgree(input: { caseStatus: CaseState; goalCount: number; actionCount: number; agreedAt?: string | null }): PlanReadiness {
  const problems: string[] = [];
  if (input.caseStatus !== "discussed") {
    problems.push(
      input.agreedAt && input.caseStatus !== "closed"
        ? "Het plan is al vastgesteld."
        : `Het plan kan alleen worden vastgesteld als de casus is besproken (status nu: "${CASE_STATE_LABELS[input.caseStatus]}").`,
    );
  }
  if (input.goalCount < 1) problems.push("Voeg minstens één doel toe.");
  if (input.actionCount < 1) problems.push("Voeg minstens één actie toe.");
  return problems.length ? { ok: false, problems } : { ok: true };
}
