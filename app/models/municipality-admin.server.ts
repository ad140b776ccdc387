// What an administrator keeps per municipality: the routing exception that sends it to another
// table than its province's (Rotterdam-Rijnmond, Gooi, Noord-Veluwe), and the municipal contact who
// is told when a VMR term runs out (the Eemland agreements). The CBS list itself changes only by a
// yearly migration.
import { and, asc, eq, sql } from "drizzle-orm";
import { municipalities, municipalityContacts, regionalTables, routingRules } from "#db/schema";
import { decideRoute } from "~/domain/routing";
import type { Db } from "./db.server";
import { listRoutingRules } from "./tables.server";

export type MunicipalityRow = {
  code: string;
  name: string;
  province: string;
  tableId: number | null;
  tableName: string | null;
  /** The exception group that decides, or null when the province's rule does. */
  exception: string | null;
  contact: { name: string; email: string } | null;
};

/** The municipalities whose name contains `nameContains` (all when empty) or with this CBS `code`, with table and contact. */
export function municipalityOverview(db: Db, filter: { nameContains?: string; code?: string }): MunicipalityRow[] {
  const rules = listRoutingRules(db);
  const tables = new Map(db.select({ id: regionalTables.id, name: regionalTables.name }).from(regionalTables).all().map((t) => [t.id, t.name]));
  const contacts = new Map(db.select().from(municipalityContacts).all().map((c) => [c.municipality.toLowerCase(), c]));
  const needle = filter.nameContains?.trim().toLowerCase();
  return db
    .select({ code: municipalities.code, name: municipalities.name, province: municipalities.province })
    .from(municipalities)
    .where(and(needle ? sql`instr(lower(${municipalities.name}), ${needle}) > 0` : undefined, filter.code ? eq(municipalities.code, filter.code) : undefined))
    .orderBy(asc(municipalities.name))
    .all()
    .map((m) => {
      const decision = decideRoute(rules, { province: m.province, municipality: m.name });
      const contact = contacts.get(m.name.toLowerCase());
      return {
        ...m,
        tableId: decision?.tableId ?? null,
        tableName: decision ? (tables.get(decision.tableId) ?? null) : null,
        exception: decision?.rule === "municipality" ? (decision.label ?? "Uitzondering") : null,
        contact: contact ? { name: contact.name, email: contact.email } : null,
      };
    });
}

export const findMunicipality = (db: Db, code: string) => db.select().from(municipalities).where(eq(municipalities.code, code)).get() ?? null;

/** Registers (or replaces) the municipality's contact; returns the previous one for the audit line. */
export function setMunicipalityContact(db: Db, municipality: string, contact: { name: string; email: string }) {
  return db.transaction((tx) => {
    const before = tx.select().from(municipalityContacts).where(eq(municipalityContacts.municipality, municipality)).get() ?? null;
    tx.insert(municipalityContacts)
      .values({ municipality, ...contact })
      .onConflictDoUpdate({ target: municipalityContacts.municipality, set: contact })
      .run();
    return before;
  });
}

export const removeMunicipalityContact = (db: Db, municipality: string) =>
  db.delete(municipalityContacts).where(eq(municipalityContacts.municipality, municipality)).run().changes > 0;

/** Routes this municipality to `tableId` whatever its province's rule says, under a named exception group. */
export function setRoutingException(db: Db, m: { name: string; province: string }, tableId: number, label: string) {
  db.insert(routingRules)
    .values({ province: m.province, municipality: m.name, tableId, label })
    .onConflictDoUpdate({ target: [routingRules.province, routingRules.municipality], set: { tableId, label } })
    .run();
}

/** Back to the province's rule. */
export const removeRoutingException = (db: Db, m: { name: string; province: string }) =>
  db.delete(routingRules).where(and(eq(routingRules.province, m.province), eq(routingRules.municipality, m.name))).run().changes > 0;

/** The tables an exception may send to, by name. */
export const tableChoices = (db: Db) => db.select({ id: regionalTables.id, name: regionalTables.name }).from(regionalTables).orderBy(asc(regionalTables.id)).all();

