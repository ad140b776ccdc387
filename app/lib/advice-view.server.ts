// Advices as pages show them: state and Dutch dates worked out once, for the case's advice page
// and the referrer's referral page.
import { ADVICE_STATE_LABELS, adviceState } from "~/domain/referrer-advice";
import type { Db } from "~/models/db.server";
import { formatDateTime } from "~/domain/format";
import { advicesOf, type AdviceView } from "~/models/referrer-advice.server";

export function adviceViewOf(a: AdviceView, now: Date = new Date()) {
  const state = adviceState(a, now);
  return {
    ...a,
    state,
    stateLabel: ADVICE_STATE_LABELS[state],
    dueLabel: formatDateTime(a.dueAt),
    discussedLabel: formatDateTime(a.discussedAt),
    recordedLabel: a.recordedAt ? formatDateTime(a.recordedAt) : null,
  };
}

/** Every advice of the case (the chair's view: also those still to give). */
export const adviceViews = (db: Db, caseId: number) => advicesOf(db, caseId).map((a) => adviceViewOf(a));

/** Only the advices given: what the referrer, the members and the advisor read. */
export const givenAdviceViews = (db: Db, caseId: number) => adviceViews(db, caseId).filter((a) => a.recordedAt);
