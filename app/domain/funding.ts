// Funding paths (domain.md lifecycle: "funding arranged (regular contract | maatwerk-arrangement |
// municipal/Wmo | Wlz | mixed)"). A case's funding is one or more sources; a maatwerk-arrangement is
// needed only when (part of) the funding is maatwerk. The consistency rules between the case's
// funding, its arrangements and its placement live here. Pure: no HTTP, no database.
//
// Sources (../shared/seeds):
// - plan-van-aanpak: the medical advisor checks the criteria and starts funding; "waar reguliere
//   contracten niet passen" insurers agree a maatwerk-arrangement.
// - beleidskader-wlz-zorgkantoren: the zorgkantoor carries out the Wlz for its region and contracts
//   Wlz care; so a Wlz path needs a zorgkantoor as party.
// - werkwijzer: "Bij noodzaak van Wlz is VMR niet mogelijk" (see deadlines.ts).
import type { ArrangementStatus, CareFunction, FundingType, LegalDomain } from "./vocabulary";
import { FUNDING_TYPE_LABELS, LEGAL_DOMAIN_LABELS } from "./vocabulary";

export const FUNDING_SOURCES = ["regular_contract", "maatwerk", "wmo", "wlz"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  regular_contract: "Regulier contract (Zvw)",
  maatwerk: "Maatwerk-arrangement",
  wmo: "Gemeente / Wmo",
  wlz: "Wlz (zorgkantoor)",
};

/** Sources the insurer pays (Zvw): they start only after the medical advisor concluded "voldoet". */
export const INSURER_SOURCES: readonly FundingSource[] = ["regular_contract", "maatwerk"];

/** Arrangement statuses that count as agreed by the advisor. */
const APPROVED: readonly ArrangementStatus[] = ["approved", "contracted"];

/** The placement's funding type that matches the case's sources: the single source, or "mixed". */
export function fundingTypeOf(sources: readonly FundingSource[]): FundingType {
  return sources.length === 1 ? sources[0] : "mixed";
}

export function fundingLabel(sources: readonly FundingSource[]): string {
  return sources.map((s) => FUNDING_SOURCE_LABELS[s]).join(" + ");
}

/** Which source a component of an arrangement under this law needs besides maatwerk itself. */
const DOMAIN_SOURCE: Record<LegalDomain, FundingSource | null> = { zvw: null, wmo: "wmo", jeugdwet: "wmo", wlz: "wlz" };

export type FundingInput = {
  sources: readonly FundingSource[];
  /** The zorgkantoor taking part (required on a Wlz path). */
  careOfficeId?: number | null;
};

export type FundingContext = {
  /** Arrangements of the case with their status and the legal domains of their components. */
  arrangements: readonly { status: ArrangementStatus; legalDomains: readonly LegalDomain[] }[];
  /** The medical advisor's latest conclusion on the case, if any. */
  advisorConclusion: "meets" | "does_not_meet" | "more_information" | null;
  /** The chosen zorgkantoor is an active organisation of type zorgkantoor. */
  careOfficeValid?: boolean;
};

export type FundingProblems = Partial<Record<"sources" | "careOfficeId", string>>;

/**
 * Everything wrong with recording this funding for a case, keyed by form field; empty when it fits.
 * - at least one source, each once;
 * - maatwerk ⇔ an arrangement approved by the advisor (an approved arrangement is funding: leaving
 *   it out would hide it, and maatwerk without one has nothing behind it);
 * - a component under the Wlz or the Wmo/Jeugdwet needs that source too;
 * - Wlz needs a zorgkantoor;
 * - insurer-paid sources need the medical advisor's conclusion "voldoet aan de criteria".
 */
export function fundingProblems(input: FundingInput, context: FundingContext): FundingProblems {
  const problems: FundingProblems = {};
  const sources = new Set(input.sources);
  if (!sources.size) return { sources: "Kies minstens één financieringsbron." };
  if (sources.size !== input.sources.length) return { sources: "Kies elke financieringsbron één keer." };
  const approved = context.arrangements.filter((a) => APPROVED.includes(a.status));
  const messages: string[] = [];
  if (sources.has("maatwerk") && !approved.length) {
    messages.push("Maatwerk is pas mogelijk met een maatwerk-arrangement dat de medisch adviseur heeft goedgekeurd.");
  }
  if (!sources.has("maatwerk") && approved.length) {
    messages.push("Er is een goedgekeurd maatwerk-arrangement: kies ook ‘Maatwerk-arrangement’, of beëindig het arrangement eerst.");
  }
  if (sources.has("maatwerk")) {
    const needed = new Set(approved.flatMap((a) => a.legalDomains));
    for (const domain of needed) {
      const source = DOMAIN_SOURCE[domain];
      if (source && !sources.has(source)) {
        messages.push(`Het arrangement heeft een onderdeel onder de ${LEGAL_DOMAIN_LABELS[domain]}: kies ook ‘${FUNDING_SOURCE_LABELS[source]}’.`);
      }
    }
  }
  if (INSURER_SOURCES.some((s) => sources.has(s)) && context.advisorConclusion !== "meets") {
    messages.push("Financiering door de zorgverzekeraar (regulier contract of maatwerk) start pas als de medisch adviseur heeft geconcludeerd dat de casus voldoet aan de criteria.");
  }
  if (messages.length) problems.sources = messages.join(" ");
  if (sources.has("wlz")) {
    if (input.careOfficeId == null) problems.careOfficeId = "Bij financiering uit de Wlz is het zorgkantoor partij: kies het zorgkantoor.";
    else if (!context.careOfficeValid) problems.careOfficeId = "Kies een zorgkantoor uit de lijst.";
  } else if (input.careOfficeId != null) {
    problems.careOfficeId = "Een zorgkantoor hoort alleen bij financiering uit de Wlz.";
  }
  return problems;
}

/**
 * Why this placement does not fit the case's funding, or null. The placement's funding type must be
 * the case's (its single source, or "Combinatie"); a Wlz place needs Wlz funding.
 */
export function placementFundingProblem(
  placement: { fundingType: FundingType; careFunction: CareFunction },
  caseSources: readonly FundingSource[] | null,
): string | null {
  if (!caseSources?.length) return "Leg eerst de financiering van de casus vast.";
  const expected = fundingTypeOf(caseSources);
  if (placement.fundingType !== expected) {
    return `De financiering van de plaatsing (${FUNDING_TYPE_LABELS[placement.fundingType]}) past niet bij de vastgelegde financiering van de casus (${fundingLabel(caseSources)}): kies ‘${FUNDING_TYPE_LABELS[expected]}’.`;
  }
  if (placement.careFunction === "wlz_place" && !caseSources.includes("wlz")) {
    return "Een Wlz-plek kan alleen met financiering uit de Wlz.";
  }
  return null;
}
