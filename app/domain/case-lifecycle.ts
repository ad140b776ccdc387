// The life of a case at a regiotafel, as one state machine (domain.md: case lifecycle).
// Pure: it says whether an event may happen and where it leads; storing the event with
// actor and time is the caller's job. Later stages add their events to TRANSITIONS.

export const CASE_STATES = [
  "received",
  "screening",
  "information_requested",
  "included",
  "not_included",
  "scheduled",
  "discussed",
  "plan_agreed",
  "advisor_check",
  "funding_arranged",
  "placed",
  "follow_up",
  "closed",
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  received: "Ontvangen",
  screening: "In screening",
  information_requested: "Wacht op informatie van de verwijzer",
  included: "Geïncludeerd",
  not_included: "Niet geïncludeerd",
  scheduled: "Geagendeerd",
  discussed: "Besproken",
  plan_agreed: "Plan vastgesteld",
  advisor_check: "Toetsing medisch adviseur",
  funding_arranged: "Financiering geregeld",
  placed: "Geplaatst",
  follow_up: "Nazorg",
  closed: "Afgesloten",
};

export const CASE_EVENTS = [
  "receive",
  "start_screening",
  "include",
  "not_include",
  "redirect",
  "request_information",
  "answer_information",
  "schedule",
  "unschedule",
  "discuss",
  "agree_plan",
  "request_advisor_check",
  "return_to_table",
  "arrange_funding",
  "place",
  "start_follow_up",
  "close",
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const CASE_EVENT_LABELS: Record<CaseEvent, string> = {
  receive: "Verwijzing ontvangen",
  start_screening: "Screening gestart",
  include: "Geïncludeerd",
  not_include: "Niet geïncludeerd",
  redirect: "Doorverwezen naar andere regiotafel",
  request_information: "Meer informatie gevraagd aan de verwijzer",
  answer_information: "Informatie aangevuld door de verwijzer",
  schedule: "Geagendeerd",
  unschedule: "Van de agenda gehaald",
  discuss: "Besproken",
  agree_plan: "Integraal plan vastgesteld",
  request_advisor_check: "Voorgelegd aan medisch adviseur",
  return_to_table: "Teruggelegd bij de tafel door medisch adviseur",
  arrange_funding: "Financiering geregeld",
  place: "Geplaatst",
  start_follow_up: "Nazorg gestart",
  close: "Afgesloten",
};

const OPEN_STATES = CASE_STATES.filter((s) => s !== "closed");

/** from-states → to-state per event. Redirect hands the case to another table, where it arrives as received. */
const TRANSITIONS: Record<CaseEvent, { from: readonly CaseState[]; to: CaseState }> = {
  // Receipt creates the case; it is never a step from another state.
  receive: { from: [], to: "received" },
  start_screening: { from: ["received"], to: "screening" },
  include: { from: ["screening"], to: "included" },
  not_include: { from: ["screening"], to: "not_included" },
  redirect: { from: ["received", "screening", "information_requested"], to: "received" },
  // "Meer informatie nodig": the case pauses until the referrer answers, then screening resumes.
  request_information: { from: ["received", "screening"], to: "information_requested" },
  answer_information: { from: ["information_requested"], to: "screening" },
  schedule: { from: ["included"], to: "scheduled" },
  unschedule: { from: ["scheduled"], to: "included" },
  discuss: { from: ["scheduled"], to: "discussed" },
  agree_plan: { from: ["discussed"], to: "plan_agreed" },
  request_advisor_check: { from: ["plan_agreed"], to: "advisor_check" },
  // The advisor's "voldoet niet" or "meer informatie nodig": the table works on it and submits again.
  return_to_table: { from: ["advisor_check"], to: "plan_agreed" },
  arrange_funding: { from: ["advisor_check"], to: "funding_arranged" },
  place: { from: ["funding_arranged"], to: "placed" },
  start_follow_up: { from: ["placed"], to: "follow_up" },
  close: { from: OPEN_STATES, to: "closed" },
};

/** Events that must carry a written reason (they end or move a case). */
const REASON_REQUIRED: ReadonlySet<CaseEvent> = new Set(["not_include", "redirect", "close", "request_information", "return_to_table"]);

export type TransitionInput = {
  event: CaseEvent;
  reason?: string | null;
  /** include and not_include: the chair's screening must cover all seven criteria, each with a motivation. */
  screeningComplete?: boolean;
  /** redirect: the table it goes to, and the one it is at. */
  targetTableId?: number | null;
  currentTableId?: number;
};

export type TransitionResult = { ok: true; to: CaseState } | { ok: false; error: string };

export function transition(from: CaseState, input: TransitionInput): TransitionResult {
  const rule = TRANSITIONS[input.event];
  if (!rule) return { ok: false, error: "Onbekende stap." };
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      error: `"${CASE_EVENT_LABELS[input.event]}" kan niet bij een casus met status "${CASE_STATE_LABELS[from]}".`,
    };
  }
  if (REASON_REQUIRED.has(input.event) && !input.reason?.trim()) {
    return { ok: false, error: "Geef een reden op." };
  }
  if (input.event === "include" && !input.screeningComplete) {
    return { ok: false, error: "Beoordeel eerst alle zeven inclusiecriteria met motivering." };
  }
  if (input.event === "not_include" && !input.screeningComplete) {
    return { ok: false, error: "Niet includeren kan pas na een volledige screening: beoordeel alle zeven inclusiecriteria met motivering. Het besluit noemt de criteria waaraan niet is voldaan." };
  }
  if (input.event === "redirect") {
    if (input.targetTableId == null) return { ok: false, error: "Kies de regiotafel waarnaar u doorverwijst." };
    if (input.targetTableId === input.currentTableId) return { ok: false, error: "Kies een andere regiotafel dan de huidige." };
  }
  return { ok: true, to: rule.to };
}

export function allowedEvents(from: CaseState): CaseEvent[] {
  return CASE_EVENTS.filter((e) => TRANSITIONS[e].from.includes(from));
}

export const isOpen = (state: CaseState) => state !== "closed" && state !== "not_included";

/** States in which the table's outcome has gone to the medical advisor: only then do they assess. */
export const ADVISOR_STATES: readonly CaseState[] = ["advisor_check", "funding_arranged", "placed", "follow_up"];
export const advisorMayAssess = (state: CaseState) => ADVISOR_STATES.includes(state);
