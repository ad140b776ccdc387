// Paging on the server. Keyset paging (WHERE (key) < (last key seen) ORDER BY key LIMIT n+1)
// costs the same on page 1 and page 10,000 and does not skip or repeat rows when new ones
// arrive; use it for lists ordered by a unique key (add the id as a tie-breaker). Offset paging
// is for orders that cannot be a key (sort by a computed value); keep those lists bounded.
import { and, asc, count, desc, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { PAGE_PARAMS, type Page, type PageTotal } from "~/domain/pagination";

export type KeyValue = string | number;
export type SortKey = { column: SQLiteColumn | SQL; direction: "asc" | "desc"; type: "number" | "string" };

/** Opaque to people, but only ever values of the list's own key: a forged cursor is just another key. */
export function encodeCursor(values: KeyValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The key a cursor holds, or null when it does not fit the list's key (then the list starts at the top). */
export function decodeCursor(cursor: string | null, keys: SortKey[]): KeyValue[] | null {
  if (!cursor || cursor.length > 512) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== keys.length) return null;
    const fits = values.every((v, i) => (keys[i].type === "number" ? Number.isSafeInteger(v) : typeof v === "string" && v.length <= 200));
    return fits ? (values as KeyValue[]) : null;
  } catch {
    return null;
  }
}

/** (k1, k2, ...) beyond `values` in the list's order, or before them when `backwards`. */
export function keysetCondition(keys: SortKey[], values: KeyValue[], backwards = false): SQL {
  // k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...: mixed directions rule out SQLite's row values.
  const beyond = (i: number) =>
    (keys[i].direction === "asc") !== backwards ? sql`${keys[i].column} > ${values[i]}` : sql`${keys[i].column} < ${values[i]}`;
  const alternatives: SQL[] = keys.map((_, i) => and(...keys.slice(0, i).map((k, j) => sql`${k.column} = ${values[j]}`), beyond(i))!);
  return alternatives.length === 1 ? alternatives[0] : or(...alternatives)!;
}

export function keysetOrder(keys: SortKey[], backwards = false): SQL[] {
  return keys.map((k) => ((k.direction === "asc") !== backwards ? asc(k.column) : desc(k.column)));
}

/** The page's URL with one paging parameter set and the others (filters, sort) kept. */
function hrefWith(url: URL, set: Partial<Record<keyof typeof PAGE_PARAMS, string>>): string {
  const params = new URLSearchParams(url.search);
  for (const name of Object.values(PAGE_PARAMS)) params.delete(name);
  params.delete("_data");
  for (const [k, v] of Object.entries(set)) params.set(PAGE_PARAMS[k as keyof typeof PAGE_PARAMS], v);
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export type KeysetQuery<Row> = {
  /** Rows per page. */
  size: number;
  /** The list's order; the last key must be unique (an id). */
  keys: SortKey[];
  /** The key values of a row, in the order of `keys`. */
  keyOf: (row: Row) => KeyValue[];
  /**
   * Runs the list's query with the paging condition added (and-ed to its own filter), this order
   * and limit; `backwards` (paging back from `?voor=`) says the order is the list's reversed.
   */
  fetch: (where: SQL | undefined, orderBy: SQL[], limit: number, backwards: boolean) => Row[];
  /** Optional: the number of matching rows (see countAtMost). */
  total?: () => PageTotal;
};

/** One keyset page for the request's URL (`?na=` next, `?voor=` previous). */
export function keysetPage<Row>(url: URL, query: KeysetQuery<Row>): Page<Row> {
  const after = decodeCursor(url.searchParams.get(PAGE_PARAMS.after), query.keys);
  const before = after ? null : decodeCursor(url.searchParams.get(PAGE_PARAMS.before), query.keys);
  const backwards = before !== null;
  const cursor = after ?? before;
  const rows = query.fetch(cursor ? keysetCondition(query.keys, cursor, backwards) : undefined, keysetOrder(query.keys, backwards), query.size + 1, backwards);
  const more = rows.length > query.size;
  const items = rows.slice(0, query.size);
  if (backwards) items.reverse();
  const atStart = cursor === null || (backwards && !more);
  const atEnd = !backwards && !more;
  const firstKey = items.length ? query.keyOf(items[0]) : null;
  const lastKey = items.length ? query.keyOf(items[items.length - 1]) : null;
  return {
    items,
    size: query.size,
    first: atStart ? null : hrefWith(url, {}),
    prev: atStart || !firstKey ? null : hrefWith(url, { before: encodeCursor(firstKey) }),
    next: atEnd || !lastKey ? null : hrefWith(url, { after: encodeCursor(lastKey) }),
    from: atStart ? 1 : null,
    total: query.total ? query.total() : null,
  };
}

/** The requested page number (`?pagina=`), 1 when absent or nonsense; at most `max`. */
export function pageNumber(url: URL, max = 10_000): number {
  const n = Number(url.searchParams.get(PAGE_PARAMS.page));
  return Number.isSafeInteger(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** One offset page (`?pagina=`), for orders that cannot be a keyset. */
export function offsetPage<Row>(url: URL, query: { size: number; fetch: (limit: number, offset: number) => Row[]; total?: () => PageTotal }): Page<Row> {
  const n = pageNumber(url);
  const rows = query.fetch(query.size + 1, (n - 1) * query.size);
  const more = rows.length > query.size;
  return {
    items: rows.slice(0, query.size),
    size: query.size,
    first: n > 1 ? hrefWith(url, {}) : null,
    prev: n > 2 ? hrefWith(url, { page: String(n - 1) }) : n === 2 ? hrefWith(url, {}) : null,
    next: more ? hrefWith(url, { page: String(n + 1) }) : null,
    from: (n - 1) * query.size + 1,
    total: query.total ? query.total() : null,
  };
}

/** A drizzle select that can be limited and used as a subquery. */
type Limitable = { limit(n: number): { as(alias: string): unknown } };
type Counter = { select(fields: { n: ReturnType<typeof count> }): { from(source: never): { get(): { n: number } | undefined } } };

/**
 * How many rows a query matches, counted up to `cap`: a filter that matches a million audit
 * events costs as much as one that matches `cap`. Pass the query without order and limit.
 */
export function countAtMost(db: Counter, query: Limitable, cap = 10_000): PageTotal {
  const n = db.select({ n: count() }).from(query.limit(cap + 1).as("capped") as never).get()?.n ?? 0;
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
