// The plan rules (domain.md, "plan agreed"): when an action is overdue, when the chair may edit the
// plan, and when it is ready to be agreed — with the Dutch messages the chair sees.
import { CASE_STATES, type CaseState } from "~/domain/case-lifecycle";
import { isOverdue, PLAN_EDITABLE_STATES, planEditProblem, planReadyToAgree } from "~/domain/plan";
import { ACTION_STATUSES } from "~/domain/vocabulary";

describe("isOverdue", () => {
  const today = "2026-03-10";

  it("is overdue when the deadline lies before today and the action is open or running", () => {
    expect(isOverdue({ dueDate: "2026-03-09", status: "open" }, today)).toBe(true);
    expect(isOverdue({ dueDate: "2025-12-31", status: "in_progress" }, today)).toBe(true);
  });

  it("is not overdue on the deadline itself or later", () => {
    expect(isOverdue({ dueDate: "2026-03-10", status: "open" }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2026-03-11", status: "in_progress" }, today)).toBe(false);
  });

  it("is never overdue once done or cancelled", () => {
    expect(isOverdue({ dueDate: "2026-01-01", status: "done" }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2026-01-01", status: "cancelled" }, today)).toBe(false);
  });

  it("covers every status: exactly open and in_progress can be overdue", () => {
    const overdue = ACTION_STATUSES.filter((status) => isOverdue({ dueDate: "2000-01-01", status }, today));
    expect(overdue).toEqual(["open", "in_progress"]);
  });

  it("compares calendar days across months and years", () => {
    expect(isOverdue({ dueDate: "2026-02-28", status: "open" }, "2026-03-01")).toBe(true);
    expect(isOverdue({ dueDate: "2025-12-31", status: "open" }, "2026-01-01")).toBe(true);
    expect(isOverdue({ dueDate: "2026-01-01", status: "open" }, "2025-12-31")).toBe(false);
  });
});

describe("planReadyToAgree", () => {
  it("agrees a discussed case with at least one goal and one action", () => {
    expect(planReadyToAgree({ caseStatus: "discussed", goalCount: 1, actionCount: 1 })).toEqual({ ok: true });
    expect(planReadyToAgree({ caseStatus: "discussed", goalCount: 5, actionCount: 3 })).toEqual({ ok: true });
  });

  it("needs a goal and an action, and says both when both are missing", () => {
    expect(planReadyToAgree({ caseStatus: "discussed", goalCount: 0, actionCount: 0 })).toEqual({
      ok: false,
      problems: ["Voeg minstens één doel toe.", "Voeg minstens één actie toe."],
    });
    expect(planReadyToAgree({ caseStatus: "discussed", goalCount: 0, actionCount: 2 })).toEqual({ ok: false, problems: ["Voeg minstens één doel toe."] });
    expect(planReadyToAgree({ caseStatus: "discussed", goalCount: 2, actionCount: 0 })).toEqual({ ok: false, problems: ["Voeg minstens één actie toe."] });
  });

  it("only for a discussed case, naming the status in Dutch", () => {
    for (const state of CASE_STATES.filter((s) => s !== "discussed")) {
      const result = planReadyToAgree({ caseStatus: state, goalCount: 1, actionCount: 1 });
      expect(result.ok, state).toBe(false);
    }
    expect(planReadyToAgree({ caseStatus: "scheduled", goalCount: 1, actionCount: 1 })).toEqual({
      ok: false,
      problems: ['Het plan kan alleen worden vastgesteld als de casus is besproken (status nu: "Geagendeerd").'],
    });
  });

  it("says the plan is already agreed when it is", () => {
    expect(planReadyToAgree({ caseStatus: "plan_agreed", goalCount: 1, actionCount: 1, agreedAt: "2026-03-01T10:00:00.000Z" })).toEqual({
      ok: false,
      problems: ["Het plan is al vastgesteld."],
    });
  });
});

describe("planEditProblem", () => {
  it("lets the chair edit from inclusion until the case is closed", () => {
    for (const state of PLAN_EDITABLE_STATES) expect(planEditProblem(state), state).toBeNull();
    const refused: CaseState[] = CASE_STATES.filter((s) => !PLAN_EDITABLE_STATES.includes(s));
    expect(refused.sort()).toEqual(["closed", "information_requested", "not_included", "received", "screening"]);
  });

  it("explains in Dutch why not", () => {
    expect(planEditProblem("closed")).toBe("Deze casus is afgesloten; het plan kan niet meer worden gewijzigd.");
    expect(planEditProblem("screening")).toBe('Een plan kan pas worden opgesteld als de casus is geïncludeerd (status nu: "In screening").');
  });
});
