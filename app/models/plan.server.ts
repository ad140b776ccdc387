// The integral treatment-and-care plan of a case: goals per life domain, actions with owner
// organisation and deadline, and agreeing the plan (which moves the case to "plan_agreed").
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { agendaItems, carePlans, cases, meetings, memberships, organisations, planActions, planGoals, users } from "#db/schema";
import { OPEN_ACTION_STATUSES, planReadyToAgree } from "~/domain/plan";
import type { ActionStatus, LifeDomain } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import { applyCaseEvent, type CaseActor } from "./cases.server";
import { fixVersionIn } from "./plan-versions.server";

const nowIso = () => new Date().toISOString();

export type PlanOutcome<T = object> = ({ ok: true } & T) | { ok: false; error: string };

/** Thrown inside a transaction to undo it and hand a Dutch message to the caller. */
class Refusal extends Error {}

function refusable<T extends object>(run: () => T): PlanOutcome<T> {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/** Organisations that may own an action: every active organisation, by name. */
export function ownerOrganisations(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.active, true)).orderBy(asc(organisations.name)).all();
}

export function findPlan(db: Db, caseId: number) {
  return db.select().from(carePlans).where(eq(carePlans.caseId, caseId)).get() ?? null;
}

/** The case's plan, created empty the first time the chair writes to it. */
export function ensurePlan(db: Db, caseId: number) {
  const existing = findPlan(db, caseId);
  if (existing) return existing;
  const at = nowIso();
  return db.insert(carePlans).values({ caseId, createdAt: at, updatedAt: at }).onConflictDoNothing().returning().get() ?? findPlan(db, caseId)!;
}

const touch = (db: Db, planId: number) => db.update(carePlans).set({ updatedAt: nowIso() }).where(eq(carePlans.id, planId)).run();

/** Everything the plan page shows: the plan (or null), its goals and its actions with owner and goal. */
export function planOf(db: Db, caseId: number) {
  const plan = findPlan(db, caseId);
  const planId = plan?.id ?? 0;
  const goals = db.select().from(planGoals).where(eq(planGoals.planId, planId)).orderBy(asc(planGoals.id)).all();
  const actions = db
    .select(actionColumns)
    .from(planActions)
    .innerJoin(organisations, eq(planActions.ownerOrganisationId, organisations.id))
    .leftJoin(users, eq(planActions.ownerUserId, users.id))
    .where(eq(planActions.planId, planId))
    .orderBy(asc(planActions.dueDate), asc(planActions.id))
    .all();
  const meeting = plan?.meetingId
    ? (db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, plan.meetingId)).get() ?? null)
    : null;
  return { plan, goals, actions, meeting };
}

export function addGoal(db: Db, caseId: number, input: { lifeDomain: LifeDomain; goal: string }): { goalId: number } {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const plan = ensurePlan(t, caseId);
    const { id } = t.insert(planGoals).values({ planId: plan.id, ...input }).returning({ id: planGoals.id }).get();
    touch(t, plan.id);
    return { goalId: id };
  });
}

/** Changes a goal of this case's plan; false when the goal is not (any longer) part of it. */
export function updateGoal(db: Db, caseId: number, goalId: number, input: { lifeDomain: LifeDomain; goal: string }): boolean {
  const plan = findPlan(db, caseId);
  if (!plan) return false;
  const changed = db.update(planGoals).set(input).where(and(eq(planGoals.id, goalId), eq(planGoals.planId, plan.id))).run().changes === 1;
  if (changed) touch(db, plan.id);
  return changed;
}

/** Removes a goal; its actions stay in the plan without a goal. Returns how many were unlinked, or null. */
export function removeGoal(db: Db, caseId: number, goalId: number): { unlinked: number } | null {
  const plan = findPlan(db, caseId);
  if (!plan) return null;
  return db.transaction((tx) => {
    const goal = tx.select().from(planGoals).where(and(eq(planGoals.id, goalId), eq(planGoals.planId, plan.id))).get();
    if (!goal) return null;
    const unlinked = tx.update(planActions).set({ goalId: null, updatedAt: nowIso() }).where(eq(planActions.goalId, goalId)).run().changes;
    tx.delete(planGoals).where(eq(planGoals.id, goalId)).run();
    touch(tx as unknown as Db, plan.id);
    return { unlinked };
  });
}

/**
 * An action of the case's one list: from the plan (optionally under a goal) or agreed in a meeting
 * (agendaItemId). The owner is a person (ownerUserId; their organisation is recorded with it) or an
 * organisation.
 */
export type NewPlanAction = {
  description: string;
  ownerOrganisationId?: number | null;
  ownerUserId?: string | null;
  dueDate: string;
  goalId: number | null;
  agendaItemId?: number | null;
};

/** Adds an action inside the caller's transaction; refuses (Dutch) an unknown goal or owner. */
export function addActionIn(t: Db, caseId: number, input: NewPlanAction): PlanOutcome<{ actionId: number }> {
  const plan = ensurePlan(t, caseId);
  if (input.goalId != null && !t.select().from(planGoals).where(and(eq(planGoals.id, input.goalId), eq(planGoals.planId, plan.id))).get()) {
    return { ok: false, error: "Kies een doel uit dit plan." };
  }
  let ownerOrganisationId = input.ownerOrganisationId ?? null;
  if (input.ownerUserId) {
    const person = t.select({ organisationId: users.organisationId }).from(users).where(and(eq(users.id, input.ownerUserId), eq(users.active, true))).get();
    if (!person) return { ok: false, error: "Kies een persoon uit de lijst." };
    ownerOrganisationId = person.organisationId;
  }
  if (ownerOrganisationId == null) return { ok: false, error: "Kies wie de actie uitvoert: een persoon of een organisatie." };
  const { id } = t
    .insert(planActions)
    .values({
      planId: plan.id,
      description: input.description,
      ownerOrganisationId,
      ownerUserId: input.ownerUserId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      dueDate: input.dueDate,
      goalId: input.goalId,
      status: "open",
      updatedAt: nowIso(),
    })
    .returning({ id: planActions.id })
    .get();
  touch(t, plan.id);
  return { ok: true, actionId: id };
}

/** Adds an action; a goal, when given, must belong to this plan. */
export function addAction(db: Db, caseId: number, input: NewPlanAction): PlanOutcome<{ actionId: number }> {
  return refusable(() =>
    db.transaction((tx) => {
      const added = addActionIn(tx as unknown as Db, caseId, input);
      if (!added.ok) throw new Refusal(added.error);
      return { actionId: added.actionId };
    }),
  );
}

/** The people who can own an action of a case at this table: its active chairs and members, by name. */
export function ownerPeople(db: Db, tableId: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name, organisation: organisations.name })
    .from(memberships)
    .innerJoin(users, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(and(eq(memberships.tableId, tableId), inArray(memberships.role, ["chair", "member"]), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
}

const actionColumns = {
  id: planActions.id,
  goalId: planActions.goalId,
  agendaItemId: planActions.agendaItemId,
  description: planActions.description,
  ownerOrganisationId: planActions.ownerOrganisationId,
  ownerUserId: planActions.ownerUserId,
  owner: sql<string>`coalesce(${users.name} || ' (' || ${organisations.name} || ')', ${organisations.name})`,
  dueDate: planActions.dueDate,
  status: planActions.status,
  cancelReason: planActions.cancelReason,
};

/** The actions agreed on one agenda item. */
export function caseActionsOfItem(db: Db, itemId: number) {
  return db
    .select(actionColumns)
    .from(planActions)
    .innerJoin(organisations, eq(planActions.ownerOrganisationId, organisations.id))
    .leftJoin(users, eq(planActions.ownerUserId, users.id))
    .where(eq(planActions.agendaItemId, itemId))
    .orderBy(asc(planActions.dueDate), asc(planActions.id))
    .all();
}

/**
 * Sets an action's status (cancelling needs a reason); the previous one is returned for the audit,
 * null when the action is not in this plan.
 */
export function setActionStatus(db: Db, caseId: number, actionId: number, status: ActionStatus, cancelReason: string | null = null): { from: ActionStatus; description: string } | null {
  const plan = findPlan(db, caseId);
  if (!plan) return null;
  return db.transaction((tx) => {
    const action = tx.select().from(planActions).where(and(eq(planActions.id, actionId), eq(planActions.planId, plan.id))).get();
    if (!action) return null;
    tx.update(planActions).set({ status, cancelReason: status === "cancelled" ? cancelReason : null, updatedAt: nowIso() }).where(eq(planActions.id, actionId)).run();
    touch(tx as unknown as Db, plan.id);
    return { from: action.status, description: action.description };
  });
}

/** The latest (not cancelled) meeting that had this case on its agenda, if any. */
export function latestMeetingOfCase(db: Db, caseId: number) {
  return (
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(agendaItems)
      .innerJoin(meetings, eq(agendaItems.meetingId, meetings.id))
      .where(and(eq(agendaItems.caseId, caseId), eq(meetings.cancelled, false)))
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(1)
      .get() ?? null
  );
}

/**
 * "Plan vaststellen": checks the plan is ready (case discussed, ≥1 goal, ≥1 action), records when
 * and at which meeting it was agreed, and moves the case to "plan_agreed" — all or nothing.
 */
export function agreePlan(db: Db, caseId: number, actor: CaseActor): PlanOutcome<{ agreedAt: string; meetingId: number | null }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const c = t.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
      if (!c) throw new Refusal("Casus niet gevonden.");
      const { plan, goals, actions } = planOf(t, caseId);
      const ready = planReadyToAgree({ caseStatus: c.status, goalCount: goals.length, actionCount: actions.length, agreedAt: plan?.agreedAt });
      if (!ready.ok) throw new Refusal(ready.problems.join(" "));
      const agreedAt = nowIso();
      const meetingId = latestMeetingOfCase(t, caseId)?.id ?? null;
      t.update(carePlans).set({ agreedAt, meetingId, updatedAt: agreedAt }).where(eq(carePlans.id, plan!.id)).run();
      const step = applyCaseEvent(t, caseId, { event: "agree_plan" }, actor);
      if (!step.ok) throw new Refusal(step.error);
      fixVersionIn(t, caseId, plan!.id, "Plan vastgesteld", actor.userId);
      return { agreedAt, meetingId };
    }),
  );
}

/** "Name (Organisation)" for an action a person owns, else the organisation. */
const ownerLabel = sql<string>`coalesce(${users.name} || ' (' || ${organisations.name} || ')', ${organisations.name})`;

export type OverdueAction = { caseId: number; code: string; description: string; dueDate: string; owner: string };

/**
 * Overdue plan actions of open cases at these tables, oldest deadline first: for the chair's home
 * page. Case codes only, no patient data.
 */
/** Open actions past their due date in cases that are not closed (what `isOverdue` says, in SQL), and their order. */
const overdueInOpenCases = (today: string) => and(ne(cases.status, "closed"), inArray(planActions.status, [...OPEN_ACTION_STATUSES]), lt(planActions.dueDate, today));
const OVERDUE_ORDER = [asc(planActions.dueDate), asc(cases.code), asc(planActions.id)];

export function overdueActionsForTables(db: Db, tableIds: number[], today: string): OverdueAction[] {
  if (!tableIds.length) return [];
  return db
    .select({
      caseId: cases.id,
      code: cases.code,
      description: planActions.description,
      dueDate: planActions.dueDate,
      owner: organisations.name,
    })
    .from(planActions)
    .innerJoin(carePlans, eq(planActions.planId, carePlans.id))
    .innerJoin(cases, eq(carePlans.caseId, cases.id))
    .innerJoin(organisations, eq(planActions.ownerOrganisationId, organisations.id))
    .where(and(inArray(cases.tableId, tableIds), overdueInOpenCases(today)))
    .orderBy(...OVERDUE_ORDER)
    .all();
}

/** Every overdue action of an open case with who owns it, for the daily reminder to the owners. */
export function overdueActionsWithOwners(db: Db, today: string) {
  return db
    .select({ code: cases.code, tableId: cases.tableId, ownerUserId: planActions.ownerUserId, ownerOrganisationId: planActions.ownerOrganisationId })
    .from(planActions)
    .innerJoin(carePlans, eq(planActions.planId, carePlans.id))
    .innerJoin(cases, eq(carePlans.caseId, cases.id))
    .where(overdueInOpenCases(today))
    .orderBy(...OVERDUE_ORDER)
    .all();
}

/**
 * Overdue actions of open cases owned by this person, or by their organisation at a table where
 * they sit (chair or member): for their home page. Case codes only, no patient data.
 */
export function overdueActionsForOwner(db: Db, user: { id: string; organisationId: number }, today: string): OverdueAction[] {
  const tableIds = db
    .select({ tableId: memberships.tableId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), inArray(memberships.role, ["chair", "member"])))
    .all()
    .map((m) => m.tableId)
    .filter((id): id is number => id != null);
  const mine = eq(planActions.ownerUserId, user.id);
  const ownOrganisation = tableIds.length
    ? and(isNull(planActions.ownerUserId), eq(planActions.ownerOrganisationId, user.organisationId), inArray(cases.tableId, tableIds))
    : undefined;
  return db
    .select({ caseId: cases.id, code: cases.code, description: planActions.description, dueDate: planActions.dueDate, owner: ownerLabel })
    .from(planActions)
    .innerJoin(carePlans, eq(planActions.planId, carePlans.id))
    .innerJoin(cases, eq(carePlans.caseId, cases.id))
    .innerJoin(organisations, eq(planActions.ownerOrganisationId, organisations.id))
    .leftJoin(users, eq(planActions.ownerUserId, users.id))
    .where(and(overdueInOpenCases(today), ownOrganisation ? or(mine, ownOrganisation) : mine))
    .orderBy(...OVERDUE_ORDER)
    .all();
}
