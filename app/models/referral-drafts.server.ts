// Referral drafts (one per referral being written, visible only to its author) and the
// lists the referrer's pages need: their organisation's referrals and the form's choices.
import { and, asc, desc, eq } from "drizzle-orm";
import { attachments, organisations, referralDrafts, regionalTables } from "#db/schema";
import type { Db } from "./db.server";
import type { DraftValues, StepNumber } from "~/domain/referral-form";

const nowIso = () => new Date().toISOString();

export type DraftRow = typeof referralDrafts.$inferSelect;

export function createDraft(db: Db, userId: string): number {
  return db.insert(referralDrafts).values({ userId, data: {}, step: 1, updatedAt: nowIso() }).returning({ id: referralDrafts.id }).get().id;
}

/** The draft only when it belongs to this user; someone else's draft does not exist for them. */
export function findOwnDraft(db: Db, draftId: number, userId: string): DraftRow | null {
  return db.select().from(referralDrafts).where(and(eq(referralDrafts.id, draftId), eq(referralDrafts.userId, userId))).get() ?? null;
}

export function findDraft(db: Db, draftId: number): DraftRow | null {
  return db.select().from(referralDrafts).where(eq(referralDrafts.id, draftId)).get() ?? null;
}

export function saveDraft(db: Db, draftId: number, data: DraftValues, step: StepNumber) {
  db.update(referralDrafts).set({ data, step, updatedAt: nowIso() }).where(eq(referralDrafts.id, draftId)).run();
}

export function listOwnDrafts(db: Db, userId: string) {
  return db
    .select({ id: referralDrafts.id, data: referralDrafts.data, step: referralDrafts.step, updatedAt: referralDrafts.updatedAt })
    .from(referralDrafts)
    .where(eq(referralDrafts.userId, userId))
    .orderBy(desc(referralDrafts.updatedAt))
    .all();
}

/** After submission: the draft's files now belong to the case, and the draft is gone. */
export function finishDraft(db: Db, draftId: number, caseId: number) {
  db.transaction((tx) => {
    tx.update(attachments).set({ caseId, draftId: null }).where(eq(attachments.draftId, draftId)).run();
    tx.delete(referralDrafts).where(eq(referralDrafts.id, draftId)).run();
  });
}

/** Deletes a draft whose attachments were already removed. */
export function deleteDraft(db: Db, draftId: number) {
  db.delete(referralDrafts).where(eq(referralDrafts.id, draftId)).run();
}

export function listActiveInsurers(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.type, "insurer"), eq(organisations.active, true)))
    .orderBy(asc(organisations.name))
    .all();
}

/** Organisations a consent can name, by type then name. */
export function listActiveOrganisations(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(eq(organisations.active, true))
    .orderBy(asc(organisations.type), asc(organisations.name))
    .all();
}

export function listActiveTables(db: Db) {
  return db
    .select({ id: regionalTables.id, slug: regionalTables.slug, name: regionalTables.name, number: regionalTables.number })
    .from(regionalTables)
    .where(eq(regionalTables.active, true))
    .orderBy(asc(regionalTables.number))
    .all();
}

export function tableById(db: Db, tableId: number) {
  return db.select({ id: regionalTables.id, slug: regionalTables.slug, name: regionalTables.name, number: regionalTables.number }).from(regionalTables).where(eq(regionalTables.id, tableId)).get() ?? null;
}
