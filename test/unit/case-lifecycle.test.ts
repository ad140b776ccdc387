// The case lifecycle state machine (domain.md, "Case lifecycle"): every allowed step, a sample of
// refused ones with their Dutch message, and the extra conditions (screening, reasons, redirect).
import {
  allowedEvents,
  CASE_EVENT_LABELS,
  CASE_EVENTS,
  CASE_STATE_LABELS,
  CASE_STATES,
  isOpen,
  transition,
  type CaseEvent,
  type CaseState,
  type TransitionInput,
} from "~/domain/case-lifecycle";

/** Extra input an event needs to pass its own conditions, so the table below tests the state rule only. */
const NEEDS: Partial<Record<CaseEvent, Partial<TransitionInput>>> = {
  include: { screeningComplete: true },
  not_include: { reason: "Geen hoogcomplexe problematiek.", screeningComplete: true },
  request_information: { reason: "Welke behandelingen zijn de afgelopen twee jaar ingezet?" },
  redirect: { reason: "Regiobinding: familie woont in Zeeland.", targetTableId: 2, currentTableId: 1 },
  close: { reason: "Nazorg afgerond." },
  return_to_table: { reason: "Meer informatie nodig over criterium 5." },
};

const OPEN: CaseState[] = CASE_STATES.filter((s) => s !== "closed");

const ALLOWED: [CaseState, CaseEvent, CaseState][] = [
  ["received", "start_screening", "screening"],
  ["screening", "include", "included"],
  ["screening", "not_include", "not_included"],
  ["received", "redirect", "received"],
  ["screening", "redirect", "received"],
  ["information_requested", "redirect", "received"],
  ["received", "request_information", "information_requested"],
  ["screening", "request_information", "information_requested"],
  ["information_requested", "answer_information", "screening"],
  ["included", "schedule", "scheduled"],
  ["scheduled", "unschedule", "included"],
  ["scheduled", "discuss", "discussed"],
  ["discussed", "agree_plan", "plan_agreed"],
  ["plan_agreed", "request_advisor_check", "advisor_check"],
  ["advisor_check", "return_to_table", "plan_agreed"],
  ["advisor_check", "arrange_funding", "funding_arranged"],
  ["funding_arranged", "place", "placed"],
  ["placed", "start_follow_up", "follow_up"],
  ...OPEN.map((s): [CaseState, CaseEvent, CaseState] => [s, "close", "closed"]),
];

const refusedMessage = (event: CaseEvent, from: CaseState) =>
  `"${CASE_EVENT_LABELS[event]}" kan niet bij een casus met status "${CASE_STATE_LABELS[from]}".`;

describe("allowed transitions", () => {
  it.each(ALLOWED)("%s --%s--> %s", (from, event, to) => {
    expect(transition(from, { event, ...NEEDS[event] })).toEqual({ ok: true, to });
  });

  it("the table above is the whole machine: every other state × event pair is refused", () => {
    const allowed = new Set(ALLOWED.map(([from, event]) => `${from} ${event}`));
    let refused = 0;
    for (const from of CASE_STATES) {
      for (const event of CASE_EVENTS) {
        if (allowed.has(`${from} ${event}`)) continue;
        const result = transition(from, { event, ...NEEDS[event] });
        expect(result, `${from} ${event}`).toEqual({ ok: false, error: refusedMessage(event, from) });
        refused++;
      }
    }
    expect(refused).toBe(CASE_STATES.length * CASE_EVENTS.length - ALLOWED.length);
  });
});

describe("refused transitions (sample) with their Dutch message", () => {
  const SAMPLE: [CaseState, CaseEvent, string][] = [
    ["received", "include", '"Geïncludeerd" kan niet bij een casus met status "Ontvangen".'],
    ["received", "not_include", '"Niet geïncludeerd" kan niet bij een casus met status "Ontvangen".'],
    ["included", "start_screening", '"Screening gestart" kan niet bij een casus met status "Geïncludeerd".'],
    ["included", "redirect", '"Doorverwezen naar andere regiotafel" kan niet bij een casus met status "Geïncludeerd".'],
    ["not_included", "include", '"Geïncludeerd" kan niet bij een casus met status "Niet geïncludeerd".'],
    ["closed", "close", '"Afgesloten" kan niet bij een casus met status "Afgesloten".'],
    ["closed", "start_screening", '"Screening gestart" kan niet bij een casus met status "Afgesloten".'],
    ["discussed", "place", '"Geplaatst" kan niet bij een casus met status "Besproken".'],
  ];
  it.each(SAMPLE)("%s --%s--> refused", (from, event, message) => {
    expect(transition(from, { event, ...NEEDS[event] })).toEqual({ ok: false, error: message });
  });
});

describe("conditions on top of the state", () => {
  it("include is refused until the screening covers all seven criteria", () => {
    const message = "Beoordeel eerst alle zeven inclusiecriteria met motivering.";
    expect(transition("screening", { event: "include" })).toEqual({ ok: false, error: message });
    expect(transition("screening", { event: "include", screeningComplete: false })).toEqual({ ok: false, error: message });
    expect(transition("screening", { event: "include", screeningComplete: true })).toEqual({ ok: true, to: "included" });
  });

  it("not include is refused until the screening covers all seven criteria, like include", () => {
    const reason = "Geen hoogcomplexe problematiek.";
    expect(transition("screening", { event: "not_include", reason })).toMatchObject({ ok: false, error: expect.stringMatching(/volledige screening/) });
    expect(transition("screening", { event: "not_include", reason, screeningComplete: false })).toMatchObject({ ok: false });
    expect(transition("screening", { event: "not_include", reason, screeningComplete: true })).toEqual({ ok: true, to: "not_included" });
  });

  it.each([
    ["screening", "not_include"],
    ["screening", "redirect"],
    ["screening", "request_information"],
    ["included", "close"],
  ] as [CaseState, CaseEvent][])("%s --%s--> needs a written reason", (from, event) => {
    const base = { ...NEEDS[event] };
    for (const reason of [undefined, null, "", "   \n "]) {
      expect(transition(from, { ...base, event, reason })).toEqual({ ok: false, error: "Geef een reden op." });
    }
    expect(transition(from, { ...base, event, reason: "Een reden." }).ok).toBe(true);
  });

  it("redirect needs a target table other than the current one", () => {
    const reason = "Bovenregionaal aanbod.";
    expect(transition("received", { event: "redirect", reason, currentTableId: 3 })).toEqual({ ok: false, error: "Kies de regiotafel waarnaar u doorverwijst." });
    expect(transition("received", { event: "redirect", reason, targetTableId: null, currentTableId: 3 })).toEqual({
      ok: false,
      error: "Kies de regiotafel waarnaar u doorverwijst.",
    });
    expect(transition("screening", { event: "redirect", reason, targetTableId: 3, currentTableId: 3 })).toEqual({
      ok: false,
      error: "Kies een andere regiotafel dan de huidige.",
    });
    expect(transition("screening", { event: "redirect", reason, targetTableId: 4, currentTableId: 3 })).toEqual({ ok: true, to: "received" });
  });

  it("receive is never a step from any state: receipt creates the case", () => {
    for (const from of CASE_STATES) {
      const result = transition(from, { event: "receive" });
      expect(result, from).toEqual({ ok: false, error: refusedMessage("receive", from) });
    }
  });

  it("an unknown event is refused in Dutch", () => {
    expect(transition("received", { event: "teleport" as CaseEvent })).toEqual({ ok: false, error: "Onbekende stap." });
  });
});

describe("allowedEvents", () => {
  it("lists exactly the events of the transition table per state", () => {
    for (const state of CASE_STATES) {
      const expected = ALLOWED.filter(([from]) => from === state).map(([, event]) => event);
      expect(new Set(allowedEvents(state)), state).toEqual(new Set(expected));
    }
  });

  it("matches the chair's choices at the start of a case", () => {
    expect(allowedEvents("received")).toEqual(["start_screening", "redirect", "request_information", "close"]);
    expect(allowedEvents("screening")).toEqual(["include", "not_include", "redirect", "request_information", "close"]);
    expect(allowedEvents("information_requested")).toEqual(["redirect", "answer_information", "close"]);
    expect(allowedEvents("closed")).toEqual([]);
    expect(allowedEvents("received")).not.toContain("receive");
  });

  it("isOpen: closed and not included end a case", () => {
    expect(CASE_STATES.filter((s) => !isOpen(s))).toEqual(["not_included", "closed"]);
  });
});
