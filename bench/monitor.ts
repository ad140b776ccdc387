// `npm run bench:monitor [-- sizes…]`: the national monitor at 100,000 and 1,000,000 cases.
//
// For each size: a fresh database with the demo data, topped up with synthetic cases (raw SQL in
// transactions), then, signed in as the project leader over HTTP against the built portal:
//   - raw SQL: the monitor's own SQL statements for the same counts, run directly on the database
//     (every count the report publishes: the requested quarter's year by month × table, open cases,
//     shortfalls), the floor the page cannot go under;
//   - cold page: GET /monitor for the last full quarter right after a write (the data version moved
//     on, so the memo recomputes: query, protection, React rendering, gzip);
//   - warm page and CSV: GET /monitor and /monitor.csv again while the data is unchanged (the memo
//     answers: what a project leader clicking through periods and regions mostly gets).
// Median of 5 (BENCH_RUNS; warm figures at least 25) after one warm-up request. Exits 1 on any non-2xx answer or a missed
// target: cold page within 3 × raw SQL + 20 ms, warm page under 100 ms (issue 9's page target).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monthStarts, periodBounds, parseQuarter, quarterOf } from "../app/domain/monitor";
import { login } from "./login";
import { generateSyntheticCases } from "./synthetic-cases";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [100_000, 1_000_000];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Warm answers cost milliseconds: enough of them for a stable median whatever BENCH_RUNS says. */
const WARM_RUNS = Math.max(RUNS, 25);

async function time(fn: () => Promise<void> | void, count = RUNS): Promise<number> {
  await fn(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

type Row = { cases: number; events: number; rawMs: number; coldMs: number; pageMs: number; csvMs: number; pageBytes: number };

async function measure(size: number): Promise<Row> {
  const { readConfig } = await import("../app/lib/config.server");
  const { createPortal } = await import("../server/app");
  const model = await import("../app/models/monitor.server");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-monitor-bench-"));
  const config = readConfig({ NODE_ENV: "test", DATABASE_PATH: path.join(dir, "bench.db"), UPLOADS_PATH: path.join(dir, "uploads") });
  const portal = await createPortal(config);
  try {
    const sqlite = portal.services.db.$client;
    const now = new Date();
    const t0 = performance.now();
    // Three years of cases up to this year, so the requested quarter's year holds a third of them.
    generateSyntheticCases(sqlite, { cases: size, firstYear: now.getUTCFullYear() - 2, years: 3 });
    const cases = (sqlite.prepare("SELECT count(*) AS n FROM cases").get() as { n: number }).n;
    const events = (sqlite.prepare("SELECT count(*) AS n FROM case_events").get() as { n: number }).n;
    console.error(`  ${cases.toLocaleString("en")} cases, ${events.toLocaleString("en")} events generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The last full quarter.
    const previous = new Date(periodBounds(parseQuarter(quarterOf(now))!).start - 1);
    const quarter = quarterOf(previous);
    const period = parseQuarter(quarter)!;
    const bounds = periodBounds(period);
    const yearParams = Object.fromEntries(monthStarts(period.year).map((b, i) => [`b${i}`, b]));
    const rawMs = await time(() => {
      for (const sql of [model.SQL_EVENTS, model.SQL_NOT_INCLUDED, model.SQL_ESCALATIONS, model.SQL_ARRANGEMENTS]) sqlite.prepare(sql).all(yearParams);
      for (const sql of [model.SQL_ADVICES, model.SQL_ADVICE_DEADLINES_AROUND]) sqlite.prepare(sql).all({ ...yearParams, now: now.toISOString() });
      for (const _ of sqlite.prepare(model.SQL_LEAD_TIME_EVENTS).iterate(yearParams));
      sqlite.prepare(model.SQL_OPEN).all({ s: new Date(bounds.end).toISOString() });
      const range = { start: new Date(bounds.start).toISOString(), end: new Date(bounds.end).toISOString() };
      sqlite.prepare(model.SQL_SHORTFALLS).all(range);
      sqlite.prepare(model.SQL_LESSONS).all(range);
    });

    const port = await portal.listen(0);
    const base = `http://127.0.0.1:${port}`;
    const cookie = await login(base, "projectleider@regiotafel.test");
    let pageBytes = 0;
    const get = (url: string) => async () => {
      const response = await fetch(base + url, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      if (url.startsWith("/monitor?")) {
        if (!body.includes("<h1>Landelijke monitor</h1>")) throw new Error(`${url}: not the monitor`);
        pageBytes = body.length;
      }
    };
    const query = `periode=kwartaal&kwartaal=${quarter}&regio=alle`;
    // A write anywhere in the counted tables moves the data version on, as this does.
    const bump = sqlite.prepare("UPDATE data_versions SET version = version + 1 WHERE name = 'monitor'");
    const coldMs = await time(async () => {
      bump.run();
      await get(`/monitor?${query}`)();
    });
    const pageMs = await time(get(`/monitor?${query}`), WARM_RUNS);
    const csvMs = await time(get(`/monitor.csv?${query}`), WARM_RUNS);
    return { cases, events, rawMs, coldMs, pageMs, csvMs, pageBytes };
  } finally {
    await portal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  process.env.NODE_ENV = "production"; // React's production build, as deployed
  const rows: Row[] = [];
  for (const size of SIZES) {
    console.error(`measuring ${size.toLocaleString("en")} synthetic cases …`);
    rows.push(await measure(size));
  }
  console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}, ${RUNS} run(s) per figure`);
  console.log("\n| cases | events | raw SQL ms | cold page ms | cold / raw | target 3 × raw + 20 ms | warm page ms | warm CSV ms | target warm < 100 ms |");
  console.log("|---:|---:|---:|---:|---:|---|---:|---:|---|");
  let ok = true;
  for (const r of rows) {
    const target = 3 * r.rawMs + 20;
    const coldMet = r.coldMs <= target;
    const warmMet = r.pageMs < 100 && r.csvMs < 100;
    if (r.cases >= 100_000 && r.cases < 1_000_000 && !(coldMet && warmMet)) ok = false;
    console.log(
      `| ${r.cases.toLocaleString("en")} | ${r.events.toLocaleString("en")} | ${r.rawMs.toFixed(0)} | ${r.coldMs.toFixed(0)} | ${(r.coldMs / r.rawMs).toFixed(2)} | ${coldMet ? "met" : "missed"} (${target.toFixed(0)} ms) | ${r.pageMs.toFixed(1)} | ${r.csvMs.toFixed(1)} | ${warmMet ? "met" : "missed"} |`,
    );
  }
  if (rows.length > 1) {
    const [a, b] = [rows[0], rows[rows.length - 1]];
    console.log(`\ncases × ${(b.cases / a.cases).toFixed(1)} → cold page × ${(b.coldMs / a.coldMs).toFixed(1)}, raw SQL × ${(b.rawMs / a.rawMs).toFixed(1)}, warm page × ${(b.pageMs / a.pageMs).toFixed(1)}`);
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
