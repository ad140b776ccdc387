// The terms of the werkwijzer medisch noodzakelijk verblijf ggz (p. 16 "Termijnen gemeente", VMR 1/2
// and 2/2) and the Eemland agreements (VMR alert at 5 months): due dates per kind, month ends and
// leap years, the VMR/Wlz rule, and the state of a term on the days around its alert and due date.
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  DEADLINE_STATE_LABELS,
  deadlineProblem,
  deadlineState,
  dueDates,
  formatDay,
  isDateOnly,
  VMR_WLZ_MESSAGE,
  vmrAllowed,
  type DeadlineKind,
} from "~/domain/deadlines";

describe("dueDates per kind (start 2026-03-02)", () => {
  const START = "2026-03-02";
  const EXPECTED: Record<DeadlineKind, { dueDate: string; alertDate?: string }> = {
    wmo_support: { dueDate: "2026-04-27" }, // 8 weeks = 56 days
    wmo_support_short_stay: { dueDate: "2026-03-30" }, // 4 weeks = 28 days
    housing_urgent: { dueDate: "2026-06-02" }, // 3 months
    housing_regular: { dueDate: "2026-09-02" }, // 6 months
    income_debt_address: { dueDate: "2026-04-02" }, // 1 month
    sheltered_housing_decision: { dueDate: "2026-04-27" }, // 8 weeks
    sheltered_housing_placement: { dueDate: "2026-09-02" }, // 6 months
    vmr: { dueDate: "2026-09-02", alertDate: "2026-08-02" }, // 6 months, alert at 5
  };

  it("covers every kind in the vocabulary, each with a Dutch label", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...DEADLINE_KINDS].sort());
    for (const kind of DEADLINE_KINDS) expect(DEADLINE_LABELS[kind]).toMatch(/\((\d+ weken|\d+ maand(en)?)\)$/);
  });

  for (const kind of DEADLINE_KINDS) {
    it(`${kind}: ${EXPECTED[kind].dueDate}${EXPECTED[kind].alertDate ? `, alert ${EXPECTED[kind].alertDate}` : ", no alert"}`, () => {
      expect(dueDates(kind, START)).toEqual(EXPECTED[kind]);
    });
  }

  it("counts weeks as whole days across month ends and DST (8 weeks from 2026-01-31 is 2026-03-28)", () => {
    expect(dueDates("wmo_support", "2026-01-31")).toEqual({ dueDate: "2026-03-28" });
    // Spanning the switch to summer time (29 March 2026) changes nothing.
    expect(dueDates("wmo_support_short_stay", "2026-03-20")).toEqual({ dueDate: "2026-04-17" });
    expect(dueDates("sheltered_housing_decision", "2026-10-10")).toEqual({ dueDate: "2026-12-05" });
  });
});

describe("month arithmetic at month ends (date-fns addMonths)", () => {
  it("31 January + 1 month is the last day of February", () => {
    expect(dueDates("income_debt_address", "2026-01-31").dueDate).toBe("2026-02-28");
    expect(dueDates("income_debt_address", "2027-01-31").dueDate).toBe("2027-02-28");
  });

  it("in a leap year, 31 January + 1 month is 29 February", () => {
    expect(dueDates("income_debt_address", "2028-01-31").dueDate).toBe("2028-02-29");
    expect(dueDates("income_debt_address", "2028-01-29").dueDate).toBe("2028-02-29");
    expect(dueDates("income_debt_address", "2028-01-28").dueDate).toBe("2028-02-28");
  });

  it("31 August + 6 months is 28 February (29 in a leap year)", () => {
    expect(dueDates("housing_regular", "2026-08-31").dueDate).toBe("2027-02-28");
    expect(dueDates("sheltered_housing_placement", "2027-08-31").dueDate).toBe("2028-02-29");
    expect(dueDates("housing_regular", "2027-08-29").dueDate).toBe("2028-02-29");
  });

  it("from 29 February 2028 the day of the month is kept", () => {
    expect(dueDates("income_debt_address", "2028-02-29").dueDate).toBe("2028-03-29");
    expect(dueDates("housing_urgent", "2028-02-29").dueDate).toBe("2028-05-29");
    expect(dueDates("vmr", "2028-02-29")).toEqual({ dueDate: "2028-08-29", alertDate: "2028-07-29" });
  });

  it("a year after 29 February 2028 (two 6-month terms in a row) is 28 February 2029", () => {
    const half = dueDates("housing_regular", "2028-02-29").dueDate;
    expect(half).toBe("2028-08-29");
    expect(dueDates("housing_regular", half).dueDate).toBe("2029-02-28");
  });

  it("31 October + 3 months is 31 January; 30 November + 3 months is the end of February", () => {
    expect(dueDates("housing_urgent", "2026-10-31").dueDate).toBe("2027-01-31");
    expect(dueDates("housing_urgent", "2026-11-30").dueDate).toBe("2027-02-28");
    expect(dueDates("housing_urgent", "2027-11-30").dueDate).toBe("2028-02-29");
  });

  it("VMR alert and due dates both clip to the month's end: from 2026-09-30, alert 2027-02-28, due 2027-03-30", () => {
    expect(dueDates("vmr", "2026-09-30")).toEqual({ alertDate: "2027-02-28", dueDate: "2027-03-30" });
    expect(dueDates("vmr", "2027-09-30")).toEqual({ alertDate: "2028-02-29", dueDate: "2028-03-30" });
  });

  it("crosses the year end", () => {
    expect(dueDates("housing_regular", "2026-12-31").dueDate).toBe("2027-06-30");
    expect(dueDates("wmo_support", "2026-12-15").dueDate).toBe("2027-02-09");
  });

  it("refuses something that is not a calendar day", () => {
    expect(() => dueDates("wmo_support", "2026-02-30")).toThrow(RangeError);
    expect(() => dueDates("wmo_support", "31-01-2026")).toThrow(RangeError);
    expect(() => dueDates("wmo_support", "")).toThrow(RangeError);
    expect(isDateOnly("2028-02-29")).toBe(true);
    expect(isDateOnly("2027-02-29")).toBe(false);
    expect(isDateOnly("2026-13-01")).toBe(false);
  });
});

describe("VMR is not possible when Wlz care is needed", () => {
  it("vmrAllowed", () => {
    expect(vmrAllowed(false)).toBe(true);
    expect(vmrAllowed(true)).toBe(false);
  });

  it("deadlineProblem refuses only VMR with Wlz, with the Dutch reason", () => {
    expect(deadlineProblem("vmr", { needsWlz: true })).toBe(VMR_WLZ_MESSAGE);
    expect(VMR_WLZ_MESSAGE).toMatch(/^VMR is niet mogelijk als Wlz-zorg nodig is/);
    expect(deadlineProblem("vmr", { needsWlz: false })).toBeNull();
    for (const kind of DEADLINE_KINDS.filter((k) => k !== "vmr")) expect(deadlineProblem(kind, { needsWlz: true })).toBeNull();
  });
});

describe("deadlineState on the days around alert and due date", () => {
  const vmr = { ...dueDates("vmr", "2026-01-15") }; // alert 2026-06-15, due 2026-07-15
  const wmo = { ...dueDates("wmo_support", "2026-01-31") }; // due 2026-03-28, no alert

  it("a VMR term: running → alert on its alert day → overdue the day after its due date", () => {
    expect(vmr).toEqual({ alertDate: "2026-06-15", dueDate: "2026-07-15" });
    expect(deadlineState(vmr, "2026-01-15")).toBe("running");
    expect(deadlineState(vmr, "2026-06-14")).toBe("running");
    expect(deadlineState(vmr, "2026-06-15")).toBe("alert");
    expect(deadlineState(vmr, "2026-07-14")).toBe("alert");
    expect(deadlineState(vmr, "2026-07-15")).toBe("alert");
    expect(deadlineState(vmr, "2026-07-16")).toBe("overdue");
    expect(deadlineState(vmr, "2027-01-01")).toBe("overdue");
  });

  it("a term without alert date goes straight from running to overdue", () => {
    expect(deadlineState(wmo, "2026-03-27")).toBe("running");
    expect(deadlineState(wmo, "2026-03-28")).toBe("running");
    expect(deadlineState(wmo, "2026-03-29")).toBe("overdue");
    expect(deadlineState({ ...wmo, alertDate: null }, "2026-03-29")).toBe("overdue");
  });

  it("met wins from any state, also when met after the due date", () => {
    expect(deadlineState({ ...vmr, metOn: "2026-02-01" }, "2026-02-02")).toBe("met");
    expect(deadlineState({ ...vmr, metOn: "2026-06-20" }, "2026-06-20")).toBe("met");
    expect(deadlineState({ ...vmr, metOn: "2026-08-01" }, "2027-01-01")).toBe("met");
    expect(deadlineState({ ...wmo, metOn: null }, "2026-04-01")).toBe("overdue");
  });

  it("has Dutch labels for every state", () => {
    expect(DEADLINE_STATE_LABELS).toEqual({ met: "Gehaald", overdue: "Verlopen", alert: "Signaal: termijn loopt bijna af", running: "Loopt" });
  });
});

describe("formatDay", () => {
  it("writes a calendar day in Dutch without shifting it", () => {
    expect(formatDay("2026-03-28")).toBe("28 maart 2026");
    expect(formatDay("2028-02-29")).toBe("29 februari 2028");
    expect(formatDay("2026-12-31")).toBe("31 december 2026");
  });
});
