import { describe, expect, it } from "vitest";
import { fundingProblems, fundingTypeOf, placementFundingProblem, type FundingContext } from "../../app/domain/funding";

const none: FundingContext = { arrangements: [], advisorConclusion: "meets", careOfficeValid: true };

describe("funding paths", () => {
  it("a regular contract, Wmo or Wlz path needs no arrangement", () => {
    expect(fundingProblems({ sources: ["regular_contract"] }, none)).toEqual({});
    expect(fundingProblems({ sources: ["wmo"] }, none)).toEqual({});
    expect(fundingProblems({ sources: ["wlz"], careOfficeId: 7 }, none)).toEqual({});
    expect(fundingProblems({ sources: ["wlz", "wmo"], careOfficeId: 7 }, none)).toEqual({});
  });

  it("needs at least one source, each once", () => {
    expect(fundingProblems({ sources: [] }, none).sources).toMatch(/minstens één/);
    expect(fundingProblems({ sources: ["wmo", "wmo"] }, none).sources).toMatch(/één keer/);
  });

  it("maatwerk needs an approved arrangement, and an approved arrangement needs maatwerk", () => {
    expect(fundingProblems({ sources: ["maatwerk"] }, none).sources).toMatch(/goedgekeurd/);
    const proposed: FundingContext = { ...none, arrangements: [{ status: "proposed", legalDomains: ["zvw"] }] };
    expect(fundingProblems({ sources: ["maatwerk"] }, proposed).sources).toMatch(/goedgekeurd/);
    const approved: FundingContext = { ...none, arrangements: [{ status: "approved", legalDomains: ["zvw"] }] };
    expect(fundingProblems({ sources: ["maatwerk"] }, approved)).toEqual({});
    expect(fundingProblems({ sources: ["wlz"], careOfficeId: 1 }, approved).sources).toMatch(/kies ook ‘Maatwerk-arrangement’/);
    const ended: FundingContext = { ...none, arrangements: [{ status: "ended", legalDomains: ["zvw"] }] };
    expect(fundingProblems({ sources: ["regular_contract"] }, ended)).toEqual({});
    const refused: FundingContext = { ...none, arrangements: [{ status: "refused", legalDomains: ["zvw"] }] };
    expect(fundingProblems({ sources: ["maatwerk"] }, refused).sources).toMatch(/goedgekeurd/);
  });

  it("components under the Wlz or the Wmo need those sources too", () => {
    const mixed: FundingContext = { ...none, arrangements: [{ status: "contracted", legalDomains: ["zvw", "wlz", "wmo"] }] };
    const problems = fundingProblems({ sources: ["maatwerk"] }, mixed).sources!;
    expect(problems).toMatch(/Wlz: kies ook ‘Wlz \(zorgkantoor\)’/);
    expect(problems).toMatch(/Wmo 2015: kies ook ‘Gemeente \/ Wmo’/);
    expect(fundingProblems({ sources: ["maatwerk", "wlz", "wmo"], careOfficeId: 3 }, mixed)).toEqual({});
  });

  it("a Wlz path needs a zorgkantoor; a zorgkantoor only with Wlz", () => {
    expect(fundingProblems({ sources: ["wlz"] }, none).careOfficeId).toMatch(/zorgkantoor/);
    expect(fundingProblems({ sources: ["wlz"], careOfficeId: 9 }, { ...none, careOfficeValid: false }).careOfficeId).toMatch(/uit de lijst/);
    expect(fundingProblems({ sources: ["wmo"], careOfficeId: 9 }, none).careOfficeId).toMatch(/alleen bij financiering uit de Wlz/);
  });

  it("insurer-paid funding waits for the advisor's conclusion 'voldoet'", () => {
    for (const advisorConclusion of [null, "does_not_meet", "more_information"] as const) {
      expect(fundingProblems({ sources: ["regular_contract"] }, { ...none, advisorConclusion }).sources).toMatch(/medisch adviseur/);
      expect(fundingProblems({ sources: ["wlz"], careOfficeId: 1 }, { ...none, advisorConclusion })).toEqual({});
    }
  });

  it("the placement's funding follows the case's", () => {
    expect(fundingTypeOf(["wlz"])).toBe("wlz");
    expect(fundingTypeOf(["wlz", "maatwerk"])).toBe("mixed");
    expect(placementFundingProblem({ fundingType: "wlz", careFunction: "wlz_place" }, ["wlz"])).toBeNull();
    expect(placementFundingProblem({ fundingType: "regular_contract", careFunction: "kib" }, ["wlz"])).toMatch(/past niet/);
    expect(placementFundingProblem({ fundingType: "mixed", careFunction: "kib" }, ["wlz", "wmo"])).toBeNull();
    expect(placementFundingProblem({ fundingType: "regular_contract", careFunction: "wlz_place" }, ["regular_contract"])).toMatch(/Wlz-plek/);
    expect(placementFundingProblem({ fundingType: "wlz", careFunction: "kib" }, null)).toMatch(/eerst de financiering/);
  });
});
