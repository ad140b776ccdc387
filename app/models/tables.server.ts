// Regiotafels with their lead provider, insurers and the provinces/municipalities routed to them.
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { memberships, organisations, regionalTables, routingRules, tableInsurers, users } from "#db/schema";
import type { Db } from "./db.server";

export function listTableRefs(db: Db) {
  return db.select({ id: regionalTables.id, slug: regionalTables.slug, name: regionalTables.name, number: regionalTables.number }).from(regionalTables).orderBy(asc(regionalTables.number)).all();
}

export function listTables(db: Db) {
  const lead = alias(organisations, "lead");
  const tables = db
    .select({
      id: regionalTables.id,
      number: regionalTables.number,
      slug: regionalTables.slug,
      name: regionalTables.name,
      ownArea: regionalTables.ownArea,
      leadOrganisation: lead.name,
    })
    .from(regionalTables)
    .innerJoin(lead, eq(regionalTables.leadOrganisationId, lead.id))
    .orderBy(asc(regionalTables.number))
    .all();
  const insurers = db
    .select({ tableId: tableInsurers.tableId, name: organisations.name })
    .from(tableInsurers)
    .innerJoin(organisations, eq(tableInsurers.organisationId, organisations.id))
    .all();
  const rules = db.select().from(routingRules).orderBy(asc(routingRules.province), asc(routingRules.municipality)).all();
  return tables.map((t) => ({
    ...t,
    insurers: insurers.filter((i) => i.tableId === t.id).map((i) => i.name),
    provinces: rules.filter((r) => r.tableId === t.id && r.municipality === null).map((r) => r.province),
    municipalities: rules.filter((r) => r.tableId === t.id && r.municipality !== null).map((r) => r.municipality as string),
  }));
}

export type TableSummary = ReturnType<typeof listTables>[number];

export function getTableBySlug(db: Db, slug: string) {
  return listTables(db).find((t) => t.slug === slug) ?? null;
}

export function listTableMembers(db: Db, tableIds: number[]) {
  if (tableIds.length === 0) return [];
  return db
    .select({ tableId: memberships.tableId, role: memberships.role, name: users.name, email: users.email, organisation: organisations.name, active: users.active })
    .from(memberships)
    .innerJoin(users, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(inArray(memberships.tableId, tableIds))
    .orderBy(asc(memberships.role), asc(users.name))
    .all();
}

export function listRoutingRules(db: Db) {
  return db.select().from(routingRules).all();
}
