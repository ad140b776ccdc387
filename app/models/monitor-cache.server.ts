// The monitor's figures for a year change only when data they count from changes, yet computing them
// scans a year of events: seconds in the 100,000-case stress set. This memo keeps each computed value
// per database until the "monitor" data version moves on (db/data-versions.ts: raised by triggers,
// whichever process writes) or the moment it was computed for leaves the value's time window (e.g.
// an advice passing its deadline). Reading the version first and computing after is safe: a
// write in between only makes the entry older than its key, so it is recomputed on the next read.
import { dataVersion } from "#db/data-versions";
import type { Db } from "./db.server";

export type Timed<T> = {
  value: T;
  /** The value holds for instants in [from, until) (ms); unbounded when absent. */
  from?: number;
  until?: number;
};

type Entry = { version: number; from: number; until: number; value: unknown };
type Memo = { seen: number; entries: Map<string, Entry>; hits: number; misses: number };

/** Enough for the years, snapshots and periods a project leader moves between. */
const MAX_ENTRIES = 64;
const memos = new WeakMap<object, Memo>();

function memoOf(db: Db): Memo {
  let memo = memos.get(db.$client);
  if (!memo) {
    memo = { seen: -1, entries: new Map(), hits: 0, misses: 0 };
    memos.set(db.$client, memo);
  }
  return memo;
}

/** `compute()`'s value for `key`, from the memo while the data and the instant `at` allow. */
export function memoised<T>(db: Db, key: string, at: number, compute: () => Timed<T>): T {
  const memo = memoOf(db);
  const version = dataVersion(db, "monitor");
  // A new version makes every entry stale: drop them at once rather than keep a year of figures
  // per old version in the heap until they age out.
  if (version !== memo.seen) {
    memo.entries.clear();
    memo.seen = version;
  }
  const entry = memo.entries.get(key);
  if (entry && entry.version === version && entry.from <= at && at < entry.until) {
    memo.hits++;
    // Most recently used last, so the oldest is dropped first.
    memo.entries.delete(key);
    memo.entries.set(key, entry);
    return entry.value as T;
  }
  memo.misses++;
  const computed = compute();
  memo.entries.delete(key);
  memo.entries.set(key, { version, from: computed.from ?? -Infinity, until: computed.until ?? Infinity, value: computed.value });
  if (memo.entries.size > MAX_ENTRIES) memo.entries.delete(memo.entries.keys().next().value as string);
  return computed.value;
}

/** How often the memo answered and how often it computed (tests and benchmarks). */
export function monitorMemoStats(db: Db): { hits: number; misses: number; entries: number } {
  const memo = memoOf(db);
  return { hits: memo.hits, misses: memo.misses, entries: memo.entries.size };
}
