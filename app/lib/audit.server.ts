// One audit() for the whole portal: every login, view of patient data and change goes through here.
import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { GENESIS_HASH, hashEvent, verifyChain, type ChainRow, type ChainedFields } from "~/domain/audit-chain";
import { showControlCharacters } from "~/domain/dutch-errors";
import type { Db } from "./db.server";

export type AuditActor = {
  userId: string;
  userEmail: string;
  role: string | null;
  organisationId: number;
  /** On whose behalf, when that is someone else (NEN 7513 "verantwoordelijke"). */
  responsibleUserId?: string | null;
};

export type AuditOrigin = { ip: string | null; userAgent: string | null };

export type AuditInput = {
  action: string;
  outcome?: "success" | "denied" | "failure";
  actor?: AuditActor | null;
  /** For failed logins: the e-mail typed, which may belong to nobody. */
  attemptedEmail?: string;
  objectType?: string;
  objectId?: string | number;
  patientId?: string | number | null;
  /** A short description of what was accessed; never the content, a password or a token. */
  detail?: string;
  consentOverride?: boolean;
  origin: AuditOrigin;
};

/** What came from outside (an id from a URL, a typed e-mail address) is logged with its control characters made visible. */
const shown = (value: string | null): string | null => (value == null ? null : showControlCharacters(value));

export function audit(db: Db, input: AuditInput): void {
  const fields: ChainedFields & { outcome: "success" | "denied" | "failure" } = {
    at: new Date().toISOString(),
    action: input.action,
    outcome: input.outcome ?? "success",
    userId: input.actor?.userId ?? null,
    userEmail: shown(input.actor?.userEmail ?? input.attemptedEmail ?? null),
    role: input.actor?.role ?? null,
    organisationId: input.actor?.organisationId ?? null,
    responsibleUserId: input.actor?.responsibleUserId ?? input.actor?.userId ?? null,
    objectType: input.objectType ?? null,
    objectId: input.objectId == null ? null : shown(String(input.objectId)),
    patientId: input.patientId == null ? null : String(input.patientId),
    detail: shown(input.detail ?? null),
    consentOverride: input.consentOverride ?? false,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent ? shown(input.origin.userAgent.slice(0, 300)) : null,
  };
  // Reading the last hash and appending must be one step: IMMEDIATE takes the write lock first.
  db.$client
    .transaction(() => {
      const last = db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
      const prevHash = last?.hash ?? GENESIS_HASH;
      db.insert(auditEvents).values({ ...fields, prevHash, hash: hashEvent(prevHash, fields) }).run();
    })
    .immediate();
}

/**
 * A list that shows patients by name is an access to each of them: one event per patient,
 * so a patient's own access log (inzage) finds it.
 */
export function auditPatientsShown(
  db: Db,
  input: Omit<AuditInput, "patientId" | "objectId"> & { shown: { patientId: number; caseId: number; code: string }[] },
): void {
  const { shown, ...common } = input;
  for (const row of shown) {
    audit(db, { ...common, objectType: "case", objectId: row.caseId, patientId: row.patientId, detail: `${row.code} getoond in ${input.detail ?? "lijst"}` });
  }
}

/** Reads the log in pages so a long log is never held in memory at once. */
function* allEvents(db: Db, pageSize = 5000): Generator<ChainRow> {
  let after = 0;
  for (;;) {
    const page = db.select().from(auditEvents).where(gt(auditEvents.id, after)).orderBy(asc(auditEvents.id)).limit(pageSize).all();
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}

export function verifyAuditLog(db: Db) {
  return verifyChain(allEvents(db));
}

/** Conditions on who, which patient and what; periods (Amsterdam days) are added by the audit-log model. */
export type AuditFilter = { userEmail?: string; patientId?: string; action?: string };

export function auditConditions(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  // By the whole address or its beginning, case-insensitive: a range on the NOCASE index
  // (audit_user_email), where "contains" would read every row of a long log.
  if (filter.userEmail) {
    conditions.push(sql`${auditEvents.userEmail} >= ${filter.userEmail} collate nocase and ${auditEvents.userEmail} < ${filter.userEmail + "\uffff"} collate nocase`);
  }
  if (filter.patientId) conditions.push(eq(auditEvents.patientId, filter.patientId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  return conditions.length ? and(...conditions) : undefined;
}
