// The monitor's memo (app/models/monitor-cache.server.ts): a value is reused only while the data
// version is unchanged and the instant asked for lies in the value's time window; the memo is bounded.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "~/models/db.server";
import { memoised, monitorMemoStats } from "~/models/monitor-cache.server";

function database() {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE data_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO data_versions VALUES ('access', 0), ('monitor', 0);");
  const db = drizzle(sqlite) as unknown as Db;
  return { db, bump: () => sqlite.exec("UPDATE data_versions SET version = version + 1 WHERE name = 'monitor'") };
}

describe("memoised", () => {
  it("computes once per data version", () => {
    const { db, bump } = database();
    let computed = 0;
    const get = () => memoised(db, "k", 0, () => ({ value: ++computed }));
    expect([get(), get(), get()]).toEqual([1, 1, 1]);
    memoised(db, "other", 0, () => ({ value: 0 }));
    expect(monitorMemoStats(db).entries).toBe(2);
    bump();
    expect([get(), get()]).toEqual([2, 2]);
    // The stale entry of the other key went with the old version.
    expect(monitorMemoStats(db)).toMatchObject({ hits: 3, misses: 3, entries: 1 });
  });

  it("reuses a value only for instants inside its window [from, until)", () => {
    const { db } = database();
    let computed = 0;
    const get = (at: number) => memoised(db, "k", at, () => ({ value: ++computed, from: 100, until: 200 }));
    expect(get(150)).toBe(1);
    expect(get(100)).toBe(1);
    expect(get(199)).toBe(1);
    expect(get(200)).toBe(2); // outside: recomputed (and the new value has the same window here)
    expect(get(99)).toBe(3);
  });

  it("keeps values per key and per database, and at most 64 entries", () => {
    const a = database();
    const b = database();
    expect(memoised(a.db, "x", 0, () => ({ value: "a" }))).toBe("a");
    expect(memoised(b.db, "x", 0, () => ({ value: "b" }))).toBe("b");
    expect(memoised(a.db, "y", 0, () => ({ value: "c" }))).toBe("c");
    expect(memoised(a.db, "x", 0, () => ({ value: "not recomputed" }))).toBe("a");
    for (let i = 0; i < 100; i++) memoised(a.db, `k${i}`, 0, () => ({ value: i }));
    expect(monitorMemoStats(a.db).entries).toBe(64);
    // The oldest went first: "x" is gone, the newest is kept.
    expect(memoised(a.db, "x", 0, () => ({ value: "again" }))).toBe("again");
    expect(memoised(a.db, "k99", 0, () => ({ value: -1 }))).toBe(99);
  });
});
