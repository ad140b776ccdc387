import { describe, expect, it } from "vitest";
import { conclusionProblems, returnsToTable } from "../../app/domain/advisor-conclusion";
import { transition } from "../../app/domain/case-lifecycle";

const seven = (verdict: "met" | "not_met" | "unknown", at = -1) => Array.from({ length: 7 }, (_, i) => ({ verdict: i === at ? verdict : ("met" as const) }));

describe("the advisor's conclusion", () => {
  it("'voldoet' only when every criterion is met", () => {
    expect(conclusionProblems({ conclusion: "meets", motivation: "Alle zeven voldaan" }, seven("met"))).toEqual({});
    expect(conclusionProblems({ conclusion: "meets", motivation: "x" }, seven("not_met", 3)).conclusion).toMatch(/Niet voldaan/);
    expect(conclusionProblems({ conclusion: "meets", motivation: "x" }, seven("unknown", 0)).conclusion).toMatch(/Meer informatie nodig/);
    expect(conclusionProblems({ conclusion: "meets", motivation: "x" }, seven("met").slice(0, 5)).conclusion).toMatch(/alle zeven/);
  });

  it("'voldoet niet' and 'meer informatie' are always possible, with a motivation", () => {
    expect(conclusionProblems({ conclusion: "does_not_meet", motivation: "Criterium 4 niet" }, seven("not_met", 3))).toEqual({});
    expect(conclusionProblems({ conclusion: "more_information", motivation: " " }, seven("unknown", 1)).motivation).toBe("Motiveer uw conclusie.");
  });

  it("a negative conclusion returns the case to the table, with a reason", () => {
    expect(returnsToTable("meets")).toBe(false);
    expect(returnsToTable("more_information")).toBe(true);
    expect(transition("advisor_check", { event: "return_to_table", reason: "Meer informatie over criterium 5" })).toEqual({ ok: true, to: "plan_agreed" });
    expect(transition("advisor_check", { event: "return_to_table" }).ok).toBe(false);
    expect(transition("funding_arranged", { event: "return_to_table", reason: "x" }).ok).toBe(false);
  });
});
