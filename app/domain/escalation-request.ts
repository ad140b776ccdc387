// The fourth step of the escalation ladder (plan-van-aanpak: the external project leader
// "escaleert"): a request to the national project leader that names the table, the case code, the
// bottleneck and what is asked — never the patient. The project leader moves its status along and
// answers; the chair reads the answer. Pure.
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
