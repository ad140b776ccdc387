// Inzage (right of access, AVG art. 15 / NEN 7513): everything the access log holds about one
// patient, as the patient can read it: who, from which organisation and in which role, did
// what, when and from where. The page and the CSV export share this.
import { and, asc, eq, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { auditEvents, organisations, users } from "#db/schema";
import { formatAmsterdam, formatAmsterdamSpreadsheet } from "~/domain/amsterdam-time";
import { auditActionLabel, auditDetailText, AUDIT_OUTCOME_LABELS, formatIpAddress } from "~/domain/audit-actions";
import { ROLE_LABELS, ROLES, type Role } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import type { Page } from "~/domain/pagination";
import { countAtMost, keysetPage } from "./pagination.server";
import { neutraliseFormula } from "./audit-log.server";

/** What happened, in words a patient reads (one vocabulary with the audit log). */
export const actionLabel = auditActionLabel;

const roleLabel = (role: string | null) => (role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : (role ?? ""));

/** Rows per page; the CSV holds up to EXPORT_LIMIT. */
export const INZAGE_PAGE_SIZE = 100;
export const INZAGE_EXPORT_LIMIT = 50_000;

function accessRows(db: Db, patientId: number, where: SQL | undefined, orderBy: SQL[], limit: number) {
  return db
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
    .where(and(eq(auditEvents.patientId, String(patientId)), where))
    .orderBy(...orderBy)
    .limit(limit)
    .all();
}

/** Actions whose logged description is written for the patient to read. */
const NOTE_ACTIONS = new Set(["consent.withdraw"]);

function present(r: ReturnType<typeof accessRows>[number]) {
  return {
    id: r.id,
    at: r.at,
    time: formatAmsterdam(r.at),
    who: r.userName ?? r.userEmail ?? "Onbekend",
    email: r.userEmail ?? "",
    organisation: r.organisationName ?? "",
    role: roleLabel(r.role),
    what: actionLabel(r.action),
    action: r.action,
    outcome: AUDIT_OUTCOME_LABELS[r.outcome],
    detail: auditDetailText(r.detail),
    // The patient reads why consent was withdrawn and at whose request (written in Dutch for people).
    note: NOTE_ACTIONS.has(r.action) ? auditDetailText(r.detail).replace(/^[A-Z0-9-]+:\s*/, "") : "",
    consentOverride: r.consentOverride,
    ip: formatIpAddress(r.ip),
    userAgent: r.userAgent ?? "",
  };
}

/** Every logged event about this patient, oldest first, up to `limit` (the CSV). */
export function patientAccessLog(db: Db, patientId: number, limit: number) {
  const rows = accessRows(db, patientId, undefined, [asc(auditEvents.id)], limit + 1);
  return { truncated: rows.length > limit, rows: rows.slice(0, limit).map(present) };
}

/** One page of the same, oldest first (keyset on the event id). */
export function patientAccessPage(db: Db, patientId: number, url: URL): Page<InzageRow> {
  const page = keysetPage<ReturnType<typeof accessRows>[number]>(url, {
    size: INZAGE_PAGE_SIZE,
    keys: [{ column: auditEvents.id, direction: "asc", type: "number" }],
    keyOf: (r) => [r.id],
    fetch: (where, orderBy, limit) => accessRows(db, patientId, where, orderBy, limit),
    total: () => countAtMost(db, db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.patientId, String(patientId))), 100_000),
  });
  return { ...page, items: page.items.map(present) };
}

export type InzageRow = ReturnType<typeof present>;

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
      formatAmsterdamSpreadsheet(r.at),
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
