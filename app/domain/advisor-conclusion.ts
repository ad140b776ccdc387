// The medical advisor's conclusion on a case (plan-van-aanpak: the advisor checks the seven
// criteria on the table's outcome and starts funding). "Voldoet" opens approval and insurer funding;
// "voldoet niet" and "meer informatie nodig" send the case back to the table with the reasons.
// Pure: no HTTP, no database.
export const ADVISOR_CONCLUSIONS = ["meets", "does_not_meet", "more_information"] as const;
export type AdvisorConclusion = (typeof ADVISOR_CONCLUSIONS)[number];

export const ADVISOR_CONCLUSION_LABELS: Record<AdvisorConclusion, string> = {
  meets: "Voldoet aan de criteria",
  does_not_meet: "Voldoet niet aan de criteria",
  more_information: "Meer informatie nodig",
};

/** A conclusion other than "meets" returns the case to the table. */
export const returnsToTable = (conclusion: AdvisorConclusion) => conclusion !== "meets";

export type ConclusionProblems = Partial<Record<"conclusion" | "motivation", string>>;

/**
 * The conclusion must follow from the verdicts: "voldoet" cannot stand next to a criterion judged
 * "niet voldaan" or "onbekend", and every conclusion needs a motivation.
 */
export function conclusionProblems(input: { conclusion: AdvisorConclusion; motivation: string }, verdicts: readonly { verdict: "met" | "not_met" | "unknown" }[]): ConclusionProblems {
  const problems: ConclusionProblems = {};
  if (!input.motivation.trim()) problems.motivation = "Motiveer uw conclusie.";
  if (input.conclusion === "meets") {
    if (verdicts.length < 7) problems.conclusion = "Beoordeel eerst alle zeven criteria.";
    else if (verdicts.some((v) => v.verdict === "not_met")) problems.conclusion = "U heeft een criterium als ‘Niet voldaan’ beoordeeld: de conclusie kan dan niet ‘Voldoet aan de criteria’ zijn.";
    else if (verdicts.some((v) => v.verdict === "unknown")) problems.conclusion = "U heeft een criterium als ‘Onbekend’ beoordeeld: kies ‘Meer informatie nodig’ of pas het oordeel aan.";
  }
  return problems;
}
