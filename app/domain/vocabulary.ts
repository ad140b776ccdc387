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

/** Who asked for consent to be withdrawn (recorded with the reason, shown in the history and inzage). */
export const WITHDRAWAL_REQUESTERS = ["patient", "representative", "other"] as const;
export type WithdrawalRequester = (typeof WITHDRAWAL_REQUESTERS)[number];
export const WITHDRAWAL_REQUESTER_LABELS: Record<WithdrawalRequester, string> = {
  patient: "De patiënt zelf",
  representative: "De vertegenwoordiger van de patiënt",
  other: "Iemand anders (toelichting in de reden)",
};

export const CONSENT_METHODS = ["written", "oral"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = { written: "Schriftelijk", oral: "Mondeling" };

// ── Outcomes and monitoring (issue 5) ──

export const LIFE_DOMAINS = ["treatment", "housing", "daytime_activity", "income_debts", "social_network", "meaning"] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
export const LIFE_DOMAIN_LABELS: Record<LifeDomain, string> = {
  treatment: "Behandeling",
  housing: "Wonen",
  daytime_activity: "Dagbesteding en werk",
  income_debts: "Inkomen en schulden",
  social_network: "Sociaal netwerk",
  // The werkwijzer lists zingeving among the life domains.
  meaning: "Zingeving",
};

export const ACTION_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", in_progress: "Loopt", done: "Afgerond", cancelled: "Vervallen" };

export const ARRANGEMENT_STATUSES = ["proposed", "approved", "contracted", "ended", "refused"] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];
export const ARRANGEMENT_STATUS_LABELS: Record<ArrangementStatus, string> = {
  proposed: "Voorgesteld",
  approved: "Goedgekeurd door medisch adviseur",
  contracted: "Gecontracteerd",
  ended: "Beëindigd",
  refused: "Afgewezen door medisch adviseur",
};

export const COMPONENT_KINDS = ["treatment", "housing", "support", "daytime_activity", "debt_help", "other"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];
export const COMPONENT_KIND_LABELS: Record<ComponentKind, string> = {
  treatment: "Behandeling",
  housing: "Wonen / beschermd wonen",
  support: "Ondersteuning / begeleiding",
  daytime_activity: "Dagbesteding",
  debt_help: "Schuldhulp",
  other: "Anders",
};

export const LEGAL_DOMAINS = ["zvw", "wmo", "wlz", "jeugdwet"] as const;
export type LegalDomain = (typeof LEGAL_DOMAINS)[number];
export const LEGAL_DOMAIN_LABELS: Record<LegalDomain, string> = { zvw: "Zvw", wmo: "Wmo 2015", wlz: "Wlz", jeugdwet: "Jeugdwet" };

export const FUNDING_INSTRUMENTS = ["regular_contract", "facultative_performance", "bdvo", "other"] as const;
export type FundingInstrument = (typeof FUNDING_INSTRUMENTS)[number];
export const FUNDING_INSTRUMENT_LABELS: Record<FundingInstrument, string> = {
  regular_contract: "Regulier contract",
  facultative_performance: "Facultatieve prestatie",
  bdvo: "BDVO",
  other: "Anders",
};

/** How a case's care is funded once the advisor has checked it (domain.md lifecycle). */
export const FUNDING_TYPES = ["regular_contract", "maatwerk", "wmo", "wlz", "mixed"] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
export const FUNDING_TYPE_LABELS: Record<FundingType, string> = {
  regular_contract: "Regulier contract",
  maatwerk: "Maatwerk-arrangement",
  wmo: "Gemeente / Wmo",
  wlz: "Wlz",
  mixed: "Combinatie",
};

export const ESCALATION_LEVELS = ["own_region", "supra_regional", "national_mediation", "national_project_leader"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = {
  own_region: "Eigen regio",
  supra_regional: "Bovenregionaal aanbod",
  national_mediation: "Landelijke zorgbemiddeling zorgverzekeraar",
  national_project_leader: "Landelijk projectleider",
};

export const CARE_FUNCTIONS = [
  "kib",
  "fact",
  "iht",
  "sheltered_housing",
  "wlz_place",
  "addiction_care",
  "intellectual_disability_care",
  "housing",
  "other",
] as const;
export type CareFunction = (typeof CARE_FUNCTIONS)[number];
export const CARE_FUNCTION_LABELS: Record<CareFunction, string> = {
  kib: "Klinische intensieve behandeling (KIB)",
  fact: "FACT",
  iht: "Intensive Home Treatment (IHT)",
  sheltered_housing: "Beschermd wonen",
  wlz_place: "Wlz-plek",
  addiction_care: "Verslavingszorg",
  intellectual_disability_care: "Zorg voor mensen met een verstandelijke beperking",
  housing: "Huisvesting",
  other: "Anders",
};

export const SHORTFALL_KINDS = ["absent", "insufficient_capacity", "blocked_outflow"] as const;
export type ShortfallKind = (typeof SHORTFALL_KINDS)[number];
export const SHORTFALL_KIND_LABELS: Record<ShortfallKind, string> = {
  absent: "Bestaat niet in de regio",
  insufficient_capacity: "Onvoldoende capaciteit",
  blocked_outflow: "Uitstroom stokt (opgenomen zonder medische noodzaak)",
};

export const SHORTFALL_STATUSES = ["open", "reported", "resolved"] as const;
export type ShortfallStatus = (typeof SHORTFALL_STATUSES)[number];
export const SHORTFALL_STATUS_LABELS: Record<ShortfallStatus, string> = { open: "Open", reported: "Gemeld aan zorgverzekeraars", resolved: "Opgelost" };

/** Bottleneck categories used in Dutch reports. */
export const BOTTLENECK_CATEGORIES = ["financial_incentives", "limited_capacity", "step_down", "other"] as const;
export type BottleneckCategory = (typeof BOTTLENECK_CATEGORIES)[number];
export const BOTTLENECK_CATEGORY_LABELS: Record<BottleneckCategory, string> = {
  financial_incentives: "Verkeerde financiële prikkels",
  limited_capacity: "Beperkte capaciteit (ambulante zorg, personeel)",
  step_down: "Moeizame afschaling naar lichtere zorg",
  other: "Overig",
};

/** The terms of the werkwijzer medisch noodzakelijk verblijf and the Eemland agreements. */
export const DEADLINE_KINDS = [
  "wmo_support",
  "wmo_support_short_stay",
  "housing_urgent",
  "housing_regular",
  "income_debt_address",
  "sheltered_housing_decision",
  "sheltered_housing_placement",
  "vmr",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Legal framework of compulsory care a patient is under (minimum data set). */
export const LEGAL_FRAMEWORKS = ["wvggz", "wzd", "none"] as const;
export type LegalFramework = (typeof LEGAL_FRAMEWORKS)[number];
export const LEGAL_FRAMEWORK_LABELS: Record<LegalFramework, string> = {
  wvggz: "Wvggz (verplichte ggz)",
  wzd: "Wzd (zorg en dwang)",
  none: "Geen",
};

/** Whether the patient has a Wlz indication (minimum data set). */
export const WLZ_INDICATIONS = ["yes", "applied", "no"] as const;
export type WlzIndication = (typeof WLZ_INDICATIONS)[number];
export const WLZ_INDICATION_LABELS: Record<WlzIndication, string> = { yes: "Ja", applied: "Aangevraagd", no: "Nee" };
