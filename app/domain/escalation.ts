// Opschaling (domain.md, "Case lifecycle"): when the table cannot find fitting care, the chair
// takes the case up the ladder: own region → bovenregionaal aanbod → the insurer's national
// zorgbemiddeling → the national project leader. Pure: it decides whether a step may be recorded.
//
// The rule, decided here:
// - every step has a written reason;
// - a step goes to a higher level than the last one recorded (levels may be skipped: a crisis may
//   go straight to national zorgbemiddeling); the first step may be any level;
// - the same level again is allowed only with a new reason (a second attempt at that level, for
//   something that changed), never with a reason already recorded at that level;
// - never back down: a lower level than the last one is refused;
// - only while the table works on the case: from inclusion until it is closed.
import { CASE_STATE_LABELS, type CaseState } from "./case-lifecycle";
import { ESCALATION_LEVEL_LABELS, ESCALATION_LEVELS, type EscalationLevel } from "./vocabulary";

export { ESCALATION_LEVEL_LABELS, ESCALATION_LEVELS, type EscalationLevel } from "./vocabulary";

/** Case states in which the chair may escalate: included and not yet closed. */
export const ESCALATION_STATES: readonly CaseState[] = [
  "included",
  "scheduled",
  "discussed",
  "plan_agreed",
  "advisor_check",
  "funding_arranged",
  "placed",
  "follow_up",
];

export type EscalationRecord = { level: EscalationLevel; reason: string };

export type EscalationCheck = { ok: true } | { ok: false; field?: "level" | "reason"; error: string };

/** Position on the ladder: 0 = own region … 3 = national project leader. */
export const levelRank = (level: EscalationLevel): number => ESCALATION_LEVELS.indexOf(level);

/** Reasons compare without case, surrounding spaces and repeated whitespace: "Geen plek" = " geen  plek ". */
const normalised = (reason: string) => reason.trim().replace(/\s+/g, " ").toLocaleLowerCase("nl-NL");

/** The last recorded step (records oldest first), or null. */
export function lastEscalation<T extends EscalationRecord>(previous: readonly T[]): T | null {
  return previous.length ? previous[previous.length - 1] : null;
}

/** The levels a next step may be recorded at: the last one and those above it (all for the first). */
export function selectableLevels(previous: readonly EscalationRecord[]): EscalationLevel[] {
  const last = lastEscalation(previous);
  return last ? ESCALATION_LEVELS.filter((l) => levelRank(l) >= levelRank(last.level)) : [...ESCALATION_LEVELS];
}

/** May this step be recorded after `previous` (oldest first) for a case in `state`? */
export function checkEscalation(state: CaseState, previous: readonly EscalationRecord[], next: { level: EscalationLevel; reason: string }): EscalationCheck {
  if (!ESCALATION_STATES.includes(state)) {
    return { ok: false, error: `Opschalen kan niet bij een casus met status "${CASE_STATE_LABELS[state]}".` };
  }
  if (!(ESCALATION_LEVELS as readonly string[]).includes(next.level)) {
    return { ok: false, field: "level", error: "Kies een niveau van opschaling." };
  }
  if (!next.reason?.trim()) return { ok: false, field: "reason", error: "Geef de reden van de opschaling." };
  const last = lastEscalation(previous);
  if (!last) return { ok: true };
  const from = levelRank(last.level);
  const to = levelRank(next.level);
  if (to < from) {
    return {
      ok: false,
      field: "level",
      error: `Opschalen gaat alleen omhoog: kies "${ESCALATION_LEVEL_LABELS[last.level]}" (met een nieuwe reden) of een hoger niveau.`,
    };
  }
  if (to === from) {
    const reason = normalised(next.reason);
    if (previous.some((p) => p.level === next.level && normalised(p.reason) === reason)) {
      return {
        ok: false,
        field: "reason",
        error: `Deze reden is al vastgelegd bij "${ESCALATION_LEVEL_LABELS[next.level]}". Geef een nieuwe reden om opnieuw op dit niveau op te schalen.`,
      };
    }
  }
  return { ok: true };
}
