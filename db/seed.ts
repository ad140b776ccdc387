// Seeding: reference data (tables, routing) for every new database; demo organisations,
// accounts and cases only outside production (see config.seedDemoData).
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../app/models/db.server";
import { hashPassword } from "../app/lib/password.server";
import type { OrganisationType, Role } from "../app/domain/vocabulary";
import { memberships, organisations, regionalTables, routingRules, tableInsurers, users } from "./schema";
import { seedDemoCases } from "./demo-cases";
import { seedDemoHistory } from "./demo-history";
import { seedDemoStory } from "./demo-story";
import { INSURERS, ROUTING_EXCEPTIONS, TABLES } from "./reference-data";

export const DEMO_PASSWORD = "Demo-wachtwoord-2026";
/**
 * Every demo account is enrolled with this published TOTP secret (base32), so a newcomer can sign
 * in at once: add it to an authenticator app, or print the current code with `npm run demo:code`.
 * Demo data only: never seeded with NODE_ENV=production (config.seedDemoData).
 */
export const DEMO_TOTP_SECRET = "REGIOTAFELDEMOCODEVOORNIEUWKOMER";

function ensureOrganisation(db: Db, name: string, type: OrganisationType): number {
  const existing = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get();
  if (existing) return existing.id;
  return db.insert(organisations).values({ name, type }).returning({ id: organisations.id }).get().id;
}

/** Idempotent: does nothing once the tables exist, so an administrator's edits stay. */
export function seedReferenceData(db: Db) {
  if (db.select({ id: regionalTables.id }).from(regionalTables).limit(1).get()) return;
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    for (const insurer of INSURERS) ensureOrganisation(t, insurer, "insurer");
    for (const table of TABLES) {
      const leadId = ensureOrganisation(t, table.lead, "ggz_provider");
      const insurerId = ensureOrganisation(t, table.insurer, "insurer");
      const { id: tableId } = tx
        .insert(regionalTables)
        .values({ number: table.number, slug: table.slug, name: table.name, ownArea: table.ownArea, leadOrganisationId: leadId })
        .returning({ id: regionalTables.id })
        .get();
      tx.insert(tableInsurers).values({ tableId, organisationId: insurerId }).run();
      for (const province of table.provinces) tx.insert(routingRules).values({ province, municipality: null, tableId }).run();
      for (const exception of ROUTING_EXCEPTIONS.filter((e) => e.tableSlug === table.slug)) {
        for (const municipality of exception.municipalities) {
          tx.insert(routingRules).values({ province: exception.province, municipality, tableId, label: exception.label }).run();
        }
      }
    }
  });
}

const DEMO_ORGANISATIONS: [string, OrganisationType][] = [
  ["GGZ Delfland", "ggz_provider"],
  ["Dimence Groep", "ggz_provider"],
  ["Lentis", "ggz_provider"],
  ["Brijder Verslavingszorg", "addiction_care"],
  ["Jellinek", "addiction_care"],
  ["Tactus Verslavingszorg", "addiction_care"],
  ["Novadic-Kentron", "addiction_care"],
  ["IrisZorg", "addiction_care"],
  ["HVO-Querido", "sheltered_housing"],
  ["Kwintes", "sheltered_housing"],
  ["Leger des Heils Zuid-Holland", "sheltered_housing"],
  ["'s Heeren Loo", "intellectual_disability_care"],
  ["Ipse de Bruggen", "intellectual_disability_care"],
  ["Koraal", "intellectual_disability_care"],
  ["Gemeente Den Haag", "municipality"],
  ["Gemeente Rotterdam", "municipality"],
  ["Gemeente Amsterdam", "municipality"],
  ["Gemeente Nijmegen", "municipality"],
  ["Gemeente Tilburg", "municipality"],
  ["Gemeente Maastricht", "municipality"],
  // One zorgkantoor (Wlz) per table region, so a Wlz path is possible at every table.
  ["Zorgkantoor Haaglanden", "care_office"],
  ["Zorgkantoor Rotterdam", "care_office"],
  ["Zorgkantoor Amsterdam", "care_office"],
  ["Zorgkantoor Flevoland", "care_office"],
  ["Zorgkantoor Arnhem", "care_office"],
  ["Zorgkantoor Midden-Brabant", "care_office"],
  ["Zorgkantoor Zuid-Limburg", "care_office"],
  ["VWS – Unit complexe zorgvragen", "vws_unit"],
  ["Landelijk projectbureau hoogcomplexe ggz", "national_project_office"],
];

/** A table member from a partner organisation, so the demo shows a table of several parties. */
const MEMBER_ORGANISATION: Record<string, string> = {
  denhaag: "Brijder Verslavingszorg",
  rotterdam: "IrisZorg",
  amsterdam: "Jellinek",
  centraal: "'s Heeren Loo",
  gelderland: "Tactus Verslavingszorg",
  brabant: "Novadic-Kentron",
  limburg: "Koraal",
};

const INSURER_SLUGS: Record<(typeof INSURERS)[number], string> = {
  VGZ: "vgz",
  "Zilveren Kruis": "zilverenkruis",
  Menzis: "menzis",
  CZ: "cz",
};

export type DemoAccount = { email: string; name: string; organisation: string; role: Role; tableSlug?: string };

export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { email: "admin@regiotafel.test", name: "Anouk Beheer", organisation: "Landelijk projectbureau hoogcomplexe ggz", role: "admin" },
    { email: "projectleider@regiotafel.test", name: "Pieter van Monitor", organisation: "Landelijk projectbureau hoogcomplexe ggz", role: "project_leader" },
  ];
  for (const table of TABLES) {
    accounts.push(
      { email: `voorzitter.${table.slug}@regiotafel.test`, name: `Voorzitter ${table.name}`, organisation: table.lead, role: "chair", tableSlug: table.slug },
      { email: `lid.${table.slug}@regiotafel.test`, name: `Tafellid ${table.name}`, organisation: MEMBER_ORGANISATION[table.slug], role: "member", tableSlug: table.slug },
    );
  }
  for (const insurer of INSURERS) {
    const slug = INSURER_SLUGS[insurer];
    accounts.push(
      { email: `zorgbemiddeling.${slug}@regiotafel.test`, name: `Zorgbemiddelaar ${insurer}`, organisation: insurer, role: "referrer" },
      { email: `adviseur.${slug}@regiotafel.test`, name: `Medisch adviseur ${insurer}`, organisation: insurer, role: "medical_advisor" },
    );
  }
  accounts.push({ email: "verwijzer.parnassia@regiotafel.test", name: "Verwijzer Parnassia", organisation: "Parnassia Groep", role: "referrer" });
  return accounts;
}

/** Demo organisations and accounts; does nothing when any user exists. */
export async function seedDemoData(db: Db) {
  if (db.select({ id: users.id }).from(users).limit(1).get()) return;
  // One hash for all demo accounts: they share a published password by design.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    for (const [name, type] of DEMO_ORGANISATIONS) ensureOrganisation(t, name, type);
    const tableIds = new Map(tx.select().from(regionalTables).all().map((r) => [r.slug, r.id]));
    for (const account of demoAccounts()) {
      const organisationId = ensureOrganisation(t, account.organisation, "ggz_provider");
      const id = randomUUID();
      tx.insert(users).values({ id, email: account.email, name: account.name, organisationId, passwordHash, totpSecret: DEMO_TOTP_SECRET }).run();
      const tableId = account.tableSlug ? tableIds.get(account.tableSlug)! : null;
      tx.insert(memberships).values({ userId: id, role: account.role, tableId }).run();
    }
  });
  seedDemoCases(db);
  // After the demo cases, so their codes and ids stay what the README and tests name.
  seedDemoStory(db);
  seedDemoHistory(db);
}
