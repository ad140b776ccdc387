// Reading the NEN 7513 access log for administrators: the query behind /beheer/audit and its
// CSV export (filter: ~/domain/audit-search), and the rows as people and spreadsheets read them.
import { and, asc, count, desc, gte, lt, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { auditEvents } from "#db/schema";
import { amsterdamDayEnd, amsterdamDayStart, formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import type { AuditSearch } from "~/domain/audit-search";
import { ROLE_LABELS, ROLES, type Role } from "~/domain/vocabulary";
import { auditConditions } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";

/** Rows on the page; the export takes up to EXPORT_LIMIT of the same filter. */
export const PAGE_LIMIT = 200;
export const EXPORT_LIMIT = 50_000;

function conditions(search: AuditSearch): SQL | undefined {
  const parts: (SQL | undefined)[] = [auditConditions({ userEmail: search.user, patientId: search.patient, action: search.action })];
  // Stored times are UTC; a day in the filter is a day in Amsterdam (23, 24 or 25 hours long).
  if (search.from) parts.push(gte(auditEvents.at, amsterdamDayStart(search.from).toISOString()));
  if (search.to) parts.push(lt(auditEvents.at, amsterdamDayEnd(search.to).toISOString()));
  return and(...parts);
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Newest first. `total` counts every match, also beyond the limit. */
export function findAuditEvents(db: Db, search: AuditSearch, limit: number): { rows: AuditEventRow[]; total: number } {
  const where = conditions(search);
  const rows = db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(limit).all();
  const total = rows.length < limit ? rows.length : (db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0);
  return { rows, total };
}

/** Every action that occurs in the log, for the filter's choice list. */
export function auditActions(db: Db): string[] {
  return db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(asc(auditEvents.action))
    .all()
    .map((r) => r.action);
}

export const OUTCOME_LABELS: Record<AuditEventRow["outcome"], string> = {
  success: "gelukt",
  denied: "geweigerd",
  failure: "mislukt",
};

export function roleLabel(role: string | null): string {
  if (!role) return "";
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

/** What the results table shows of a row; formatted on the server so it reads the same everywhere. */
export function presentAuditEvent(row: AuditEventRow) {
  return {
    id: row.id,
    time: formatAmsterdam(row.at),
    at: row.at,
    user: row.userEmail ?? "",
    role: roleLabel(row.role),
    organisationId: row.organisationId,
    responsibleUserId: row.responsibleUserId !== row.userId ? row.responsibleUserId : null,
    action: row.action,
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome],
    object: [row.objectType, row.objectId].filter(Boolean).join(" "),
    detail: row.detail ?? "",
    patientId: row.patientId ?? "",
    ip: row.ip ?? "",
    consentOverride: row.consentOverride,
  };
}

export const CSV_HEADER = [
  "Regel",
  "Tijdstip (Europe/Amsterdam)",
  "Tijdstip (UTC)",
  "Gebruiker",
  "Gebruiker-id",
  "Rol",
  "Organisatie-id",
  "Namens (gebruiker-id)",
  "Actie",
  "Uitkomst",
  "Objecttype",
  "Object-id",
  "Patiënt",
  "Omschrijving",
  "IP-adres",
  "User-agent",
  "Toestemming doorbroken",
  "Hash",
];

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab/CR) as a formula: typed input
 * such as a user agent must never become one (CSV injection). A leading quote makes it text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Semicolons and a BOM: how Dutch Excel opens a UTF-8 file in the right columns. */
export function auditCsv(rows: AuditEventRow[]): string {
  const records = rows.map((row) =>
    [
      String(row.id),
      formatAmsterdamSortable(row.at),
      row.at,
      row.userEmail ?? "",
      row.userId ?? "",
      roleLabel(row.role),
      row.organisationId == null ? "" : String(row.organisationId),
      row.responsibleUserId ?? "",
      row.action,
      OUTCOME_LABELS[row.outcome],
      row.objectType ?? "",
      row.objectId ?? "",
      row.patientId ?? "",
      row.detail ?? "",
      row.ip ?? "",
      row.userAgent ?? "",
      row.consentOverride ? "ja" : "nee",
      row.hash,
    ].map(neutraliseFormula),
  );
  return stringify([CSV_HEADER, ...records], { delimiter: ";", bom: true, record_delimiter: "windows" });
}
