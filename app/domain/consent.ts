// Consent for consultation (werkwijzer; beleidskader 2.5): who may give it, and what it lets
// whom see. No consultation with identity without it; withdrawal takes effect at once.
import { REPRESENTATIVE_KINDS, type OrganisationType, type RepresentativeKind } from "./vocabulary";

export type ConsentGiver =
  | { givenBy: "patient" }
  | {
      givenBy: "representative";
      representativeKind: RepresentativeKind;
      representativeName: string;
      /** The patient is incompetent on this matter (wilsonbekwaam ter zake). */
      patientIncompetent: boolean;
      /** For a lower rank: nobody of a higher rank is there or willing to act. */
      higherRanksUnavailable: boolean;
    };

export const representativeRank = (kind: RepresentativeKind) => REPRESENTATIVE_KINDS.indexOf(kind) + 1;

/** Dutch problems with who gave consent; empty when it follows the legal order. */
export function consentGiverProblems(giver: ConsentGiver): string[] {
  if (giver.givenBy === "patient") return [];
  const problems: string[] = [];
  if (!giver.patientIncompetent) {
    problems.push("Een vertegenwoordiger geeft alleen toestemming als de patiënt wilsonbekwaam is ter zake; anders geeft de patiënt zelf toestemming.");
  }
  if (!giver.representativeName.trim()) problems.push("Vul de naam van de vertegenwoordiger in.");
  if (representativeRank(giver.representativeKind) > 1 && !giver.higherRanksUnavailable) {
    problems.push("Een vertegenwoordiger lager in de wettelijke rangorde mag alleen optreden als er niemand hoger in de rangorde is (curator/mentor, dan schriftelijk gemachtigde, dan partner, dan ouder/kind/broer/zus). Bevestig dat.");
  }
  return problems;
}

export type ConsentScope = {
  status: "active" | "withdrawn";
  organisationIds: readonly number[];
  organisationTypes: readonly OrganisationType[];
  /** E-mail addresses of people who must not be involved (matched case-insensitively). */
  excludedEmails: readonly string[];
};

export type Viewer = { email: string; organisationId: number; organisationType: OrganisationType };

export type CaseParties = {
  /** The table's lead provider: the chair's own organisation always sees identity. */
  leadOrganisationId: number;
  /** The organisation that referred the case typed the identity itself. */
  referrerOrganisationId: number;
};

export type Visibility = "identified" | "deidentified" | "none";

/**
 * The one decision on what a person sees of a case: identity, a de-identified summary, or
 * nothing (named as not to be involved). Pages, messages, exports and API all ask this.
 */
export function caseVisibility(viewer: Viewer, consent: ConsentScope | null, parties: CaseParties): Visibility {
  if (consent?.excludedEmails.some((e) => e.toLowerCase() === viewer.email.toLowerCase())) return "none";
  if (viewer.organisationId === parties.leadOrganisationId) return "identified";
  if (!consent || consent.status !== "active") return "deidentified";
  if (viewer.organisationId === parties.referrerOrganisationId) return "identified";
  if (consent.organisationIds.includes(viewer.organisationId)) return "identified";
  if (consent.organisationTypes.includes(viewer.organisationType)) return "identified";
  return "deidentified";
}
