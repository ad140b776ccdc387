// Plan versions (issue 12): agreeing the plan fixes version 1; what changes afterwards is fixed as
// a new version with who, when and why, and earlier versions stay readable. Pure: what a version
// holds and whether the plan moved on from it. An action's status is progress on the plan, not a
// change of it, so it does not call for a new version.
export type PlanSnapshot = {
  goals: { id: number; lifeDomain: string; goal: string }[];
  actions: { id: number; description: string; owner: string; dueDate: string; status: string }[];
};

const content = (s: PlanSnapshot) =>
  JSON.stringify({
    goals: [...s.goals].sort((a, b) => a.id - b.id).map((g) => [g.id, g.lifeDomain, g.goal]),
    actions: [...s.actions].sort((a, b) => a.id - b.id).map((a) => [a.id, a.description, a.owner, a.dueDate]),
  });

/** Did the goals or actions change since this version (statuses aside)? */
export const changedSince = (version: PlanSnapshot, now: PlanSnapshot): boolean => content(version) !== content(now);

/** Why a new version cannot be fixed, or null. */
export function newVersionProblem(input: { agreed: boolean; changed: boolean; reason: string }): string | null {
  if (!input.agreed) return "Stel het plan eerst vast; daarna legt u wijzigingen vast als nieuwe versie.";
  if (!input.changed) return "Het plan is niet gewijzigd sinds de laatste versie.";
  if (!input.reason.trim()) return "Geef de reden van de wijziging.";
  return null;
}
