import Database from "better-sqlite3";
import { and, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import fc from "fast-check";
import { describePage, PAGE_PARAMS, type Page } from "../../app/domain/pagination";
import { countAtMost, decodeCursor, encodeCursor, keysetPage, offsetPage, type SortKey } from "../../app/models/pagination.server";

const items = sqliteTable("items", { id: integer("id").primaryKey(), name: text("name").notNull(), kind: text("kind").notNull() });
type Item = typeof items.$inferSelect;

function database(rows: Item[]) {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL)");
  const insert = sqlite.prepare("INSERT INTO items (id, name, kind) VALUES (?, ?, ?)");
  for (const r of rows) insert.run(r.id, r.name, r.kind);
  return drizzle(sqlite);
}

const byNameThenIdDesc: SortKey[] = [
  { column: items.name, direction: "asc", type: "string" },
  { column: items.id, direction: "desc", type: "number" },
];

function pageOf(db: ReturnType<typeof database>, href: string, size: number, kind?: string): Page<Item> {
  const filter = kind ? sql`${items.kind} = ${kind}` : undefined;
  return keysetPage(new URL(href, "http://portal.test"), {
    size,
    keys: byNameThenIdDesc,
    keyOf: (r) => [r.name, r.id],
    fetch: (where, orderBy, limit) => db.select().from(items).where(and(filter, where)).orderBy(...orderBy).limit(limit).all(),
    total: () => countAtMost(db, db.select({ id: items.id }).from(items).where(filter), 1000),
  });
}

/** The reference order: name ascending, then id descending (ties in name are common). */
const expectedOrder = (rows: Item[]) => [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : b.id - a.id));

const rowsArb = fc
  .uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), name: fc.constantFrom("a", "b", "b", "c", "é", "Z"), kind: fc.constantFrom("x", "y") }), {
    selector: (r) => r.id,
    maxLength: 40,
  });

describe("keyset pages", () => {
  it("forward then backward visits every row once, in order, whatever the data and page size", () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 7 }), (rows, size) => {
        const db = database(rows);
        const expected = expectedOrder(rows).map((r) => r.id);
        const forward: Page<Item>[] = [pageOf(db, "/lijst?zoek=b", size)];
        while (forward.at(-1)!.next) forward.push(pageOf(db, forward.at(-1)!.next!, size));
        expect(forward.flatMap((p) => p.items.map((r) => r.id))).toEqual(expected);
        expect(forward[0].prev).toBeNull();
        expect(forward[0].from).toBe(1);
        // Every link keeps the list's own filter.
        for (const p of forward) for (const link of [p.next, p.prev, p.first]) if (link) expect(link).toMatch(/^\/lijst\?zoek=b/);

        // Back from the last page with "Vorige pagina" shows the same pages in reverse.
        const backward: Page<Item>[] = [forward.at(-1)!];
        while (backward.at(-1)!.prev) backward.push(pageOf(db, backward.at(-1)!.prev!, size));
        expect(backward.length).toBe(forward.length);
        expect(backward.reverse().map((p) => p.items.map((r) => r.id))).toEqual(forward.map((p) => p.items.map((r) => r.id)));
        expect(forward.at(-1)!.total).toEqual({ count: rows.length, capped: false });
      }),
      { numRuns: 60 },
    );
  });

  it("keeps the filter applied on every page", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `n${i % 4}`, kind: i % 3 ? "x" : "y" }));
    const db = database(rows);
    const seen: number[] = [];
    let page = pageOf(db, "/lijst", 4, "y");
    for (;;) {
      seen.push(...page.items.map((r) => r.id));
      if (!page.next) break;
      page = pageOf(db, page.next, 4, "y");
    }
    expect(seen).toEqual(expectedOrder(rows.filter((r) => r.kind === "y")).map((r) => r.id));
  });

  it("starts at the top for a forged or foreign cursor instead of failing", () => {
    const db = database([{ id: 1, name: "a", kind: "x" }, { id: 2, name: "b", kind: "x" }]);
    for (const bad of ["%%%", "bm90IGpzb24", encodeCursor([1]), encodeCursor(["a", "1"]), encodeCursor([1, 2]), "x".repeat(600)]) {
      const page = pageOf(db, `/lijst?${PAGE_PARAMS.after}=${encodeURIComponent(bad)}`, 1);
      expect(page.items.map((r) => r.id)).toEqual([1]);
    }
    expect(decodeCursor(encodeCursor(["b", 2]), byNameThenIdDesc)).toEqual(["b", 2]);
  });

  it("does not skip or repeat rows when new ones arrive between page views", () => {
    const db = database(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `n${String(i).padStart(2, "0")}`, kind: "x" })));
    const first = pageOf(db, "/lijst", 3);
    db.run(sql`INSERT INTO items (id, name, kind) VALUES (100, 'a-nieuw', 'x')`); // sorts before everything shown
    const second = pageOf(db, first.next!, 3);
    expect([...first.items, ...second.items].map((r) => r.name)).toEqual(["n00", "n01", "n02", "n03", "n04", "n05"]);
  });
});

describe("offset pages and counts", () => {
  it("pages by number, keeps other parameters, and treats nonsense as page 1", () => {
    const all = Array.from({ length: 12 }, (_, i) => i + 1);
    const fetch = (limit: number, offset: number) => all.slice(offset, offset + limit);
    const p2 = offsetPage(new URL("http://t/l?sorteer=naam&pagina=2"), { size: 5, fetch });
    expect(p2.items).toEqual([6, 7, 8, 9, 10]);
    expect(p2.prev).toBe("/l?sorteer=naam");
    expect(p2.next).toBe("/l?sorteer=naam&pagina=3");
    expect(p2.from).toBe(6);
    const p3 = offsetPage(new URL("http://t/l?pagina=3"), { size: 5, fetch });
    expect(p3.next).toBeNull();
    expect(p3.prev).toBe("/l?pagina=2");
    for (const bad of ["0", "-1", "abc", "1e400", "2.5"]) expect(offsetPage(new URL(`http://t/l?pagina=${bad}`), { size: 5, fetch }).items[0]).toBe(1);
  });

  it("counts up to the cap and says so in Dutch", () => {
    const db = database(Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: "a", kind: "x" })));
    expect(countAtMost(db, db.select({ id: items.id }).from(items), 10)).toEqual({ count: 10, capped: true });
    expect(countAtMost(db, db.select({ id: items.id }).from(items), 25)).toEqual({ count: 25, capped: false });
    const page = pageOf(db, "/lijst", 10);
    expect(describePage({ ...page, total: { count: 1234, capped: false } }, { one: "regel", many: "regels" })).toBe("Regel 1–10 van 1.234");
    expect(describePage({ ...page, from: null, total: { count: 10000, capped: true } }, { one: "regel", many: "regels" })).toBe(
      "10 regels op deze pagina, meer dan 10.000 gevonden",
    );
    expect(describePage({ ...page, items: [], total: { count: 0, capped: false } }, { one: "regel", many: "regels" })).toBe("Geen regels gevonden.");
  });
});
