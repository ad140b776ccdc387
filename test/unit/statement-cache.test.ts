import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { cacheDrizzleStatements, statementCache } from "#db/statement-cache";

const things = sqliteTable("things", { id: integer("id").primaryKey(), name: text("name").notNull() });

function database() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table things (id integer primary key, name text not null)");
  const db = drizzle(sqlite);
  const cache = cacheDrizzleStatements(db);
  return { sqlite, db, cache };
}

describe("drizzle's statement cache", () => {
  it("prepares each SQL text once and answers every later query from the same statement", () => {
    const { db, cache } = database();
    db.insert(things).values({ id: 1, name: "een" }).run();
    db.insert(things).values({ id: 2, name: "twee" }).run();
    const find = (id: number) => db.select({ name: things.name }).from(things).where(eq(things.id, id)).get()?.name;
    expect(find(1)).toBe("een");
    const before = cache.hits();
    expect(find(2)).toBe("twee");
    expect(find(1)).toBe("een");
    expect(cache.hits() - before).toBe(2);
    expect(cache.size()).toBe(2); // the insert and the select
  });

  it("hands out object rows after the same text was used for array rows", () => {
    const { db } = database();
    db.insert(things).values({ id: 1, name: "een" }).run();
    // A select with named fields makes drizzle switch its statement to raw (array) rows…
    const query = db.select({ id: things.id, name: things.name }).from(things);
    expect(query.all()).toEqual([{ id: 1, name: "een" }]);
    // …and a plain SQL query of the same text expects object rows from that same statement.
    expect(db.all(sql.raw(query.toSQL().sql))).toEqual([{ id: 1, name: "een" }]);
  });

  it("keeps transactions and their rollback working", () => {
    const { db } = database();
    expect(() =>
      db.transaction((tx) => {
        tx.insert(things).values({ id: 1, name: "weg" }).run();
        throw new Error("terug");
      }),
    ).toThrow("terug");
    db.transaction((tx) => tx.insert(things).values({ id: 2, name: "blijft" }).run());
    expect(db.select().from(things).all()).toEqual([{ id: 2, name: "blijft" }]);
  });

  it("drops the least recently used statement beyond its capacity", () => {
    const sqlite = new Database(":memory:");
    const cache = statementCache(sqlite, 2);
    const a = cache.prepare("select 1");
    cache.prepare("select 2");
    expect(cache.prepare("select 1")).toBe(a); // now the most recent
    cache.prepare("select 3"); // drops "select 2"
    expect(cache.size()).toBe(2);
    expect(cache.prepare("select 1")).toBe(a);
    const hits = cache.hits();
    cache.prepare("select 2");
    expect(cache.hits()).toBe(hits); // prepared afresh
  });

  it("leaves the connection's own prepare uncached", () => {
    const { sqlite, db } = database();
    db.select().from(things).all();
    const text = db.select().from(things).toSQL().sql;
    expect(sqlite.prepare(text)).not.toBe(sqlite.prepare(text));
  });
});
