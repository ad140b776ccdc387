// Verification state of the audit chain (issue 9). The events themselves are in schema.ts.
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A point up to which the chain was verified: the next verification starts here and first
 * checks that this event still has this hash. Append-only, like the log. A verification that
 * found the chain broken is recorded too (broken_reason), so a nightly `npm run audit:verify`
 * that finds old damage raises the alarm on the admin page, which only checks what is new.
 */
export const auditCheckpoints = sqliteTable("audit_checkpoints", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  eventId: integer("event_id").notNull(),
  hash: text("hash").notNull(),
  /** "full": verified from the first event; "incremental": from the previous checkpoint. */
  kind: text("kind", { enum: ["full", "incremental"] }).notNull(),
  /** Set when this verification found the chain broken at eventId: the admin page keeps showing it until a full verification passes. */
  brokenReason: text("broken_reason"),
  verifiedAt: text("verified_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
