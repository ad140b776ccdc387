// Reading the NEN 7513 access log for administrators: the query behind /beheer/audit and its
// CSV export (filter: ~/domain/audit-search), and the rows as people and spreadsheets read them.
import { and, desc, gte, lt, sql, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { auditEvents } from "#db/schema";
import { amsterdamDayEnd, amsterdamDayStart, formatAmsterdam, formatAmsterdamSpreadsheet } from "~/domain/amsterdam-time";
import { auditActionLabel, auditDetailText, auditObjectLabel, formatIpAddress } from "~/domain/audit-actions";
import type { AuditSearch } from "~/domain/audit-search";
import { ROLE_LABELS, ROLES, type Role } from "~/domain/vocabulary";
import { auditConditions } from "./audit.server";
import type { Db } from "./db.server";
import type { Page } from "~/domain/pagination";
import { countAtMost, keysetPage } from "./pagination.server";

/** Rows per page; the export takes up to EXPORT_LIMIT of the same filter. */
export const PAGE_SIZE = 50;
/** Matches are counted up to this many ("meer dan 10.000"), so a broad search stays fast. */
export const COUNT_CAP = 10_000;
export const EXPORT_LIMIT = 50_000;

function conditions(search: AuditSearch, withUser = true): SQL | undefined {
  const parts: (SQL | undefined)[] = [auditConditions({ userEmail: withUser ? search.user : undefined, patientId: search.patient, action: search.action })];
  // Stored times are UTC; a day in the filter is a day in Amsterdam (23, 24 or 25 hours long).
  if (search.from) parts.push(gte(auditEvents.at, amsterdamDayStart(search.from).toISOString()));
  if (search.to) parts.push(lt(auditEvents.at, amsterdamDayEnd(search.to).toISOString()));
  return and(...parts);
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** At most this many addresses are merged for one e-mail prefix; a shorter prefix matches more. */
const MAX_PREFIX_ADDRESSES = 50;

/**
 * The distinct addresses (case-insensitive) that begin with `prefix`: a skip scan over the e-mail
 * index, one seek per address, however many events each has.
 */
function addressesWithPrefix(db: Db, prefix: string): string[] {
  const rows = db.all<{ email: string }>(sql`
    WITH RECURSIVE seen(email, n) AS (
      SELECT (SELECT min(user_email COLLATE NOCASE) FROM audit_events WHERE user_email >= ${prefix} COLLATE NOCASE AND user_email < ${prefix + "\uffff"} COLLATE NOCASE), 1
      UNION ALL
      SELECT (SELECT min(user_email COLLATE NOCASE) FROM audit_events WHERE user_email > seen.email COLLATE NOCASE AND user_email < ${prefix + "\uffff"} COLLATE NOCASE), n + 1
      FROM seen WHERE seen.email IS NOT NULL AND n < ${MAX_PREFIX_ADDRESSES + 1}
    )
    SELECT email FROM seen WHERE email IS NOT NULL`);
  return rows.map((r) => r.email);
}

/**
 * Newest first, one keyset page (`?na=`/`?voor=` in the URL); matches counted up to COUNT_CAP.
 * An e-mail filter reads each matching address's newest events through the e-mail index (which
 * keeps them in id order) and merges them: a range over a busy user's million events sorted by id
 * cost 250 ms; this costs one short index walk per address.
 */
export function findAuditEvents(db: Db, search: AuditSearch, url: URL, size = PAGE_SIZE): Page<AuditEventRow> {
  const filter = conditions(search);
  const others = conditions(search, false);
  const addresses = search.user ? addressesWithPrefix(db, search.user) : null;
  const merged = addresses && addresses.length <= MAX_PREFIX_ADDRESSES ? addresses : null;
  return keysetPage(url, {
    size,
    keys: [{ column: auditEvents.id, direction: "desc", type: "number" }],
    keyOf: (row) => [row.id],
    fetch: (where, orderBy, limit, backwards) => {
      if (!merged) return db.select().from(auditEvents).where(and(filter, where)).orderBy(...orderBy).limit(limit).all();
      const rows = merged.flatMap((email) =>
        db.select().from(auditEvents).where(and(sql`${auditEvents.userEmail} = ${email} COLLATE NOCASE`, others, where)).orderBy(...orderBy).limit(limit).all(),
      );
      return rows.sort((a, b) => (backwards ? a.id - b.id : b.id - a.id)).slice(0, limit);
    },
    total: () => countAtMost(db, db.select({ id: auditEvents.id }).from(auditEvents).where(filter), COUNT_CAP),
  });
}

/** The newest `limit` matches, for the export. */
export function exportAuditEvents(db: Db, search: AuditSearch, limit: number): AuditEventRow[] {
  return db.select().from(auditEvents).where(conditions(search)).orderBy(desc(auditEvents.id)).limit(limit).all();
}

/**
 * Every action that occurs in the log, for the filter's choice list. A skip scan over the
 * action index (one index seek per distinct action), not a DISTINCT over a million rows.
 */
export function auditActions(db: Db): string[] {
  const rows = db.all<{ action: string }>(sql`
    WITH RECURSIVE seen(action) AS (
      SELECT min(action) FROM audit_events
      UNION ALL
      SELECT (SELECT min(action) FROM audit_events WHERE action > seen.action) FROM seen WHERE seen.action IS NOT NULL
    )
    SELECT action FROM seen WHERE action IS NOT NULL`);
  return rows.map((r) => r.action);
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

/** What the results table shows of a row, in words; formatted on the server so it reads the same everywhere. */
export function presentAuditEvent(row: AuditEventRow, organisationNames: ReadonlyMap<number, string> = new Map()) {
  return {
    id: row.id,
    time: formatAmsterdam(row.at),
    at: row.at,
    user: row.userEmail ?? "",
    role: roleLabel(row.role),
    organisationId: row.organisationId,
    organisation: row.organisationId == null ? "" : (organisationNames.get(row.organisationId) ?? ""),
    responsibleUserId: row.responsibleUserId !== row.userId ? row.responsibleUserId : null,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome],
    // A session's id is not something to show; "Sessie" says enough.
    object: auditObjectLabel(row.objectType, row.objectType === "session" ? null : row.objectId),
    detail: auditDetailText(row.detail),
    patientId: row.patientId ?? "",
    ip: formatIpAddress(row.ip),
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
  "Actiecode",
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
      formatAmsterdamSpreadsheet(row.at),
      row.at,
      row.userEmail ?? "",
      row.userId ?? "",
      roleLabel(row.role),
      row.organisationId == null ? "" : String(row.organisationId),
      row.responsibleUserId ?? "",
      auditActionLabel(row.action),
      row.action,
      OUTCOME_LABELS[row.outcome],
      auditObjectLabel(row.objectType, null),
      row.objectId ?? "",
      row.patientId ?? "",
      auditDetailText(row.detail),
      formatIpAddress(row.ip),
      row.userAgent ?? "",
      row.consentOverride ? "ja" : "nee",
      row.hash,
    ].map(neutraliseFormula),
  );
  return stringify([CSV_HEADER, ...records], { delimiter: ";", bom: true, record_delimiter: "windows" });
}
