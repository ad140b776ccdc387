// The chair's decision not to include: it rests on a complete screening (the lifecycle checks
// that) and names the criteria found not met, so the referrer and the monitor can see why.
import { INCLUSION_CRITERIA, type Verdict } from "./vocabulary";

export type NotIncludedDecision = { ok: true; reason: string; notMet: number[] } | { ok: false; error: string };

export function notIncludedDecision(verdicts: readonly { criterion: number; verdict: Verdict }[], explanation: string): NotIncludedDecision {
  const notMet = verdicts.filter((v) => v.verdict === "not_met").map((v) => v.criterion).sort((a, b) => a - b);
  if (!notMet.length) {
    return { ok: false, error: "Niet includeren vraagt om minstens één criterium dat in de screening als ‘Niet voldaan’ is beoordeeld. Pas de screening aan of includeer de casus." };
  }
  const named = notMet.map((n) => `${n}. ${INCLUSION_CRITERIA.find((c) => c.number === n)?.label ?? ""}`.trim());
  return { ok: true, notMet, reason: `Niet voldaan aan criterium ${named.join("; ")}.\n${explanation.trim()}` };
}
