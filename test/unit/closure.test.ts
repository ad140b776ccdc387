import { describe, expect, it } from "vitest";
import { closureProblem, closureText } from "../../app/domain/closure";

describe("closing a case", () => {
  it("after placement and follow-up, or for a listed reason", () => {
    expect(closureProblem({ reason: "placed_follow_up_done", text: null }, { status: "follow_up", openTerms: 0 })).toBeNull();
    expect(closureProblem({ reason: "placed_follow_up_done", text: null }, { status: "plan_agreed", openTerms: 0 })).toMatch(/nazorg/);
    expect(closureProblem({ reason: "deceased", text: null }, { status: "plan_agreed", openTerms: 0 })).toBeNull();
    expect(closureProblem({ reason: "other", text: " " }, { status: "scheduled", openTerms: 0 })).toMatch(/Licht/);
    expect(closureText({ reason: "other", text: "Terug naar eigen regio" })).toBe("Anders: Terug naar eigen regio");
  });

  it("refuses while terms are open (neither met nor carried over)", () => {
    expect(closureProblem({ reason: "care_refused", text: null }, { status: "placed", openTerms: 2 })).toMatch(/lopen nog 2 termijnen/);
    expect(closureProblem({ reason: "placed_follow_up_done", text: null }, { status: "follow_up", openTerms: 1 })).toMatch(/loopt nog 1 termijn/);
  });
});
