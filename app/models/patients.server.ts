// One patient per BSN: a referral for a known BSN links to the existing patient. Name and birth
// date that differ from what is known are returned as conflicts (shown to the chair), never
// written over the record; residence and insurer follow the newest referral (people move).
import { and, asc, eq, ne } from "drizzle-orm";
import { cases, patients, regionalTables, type IdentityConflict } from "#db/schema";
import { normalisePlace } from "~/domain/routing";
import type { Db } from "./db.server";

export type PatientInput = Omit<typeof patients.$inferInsert, "id" | "createdAt">;

const sameName = (a: string, b: string) => normalisePlace(a) === normalisePlace(b);

export function linkPatient(db: Db, input: PatientInput): { patientId: number; known: boolean; conflicts: IdentityConflict[] } {
  const existing = db.select().from(patients).where(eq(patients.bsn, input.bsn)).orderBy(asc(patients.id)).limit(1).get();
  if (!existing) {
    const { id } = db.insert(patients).values(input).returning({ id: patients.id }).get();
    return { patientId: id, known: false, conflicts: [] };
  }
  const conflicts: IdentityConflict[] = [];
  if (!sameName(existing.name, input.name)) conflicts.push({ field: "name", known: existing.name, given: input.name });
  if (existing.dateOfBirth !== input.dateOfBirth) conflicts.push({ field: "dateOfBirth", known: existing.dateOfBirth, given: input.dateOfBirth });
  db.update(patients)
    .set({ address: input.address ?? existing.address, municipality: input.municipality, municipalityCode: input.municipalityCode, province: input.province, insurerId: input.insurerId })
    .where(eq(patients.id, existing.id))
    .run();
  return { patientId: existing.id, known: true, conflicts };
}

/** The patient's other cases (any table, any status), oldest first. */
export function otherCasesOfPatient(db: Db, patientId: number, caseId: number) {
  return db
    .select({ id: cases.id, code: cases.code, status: cases.status, receivedAt: cases.receivedAt, tableName: regionalTables.name, tableNumber: regionalTables.number, tableId: cases.tableId, insurerId: cases.insurerId, referrerOrganisationId: cases.referrerOrganisationId, leadOrganisationId: regionalTables.leadOrganisationId })
    .from(cases)
    .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
    .where(and(eq(cases.patientId, patientId), ne(cases.id, caseId)))
    .orderBy(asc(cases.id))
    .all();
}
