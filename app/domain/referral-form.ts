// The referral form's shape, shared by the concept page and its server code: the four steps,
// which dotted field belongs to which step, Dutch labels for error lists, and repeated rows.
// A draft stores what was typed keyed by these dotted names ("patient.bsn", "priorAttempts.0.who").

export const STEPS = [
  { number: 1, title: "Patiënt" },
  { number: 2, title: "Zorgvraag" },
  { number: 3, title: "Toestemming" },
  { number: 4, title: "Bijlagen en controle" },
] as const;
export type StepNumber = 1 | 2 | 3 | 4;

export function parseStep(raw: unknown): StepNumber | null {
  return raw === "1" || raw === "2" || raw === "3" || raw === "4" ? (Number(raw) as StepNumber) : null;
}

/** What a draft holds: each field as typed, multi-valued fields (checkbox groups) as arrays. */
export type DraftValues = Record<string, string | string[]>;

export function draftValues(raw: unknown): DraftValues {
  const values: DraftValues = {};
  if (!raw || typeof raw !== "object") return values;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

export const textOf = (values: DraftValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};
export const listOf = (values: DraftValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
export const isChecked = (values: DraftValues, name: string) => ["on", "true"].includes(textOf(values, name));

/** Repeated groups of fields: prior placement attempts and people who must not be involved. */
export const ROW_GROUPS = {
  priorAttempts: { prefix: "priorAttempts", fields: ["who", "what", "when", "whyFailed"], max: 20 },
  excludedPersons: { prefix: "consent.excludedPersons", fields: ["name", "email"], max: 50 },
} as const;
export type RowGroup = keyof typeof ROW_GROUPS;

/** Number of rows the draft has for a group (at least `min`, so an empty form shows one row). */
export function rowCount(values: DraftValues, group: RowGroup, min = 0): number {
  const { prefix } = ROW_GROUPS[group];
  const pattern = new RegExp(`^${prefix.replace(".", "\\.")}\\.(\\d+)\\.`);
  let count = 0;
  for (const key of Object.keys(values)) {
    const m = pattern.exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  return Math.max(count, min);
}

/** The fields each step writes; anything else in a post is ignored. */
export const STEP_FIELDS: Record<1 | 2 | 3, RegExp[]> = {
  1: [/^viaVwsUnit$/, /^patient\.(name|bsn|dateOfBirth|address|municipality|insurer)$/, /^tableOverride\.(table|reason)$/],
  2: [
    /^(currentProviders|treatmentHistory|careQuestion|problemDescription|urgency)$/,
    /^(mainDiagnoses|legalFramework|legalFrameworkEndDate|livingSituation|generalPractitioner|wlzIndication|referrerCriteria)$/,
    /^priorAttempts\.\d{1,2}\.(who|what|when|whyFailed)$/,
    /^contact\.(name|phone|email)$/,
  ],
  3: [
    /^consent\.(givenBy|representativeKind|representativeName|patientIncompetent|higherRanksUnavailable|method|givenOn)$/,
    /^consent\.scopeOrganisation(Types|Ids)$/,
    /^consent\.excludedPersons\.\d{1,2}\.(name|email)$/,
  ],
};

/** The step where a field (or an error's dotted path) is filled in. */
export function stepOfField(path: string): StepNumber {
  if (path === "source" || path === "viaVwsUnit" || path.startsWith("patient") || path.startsWith("tableOverride")) return 1;
  if (path.startsWith("consent")) return 3;
  if (path === "_form") return 4;
  return 2;
}

const LABELS: Record<string, string> = {
  source: "Aanmelder",
  viaVwsUnit: "Aangemeld bij de VWS-unit complexe zorgvragen",
  "patient.name": "Naam van de patiënt",
  "patient.bsn": "Burgerservicenummer (BSN)",
  "patient.dateOfBirth": "Geboortedatum",
  "patient.address": "Adres",
  "patient.municipality": "Woonplaats (gemeente)",
  mainDiagnoses: "Hoofddiagnosen",
  legalFramework: "Wettelijk kader",
  legalFrameworkEndDate: "Einddatum wettelijk kader",
  livingSituation: "Huidige woonsituatie",
  generalPractitioner: "Huisarts",
  wlzIndication: "Wlz-indicatie",
  referrerCriteria: "Inclusiecriteria die volgens u van toepassing zijn",
  "patient.insurer": "Zorgverzekeraar",
  tableOverride: "Andere regiotafel",
  "tableOverride.table": "Andere regiotafel",
  "tableOverride.reason": "Reden voor een andere regiotafel",
  currentProviders: "Huidige zorgaanbieders",
  treatmentHistory: "Behandelgeschiedenis",
  careQuestion: "Vraagstelling aan de regiotafel",
  problemDescription: "Probleembeschrijving",
  priorAttempts: "Eerdere plaatsingspogingen",
  urgency: "Urgentie",
  "contact.name": "Naam contactpersoon",
  "contact.phone": "Telefoonnummer contactpersoon",
  "contact.email": "E-mailadres contactpersoon",
  consent: "Toestemming",
  "consent.givenBy": "Toestemming gegeven door",
  "consent.representativeKind": "Soort vertegenwoordiger",
  "consent.representativeName": "Naam van de vertegenwoordiger",
  "consent.patientIncompetent": "Wilsonbekwaamheid van de patiënt",
  "consent.higherRanksUnavailable": "Wettelijke rangorde van vertegenwoordigers",
  "consent.method": "Manier waarop de toestemming is gegeven",
  "consent.givenOn": "Datum van de toestemming",
  "consent.scopeOrganisationTypes": "Soorten organisaties die de identiteit mogen zien",
  "consent.scopeOrganisationIds": "Organisaties die de identiteit mogen zien",
  "consent.excludedPersons": "Personen die niet betrokken mogen worden",
};

const ROW_LABELS: Record<string, string> = {
  who: "wie",
  what: "wat is geprobeerd",
  when: "wanneer",
  whyFailed: "waarom het niet lukte",
  name: "naam",
  email: "e-mailadres",
};

/** A Dutch label for a dotted path, also for repeated rows ("Poging 2: wie"). */
export function fieldLabel(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const attempt = /^priorAttempts\.(\d+)\.(\w+)$/.exec(path);
  if (attempt) return `Poging ${Number(attempt[1]) + 1}: ${ROW_LABELS[attempt[2]] ?? attempt[2]}`;
  const excluded = /^consent\.excludedPersons\.(\d+)\.(\w+)$/.exec(path);
  if (excluded) return `Uitgesloten persoon ${Number(excluded[1]) + 1}: ${ROW_LABELS[excluded[2]] ?? excluded[2]}`;
  const prefix = Object.keys(LABELS)
    .filter((k) => path.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? LABELS[prefix] : path;
}

/** The id the form gives the input of a field, so error lists can link to it. */
export const fieldId = (path: string) => `veld-${path}`;
