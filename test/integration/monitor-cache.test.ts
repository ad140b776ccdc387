// The monitor's memo on a real portal: every table the monitor's SQL reads raises the data version
// on insert, update and delete (so no write can leave a stale figure), a repeated view is served
// from the memo, and a write to a counted table makes the next view recompute. (monitor.test.ts
// changes data through the portal's own functions between reports and checks every figure.)
import { parseQuarter, quarterOf } from "~/domain/monitor";
import * as monitorSql from "~/models/monitor.server";
import { monitorReport } from "~/models/monitor.server";
import { dataVersion } from "#db/data-versions";
import { monitorMemoStats } from "~/models/monitor-cache.server";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
const db = () => t.portal.services.db;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

/** The tables named after FROM or JOIN in every SQL statement the monitor runs. */
function tablesReadByTheMonitor(): string[] {
  const names = new Set<string>();
  for (const [name, value] of Object.entries(monitorSql)) {
    if (!name.startsWith("SQL_") || typeof value !== "string") continue;
    for (const m of value.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)) names.add(m[1]);
  }
  return [...names].sort();
}

describe("the monitor's data version", () => {
  it("is raised by insert, update and delete on every table the monitor reads", () => {
    const tables = tablesReadByTheMonitor();
    console.log(`monitor reads ${tables.length} tables: ${tables.join(", ")}`);
    expect(tables).toEqual(expect.arrayContaining(["arrangements", "case_events", "cases", "criterion_verdicts", "referrer_advices", "shortfalls"]));
    // Only a trigger that raises the "monitor" row counts (the "access" triggers raise another).
    const triggers = (db().$client.prepare("SELECT tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger'").all() as { tableName: string; sql: string }[])
      .filter((tr) => /UPDATE data_versions SET version = version \+ 1 WHERE name = 'monitor'/.test(tr.sql));
    for (const table of tables) {
      for (const op of ["INSERT", "UPDATE", "DELETE"]) {
        expect(triggers.some((tr) => tr.tableName === table && tr.sql.includes(`AFTER ${op} ON`)), `${op} on ${table}`).toBe(true);
      }
    }
  });

  it("serves a repeated view from the memo and recomputes after any write to a counted table", () => {
    const period = parseQuarter(quarterOf(new Date()))!;
    const first = monitorReport(db(), { period, tableIds: null });
    const before = monitorMemoStats(db());
    const again = monitorReport(db(), { period, tableIds: null });
    const after = monitorMemoStats(db());
    expect(again).toEqual(first);
    expect(after.misses).toBe(before.misses);
    expect(after.hits).toBe(before.hits + 1); // the whole report, memoised

    const version = dataVersion(db(), "monitor");
    db().$client.prepare("UPDATE cases SET updated_at = updated_at WHERE id = (SELECT min(id) FROM cases)").run();
    expect(dataVersion(db(), "monitor")).toBeGreaterThan(version);
    const missesBefore = monitorMemoStats(db()).misses;
    const recomputed = monitorReport(db(), { period, tableIds: null });
    expect(monitorMemoStats(db()).misses).toBeGreaterThan(missesBefore);
    expect(recomputed.period).toEqual(first.period);
  });
});
