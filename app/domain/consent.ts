// Consent for consultation (werkwijzer; beleidskader 2.5): who may give it, and what it lets
// whom see. No consultation with identity without it; withdrawal takes effect at once.
import { hasControlCharacters } from "./dutch-errors";
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
 * A consent override (doorbreking van het beroepsgeheim bij conflict van plichten, e.g. acute
 * danger): for a limited time the named organisations see identity without (or after the
 * withdrawal of) consent. Granted by the chair of the case's table, never longer than
 * OVERRIDE_MAX_DAYS, always with a written reason, and every access under it is logged as such.
 */
export type ConsentOverrideWindow = {
  organisationIds: readonly number[];
  /** ISO time; the override no longer applies from this moment. */
  expiresAt: string;
  /** ISO time the chair ended it early; null while it runs. */
  endedAt: string | null;
};

export const OVERRIDE_MAX_DAYS = 7;
export const OVERRIDE_REASON_MIN = 30;
export const OVERRIDE_REASON_MAX = 2000;
/** More organisations than any table has parties: a post with more is not a real choice. */
export const OVERRIDE_MAX_ORGANISATIONS = 50;

export const OVERRIDE_MESSAGES = {
  organisationIds: "Kies minstens één organisatie die de gegevens zonder toestemming mag zien.",
  tooManyOrganisations: `Kies hoogstens ${OVERRIDE_MAX_ORGANISATIONS} organisaties.`,
  reason: `Beschrijf in minstens ${OVERRIDE_REASON_MIN} tekens waarom het beroepsgeheim doorbroken moet worden: welk gevaar dreigt en waarom toestemming vragen niet kan.`,
  reasonTooLong: `Vul hoogstens ${OVERRIDE_REASON_MAX} tekens in.`,
  reasonControl: "De reden bevat onzichtbare stuurtekens. Typ de reden opnieuw, zonder die tekens.",
  days: `Een doorbreking duurt minstens 1 en hoogstens ${OVERRIDE_MAX_DAYS} dagen (hele dagen).`,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ConsentOverrideRequest = { organisationIds: readonly number[]; reason: string; days: number };
export type ConsentOverrideField = "organisationIds" | "reason" | "days";

/** Dutch problems per field with a request for an override; empty when it may be granted. */
export function consentOverrideProblems(input: ConsentOverrideRequest): Partial<Record<ConsentOverrideField, string>> {
  const problems: Partial<Record<ConsentOverrideField, string>> = {};
  const ids = input.organisationIds;
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) problems.organisationIds = OVERRIDE_MESSAGES.organisationIds;
  else if (new Set(ids).size > OVERRIDE_MAX_ORGANISATIONS) problems.organisationIds = OVERRIDE_MESSAGES.tooManyOrganisations;
  const reason = input.reason.trim();
  if (reason.length < OVERRIDE_REASON_MIN) problems.reason = OVERRIDE_MESSAGES.reason;
  else if (reason.length > OVERRIDE_REASON_MAX) problems.reason = OVERRIDE_MESSAGES.reasonTooLong;
  // Tabs and line breaks are fine: a textarea sends them.
  else if (hasControlCharacters(reason, { multiline: true })) problems.reason = OVERRIDE_MESSAGES.reasonControl;
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > OVERRIDE_MAX_DAYS) problems.days = OVERRIDE_MESSAGES.days;
  return problems;
}

/** When an override granted at `grantedAt` for `days` days ends. Refuses a duration the rules do not allow. */
export function overrideExpiresAt(grantedAt: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > OVERRIDE_MAX_DAYS) throw new RangeError(OVERRIDE_MESSAGES.days);
  return new Date(grantedAt.getTime() + days * DAY_MS).toISOString();
}

/** Runs now: not ended, and the expiry (at most OVERRIDE_MAX_DAYS away) is still in the future. */
export function overrideIsActive(override: ConsentOverrideWindow, now: Date = new Date()): boolean {
  if (override.endedAt) return false;
  const expires = Date.parse(override.expiresAt);
  return Number.isFinite(expires) && expires > now.getTime();
}

export type VisibilityBasis = {
  visibility: Visibility;
  /** True when identity is shown only because of an active consent override: the access must be logged as such. */
  viaOverride: boolean;
};

/** What consent alone lets this viewer see. */
function visibilityByConsent(viewer: Viewer, consent: ConsentScope | null, parties: CaseParties): Visibility {
  if (consent?.excludedEmails.some((e) => e.toLowerCase() === viewer.email.toLowerCase())) return "none";
  if (viewer.organisationId === parties.leadOrganisationId) return "identified";
  if (!consent || consent.status !== "active") return "deidentified";
  if (viewer.organisationId === parties.referrerOrganisationId) return "identified";
  if (consent.organisationIds.includes(viewer.organisationId)) return "identified";
  if (consent.organisationTypes.includes(viewer.organisationType)) return "identified";
  return "deidentified";
}

/**
 * The one decision on what a person sees of a case, and on what basis: identity, a
 * de-identified summary, or nothing (named as not to be involved). Consent decides first; an
 * active override only adds identity for its organisations where consent does not give it,
 * and never for a person the patient named as not to be involved.
 */
export function caseVisibilityWithBasis(
  viewer: Viewer,
  consent: ConsentScope | null,
  parties: CaseParties,
  overrides: readonly ConsentOverrideWindow[] = [],
  now: Date = new Date(),
): VisibilityBasis {
  const byConsent = visibilityByConsent(viewer, consent, parties);
  if (byConsent !== "deidentified") return { visibility: byConsent, viaOverride: false };
  const overridden = overrides.some((o) => overrideIsActive(o, now) && o.organisationIds.includes(viewer.organisationId));
  return overridden ? { visibility: "identified", viaOverride: true } : { visibility: "deidentified", viaOverride: false };
}

/**
 * The one decision on what a person sees of a case: identity, a de-identified summary, or
 * nothing (named as not to be involved). Pages, messages, exports and API all ask this.
 * Without overrides it is the consent's decision alone.
 */
export function caseVisibility(
  viewer: Viewer,
  consent: ConsentScope | null,
  parties: CaseParties,
  overrides: readonly ConsentOverrideWindow[] = [],
  now: Date = new Date(),
): Visibility {
  return caseVisibilityWithBasis(viewer, consent, parties, overrides, now).visibility;
}

/**
 * Organisation types an override never names: the national project office and the VWS unit work
 * with aggregates and cases' codes, never with a patient's identity.
 */
export const OVERRIDE_EXCLUDED_TYPES: readonly OrganisationType[] = ["national_project_office", "vws_unit"];
export const mayReceiveOverride = (o: { type: OrganisationType }) => !OVERRIDE_EXCLUDED_TYPES.includes(o.type);
