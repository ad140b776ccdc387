// A table's register of capacity shortfalls (knelpunten) and the lessons it shares with the other
// regions. Linked cases are shown by their code only: the register is read by every table member
// and feeds the national monitor, so it never carries a patient's name.
import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import { cases, lessons, shortfallCases, shortfalls, users } from "#db/schema";
import type { BottleneckCategory, CareFunction, ShortfallKind, ShortfallStatus } from "~/domain/vocabulary";
import { identifyingTextProblem } from "~/domain/non-identifying";
import type { Db } from "./db.server";
import { countAtMost, keysetPage, type SortKey } from "./pagination.server";

export type ShortfallInput = {
  careFunction: CareFunction;
  functionOther: string | null;
  kind: ShortfallKind;
  bottleneck: BottleneckCategory;
  waitingWeeks: number | null;
  peopleWaiting: number | null;
  justification: string;
  status: ShortfallStatus;
  caseIds: number[];
};

/** The table's cases as the register may show them: code and id, nothing else. */
/** How many of a table's running cases the shortfall form offers to link (newest first). */
export const LINKABLE_CASES = 100;

/**
 * The cases a shortfall can be linked to: the table's newest LINKABLE_CASES running cases, plus
 * those already linked, by code. Not every case the table ever had: after years that is thousands
 * of checkboxes (1.9 MB of HTML at 100,000 cases).
 */
export function linkableCaseCodes(db: Db, tableId: number, linked: readonly number[] = []) {
  const running = db
    .select({ id: cases.id, code: cases.code })
    .from(cases)
    .where(and(eq(cases.tableId, tableId), notInArray(cases.status, ["closed", "not_included"])))
    // Newest received first: walks the (table_id, received_at) index and stops at the limit.
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(LINKABLE_CASES)
    .all();
  const missing = linked.filter((id) => !running.some((c) => c.id === id));
  const kept = missing.length ? db.select({ id: cases.id, code: cases.code }).from(cases).where(and(eq(cases.tableId, tableId), inArray(cases.id, missing))).all() : [];
  return [...running, ...kept].sort((a, b) => a.code.localeCompare(b.code));
}

export const SHORTFALL_PAGE_SIZE = 25;

const SHORTFALL_ORDER: SortKey[] = [
  { column: shortfalls.updatedAt, direction: "desc", type: "string" },
  { column: shortfalls.id, direction: "desc", type: "number" },
];

type ShortfallRow = { shortfall: typeof shortfalls.$inferSelect; createdBy: string | null };

function selectShortfalls(db: Db) {
  return db.select({ shortfall: shortfalls, createdBy: users.name }).from(shortfalls).leftJoin(users, eq(shortfalls.createdByUserId, users.id));
}

/** Shortfalls with the codes of the cases they blocked (one query for all of them). */
function withCases(db: Db, rows: ShortfallRow[]) {
  const ids = rows.map((r) => r.shortfall.id);
  const links = ids.length
    ? db
        .select({ shortfallId: shortfallCases.shortfallId, caseId: cases.id, code: cases.code })
        .from(shortfallCases)
        .innerJoin(cases, eq(shortfallCases.caseId, cases.id))
        .where(inArray(shortfallCases.shortfallId, ids))
        .orderBy(asc(cases.code))
        .all()
    : [];
  return rows.map((r) => ({
    ...r.shortfall,
    createdBy: r.createdBy,
    cases: links.filter((l) => l.shortfallId === r.shortfall.id).map((l) => ({ id: l.caseId, code: l.code })),
  }));
}

/** One page of a table's shortfall register, most recently changed first, with the linked case codes. */
export function shortfallsPage(db: Db, tableId: number, url: URL, size = SHORTFALL_PAGE_SIZE) {
  const ofTable = eq(shortfalls.tableId, tableId);
  const page = keysetPage<ShortfallRow>(url, {
    size,
    keys: SHORTFALL_ORDER,
    keyOf: (r) => [r.shortfall.updatedAt, r.shortfall.id],
    fetch: (paging, orderBy, limit) => selectShortfalls(db).where(and(ofTable, paging)).orderBy(...orderBy).limit(limit).all(),
    total: () => countAtMost(db as never, db.select({ id: shortfalls.id }).from(shortfalls).where(ofTable) as never),
  });
  return { ...page, items: withCases(db, page.items) };
}

export function getShortfall(db: Db, tableId: number, id: number) {
  const row = selectShortfalls(db).where(and(eq(shortfalls.tableId, tableId), eq(shortfalls.id, id))).get();
  return row ? withCases(db, [row])[0] : null;
}

/** Case ids that are not cases of this table (a posted id of another table is refused, never stored). */
export function foreignCaseIds(db: Db, tableId: number, caseIds: number[]): number[] {
  if (!caseIds.length) return [];
  const own = new Set(db.select({ id: cases.id }).from(cases).where(and(eq(cases.tableId, tableId), inArray(cases.id, caseIds))).all().map((c) => c.id));
  return caseIds.filter((id) => !own.has(id));
}

export function createShortfall(db: Db, tableId: number, userId: string, input: ShortfallInput): number {
  const at = new Date().toISOString();
  return db.transaction((tx) => {
    const { caseIds, ...fields } = input;
    const { id } = tx
      .insert(shortfalls)
      .values({ ...fields, tableId, createdByUserId: userId, createdAt: at, updatedAt: at })
      .returning({ id: shortfalls.id })
      .get();
    for (const caseId of new Set(caseIds)) tx.insert(shortfallCases).values({ shortfallId: id, caseId }).run();
    return id;
  });
}

/**
 * Updates a shortfall of this table. A published one has left the table (insurers and the project
 * leader read it), so its new text is held to the same no-patient-data rule as at publication.
 */
export function updateShortfall(db: Db, tableId: number, id: number, input: ShortfallInput): { ok: true } | { ok: false; error: string; field?: "justification" } {
  return db.transaction((tx) => {
    const row = tx.select({ publishedAt: shortfalls.publishedAt }).from(shortfalls).where(and(eq(shortfalls.id, id), eq(shortfalls.tableId, tableId))).get();
    if (!row) return { ok: false, error: "Dit tekort bestaat niet (meer) bij deze tafel." };
    if (row.publishedAt) {
      const problem = identifyingTextProblem(`${input.justification}\n${input.functionOther ?? ""}`);
      if (problem) return { ok: false, error: problem, field: "justification" };
    }
    const { caseIds, ...fields } = input;
    tx.update(shortfalls).set({ ...fields, updatedAt: new Date().toISOString() }).where(eq(shortfalls.id, id)).run();
    tx.delete(shortfallCases).where(eq(shortfallCases.shortfallId, id)).run();
    for (const caseId of new Set(caseIds)) tx.insert(shortfallCases).values({ shortfallId: id, caseId }).run();
    return { ok: true };
  });
}

export function listLessons(db: Db, tableId: number) {
  return db
    .select({ id: lessons.id, text: lessons.text, bottleneck: lessons.bottleneck, createdAt: lessons.createdAt, createdBy: users.name })
    .from(lessons)
    .leftJoin(users, eq(lessons.createdByUserId, users.id))
    .where(eq(lessons.tableId, tableId))
    .orderBy(desc(lessons.createdAt), desc(lessons.id))
    .all();
}

export function createLesson(db: Db, tableId: number, userId: string, input: { text: string; bottleneck: BottleneckCategory }): number {
  return db
    .insert(lessons)
    .values({ tableId, text: input.text, bottleneck: input.bottleneck, createdByUserId: userId, createdAt: new Date().toISOString() })
    .returning({ id: lessons.id })
    .get().id;
}
