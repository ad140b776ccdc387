// The fourth step of the escalation ladder (plan-van-aanpak: the external project leader
// "escaleert"): a request to the national project leader that names the table, the case code, the
// bottleneck and what is asked — never the patient. The project leader moves its status along and
// answers; the chair reads the answer. Pure.
import { CONFIRM_NO_PATIENT_DATA, identifyingTextProblem } from "./non-identifying";
import { BOTTLENECK_CATEGORIES } from "./vocabulary";

export const ESCALATION_REQUEST_STATUSES = ["open", "in_progress", "answered", "closed"] as const;
export type EscalationRequestStatus = (typeof ESCALATION_REQUEST_STATUSES)[number];

export const ESCALATION_REQUEST_STATUS_LABELS: Record<EscalationRequestStatus, string> = {
  open: "Nieuw",
  in_progress: "In behandeling",
  answered: "Beantwoord",
  closed: "Afgerond",
};

/** Why the project leader cannot record this status and answer, or null. */
export function requestUpdateProblem(input: { status: EscalationRequestStatus; response: string }): string | null {
  if ((input.status === "answered" || input.status === "closed") && !input.response.trim()) {
    return "Schrijf uw antwoord aan de regiotafel.";
  }
  return null;
}

export type EscalationRequestField = "bottleneck" | "question" | "confirmNoPatientData";

/**
 * What the chair sends the project leader at level 4, checked: a bottleneck category, what is
 * asked, and the confirmation that the question holds no patient data (which the text check
 * backs up for a BSN or a birth date). Field → Dutch message; empty when it may be sent.
 */
export function requestProblems(input: { bottleneck: string | null; question: string; confirmedNoPatientData: boolean }): Partial<Record<EscalationRequestField, string>> {
  const problems: Partial<Record<EscalationRequestField, string>> = {};
  if (!input.bottleneck || !(BOTTLENECK_CATEGORIES as readonly string[]).includes(input.bottleneck)) problems.bottleneck = "Kies de categorie van het knelpunt.";
  if (!input.question.trim()) problems.question = "Schrijf wat u de landelijk projectleider vraagt.";
  else {
    const identifying = identifyingTextProblem(input.question);
    if (identifying) problems.question = identifying;
  }
  if (!input.confirmedNoPatientData) problems.confirmNoPatientData = CONFIRM_NO_PATIENT_DATA;
  return problems;
}
