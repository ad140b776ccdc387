// Tokens for insurers' and providers' systems calling the intake API. The token itself is shown
// once, at issue; only its sha256 and a short display prefix are stored.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { apiTokens, organisations, users } from "#db/schema";
import type { OrganisationType } from "~/domain/vocabulary";
import type { Db } from "./db.server";

/** Organisation types that may submit referrals through the API. */
export const API_ORGANISATION_TYPES = ["insurer", "ggz_provider"] as const satisfies readonly OrganisationType[];

/** "rt_" + 32 random bytes in base64url (43 characters). */
export const API_TOKEN_PATTERN = /^rt_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = "rt_".length + 6;

export function generateApiToken(): string {
  return `rt_${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const apiTokenPrefix = (token: string) => token.slice(0, PREFIX_LENGTH);

/** Every token, newest first, with its organisation and who issued it. */
export function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      organisationId: apiTokens.organisationId,
      organisationName: organisations.name,
      createdByName: users.name,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(apiTokens.organisationId, organisations.id))
    .leftJoin(users, eq(apiTokens.createdByUserId, users.id))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** The organisations a token may be issued for: active insurers and ggz providers. */
export function apiTokenOrganisations(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, API_ORGANISATION_TYPES)))
    .orderBy(asc(organisations.name))
    .all();
}

export type IssuedToken = { ok: true; id: number; token: string; prefix: string; organisationName: string };

export function issueApiToken(db: Db, input: { organisationId: number; name: string; createdByUserId: string }): IssuedToken | { ok: false } {
  const organisation = apiTokenOrganisations(db).find((o) => o.id === input.organisationId);
  if (!organisation) return { ok: false };
  const token = generateApiToken();
  const prefix = apiTokenPrefix(token);
  const { id } = db
    .insert(apiTokens)
    .values({
      organisationId: organisation.id,
      name: input.name,
      tokenHash: hashApiToken(token),
      prefix,
      createdByUserId: input.createdByUserId,
      createdAt: new Date().toISOString(),
    })
    .returning({ id: apiTokens.id })
    .get();
  return { ok: true, id, token, prefix, organisationName: organisation.name };
}

/** Revokes an active token; false when it does not exist or was revoked already. */
export function revokeApiToken(db: Db, id: number) {
  const token = db
    .select({ id: apiTokens.id, name: apiTokens.name, organisationId: apiTokens.organisationId, organisationName: organisations.name, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(organisations, eq(apiTokens.organisationId, organisations.id))
    .where(eq(apiTokens.id, id))
    .get();
  if (!token) return { ok: false as const, reason: "not_found" as const };
  const updated = db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .run();
  if (updated.changes !== 1) return { ok: false as const, reason: "already_revoked" as const };
  return { ok: true as const, token };
}

/** The token a presented value belongs to (revoked ones too, so the caller can tell them apart). */
export function findApiTokenByValue(db: Db, token: string) {
  if (!API_TOKEN_PATTERN.test(token)) return null;
  return (
    db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        revokedAt: apiTokens.revokedAt,
        organisationId: organisations.id,
        organisationType: organisations.type,
        organisationActive: organisations.active,
      })
      .from(apiTokens)
      .innerJoin(organisations, eq(apiTokens.organisationId, organisations.id))
      .where(eq(apiTokens.tokenHash, hashApiToken(token)))
      .get() ?? null
  );
}

export function markApiTokenUsed(db: Db, id: number) {
  db.update(apiTokens).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiTokens.id, id)).run();
}
