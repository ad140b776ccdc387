// The portal's data model. Every change here becomes a checked-in migration:
// `npm run db:generate` writes it to db/migrations, the app applies it at start.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ORGANISATION_TYPES, ROLES } from "../app/domain/vocabulary";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  type: text("type", { enum: ORGANISATION_TYPES }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull().default(now),
});

/** A regiotafel (regional case table), run by the region's largest ggz provider. */
export const regionalTables = sqliteTable("regional_tables", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  number: integer("number").notNull().unique(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  ownArea: text("own_area").notNull(),
  leadOrganisationId: integer("lead_organisation_id")
    .notNull()
    .references(() => organisations.id),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

/** Insurers involved in a table's set-up ("namens alle andere zorgverzekeraars"); a second may be invited. */
export const tableInsurers = sqliteTable(
  "table_insurers",
  {
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.tableId, t.organisationId] })],
);

/**
 * Routing of a patient's residence to a table. A row without municipality covers the
 * whole province; a row with a municipality is an exception (Rotterdam-Rijnmond).
 */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    province: text("province").notNull(),
    municipality: text("municipality"),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
  },
  (t) => [uniqueIndex("routing_rules_place").on(t.province, t.municipality)],
);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull().default(now),
});

/**
 * A role a user holds. Chair and member are per table (tableId set); referrer and
 * medical advisor act for the user's organisation; project leader and administrator are national.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    tableId: integer("table_id").references(() => regionalTables.id),
  },
  (t) => [uniqueIndex("memberships_unique").on(t.userId, t.role, t.tableId), index("memberships_table").on(t.tableId)],
);

/** lucia v3 sessions, plus the creation time lucia lacks (for the absolute limit). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * NEN 7513 access log. Append-only (triggers in the migration refuse UPDATE/DELETE)
 * and hash-chained: hash = sha256(prevHash + canonical event).
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["success", "denied", "failure"] }).notNull(),
    userId: text("user_id"),
    userEmail: text("user_email"),
    role: text("role"),
    organisationId: integer("organisation_id"),
    responsibleUserId: text("responsible_user_id"),
    objectType: text("object_type"),
    objectId: text("object_id"),
    patientId: text("patient_id"),
    detail: text("detail"),
    consentOverride: integer("consent_override", { mode: "boolean" }).notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_user").on(t.userId), index("audit_patient").on(t.patientId), index("audit_at").on(t.at)],
);
