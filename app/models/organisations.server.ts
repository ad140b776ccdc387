// Organisations (providers, insurers, municipalities, …) for the administrator pages.
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { memberships, organisations, regionalTables, tableInsurers, users } from "#db/schema";
import type { OrganisationType } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import { isUniqueViolation } from "./users.server";

/** All organisations with the number of (active) users, by name. */
export function listOrganisations(db: Db) {
  const rows = db.select().from(organisations).orderBy(asc(organisations.name)).all();
  const counts = db
    .select({ organisationId: users.organisationId, active: users.active, n: count() })
    .from(users)
    .groupBy(users.organisationId, users.active)
    .all();
  return rows.map((o) => ({
    ...o,
    activeUsers: counts.find((c) => c.organisationId === o.id && c.active)?.n ?? 0,
    inactiveUsers: counts.find((c) => c.organisationId === o.id && !c.active)?.n ?? 0,
  }));
}

export type OrganisationListItem = ReturnType<typeof listOrganisations>[number];

/** For selects: id, name, type and whether it can be chosen for a new account. */
export function listOrganisationRefs(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name, type: organisations.type, active: organisations.active }).from(organisations).orderBy(asc(organisations.name)).all();
}

export function getOrganisation(db: Db, id: number) {
  return db.select().from(organisations).where(eq(organisations.id, id)).get() ?? null;
}

/** Names are unique regardless of case ("Arkin" and "arkin" are the same organisation). */
export function organisationNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const sameName = sql`lower(${organisations.name}) = lower(${name.trim()})`;
  const where = exceptId == null ? sameName : and(sameName, ne(organisations.id, exceptId));
  return db.select({ id: organisations.id }).from(organisations).where(where).get() !== undefined;
}

type Duplicate = { ok: false; reason: "duplicate_name" };

export function createOrganisation(db: Db, input: { name: string; type: OrganisationType }): { ok: true; id: number } | Duplicate {
  const name = input.name.trim();
  if (organisationNameTaken(db, name)) return { ok: false, reason: "duplicate_name" };
  try {
    const row = db.insert(organisations).values({ name, type: input.type }).returning({ id: organisations.id }).get();
    return { ok: true, id: row.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate_name" };
    throw error;
  }
}

/** Changes name and type; returns what it was before, for the audit detail. */
export function updateOrganisation(
  db: Db,
  id: number,
  input: { name: string; type: OrganisationType },
): { ok: true; before: { name: string; type: OrganisationType } } | Duplicate | { ok: false; reason: "not_found" } {
  const existing = getOrganisation(db, id);
  if (!existing) return { ok: false, reason: "not_found" };
  const name = input.name.trim();
  if (organisationNameTaken(db, name, id)) return { ok: false, reason: "duplicate_name" };
  try {
    db.update(organisations).set({ name, type: input.type }).where(eq(organisations.id, id)).run();
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate_name" };
    throw error;
  }
  return { ok: true, before: { name: existing.name, type: existing.type } };
}

/** Returns whether anything changed (false when unknown or already in this state). */
export function setOrganisationActive(db: Db, id: number, active: boolean): boolean {
  return (
    db
      .update(organisations)
      .set({ active })
      .where(and(eq(organisations.id, id), eq(organisations.active, !active)))
      .run().changes > 0
  );
}

export function organisationUserIds(db: Db, organisationId: number): string[] {
  return db.select({ id: users.id }).from(users).where(eq(users.organisationId, organisationId)).all().map((u) => u.id);
}

/**
 * The region each organisation works in, for grouping long lists (the consent step): the table it
 * leads, the tables it insures for, or where its people are members. One table: that table's name;
 * several: "Meerdere regio's"; none: "Landelijk of geen regio".
 */
export function organisationRegions(db: Db): Map<number, string> {
  const tables = db.select({ id: regionalTables.id, name: regionalTables.name, lead: regionalTables.leadOrganisationId }).from(regionalTables).all();
  const tableName = new Map(tables.map((t) => [t.id, t.name]));
  const links: { organisationId: number; tableId: number }[] = [
    ...tables.map((t) => ({ organisationId: t.lead, tableId: t.id })),
    ...db.select({ organisationId: tableInsurers.organisationId, tableId: tableInsurers.tableId }).from(tableInsurers).all(),
    ...db
      .selectDistinct({ organisationId: users.organisationId, tableId: memberships.tableId })
      .from(memberships)
      .innerJoin(users, eq(memberships.userId, users.id))
      .all()
      .filter((m): m is { organisationId: number; tableId: number } => m.tableId != null),
  ];
  const byOrganisation = new Map<number, Set<number>>();
  for (const link of links) {
    if (!byOrganisation.has(link.organisationId)) byOrganisation.set(link.organisationId, new Set());
    byOrganisation.get(link.organisationId)!.add(link.tableId);
  }
  const regions = new Map<number, string>();
  for (const [organisationId, ids] of byOrganisation) {
    regions.set(organisationId, ids.size === 1 ? (tableName.get([...ids][0]) ?? REGION_NONE) : REGION_SEVERAL);
  }
  return regions;
}

export const REGION_SEVERAL = "Meerdere regio's";
export const REGION_NONE = "Landelijk of geen regio";
