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
