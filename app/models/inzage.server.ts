// Inzage (right of access, AVG art. 15 / NEN 7513): everything the access log holds about one
// patient, as the patient can read it: who, from which organisation and in which role, did
// what, when and from where. The page and the CSV export share this.
import { asc, eq } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { auditEvents, organisations, users } from "#db/schema";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { ROLE_LABELS, ROLES, type Role } from "~/domain/vocabulary";
import type { Db } from "~/lib/db.server";
import { neutraliseFormula } from "./audit-log.server";

/** What happened, in words a patient reads. Unknown actions fall back to a general description. */
export const ACTION_LABELS: Record<string, string> = {
  "referral.create": "Aanmelding bij de regiotafel ingediend",
  "referral.api_replay": "Aanmelding via de koppeling opnieuw ontvangen",
  "referral.api_status": "Status van de aanmelding opgevraagd via de koppeling",
  "referral.list": "Overzicht van aanmeldingen bekeken",
  "referral.view": "Aanmelding bekeken",
  "case.view": "Casus bekeken",
  "case.action": "Handeling op de casus uitgevoerd",
  "case.denied": "Toegang tot de casus geweigerd",
  "case.list": "Casus in een overzicht getoond",
  "case.start_screening": "Screening gestart",
  "case.screening_save": "Screening opgeslagen",
  "case.include": "Casus geïncludeerd",
  "case.not_include": "Casus niet geïncludeerd",
  "case.redirect": "Casus doorverwezen naar een andere regiotafel",
  "case.advisor_assessment": "Beoordeling door de medisch adviseur",
  "case.inzage": "Inzageoverzicht bekeken",
  "case.inzage_export": "Inzageoverzicht gedownload",
  "case_room.view": "Casusoverleg geopend",
  "case_room.join": "Deelgenomen aan het live casusoverleg",
  "case_room.message": "Bericht geplaatst in het casusoverleg",
  "case_room.denied": "Toegang tot het casusoverleg geweigerd",
  "consent.view": "Toestemming bekeken",
  "consent.change": "Nieuwe toestemming vastgelegd",
  "consent.withdraw": "Toestemming ingetrokken",
  "consent.action": "Handeling op de toestemming",
  "consent.override_grant": "Toestemming doorbroken: identiteit gedeeld zonder toestemming (conflict van plichten)",
  "consent.override_end": "Doorbreking van de toestemming beëindigd",
  "consent.override_denied": "Poging om de toestemming te doorbreken geweigerd",
  "audit.export": "Toegangslog geëxporteerd",
  "audit.search": "Toegangslog doorzocht",
};

export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const [area] = action.split(".");
  const areas: Record<string, string> = {
    case: "Handeling op de casus",
    referral: "Handeling op de aanmelding",
    consent: "Handeling op de toestemming",
    case_room: "Handeling in het casusoverleg",
    meeting: "Handeling rond een bijeenkomst",
    agenda: "Handeling rond de agenda van een bijeenkomst",
  };
  return `${areas[area] ?? "Handeling"} (${action})`;
}

const OUTCOME_LABELS = { success: "Gelukt", denied: "Geweigerd", failure: "Mislukt" } as const;

const roleLabel = (role: string | null) => (role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : (role ?? ""));

/** Rows on the page; the CSV holds up to EXPORT_LIMIT. */
export const INZAGE_PAGE_LIMIT = 2000;
export const INZAGE_EXPORT_LIMIT = 50_000;

/** Every logged event about this patient, oldest first. */
export function patientAccessLog(db: Db, patientId: number, limit = INZAGE_PAGE_LIMIT) {
  const rows = db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      userEmail: auditEvents.userEmail,
      userName: users.name,
      role: auditEvents.role,
      organisationName: organisations.name,
      detail: auditEvents.detail,
      consentOverride: auditEvents.consentOverride,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
    })
    .from(auditEvents)
    .leftJoin(users, eq(auditEvents.userId, users.id))
    .leftJoin(organisations, eq(auditEvents.organisationId, organisations.id))
    .where(eq(auditEvents.patientId, String(patientId)))
    .orderBy(asc(auditEvents.id))
    .limit(limit + 1)
    .all();
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      at: r.at,
      time: formatAmsterdam(r.at),
      who: r.userName ?? r.userEmail ?? "Onbekend",
      email: r.userEmail ?? "",
      organisation: r.organisationName ?? "",
      role: roleLabel(r.role),
      what: actionLabel(r.action),
      action: r.action,
      outcome: OUTCOME_LABELS[r.outcome],
      detail: r.detail ?? "",
      consentOverride: r.consentOverride,
      // IPv4 as people know it (the server sees IPv4 clients as ::ffff:a.b.c.d).
      ip: (r.ip ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ""),
      userAgent: r.userAgent ?? "",
    })),
  };
}

export type InzageRow = ReturnType<typeof patientAccessLog>["rows"][number];

export const INZAGE_CSV_HEADER = [
  "Tijdstip (Europe/Amsterdam)",
  "Tijdstip (UTC)",
  "Wie",
  "E-mailadres",
  "Organisatie",
  "Rol",
  "Wat",
  "Actiecode",
  "Uitkomst",
  "Omschrijving",
  "Toestemming doorbroken",
  "IP-adres",
  "Apparaat/browser",
];

/** Semicolons and a BOM (Dutch Excel); no cell can start a formula. */
export function inzageCsv(rows: InzageRow[]): string {
  const records = rows.map((r) =>
    [
      formatAmsterdamSortable(r.at),
      r.at,
      r.who,
      r.email,
      r.organisation,
      r.role,
      r.what,
      r.action,
      r.outcome,
      r.detail,
      r.consentOverride ? "ja" : "nee",
      r.ip,
      r.userAgent,
    ].map(neutraliseFormula),
  );
  return stringify([INZAGE_CSV_HEADER, ...records], { delimiter: ";", bom: true, record_delimiter: "windows" });
}
