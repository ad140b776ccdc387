// The monitor's cache key. Triggers (migration 0020) raise `version` on every insert, update or delete
// in a table the monitor counts from, in the same transaction, so a cached report is valid exactly as
// long as the version it was computed at is still current — whichever process wrote the change.
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const monitorDataVersion = sqliteTable("monitor_data_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});
