// Migration 0023 folds the one-row counters access_version (0019) and monitor_data_version (0020)
// into data_versions: a database migrated before it keeps both counts, the old tables go, and every
// trigger raises its own named row (and only that one) afterwards.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataVersion } from "#db/data-versions";

const source = path.resolve("db/migrations");
type Journal = { entries: { idx: number; tag: string }[] };

/** A copy of the migrations whose journal stops at `lastTag`. */
function migrationsUpTo(dir: string, lastTag: string) {
  fs.cpSync(source, dir, { recursive: true });
  const journalPath = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
}

describe("data_versions (migration 0023)", () => {
  it("keeps the counts of the tables it replaces, drops them, and its triggers raise their own name", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "data-versions-"));
    try {
      migrationsUpTo(dir, "0022_inbox_urgency_index");
      const sqlite = new Database(":memory:");
      const db = drizzle(sqlite);
      migrate(db, { migrationsFolder: dir });
      sqlite.exec("UPDATE access_version SET version = 41; UPDATE monitor_data_version SET version = 1234;");
      const oldCounters = () =>
        sqlite.prepare("SELECT name FROM sqlite_master WHERE name IN ('access_version', 'monitor_data_version') OR sql LIKE '%UPDATE access_version%' OR sql LIKE '%UPDATE `monitor_data_version`%'").pluck().all();
      expect(oldCounters()).toHaveLength(2 + 20 + 39);

      migrate(db, { migrationsFolder: source });
      const versions = () => [dataVersion({ $client: sqlite }, "access"), dataVersion({ $client: sqlite }, "monitor")];
      expect(versions()).toEqual([41, 1234]);
      expect(oldCounters()).toEqual([]);

      // A new organisation counts for the monitor only; deactivating it for both.
      sqlite.exec("INSERT INTO organisations (name, type) VALUES ('Proef', 'ggz_provider')");
      expect(versions()).toEqual([41, 1235]);
      sqlite.exec("UPDATE organisations SET active = 0 WHERE name = 'Proef'");
      expect(versions()).toEqual([42, 1236]);
      const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%data_versions%'").all() as { name: string; sql: string }[];
      expect(triggers.filter((t) => t.sql.includes("WHERE name = 'access'"))).toHaveLength(20);
      expect(triggers.filter((t) => t.sql.includes("WHERE name = 'monitor'"))).toHaveLength(39);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
