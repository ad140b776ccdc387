// Published shortfalls: a chair publishes a shortfall of their table (confirmed free of patient
// data) to the insurers and the national project leader; an insurer's user responds. What leaves
// the table: region, function, kind, bottleneck, waiting time, justification and the number of
// linked cases — suppressed like the monitor's counts when it is 1 to 4. Never a case code.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { organisations, regionalTables, shortfallCases, shortfallResponses, shortfalls, users } from "#db/schema";
import { isSmall, SUPPRESSED, type Published } from "~/domain/disclosure";
import { publishProblem, SHORTFALL_RESPONSE_KINDS, type ShortfallResponseKind } from "~/domain/shortfall-publication";
import type { Db } from "./db.server";

/** Publishes a shortfall of this table; a Dutch refusal when it is not the table's, already out, unconfirmed or identifying. */
export function publishShortfall(db: Db, tableId: number, shortfallId: number, confirmedNoPatientData: boolean, userId: string, now: Date = new Date()): { ok: true } | { ok: false; error: string } {
  const row = db.select().from(shortfalls).where(and(eq(shortfalls.id, shortfallId), eq(shortfalls.tableId, tableId))).get();
  if (!row) return { ok: false, error: "Dit tekort bestaat niet (meer) bij deze tafel." };
  const problem = publishProblem({ confirmedNoPatientData, justification: `${row.justification}\n${row.functionOther ?? ""}`, alreadyPublished: row.publishedAt != null });
  if (problem) return { ok: false, error: problem };
  db.update(shortfalls).set({ publishedAt: now.toISOString(), publishedByUserId: userId }).where(eq(shortfalls.id, shortfallId)).run();
  return { ok: true };
}

/** A linked-case count as it may leave the table: 1 to 4 is suppressed. */
export const publishedCount = (n: number): Published => (isSmall(n) ? SUPPRESSED : n);

/** Every published shortfall of every region with its responses, region by region (table number order). */
export function publishedShortfalls(db: Db) {
  const rows = db
    .select({
      id: shortfalls.id,
      tableId: shortfalls.tableId,
      tableName: regionalTables.name,
      tableNumber: regionalTables.number,
      careFunction: shortfalls.careFunction,
      functionOther: shortfalls.functionOther,
      kind: shortfalls.kind,
      bottleneck: shortfalls.bottleneck,
      waitingWeeks: shortfalls.waitingWeeks,
      peopleWaiting: shortfalls.peopleWaiting,
      justification: shortfalls.justification,
      status: shortfalls.status,
      publishedAt: shortfalls.publishedAt,
      linkedCases: sql<number>`(select count(*) from ${shortfallCases} where ${shortfallCases.shortfallId} = ${shortfalls.id})`,
    })
    .from(shortfalls)
    .innerJoin(regionalTables, eq(shortfalls.tableId, regionalTables.id))
    .where(isNotNull(shortfalls.publishedAt))
    .orderBy(asc(regionalTables.number), desc(shortfalls.publishedAt), desc(shortfalls.id))
    .all();
  const ids = rows.map((r) => r.id);
  const responses = ids.length
    ? db
        .select({
          id: shortfallResponses.id,
          shortfallId: shortfallResponses.shortfallId,
          organisation: organisations.name,
          by: users.name,
          kind: shortfallResponses.kind,
          text: shortfallResponses.text,
          responseDate: shortfallResponses.responseDate,
          contact: shortfallResponses.contact,
          createdAt: shortfallResponses.createdAt,
        })
        .from(shortfallResponses)
        .innerJoin(organisations, eq(shortfallResponses.organisationId, organisations.id))
        .innerJoin(users, eq(shortfallResponses.userId, users.id))
        .where(inArray(shortfallResponses.shortfallId, ids))
        .orderBy(asc(shortfallResponses.id))
        .all()
    : [];
  return rows.map(({ linkedCases, ...r }) => ({ ...r, linkedCases: publishedCount(linkedCases), responses: responses.filter((x) => x.shortfallId === r.id) }));
}

export type PublishedShortfall = ReturnType<typeof publishedShortfalls>[number];

/** Published shortfalls grouped per region, every region present (also without any): side by side. */
export function publishedByRegion(db: Db) {
  const tables = db.select({ id: regionalTables.id, name: regionalTables.name, number: regionalTables.number }).from(regionalTables).where(eq(regionalTables.active, true)).orderBy(asc(regionalTables.number)).all();
  const all = publishedShortfalls(db);
  return tables.map((t) => ({ ...t, shortfalls: all.filter((s) => s.tableId === t.id) }));
}

export type ResponseInput = { kind: ShortfallResponseKind; text: string; responseDate: string; contact: string };

/** An insurer's response to a published shortfall; refused when the shortfall is not published. */
export function respondToShortfall(db: Db, shortfallId: number, input: ResponseInput, user: { id: string; organisationId: number }, now: Date = new Date()): { ok: true; id: number } | { ok: false; error: string } {
  if (!SHORTFALL_RESPONSE_KINDS.includes(input.kind)) return { ok: false, error: "Kies het soort reactie." };
  const row = db.select({ publishedAt: shortfalls.publishedAt }).from(shortfalls).where(eq(shortfalls.id, shortfallId)).get();
  if (!row?.publishedAt) return { ok: false, error: "Dit tekort is niet (meer) gepubliceerd." };
  const { id } = db
    .insert(shortfallResponses)
    .values({ shortfallId, organisationId: user.organisationId, userId: user.id, ...input, createdAt: now.toISOString() })
    .returning({ id: shortfallResponses.id })
    .get();
  return { ok: true, id };
}

/** How many responses each shortfall of this table has (for the table's own register). */
export function responseCountsOf(db: Db, tableId: number): Map<number, number> {
  const rows = db
    .select({ shortfallId: shortfallResponses.shortfallId, n: sql<number>`count(*)` })
    .from(shortfallResponses)
    .innerJoin(shortfalls, eq(shortfallResponses.shortfallId, shortfalls.id))
    .where(eq(shortfalls.tableId, tableId))
    .groupBy(shortfallResponses.shortfallId)
    .all();
  return new Map(rows.map((r) => [r.shortfallId, r.n]));
}
