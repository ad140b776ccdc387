// The escalation ladder (domain.md: own region → bovenregionaal → national zorgbemiddeling → national
// project leader): only up, the same level only with a new reason, always a reason, and only while
// the table works on the case.
import { CASE_STATES } from "~/domain/case-lifecycle";
import {
  checkEscalation,
  ESCALATION_LEVELS,
  ESCALATION_STATES,
  lastEscalation,
  levelRank,
  selectableLevels,
  type EscalationRecord,
} from "~/domain/escalation";

const step = (level: EscalationRecord["level"], reason = `Reden voor ${level}`): EscalationRecord => ({ level, reason });

describe("the ladder", () => {
  it("has four levels in the domain's order", () => {
    expect(ESCALATION_LEVELS).toEqual(["own_region", "supra_regional", "national_mediation", "national_project_leader"]);
    expect(ESCALATION_LEVELS.map(levelRank)).toEqual([0, 1, 2, 3]);
  });

  it("offers every level first, then the last level and those above it", () => {
    expect(selectableLevels([])).toEqual([...ESCALATION_LEVELS]);
    expect(selectableLevels([step("own_region")])).toEqual([...ESCALATION_LEVELS]);
    expect(selectableLevels([step("own_region"), step("national_mediation")])).toEqual(["national_mediation", "national_project_leader"]);
    expect(selectableLevels([step("national_project_leader")])).toEqual(["national_project_leader"]);
  });

  it("lastEscalation is the newest record", () => {
    expect(lastEscalation([])).toBeNull();
    expect(lastEscalation([step("own_region"), step("supra_regional")])).toEqual(step("supra_regional"));
  });
});

describe("checkEscalation", () => {
  it("accepts any level as the first step, with a reason", () => {
    for (const level of ESCALATION_LEVELS) expect(checkEscalation("discussed", [], { level, reason: "Geen passend aanbod in de regio." })).toEqual({ ok: true });
  });

  it("accepts a higher level, also skipping one", () => {
    expect(checkEscalation("discussed", [step("own_region")], { level: "supra_regional", reason: "Geen plek in de regio." })).toEqual({ ok: true });
    expect(checkEscalation("discussed", [step("own_region")], { level: "national_project_leader", reason: "Crisis." })).toEqual({ ok: true });
  });

  it("refuses a lower level than the last one, on the level field, in Dutch", () => {
    const result = checkEscalation("plan_agreed", [step("own_region"), step("national_mediation")], { level: "supra_regional", reason: "Nieuw aanbod." });
    expect(result).toEqual({
      ok: false,
      field: "level",
      error: 'Opschalen gaat alleen omhoog: kies "Landelijke zorgbemiddeling zorgverzekeraar" (met een nieuwe reden) of een hoger niveau.',
    });
    expect(checkEscalation("plan_agreed", [step("supra_regional")], { level: "own_region", reason: "x" }).ok).toBe(false);
  });

  it("accepts the same level again with a new reason", () => {
    const previous = [step("supra_regional", "Geen plek bij de KIB in Zeeland.")];
    expect(checkEscalation("discussed", previous, { level: "supra_regional", reason: "Bovenregionaal aanbod in Gelderland viel af." })).toEqual({ ok: true });
  });

  it("refuses the same level with a reason already recorded there (ignoring case and spacing)", () => {
    const previous = [step("supra_regional", "Geen plek bij de KIB in Zeeland."), step("supra_regional", "Tweede poging.")];
    for (const reason of ["Geen plek bij de KIB in Zeeland.", "  geen plek bij de  KIB in zeeland. ", "Tweede poging."]) {
      const result = checkEscalation("discussed", previous, { level: "supra_regional", reason });
      expect(result).toEqual({
        ok: false,
        field: "reason",
        error: 'Deze reden is al vastgelegd bij "Bovenregionaal aanbod". Geef een nieuwe reden om opnieuw op dit niveau op te schalen.',
      });
    }
  });

  it("allows a reason used at a lower level when going up", () => {
    const previous = [step("own_region", "Geen plek.")];
    expect(checkEscalation("discussed", previous, { level: "supra_regional", reason: "Geen plek." })).toEqual({ ok: true });
  });

  it("requires a reason", () => {
    for (const reason of ["", "   ", "\n"]) {
      expect(checkEscalation("discussed", [], { level: "own_region", reason })).toEqual({ ok: false, field: "reason", error: "Geef de reden van de opschaling." });
    }
  });

  it("refuses an unknown level", () => {
    expect(checkEscalation("discussed", [], { level: "nationaal" as never, reason: "x" })).toEqual({ ok: false, field: "level", error: "Kies een niveau van opschaling." });
  });

  it("is possible from inclusion until the case is closed, not before or after", () => {
    const outside = CASE_STATES.filter((s) => !ESCALATION_STATES.includes(s));
    expect(outside).toEqual(["received", "screening", "information_requested", "not_included", "closed"]);
    for (const state of ESCALATION_STATES) expect(checkEscalation(state, [], { level: "own_region", reason: "x" })).toEqual({ ok: true });
    expect(checkEscalation("closed", [], { level: "own_region", reason: "x" })).toEqual({ ok: false, error: 'Opschalen kan niet bij een casus met status "Afgesloten".' });
    expect(checkEscalation("screening", [], { level: "own_region", reason: "x" })).toEqual({ ok: false, error: 'Opschalen kan niet bij een casus met status "In screening".' });
  });
});
