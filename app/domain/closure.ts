// Closing a case (werkwijzer: terms that run must not silently disappear). A case closes after
// placement and follow-up, or for a reason from the list; every open term is met first, or carried
// over with a reason (to whom it passes). Pure.
import type { CaseState } from "./case-lifecycle";

export const CLOSURE_REASONS = ["placed_follow_up_done", "fitting_offer_elsewhere", "deceased", "moved_abroad", "care_refused", "other"] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  placed_follow_up_done: "Geplaatst en nazorg afgerond",
  fitting_offer_elsewhere: "Passend aanbod elders",
  deceased: "Overleden",
  moved_abroad: "Verhuisd buiten Nederland",
  care_refused: "Zorg geweigerd",
  other: "Anders",
};

export type ClosureInput = { reason: ClosureReason; text: string | null };

/** Why the case cannot close like this, or null. */
export function closureProblem(input: ClosureInput, context: { status: CaseState; openTerms: number }): string | null {
  if (input.reason === "placed_follow_up_done" && context.status !== "follow_up") {
    return "‘Geplaatst en nazorg afgerond’ kan pas als de casus geplaatst is en de nazorg is gestart; kies anders een reden uit de lijst.";
  }
  if (input.reason === "other" && !input.text?.trim()) return "Licht de reden ‘Anders’ toe.";
  if (context.openTerms > 0) {
    return `Er ${context.openTerms === 1 ? "loopt nog 1 termijn" : `lopen nog ${context.openTerms} termijnen`}. Leg vast dat ${context.openTerms === 1 ? "deze is" : "ze zijn"} gehaald, of draag ${context.openTerms === 1 ? "hem" : "ze"} over met een reden, voordat u de casus afsluit.`;
  }
  return null;
}

export const closureText = (input: ClosureInput) => [CLOSURE_REASON_LABELS[input.reason], input.text?.trim()].filter(Boolean).join(": ");
