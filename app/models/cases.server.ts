// Cases after receipt: loading with their consent in force, lifecycle steps and criteria assessments.
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { caseCodes, caseEvents, cases, consentOverrides, consents, criteriaAssessments, criterionVerdicts, organisations, patients, regionalTables, users } from "#db/schema";
import { transition, type CaseState, type TransitionInput } from "~/domain/case-lifecycle";
import type { ConsentOverrideWindow, ConsentScope } from "~/domain/consent";
import { CRITERION_NUMBERS, type Verdict } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import { nextCaseCode } from "./referrals.server";

export type CaseRow = typeof cases.$inferSelect;

export function findCase(db: Db, caseId: number) {
  return db
    .select({ case: cases, leadOrganisationId: regionalTables.leadOrganisationId, tableName: regionalTables.name, tableSlug: regionalTables.slug, tableNumber: regionalTables.number })
    .from(cases)
    .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
    .where(eq(cases.id, caseId))
    .get();
}

export function currentConsent(db: Db, caseId: number) {
  return db.select().from(consents).where(eq(consents.caseId, caseId)).orderBy(desc(consents.id)).limit(1).get() ?? null;
}

export function consentScopeOf(consent: typeof consents.$inferSelect | null): ConsentScope | null {
  if (!consent) return null;
  return {
    status: consent.status,
    organisationIds: consent.scopeOrganisationIds,
    organisationTypes: consent.scopeOrganisationTypes,
    excludedEmails: consent.excludedPersons.map((p) => p.email).filter((e): e is string => Boolean(e)),
  };
}

/**
 * The consent overrides of a case that run now (not ended, not expired). The domain checks the
 * same again (caseVisibilityWithBasis), so a row read a moment before it expires cannot widen access.
 */
export function activeConsentOverrides(db: Db, caseId: number, now: Date = new Date()): ConsentOverrideWindow[] {
  return db
    .select({ organisationIds: consentOverrides.organisationIds, expiresAt: consentOverrides.expiresAt, endedAt: consentOverrides.endedAt })
    .from(consentOverrides)
    .where(and(eq(consentOverrides.caseId, caseId), isNull(consentOverrides.endedAt), gt(consentOverrides.expiresAt, now.toISOString())))
    .all();
}

export function getPatient(db: Db, patientId: number) {
  return db.select().from(patients).where(eq(patients.id, patientId)).get() ?? null;
}

export function caseHistory(db: Db, caseId: number) {
  return db
    .select({ event: caseEvents, actorName: users.name, actorOrganisation: organisations.name })
    .from(caseEvents)
    .leftJoin(users, eq(caseEvents.actorUserId, users.id))
    .leftJoin(organisations, eq(caseEvents.actorOrganisationId, organisations.id))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id))
    .all();
}

export type CaseActor = { userId: string | null; organisationId: number };
export type StepResult = { ok: true; to: CaseState } | { ok: false; error: string };

/**
 * One lifecycle step: the state machine decides, then status and event are written together.
 * The update is conditional on the status read, so two chairs acting at once cannot both win.
 */
/**
 * One lifecycle step. `options.at` dates the event when it happened earlier than it is recorded
 * (a discussion takes the meeting's start); it never lies before the case's previous event.
 */
export function applyCaseEvent(
  db: Db,
  caseId: number,
  input: Omit<TransitionInput, "currentTableId" | "screeningComplete">,
  actor: CaseActor,
  options: { at?: string } = {},
): StepResult {
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return { ok: false, error: "Casus niet gevonden." };
  const result = transition(row.status, {
    ...input,
    currentTableId: row.tableId,
    screeningComplete: input.event === "include" || input.event === "not_include" ? screeningComplete(db, caseId) : undefined,
  });
  if (!result.ok) return result;
  let target: typeof regionalTables.$inferSelect | undefined;
  if (input.event === "redirect") {
    target = db.select().from(regionalTables).where(and(eq(regionalTables.id, input.targetTableId!), eq(regionalTables.active, true))).get();
    if (!target) return { ok: false, error: "Onbekende regiotafel." };
  }
  const now = new Date().toISOString();
  const previous = options.at ? db.select({ at: caseEvents.at }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(desc(caseEvents.id)).limit(1).get() : undefined;
  const at = options.at ? [options.at, previous?.at ?? options.at].sort().at(-1)! : now;
  const newTableId = input.event === "redirect" ? input.targetTableId! : row.tableId;
  return db.transaction((tx) => {
    // A redirect gives the case the receiving table's code; the old one keeps resolving ("eerder").
    // The referrer's reason for their own table choice no longer applies once the table redirects.
    const redirected = target ? { code: nextCaseCode(tx as unknown as Db, target.number, new Date(at).getUTCFullYear()), routingOverrideReason: null } : {};
    const updated = tx
      .update(cases)
      .set({ status: result.to, tableId: newTableId, updatedAt: now, ...redirected })
      .where(and(eq(cases.id, caseId), eq(cases.status, row.status)))
      .run();
    if (updated.changes !== 1) return { ok: false as const, error: "De casus is intussen door iemand anders gewijzigd. Laad de pagina opnieuw." };
    if (target) tx.insert(caseCodes).values({ code: row.code, caseId, tableId: row.tableId, until: at }).run();
    tx.insert(caseEvents)
      .values({
        caseId,
        event: input.event,
        fromState: row.status,
        toState: result.to,
        actorUserId: actor.userId,
        actorOrganisationId: actor.organisationId,
        fromTableId: row.tableId,
        toTableId: newTableId,
        reason: input.reason?.trim() || null,
        at,
      })
      .run();
    return { ok: true as const, to: result.to };
  });
}

export type VerdictInput = { criterion: number; verdict: Verdict; motivation: string };

export function saveAssessment(db: Db, caseId: number, kind: "screening" | "advisor", assessorUserId: string, verdicts: VerdictInput[]) {
  return db.transaction((tx) => {
    const { id } = tx
      .insert(criteriaAssessments)
      .values({ caseId, kind, assessorUserId, at: new Date().toISOString() })
      .returning({ id: criteriaAssessments.id })
      .get();
    for (const v of verdicts) tx.insert(criterionVerdicts).values({ assessmentId: id, ...v }).run();
    return id;
  });
}

/** The newest assessment of a kind, with its seven verdicts. */
export function latestAssessment(db: Db, caseId: number, kind: "screening" | "advisor") {
  const assessment = db
    .select({ a: criteriaAssessments, assessorName: users.name })
    .from(criteriaAssessments)
    .innerJoin(users, eq(criteriaAssessments.assessorUserId, users.id))
    .where(and(eq(criteriaAssessments.caseId, caseId), eq(criteriaAssessments.kind, kind)))
    .orderBy(desc(criteriaAssessments.id))
    .limit(1)
    .get();
  if (!assessment) return null;
  const verdicts = db.select().from(criterionVerdicts).where(eq(criterionVerdicts.assessmentId, assessment.a.id)).orderBy(asc(criterionVerdicts.criterion)).all();
  return { ...assessment.a, assessorName: assessment.assessorName, verdicts };
}

export function screeningComplete(db: Db, caseId: number): boolean {
  const latest = latestAssessment(db, caseId, "screening");
  return Boolean(latest && CRITERION_NUMBERS.every((n) => latest.verdicts.some((v) => v.criterion === n && v.motivation.trim())));
}

