// Tables of the login hardening: passkeys (WebAuthn), their one-time challenges, recovery codes
// and the login throttle. Kept apart from schema.ts; re-exported from there.
import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A passkey registered as a second factor (WebAuthn credential; public key only). */
export const webauthnCredentials = sqliteTable(
  "webauthn_credentials",
  {
    /** The credential id, base64url, as the browser reports it. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    /** The authenticator's signature counter; 0 for most passkeys (they do not count). */
    counter: integer("counter").notNull().default(0),
    /** Comma-separated AuthenticatorTransport values, a hint for the browser. */
    transports: text("transports"),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("webauthn_credentials_user").on(t.userId)],
);

/** A challenge handed to the browser; consumed (deleted) by the one verification it is for. */
export const webauthnChallenges = sqliteTable(
  "webauthn_challenges",
  {
    challenge: text("challenge").primaryKey(),
    userId: text("user_id").notNull(),
    purpose: text("purpose", { enum: ["register", "login"] }).notNull(),
    /** Milliseconds since 1970. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("webauthn_challenges_expiry").on(t.expiresAt)],
);

/** Single-use recovery codes for a lost device: only a SHA-256 hash of each is kept. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

/**
 * Failed logins, per account (e-mail typed, existing or not) and per account+IP pair. In the
 * database so a restart does not forgive them; app/domain/login-throttle.ts computes the delays.
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    /** "account <email>" or "pair <email> <ip>". */
    key: text("key").primaryKey(),
    kind: text("kind", { enum: ["account", "pair"] }).notNull(),
    email: text("email").notNull(),
    ip: text("ip"),
    failures: integer("failures").notNull(),
    /** Milliseconds since 1970. */
    lastFailureAt: integer("last_failure_at").notNull(),
    /** No attempt for this key is looked at before this moment (ms since 1970). */
    notBefore: integer("not_before").notNull(),
  },
  (t) => [index("login_throttle_not_before").on(t.notBefore)],
);
