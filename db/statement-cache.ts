// Drizzle prepares a new SQLite statement for every query it runs; on a signed-in page that was
// the largest single cost after rendering (SQLite's prepare about 6% of the server's CPU under
// load). This keeps the statements drizzle asks for, by SQL text, so each is compiled once per
// connection. Only drizzle's session uses it: code calling `db.$client.prepare` directly still
// gets fresh statements, so nobody else's `.pluck()` or `.raw()` can leak into a shared one.
import type { Database, Statement } from "better-sqlite3";

/** How many distinct SQL texts are kept (queries with IN lists of varying length make new texts). */
export const STATEMENT_CACHE_SIZE = 500;

export type StatementCache = { prepare(sql: string): Statement; size(): number; hits(): number };

export function statementCache(client: Database, capacity = STATEMENT_CACHE_SIZE): StatementCache {
  const kept = new Map<string, Statement>();
  let hits = 0;
  return {
    prepare(sql) {
      const statement = kept.get(sql);
      if (statement) {
        hits++;
        // Least recently used last out: move it to the end of the map's order.
        kept.delete(sql);
        kept.set(sql, statement);
        // Drizzle switches a statement to raw (array) rows for selects with named fields and
        // expects object rows otherwise: start every use from better-sqlite3's default.
        if (statement.reader) statement.raw(false);
        return statement;
      }
      const fresh = client.prepare(sql);
      kept.set(sql, fresh);
      if (kept.size > capacity) kept.delete(kept.keys().next().value!);
      return fresh;
    },
    size: () => kept.size,
    hits: () => hits,
  };
}

/**
 * Gives a drizzle database's session the cache. Drizzle's better-sqlite3 session calls only
 * `client.prepare` and `client.transaction`; the database's `$client` stays the plain connection.
 */
export function cacheDrizzleStatements(db: { $client: Database }, capacity = STATEMENT_CACHE_SIZE): StatementCache {
  const session = (db as unknown as { session?: { client?: unknown } }).session;
  if (!session || session.client !== db.$client) throw new Error("drizzle's session does not hold the SQLite connection where expected");
  const cache = statementCache(db.$client, capacity);
  const client = db.$client;
  session.client = {
    prepare: (sql: string) => cache.prepare(sql),
    transaction: client.transaction.bind(client),
  };
  return cache;
}
