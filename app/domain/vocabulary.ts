// The domain's fixed vocabularies, with their Dutch labels for the UI.
// Code uses the English keys; the labels are the terms of art the users know.

export const ORGANISATION_TYPES = [
  "ggz_provider",
  "addiction_care",
  "sheltered_housing",
  "intellectual_disability_care",
  "insurer",
  "municipality",
  "care_office",
  "vws_unit",
  "national_project_office",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  ggz_provider: "Ggz-aanbieder",
  addiction_care: "Verslavingszorg",
  sheltered_housing: "Beschermd wonen",
  intellectual_disability_care: "Zorg voor mensen met een verstandelijke beperking",
  insurer: "Zorgverzekeraar",
  municipality: "Gemeente",
  care_office: "Zorgkantoor",
  vws_unit: "VWS – unit complexe zorgvragen",
  national_project_office: "Landelijk projectbureau",
};

export const ROLES = ["chair", "member", "referrer", "medical_advisor", "project_leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  chair: "Voorzitter",
  member: "Tafellid",
  referrer: "Verwijzer",
  medical_advisor: "Medisch adviseur",
  project_leader: "Landelijk projectleider",
  admin: "Beheerder",
};

/** Roles held per table; the others act for the user's organisation or nationally. */
export const TABLE_ROLES = ["chair", "member"] as const satisfies readonly Role[];
export const isTableRole = (role: Role): role is (typeof TABLE_ROLES)[number] =>
  (TABLE_ROLES as readonly Role[]).includes(role);

export const PROVINCES = [
  "Groningen",
  "Fryslân",
  "Drenthe",
  "Overijssel",
  "Flevoland",
  "Gelderland",
  "Utrecht",
  "Noord-Holland",
  "Zuid-Holland",
  "Zeeland",
  "Noord-Brabant",
  "Limburg",
] as const;
export type Province = (typeof PROVINCES)[number];

/** The seven inclusion criteria for hoogcomplexe ggz (plan van aanpak, section 5a), in the source's words. */
export const INCLUSION_CRITERIA = [
  { number: 1, label: "Meerdere vervlochten psychiatrische aandoeningen" },
  { number: 2, label: "Behandeldoelstelling is aanwezig én realiseerbaar (kan ook care-gericht of herstelgericht zijn)" },
  { number: 3, label: "Samenhang meerdere stoornissen i.c.m. systemische problematiek / meerdere levensdomeinen" },
  { number: 4, label: "Dreiging ernstig gevaar voor lichamelijke schade en/of overlijden" },
  { number: 5, label: "Er is al een aantal (specifieke) behandelingen uitgevoerd" },
  { number: 6, label: "Uitzonderlijk behandelregime is nodig om gevaar te voorkomen en de behandeling in gang te zetten" },
  { number: 7, label: "Zorg is schaars, intensief, duur, aanbod niet makkelijk op te schalen (maatwerk staat centraal)" },
] as const;
export const CRITERION_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;

export const VERDICTS = ["met", "not_met", "unknown"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { met: "Voldaan", not_met: "Niet voldaan", unknown: "Onbekend" };

export const REFERRAL_SOURCES = ["insurer_mediation", "provider"] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  insurer_mediation: "Zorgbemiddeling zorgverzekeraar",
  provider: "Zorgaanbieder",
};

export const URGENCIES = ["regular", "high", "crisis"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { regular: "Normaal", high: "Hoog", crisis: "Crisis" };

/** Who may consent for an incompetent patient, in the legal order (WGBO art. 7:465 BW). */
export const REPRESENTATIVE_KINDS = ["curator_mentor", "written_authorised", "partner", "family"] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];
export const REPRESENTATIVE_LABELS: Record<RepresentativeKind, string> = {
  curator_mentor: "Curator of mentor (door de rechter benoemd)",
  written_authorised: "Schriftelijk gemachtigde",
  partner: "Echtgeno(o)t(e), geregistreerd partner of levensgezel",
  family: "Ouder, kind, broer of zus",
};

export const CONSENT_METHODS = ["written", "oral"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = { written: "Schriftelijk", oral: "Mondeling" };
