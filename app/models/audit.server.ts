// One audit() for the whole portal: every login, view of patient data and change goes through here.
//
// Within an HTTP request (withAuditScope, set up by the server for every page, action and API
// call) events are collected and written together, in one transaction and one synced commit,
// by flushAudit() just before the response's status line is sent: a change is never
// acknowledged before its audit events are durable, and a list of N patients costs one commit,
// not N. Outside a request (sockets, jobs, commands) audit() writes at once; inside a caller's
// transaction it joins that transaction (a savepoint), so a message and its event commit together.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Statement } from "better-sqlite3";
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
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
  const fields: EventFields = {
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
  const scope = scopes.getStore();
  if (scope && !scope.flushed) {
    scope.pending.push({ db, fields });
    return;
  }
  appendEvents(db, [fields]);
}

type EventFields = ChainedFields & { outcome: "success" | "denied" | "failure" };
export type AuditScope = { pending: { db: Db; fields: EventFields }[]; flushed: boolean };

// One store for the server and the Remix build, which load separate copies of this module.
const SCOPES = Symbol.for("regiotafel.auditScopes");
const scopes: AsyncLocalStorage<AuditScope> = ((globalThis as Record<symbol, unknown>)[SCOPES] ??= new AsyncLocalStorage<AuditScope>()) as AsyncLocalStorage<AuditScope>;

export function createAuditScope(): AuditScope {
  return { pending: [], flushed: false };
}

/** Runs `fn` (and everything it starts) with audit events collected in `scope` until flushAudit(scope). */
export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/**
 * Writes the events collected in the current scope in one transaction; later audit() calls in
 * the same scope write at once. Throws when the write fails: the caller must then not answer
 * as if the request succeeded.
 */
export function flushAudit(scope: AuditScope | undefined = scopes.getStore()): number {
  if (!scope || scope.flushed) return 0;
  scope.flushed = true;
  const pending = scope.pending;
  scope.pending = [];
  if (pending.length) appendEvents(pending[0].db, pending.map((p) => p.fields));
  return pending.length;
}

const COLUMNS = [
  "at", "action", "outcome", "user_id", "user_email", "role", "organisation_id", "responsible_user_id",
  "object_type", "object_id", "patient_id", "detail", "consent_override", "ip", "user_agent", "prev_hash", "hash",
];
type Statements = { last: Statement<[], { hash: string }>; insert: Statement<unknown[]> };
const statements = new WeakMap<object, Statements>();

/** Prepared once per connection: this runs for nearly every request. */
function statementsFor(db: Db): Statements {
  let s = statements.get(db.$client);
  if (!s) {
    s = {
      last: db.$client.prepare("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"),
      insert: db.$client.prepare(`INSERT INTO audit_events (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`),
    };
    statements.set(db.$client, s);
  }
  return s;
}

/** Appends events to the chain. Reading the last hash and appending must be one step: IMMEDIATE takes the write lock first. */
function appendEvents(db: Db, events: EventFields[]): void {
  const { last, insert } = statementsFor(db);
  db.$client
    .transaction(() => {
      let prevHash = last.get()?.hash ?? GENESIS_HASH;
      for (const f of events) {
        const hash = hashEvent(prevHash, f);
        insert.run(
          f.at, f.action, f.outcome, f.userId, f.userEmail, f.role, f.organisationId, f.responsibleUserId,
          f.objectType, f.objectId, f.patientId, f.detail, f.consentOverride ? 1 : 0, f.ip, f.userAgent, prevHash, hash,
        );
        prevHash = hash;
      }
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
