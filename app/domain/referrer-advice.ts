// The table's advice back to the referrer (MDT standard: the outcome goes back to the referrer by
// the end of the next working day after the meeting, and that is tracked). Pure: where an advice
// stands, and the share given on time.
export type AdviceState = "given_on_time" | "given_late" | "due" | "overdue";

export const ADVICE_STATE_LABELS: Record<AdviceState, string> = {
  given_on_time: "Op tijd gegeven",
  given_late: "Te laat gegeven",
  due: "Moet nog worden gegeven",
  overdue: "Te laat: nog niet gegeven",
};

export function adviceState(advice: { dueAt: string; recordedAt: string | null }, now: Date): AdviceState {
  if (advice.recordedAt) return advice.recordedAt < advice.dueAt ? "given_on_time" : "given_late";
  return now.toISOString() < advice.dueAt ? "due" : "overdue";
}

/**
 * "Advies op tijd": of the advices whose deadline has passed or that were given, the share given
 * before the deadline (an advice still due and not late yet does not count either way).
 * Null when there is nothing to count.
 */
export function onTimeShare(advices: readonly { dueAt: string; recordedAt: string | null }[], now: Date): { counted: number; onTime: number; percent: number | null } {
  let counted = 0;
  let onTime = 0;
  for (const a of advices) {
    const state = adviceState(a, now);
    if (state === "due") continue;
    counted++;
    if (state === "given_on_time") onTime++;
  }
  return { counted, onTime, percent: counted ? Math.round((onTime / counted) * 100) : null };
}

/** Fields of the advice: at least the answer to the question or the fitting offer. */
export function adviceProblem(input: { questionAnswer: string | null; fittingOffer: string | null }): string | null {
  return input.questionAnswer?.trim() || input.fittingOffer?.trim() ? null : "Beantwoord de vraag van de verwijzer of beschrijf het passende aanbod.";
}
