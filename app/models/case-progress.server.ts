// After the plan: escalation up the ladder, placement, follow-up and closure, and the legal and
// agreed terms that run for a case (Wmo, housing, beschermd wonen, VMR). The rules live in
// ~/domain/escalation and ~/domain/deadlines; here they meet the database.
import { and, asc, eq, inArray, isNull, lt, lte, notInArray, or } from "drizzle-orm";
import { caseDeadlines, cases, escalations, organisations, placements, users } from "#db/schema";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS, type CaseState } from "~/domain/case-lifecycle";
import { DEADLINE_LABELS, deadlineProblem, deadlineState, dueDates, formatDay, type DeadlineState } from "~/domain/deadlines";
import { checkEscalation, type EscalationLevel } from "~/domain/escalation";
import type { CareFunction, DeadlineKind, FundingType, OrganisationType } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import { closureProblem, closureText, type ClosureInput } from "~/domain/closure";
import { fundingTypeOf, placementFundingProblem } from "~/domain/funding";
import { applyCaseEvent, type CaseActor, type CaseRow, type StepResult } from "./cases.server";
import { currentFunding } from "./funding.server";

/** Where a patient can be placed: care providers (and the municipality, for Wmo housing and support). */
export const PLACEMENT_ORGANISATION_TYPES: readonly OrganisationType[] = [
  "ggz_provider",
  "addiction_care",
  "sheltered_housing",
  "intellectual_disability_care",
  "municipality",
];

/** Cases whose terms no longer need the table's attention. */
const FINISHED_STATES: CaseState[] = ["closed", "not_included"];

export type Failure = { ok: false; error: string; field?: string };

/** The calendar day (Amsterdam) on which the referral was received. */
export const receiptDate = (c: Pick<CaseRow, "receivedAt">) => formatAmsterdamSortable(c.receivedAt).slice(0, 10);

/** Today as a calendar day in Amsterdam. */
export { amsterdamToday } from "~/domain/amsterdam-time";

// ── Reading ──────────────────────────────────────────────────────────────────

export function listEscalations(db: Db, caseId: number) {
  return db
    .select({ id: escalations.id, level: escalations.level, reason: escalations.reason, at: escalations.at, actorName: users.name })
    .from(escalations)
    .leftJoin(users, eq(escalations.actorUserId, users.id))
    .where(eq(escalations.caseId, caseId))
    .orderBy(asc(escalations.id))
    .all();
}

export function listPlacements(db: Db, caseId: number) {
  return db
    .select({
      id: placements.id,
      organisationName: organisations.name,
      careFunction: placements.careFunction,
      fundingType: placements.fundingType,
      startDate: placements.startDate,
      notes: placements.notes,
      createdAt: placements.createdAt,
    })
    .from(placements)
    .innerJoin(organisations, eq(placements.organisationId, organisations.id))
    .where(eq(placements.caseId, caseId))
    .orderBy(asc(placements.id))
    .all();
}

export function listDeadlines(db: Db, caseId: number, today: string) {
  return db
    .select()
    .from(caseDeadlines)
    .where(eq(caseDeadlines.caseId, caseId))
    .orderBy(asc(caseDeadlines.dueDate), asc(caseDeadlines.id))
    .all()
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      label: DEADLINE_LABELS[d.kind],
      startDate: d.startDate,
      dueDate: d.dueDate,
      alertDate: d.alertDate,
      metOn: d.metOn,
      carriedOverReason: d.carriedOverReason,
      metLate: Boolean(d.metOn && d.metOn > d.dueDate),
      state: deadlineState(d, today),
    }));
}

/** Active organisations a case can be placed with, by name. */
export function placementOrganisations(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...PLACEMENT_ORGANISATION_TYPES])))
    .orderBy(asc(organisations.name))
    .all();
}

// ── Escalation ───────────────────────────────────────────────────────────────

/** One step up the ladder; refused (Dutch) when it is lower than the last, or the same level and reason. */
export function recordEscalation(db: Db, caseId: number, input: { level: EscalationLevel; reason: string }, actorUserId: string): { ok: true; id: number } | Failure {
  // Read and write in one write transaction, so two chairs cannot both step from the same last level.
  return db.$client
    .transaction((): { ok: true; id: number } | Failure => {
      const row = db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
      if (!row) return { ok: false, error: "Casus niet gevonden." };
      const previous = db.select({ level: escalations.level, reason: escalations.reason }).from(escalations).where(eq(escalations.caseId, caseId)).orderBy(asc(escalations.id)).all();
      const check = checkEscalation(row.status, previous, input);
      if (!check.ok) return { ok: false, error: check.error, field: check.field };
      const { id } = db
        .insert(escalations)
        .values({ caseId, level: input.level, reason: input.reason.trim(), actorUserId, at: new Date().toISOString() })
        .returning({ id: escalations.id })
        .get();
      return { ok: true, id };
    })
    .immediate();
}

// ── Placement, follow-up, closure ────────────────────────────────────────────

/** The funding type defaults to the case's recorded funding; a different one is refused. */
export type PlacementInput = { organisationId: number; careFunction: CareFunction; fundingType?: FundingType | null; startDate: string; notes?: string | null };

/**
 * Places a case whose funding is arranged: the placement row and the "place" step together, or
 * neither. The start date may not lie before the day the referral was received.
 */
export function placeCase(db: Db, caseId: number, input: PlacementInput, actor: CaseActor): { ok: true; placementId: number; fundingType: FundingType } | Failure {
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return { ok: false, error: "Casus niet gevonden." };
  if (row.status !== "funding_arranged") {
    return { ok: false, error: `Plaatsen kan pas als de financiering is geregeld; de casus heeft status "${CASE_STATE_LABELS[row.status]}".` };
  }
  if (!placementOrganisations(db).some((o) => o.id === input.organisationId)) {
    return { ok: false, field: "organisationId", error: "Kies een zorgaanbieder of gemeente uit de lijst." };
  }
  const funding = currentFunding(db, caseId);
  const fundingType = input.fundingType ?? (funding ? fundingTypeOf(funding.sources) : null);
  const mismatch = fundingType ? placementFundingProblem({ fundingType, careFunction: input.careFunction }, funding?.sources ?? null) : "Leg eerst de financiering van de casus vast.";
  if (mismatch) return { ok: false, field: "fundingType", error: mismatch };
  const received = receiptDate(row);
  if (input.startDate < received) {
    return { ok: false, field: "startDate", error: `De startdatum kan niet vóór de ontvangst van de verwijzing (${formatDay(received)}) liggen.` };
  }
  return db.transaction(() => {
    const step = applyCaseEvent(db, caseId, { event: "place" }, actor);
    if (!step.ok) return step;
    const { id } = db
      .insert(placements)
      .values({
        caseId,
        organisationId: input.organisationId,
        careFunction: input.careFunction,
        fundingType: fundingType!,
        startDate: input.startDate,
        notes: input.notes?.trim() || null,
        createdAt: new Date().toISOString(),
      })
      .returning({ id: placements.id })
      .get();
    return { ok: true as const, placementId: id, fundingType: fundingType! };
  });
}

export function startFollowUp(db: Db, caseId: number, actor: CaseActor): StepResult {
  return applyCaseEvent(db, caseId, { event: "start_follow_up" }, actor);
}

/**
 * Closes a case after placement and follow-up or for a listed reason, and only when every term is
 * met or carried over: the check and the step in one write transaction.
 */
export function closeCase(db: Db, caseId: number, input: ClosureInput, actor: CaseActor): StepResult {
  return db.$client
    .transaction((): StepResult => {
      const row = db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
      if (!row) return { ok: false, error: "Casus niet gevonden." };
      const openTerms = db
        .select({ id: caseDeadlines.id })
        .from(caseDeadlines)
        .where(and(eq(caseDeadlines.caseId, caseId), isNull(caseDeadlines.metOn), isNull(caseDeadlines.carriedOverReason)))
        .all().length;
      const problem = closureProblem(input, { status: row.status, openTerms });
      if (problem) return { ok: false, error: problem };
      return applyCaseEvent(db, caseId, { event: "close", reason: closureText(input) }, actor);
    })
    .immediate();
}

/** Carries an open term over (to whom, why) so the case can close without losing it. */
export function carryOverDeadline(db: Db, caseId: number, deadlineId: number, reason: string): { ok: true; kind: DeadlineKind } | Failure {
  const deadline = db.select().from(caseDeadlines).where(and(eq(caseDeadlines.id, deadlineId), eq(caseDeadlines.caseId, caseId))).get();
  if (!deadline) return { ok: false, error: "Deze termijn hoort niet bij deze casus." };
  if (deadline.metOn || deadline.carriedOverReason) return { ok: false, error: "Deze termijn is al gehaald of overgedragen." };
  db.update(caseDeadlines).set({ carriedOverReason: reason.trim(), carriedOverAt: new Date().toISOString() }).where(eq(caseDeadlines.id, deadlineId)).run();
  return { ok: true, kind: deadline.kind };
}

// ── Terms and deadlines ──────────────────────────────────────────────────────

export type DeadlineInput = { kind: DeadlineKind; startDate: string; needsWlz: boolean };

/** Records a term for a case with its due (and alert) date computed from the start date. */
export function addDeadline(
  db: Db,
  caseId: number,
  input: DeadlineInput,
  userId: string,
): { ok: true; id: number; dueDate: string; alertDate: string | null } | Failure {
  const row = db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return { ok: false, error: "Casus niet gevonden." };
  if (FINISHED_STATES.includes(row.status)) {
    return { ok: false, error: `Bij een casus met status "${CASE_STATE_LABELS[row.status]}" worden geen termijnen meer bijgehouden.` };
  }
  const problem = deadlineProblem(input.kind, { needsWlz: input.needsWlz });
  if (problem) return { ok: false, field: "needsWlz", error: problem };
  const { dueDate, alertDate } = dueDates(input.kind, input.startDate);
  const { id } = db
    .insert(caseDeadlines)
    .values({ caseId, kind: input.kind, startDate: input.startDate, dueDate, alertDate: alertDate ?? null, createdByUserId: userId, createdAt: new Date().toISOString() })
    .returning({ id: caseDeadlines.id })
    .get();
  return { ok: true, id, dueDate, alertDate: alertDate ?? null };
}

/** Marks a term of this case as met on a day between its start and today. */
export function markDeadlineMet(db: Db, caseId: number, deadlineId: number, metOn: string, today: string): { ok: true; kind: DeadlineKind } | Failure {
  const deadline = db.select().from(caseDeadlines).where(and(eq(caseDeadlines.id, deadlineId), eq(caseDeadlines.caseId, caseId))).get();
  if (!deadline) return { ok: false, error: "Deze termijn hoort niet bij deze casus." };
  if (deadline.metOn) return { ok: false, error: `Deze termijn is al gehaald op ${formatDay(deadline.metOn)}.` };
  if (metOn < deadline.startDate) return { ok: false, field: "metOn", error: `De datum kan niet vóór de start van de termijn (${formatDay(deadline.startDate)}) liggen.` };
  if (metOn > today) return { ok: false, field: "metOn", error: "De datum kan niet in de toekomst liggen." };
  const updated = db
    .update(caseDeadlines)
    .set({ metOn })
    .where(and(eq(caseDeadlines.id, deadlineId), isNull(caseDeadlines.metOn)))
    .run();
  if (updated.changes !== 1) return { ok: false, error: "Deze termijn is intussen door iemand anders bijgewerkt. Laad de pagina opnieuw." };
  return { ok: true, kind: deadline.kind };
}

export type AttentionItem = {
  deadlineId: number;
  caseId: number;
  code: string;
  tableId: number;
  kind: DeadlineKind;
  kindLabel: string;
  dueDate: string;
  alertDate: string | null;
  state: Extract<DeadlineState, "overdue" | "alert">;
};

/**
 * For the chair's home page: terms of open cases at these tables that are overdue or past their
 * alert date and not met, overdue first, then by due date. Case codes only, no patient data.
 */
export function deadlinesNeedingAttention(db: Db, tableIds: number[], today: string): AttentionItem[] {
  if (!tableIds.length) return [];
  const rows = db
    .select({ d: caseDeadlines, code: cases.code, tableId: cases.tableId })
    .from(caseDeadlines)
    .innerJoin(cases, eq(caseDeadlines.caseId, cases.id))
    .where(
      and(
        inArray(cases.tableId, tableIds),
        notInArray(cases.status, FINISHED_STATES),
        isNull(caseDeadlines.metOn),
        or(lt(caseDeadlines.dueDate, today), lte(caseDeadlines.alertDate, today)),
      ),
    )
    .orderBy(asc(caseDeadlines.dueDate), asc(caseDeadlines.id))
    .all();
  const items: AttentionItem[] = [];
  for (const { d, code, tableId } of rows) {
    const state = deadlineState(d, today);
    if (state !== "overdue" && state !== "alert") continue;
    items.push({ deadlineId: d.id, caseId: d.caseId, code, tableId, kind: d.kind, kindLabel: DEADLINE_LABELS[d.kind], dueDate: d.dueDate, alertDate: d.alertDate, state });
  }
  // Overdue before alert; within each, the earliest due date first (the query's order).
  return [...items.filter((i) => i.state === "overdue"), ...items.filter((i) => i.state === "alert")];
}
