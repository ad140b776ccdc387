// Opening the embedded SQLite database: pragmas for durability, then the checked-in migrations.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "#db/schema";
import { cacheDrizzleStatements } from "#db/statement-cache";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(databasePath: string, migrationsFolder = path.resolve("db/migrations")): Db {
  if (databasePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const sqlite = new Database(databasePath);
  sqlite.pragma("journal_mode = WAL");
  // better-sqlite3 defaults WAL to synchronous=NORMAL, where a power loss can undo an
  // acknowledged commit. Audit, consent and referrals must not be lost: FULL for all.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // SQLite's default page cache is 2 MB per connection. With years of data a list page's two
  // queries (rows and count) read more pages than that and evicted each other's: the 100,000-case
  // inbox spent 70 ms re-reading pages from the OS instead of 25 ms. 64 MB keeps the hot pages.
  sqlite.pragma(`cache_size = -${64 * 1024}`);
  const db = drizzle(sqlite, { schema });
  cacheDrizzleStatements(db);
  migrate(db, { migrationsFolder });
  return db as Db;
}

export function databaseAnswers(db: Db): boolean {
  try {
    return db.$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}
