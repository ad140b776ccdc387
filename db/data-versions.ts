// Named data versions (table data_versions, migration 0023): counters that database triggers raise
// in the same transaction as the write they follow, whichever process writes. A cache keyed by a
// version is stale exactly when the version has moved. Kept out of the drizzle schema: only the
// triggers write it and this read reads it.
import type Database from "better-sqlite3";

/** "access": writes that can take access away; "monitor": writes to what the monitor counts. */
export type DataVersionName = "access" | "monitor";

const reads = new WeakMap<Database.Database, Database.Statement<[DataVersionName], number>>();

/** The counter `name` now: one prepared primary-key read per call. */
export function dataVersion(db: { $client: Database.Database }, name: DataVersionName): number {
  let read = reads.get(db.$client);
  if (!read) {
    read = db.$client.prepare<[DataVersionName], number>("SELECT version FROM data_versions WHERE name = ?").pluck();
    reads.set(db.$client, read);
  }
  const version = read.get(name);
  if (version === undefined) throw new Error(`data version "${name}" is missing (migration 0023 not applied?)`);
  return version;
}
