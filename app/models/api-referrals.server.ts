// Referrals through the intake API: created at most once per Idempotency-Key, and read back by
// the organisation that sent them (status and steps only, never the patient's identity).
import { and, eq } from "drizzle-orm";
import { idempotencyKeys, regionalTables } from "#db/schema";
import { CASE_EVENT_LABELS, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import type { ReferralInput } from "~/domain/referral-schema";
import type { ReferralReceipt, ReferralStatus } from "~/domain/api-contract";
import type { AuditOrigin } from "./audit.server";
import type { Db } from "./db.server";
import type { FieldErrors } from "~/domain/dutch-errors";
import { caseHistory, findCase, getPatient } from "./cases.server";
import { openInformationRequest } from "./information-requests.server";
import { routeResidence } from "./municipalities.server";
import { previousCodes } from "./case-codes.server";
import { createReferral, type Referrer } from "./referrals.server";

export type Validated = { ok: true; data: ReferralInput } | { ok: false; fieldErrors: FieldErrors; formError?: string };

export type SubmitOutcome =
  | { kind: "created"; caseId: number; patientId: number }
  | { kind: "replayed"; caseId: number; patientId: number }
  | { kind: "key_reused" }
  | { kind: "invalid"; fieldErrors: FieldErrors; formError?: string };

function storedKey(db: Db, organisationId: number, key: string) {
  return db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)))
    .get();
}

function answerForStored(db: Db, stored: typeof idempotencyKeys.$inferSelect, hash: string): SubmitOutcome {
  if (stored.requestHash !== hash) return { kind: "key_reused" };
  const found = findCase(db, stored.caseId)!;
  return { kind: "replayed", caseId: stored.caseId, patientId: found.case.patientId };
}

function isPrimaryKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE");
}

/**
 * Looks up the key, validates and creates in one IMMEDIATE transaction: the write lock is taken
 * before the lookup, so two requests with the same key (from any process) cannot both create.
 * Should the key's primary key still collide, the stored referral is answered instead.
 */
export function submitReferralOnce(
  db: Db,
  args: { key: string; requestHash: string; validate: () => Validated; referrer: Referrer; origin: AuditOrigin },
): SubmitOutcome {
  const { key, requestHash: hash, referrer } = args;
  const attempt = db.$client.transaction((): SubmitOutcome => {
    const stored = storedKey(db, referrer.organisationId, key);
    if (stored) return answerForStored(db, stored, hash);
    const validated = args.validate();
    if (!validated.ok) return { kind: "invalid", fieldErrors: validated.fieldErrors, formError: validated.formError };
    const created = createReferral(db, validated.data, referrer, args.origin);
    if (!created.ok) return { kind: "invalid", fieldErrors: created.fieldErrors, formError: created.formError };
    db.insert(idempotencyKeys)
      .values({ organisationId: referrer.organisationId, key, requestHash: hash, caseId: created.caseId, createdAt: new Date().toISOString() })
      .run();
    return { kind: "created", caseId: created.caseId, patientId: findCase(db, created.caseId)!.case.patientId };
  });
  try {
    return attempt.immediate();
  } catch (error) {
    if (!isPrimaryKeyViolation(error)) throw error;
    const stored = storedKey(db, referrer.organisationId, key);
    if (!stored) throw error;
    return answerForStored(db, stored, hash);
  }
}

function tableRefs(db: Db) {
  return new Map(db.select({ id: regionalTables.id, number: regionalTables.number, name: regionalTables.name }).from(regionalTables).all().map((t) => [t.id, { number: t.number, name: t.name }]));
}

/** Where the residence routed and which rule decided (recomputed from the patient's municipality). */
function routingOf(db: Db, found: NonNullable<ReturnType<typeof findCase>>): ReferralReceipt["routing"] {
  const patient = getPatient(db, found.case.patientId);
  const route = patient ? routeResidence(db, patient.municipality) : null;
  const tables = tableRefs(db);
  return {
    municipality: patient?.municipality ?? "",
    municipalityCode: patient?.municipalityCode ?? null,
    province: patient?.province ?? "",
    proposedTable: found.case.proposedTableId != null ? (tables.get(found.case.proposedTableId) ?? null) : null,
    rule: route?.ok ? route.rule : null,
    override: found.case.routingOverrideReason,
  };
}

export function referralReceipt(db: Db, caseId: number): ReferralReceipt {
  const found = findCase(db, caseId)!;
  return {
    id: found.case.id,
    code: found.case.code,
    status: found.case.status,
    table: { number: found.tableNumber, name: found.tableName },
    receivedAt: found.case.receivedAt,
    routing: routingOf(db, found),
  };
}

/** The status of a referral the organisation sent itself; null for any other (or none). */
export function referralStatusFor(db: Db, organisationId: number, caseId: number): { status: ReferralStatus; patientId: number } | null {
  const found = findCase(db, caseId);
  if (!found || found.case.referrerOrganisationId !== organisationId) return null;
  const tables = tableRefs(db);
  const table = (id: number | null) => (id != null ? (tables.get(id) ?? null) : null);
  const history = caseHistory(db, caseId).map(({ event }) => ({
    event: event.event,
    label: CASE_EVENT_LABELS[event.event],
    at: event.at,
    reason: event.reason,
    fromTable: event.event === "redirect" ? table(event.fromTableId) : null,
    toTable: event.event === "redirect" || event.event === "receive" ? table(event.toTableId) : null,
  }));
  const open = openInformationRequest(db, caseId);
  return {
    patientId: found.case.patientId,
    status: {
      id: found.case.id,
      code: found.case.code,
      status: found.case.status,
      statusLabel: CASE_STATE_LABELS[found.case.status],
      table: { number: found.tableNumber, name: found.tableName },
      receivedAt: found.case.receivedAt,
      updatedAt: found.case.updatedAt,
      previousCodes: previousCodes(db, caseId).map((c) => c.code),
      informationRequest: open ? { question: open.question, askedAt: open.askedAt } : null,
      history,
    },
  };
}
