// Accounts and their roles, for the administrator pages. Checks of who may do this live in the
// routes (requirePermission) and in domain/membership-rules; these functions only read and write.
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { memberships, organisations, regionalTables, users } from "#db/schema";
import type { Role } from "~/domain/vocabulary";
import type { Db } from "./db.server";

/** A unique index refused the row (better-sqlite3's error, possibly wrapped by drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT_UNIQUE")) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type UserFilter = { q?: string; organisationId?: number };

export const USER_LIST_LIMIT = 200;

export type MembershipRow = { id: number; userId: string; role: Role; tableId: number | null; tableName: string | null; tableSlug: string | null };

function membershipsOf(db: Db, userIds: string[]): MembershipRow[] {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      tableId: memberships.tableId,
      tableName: regionalTables.name,
      tableSlug: regionalTables.slug,
    })
    .from(memberships)
    .leftJoin(regionalTables, eq(memberships.tableId, regionalTables.id))
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(memberships.role), asc(regionalTables.number))
    .all();
}

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  active: users.active,
  createdAt: users.createdAt,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  organisationActive: organisations.active,
};

/** Users with their organisation and roles, filtered on name/e-mail (substring) and organisation. */
export function listUsers(db: Db, filter: UserFilter = {}, limit = USER_LIST_LIMIT) {
  const conditions: SQL[] = [];
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    // instr, not LIKE: a typed % or _ is just a character.
    conditions.push(sql`(instr(lower(${users.name}), ${q}) > 0 or instr(lower(${users.email}), ${q}) > 0)`);
  }
  if (filter.organisationId != null) conditions.push(eq(users.organisationId, filter.organisationId));
  const rows = db
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(users.organisationId, organisations.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.name), asc(users.email))
    .limit(limit)
    .all();
  const roles = membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, memberships: roles.filter((m) => m.userId === r.id) }));
}

export type UserListItem = ReturnType<typeof listUsers>[number];

export function getUser(db: Db, userId: string) {
  const row = db.select(userColumns).from(users).innerJoin(organisations, eq(users.organisationId, organisations.id)).where(eq(users.id, userId)).get();
  if (!row) return null;
  return { ...row, memberships: membershipsOf(db, [row.id]) };
}

export type UserDetails = NonNullable<ReturnType<typeof getUser>>;

export function emailTaken(db: Db, email: string): boolean {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get() !== undefined;
}

export type NewUser = {
  name: string;
  email: string;
  organisationId: number;
  passwordHash: string;
  role: Role;
  tableId: number | null;
};

/** Creates the account with its first role in one transaction. */
export function createUser(db: Db, input: NewUser): { ok: true; id: string } | { ok: false; reason: "duplicate_email" } {
  const email = input.email.trim().toLowerCase();
  if (emailTaken(db, email)) return { ok: false, reason: "duplicate_email" };
  const id = randomUUID();
  try {
    db.transaction((tx) => {
      tx.insert(users).values({ id, email, name: input.name, organisationId: input.organisationId, passwordHash: input.passwordHash }).run();
      tx.insert(memberships).values({ userId: id, role: input.role, tableId: input.tableId }).run();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate_email" };
    throw error;
  }
  return { ok: true, id };
}

/** Returns whether anything changed (false when the user does not exist or already had this state). */
export function setUserActive(db: Db, userId: string, active: boolean): boolean {
  const result = db
    .update(users)
    .set({ active })
    .where(and(eq(users.id, userId), eq(users.active, !active)))
    .run();
  return result.changes > 0;
}

export function setPasswordHash(db: Db, userId: string, passwordHash: string): boolean {
  return db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run().changes > 0;
}

export function hasMembership(db: Db, userId: string, role: Role, tableId: number | null): boolean {
  // The unique index treats NULL table ids as distinct, so national roles are checked here.
  const sameTable = tableId == null ? isNull(memberships.tableId) : eq(memberships.tableId, tableId);
  return db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.role, role), sameTable)).get() !== undefined;
}

export function addMembership(db: Db, userId: string, role: Role, tableId: number | null): { ok: true; id: number } | { ok: false; reason: "duplicate" } {
  if (hasMembership(db, userId, role, tableId)) return { ok: false, reason: "duplicate" };
  try {
    const row = db.insert(memberships).values({ userId, role, tableId }).returning({ id: memberships.id }).get();
    return { ok: true, id: row.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

/** The membership of this user with this id, or null (another user's membership id is not found). */
export function getMembership(db: Db, userId: string, membershipId: number): MembershipRow | null {
  return membershipsOf(db, [userId]).find((m) => m.id === membershipId) ?? null;
}

export function removeMembership(db: Db, userId: string, membershipId: number): boolean {
  return db.delete(memberships).where(and(eq(memberships.id, membershipId), eq(memberships.userId, userId))).run().changes > 0;
}
