// Fixed versions of a case's plan (rules in ~/domain/plan-versions): a snapshot of goals and
// actions, with who fixed it, when and why. Version 1 is written when the plan is agreed.
import { asc, desc, eq } from "drizzle-orm";
import { carePlans, planVersions, users } from "#db/schema";
import { changedSince, newVersionProblem, type PlanSnapshot } from "~/domain/plan-versions";
import type { Db } from "./db.server";
import { planOf } from "./plan.server";

/** The plan as it stands, as a version would hold it. */
export function snapshotOf(db: Db, caseId: number): PlanSnapshot {
  const { goals, actions } = planOf(db, caseId);
  return {
    goals: goals.map((g) => ({ id: g.id, lifeDomain: g.lifeDomain, goal: g.goal })),
    actions: actions.map((a) => ({ id: a.id, description: a.description, owner: a.owner, dueDate: a.dueDate, status: a.status })),
  };
}

/** Writes the next version inside the caller's transaction. */
export function fixVersionIn(t: Db, caseId: number, planId: number, reason: string, userId: string | null, now: Date = new Date()): number {
  const last = t.select({ version: planVersions.version }).from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.version)).limit(1).get();
  const version = (last?.version ?? 0) + 1;
  t.insert(planVersions).values({ planId, version, snapshot: snapshotOf(t, caseId), reason: reason.trim(), createdByUserId: userId, createdAt: now.toISOString() }).run();
  t.update(carePlans).set({ version }).where(eq(carePlans.id, planId)).run();
  return version;
}

/** Every version of the case's plan, oldest first, with who fixed it. */
export function versionsOf(db: Db, caseId: number) {
  const plan = db.select({ id: carePlans.id }).from(carePlans).where(eq(carePlans.caseId, caseId)).get();
  if (!plan) return [];
  return db
    .select({ id: planVersions.id, version: planVersions.version, snapshot: planVersions.snapshot, reason: planVersions.reason, createdAt: planVersions.createdAt, createdBy: users.name })
    .from(planVersions)
    .leftJoin(users, eq(planVersions.createdByUserId, users.id))
    .where(eq(planVersions.planId, plan.id))
    .orderBy(asc(planVersions.version))
    .all();
}

/** Where the plan stands against its last version: for the plan page. */
export function versionState(db: Db, caseId: number) {
  const versions = versionsOf(db, caseId);
  const last = versions.at(-1) ?? null;
  return { version: last?.version ?? 0, lastAt: last?.createdAt ?? null, lastBy: last?.createdBy ?? null, changed: last ? changedSince(last.snapshot, snapshotOf(db, caseId)) : false, count: versions.length };
}

/** The chair fixes what changed since the last version as a new one, with the reason. */
export function fixNewVersion(db: Db, caseId: number, reason: string, userId: string): { ok: true; version: number } | { ok: false; error: string } {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const plan = t.select().from(carePlans).where(eq(carePlans.caseId, caseId)).get();
    const state = versionState(t, caseId);
    const problem = newVersionProblem({ agreed: Boolean(plan?.agreedAt && state.version > 0), changed: state.changed, reason });
    if (problem || !plan) return { ok: false as const, error: problem ?? "Er is nog geen plan." };
    return { ok: true as const, version: fixVersionIn(t, caseId, plan.id, reason, userId) };
  });
}
