// A case keeps one identity across tables: its code may change with a redirect (RT<table>-…),
// but the codes it had keep resolving to it and are shown as "eerder".
import { asc, eq } from "drizzle-orm";
import { caseCodes, cases, regionalTables } from "#db/schema";
import type { Db } from "./db.server";

export function previousCodes(db: Db, caseId: number) {
  return db
    .select({ code: caseCodes.code, until: caseCodes.until, tableName: regionalTables.name, tableNumber: regionalTables.number })
    .from(caseCodes)
    .innerJoin(regionalTables, eq(caseCodes.tableId, regionalTables.id))
    .where(eq(caseCodes.caseId, caseId))
    .orderBy(asc(caseCodes.until))
    .all();
}

/** The case a code names: its current code, or one it had before a redirect. */
export function caseIdByCode(db: Db, code: string): number | null {
  const normalised = code.trim().toUpperCase();
  const current = db.select({ id: cases.id }).from(cases).where(eq(cases.code, normalised)).get();
  if (current) return current.id;
  return db.select({ id: caseCodes.caseId }).from(caseCodes).where(eq(caseCodes.code, normalised)).get()?.id ?? null;
}
