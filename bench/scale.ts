// `npm run bench:scale`: the portal at 1k, 10k and 100k cases (≥ 1M audit events at 100k).
// For each size: grows the database (bench/scale-data.ts), times a full and an incremental audit
// verification, then requests each main page per role BENCH_REPS times, one after the other,
// and prints median and p99 server time next to the raw SQL that reads the same rows.
// Last, the case room section (bench/caseroom.ts) on the largest database; BENCH_CASEROOM=0 skips it.
// BENCH_SIZES=1000,10000 limits the sizes. Run on a quiet machine: other load shows in every figure.
import os from "node:os";
import path from "node:path";

process.env.NODE_ENV = "production"; // React's production build, as deployed (the portal's own config stays "test")
const { startPortal, loggedIn } = await import("../test/helpers/portal");
const { growTo } = await import("./scale-data");
const { verifyAuditFull, verifyAuditSinceCheckpoint } = await import("../app/lib/audit-verification.server");

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 25);

type Target = { role: string; email: string; page: string; path: string; raw: { sql: string; params: unknown[] } };

const t = await startPortal({ SESSION_IDLE_MINUTES: "600" });
const sqlite = t.portal.services.db.$client;
const tableId = (slug: string) => (sqlite.prepare("SELECT id FROM regional_tables WHERE slug = ?").get(slug) as { id: number }).id;
const orgOf = (email: string) => (sqlite.prepare("SELECT organisation_id AS id FROM users WHERE email = ?").get(email) as { id: number }).id;
const rotterdam = tableId("rotterdam");

function targets(): Target[] {
  const someCase = sqlite.prepare("SELECT id, patient_id AS patientId FROM cases WHERE table_id = ? ORDER BY id DESC LIMIT 1").get(rotterdam) as { id: number; patientId: number };
  const open = `('received','screening','included','scheduled','discussed','plan_agreed','advisor_check','funding_arranged','placed','follow_up')`;
  const list = (where: string) => `SELECT c.id, c.code, c.status, c.urgency, c.received_at, p.name FROM cases c JOIN patients p ON p.id = c.patient_id WHERE ${where} ORDER BY c.id DESC LIMIT 50`;
  const chair = "voorzitter.rotterdam@regiotafel.test";
  return [
    { role: "chair", email: chair, page: "home /", path: "/", raw: { sql: `SELECT status, count(*) FROM cases WHERE table_id = ? GROUP BY status`, params: [rotterdam] } },
    { role: "chair", email: chair, page: "inbox", path: "/tafels/rotterdam/inbox", raw: { sql: list(`c.table_id = ? AND c.status IN ${open}`), params: [rotterdam] } },
    { role: "chair", email: chair, page: "case", path: `/casussen/${someCase.id}`, raw: { sql: `SELECT * FROM cases c JOIN patients p ON p.id = c.patient_id WHERE c.id = ?`, params: [someCase.id] } },
    { role: "chair", email: chair, page: "inzage", path: `/casussen/${someCase.id}/inzage`, raw: { sql: `SELECT * FROM audit_events WHERE patient_id = ? ORDER BY id LIMIT 100`, params: [String(someCase.patientId)] } },
    { role: "chair", email: chair, page: "meetings", path: "/tafels/rotterdam/bijeenkomsten", raw: { sql: `SELECT * FROM meetings WHERE table_id = ? ORDER BY id DESC LIMIT 50`, params: [rotterdam] } },
    { role: "chair", email: chair, page: "shortfalls", path: "/tafels/rotterdam/tekorten", raw: { sql: `SELECT * FROM shortfalls WHERE table_id = ? ORDER BY id DESC LIMIT 50`, params: [rotterdam] } },
    { role: "member", email: "lid.rotterdam@regiotafel.test", page: "home /", path: "/", raw: { sql: `SELECT status, count(*) FROM cases WHERE table_id = ? GROUP BY status`, params: [rotterdam] } },
    { role: "referrer", email: "zorgbemiddeling.vgz@regiotafel.test", page: "referrals", path: "/verwijzingen", raw: { sql: list("c.referrer_organisation_id = ?"), params: [orgOf("zorgbemiddeling.vgz@regiotafel.test")] } },
    { role: "advisor", email: "adviseur.vgz@regiotafel.test", page: "advisor list", path: "/adviseur", raw: { sql: list("c.insurer_id = ?"), params: [orgOf("adviseur.vgz@regiotafel.test")] } },
    { role: "admin", email: "admin@regiotafel.test", page: "audit log", path: "/beheer/audit", raw: { sql: `SELECT * FROM audit_events ORDER BY id DESC LIMIT 50`, params: [] } },
    { role: "admin", email: "admin@regiotafel.test", page: "audit, e-mail prefix", path: "/beheer/audit?user=lid.rotterdam", raw: { sql: `SELECT * FROM audit_events WHERE user_email >= 'lid.rotterdam' COLLATE NOCASE AND user_email < 'lid.rotterdam\uffff' COLLATE NOCASE ORDER BY id DESC LIMIT 50`, params: [] } },
    { role: "leader", email: "projectleider@regiotafel.test", page: "monitor", path: "/monitor", raw: { sql: `SELECT table_id, status, count(*) FROM cases GROUP BY table_id, status`, params: [] } },
  ];
}

/** A keep-alive connection idle through data generation may have been closed by the server: retry once. */
async function get(client: Awaited<ReturnType<typeof loggedIn>>, path: string) {
  try {
    return await client.get(path);
  } catch {
    return client.get(path);
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

function timeRaw(raw: Target["raw"]): number {
  const statement = sqlite.prepare(raw.sql);
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const s = performance.now();
    statement.all(...raw.params);
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const clients = new Map<string, Awaited<ReturnType<typeof loggedIn>>>();
console.log(`bench:scale on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}; ${REPS} sequential requests per page`);
const rows: string[][] = [];
for (const size of SIZES) {
  const g = performance.now();
  growTo(sqlite, size, (s) => console.log(s));
  const events = (sqlite.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
  console.log(`\n== ${size.toLocaleString("en")} cases, ${events.toLocaleString("en")} audit events (generated in ${((performance.now() - g) / 1000).toFixed(1)} s)`);
  let s = performance.now();
  const full = verifyAuditFull(t.portal.services.db);
  const fullMs = performance.now() - s;
  console.log(`audit:verify (full): ${full.ok ? "intact" : "BROKEN"}, ${full.checked.toLocaleString("en")} events in ${(fullMs / 1000).toFixed(2)} s`);
  rows.push([String(size), "audit", "audit:verify full", (fullMs / 1000).toFixed(2) + " s", "", "", ""]);

  for (const target of targets()) {
    if (!clients.has(target.email)) clients.set(target.email, await loggedIn(t.url, target.email));
    const client = clients.get(target.email)!;
    const first = await get(client, target.path);
    const body = await first.text();
    if (first.status !== 200) throw new Error(`${target.path} as ${target.role}: ${first.status}`);
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const start = performance.now();
      const response = await get(client, target.path);
      await response.arrayBuffer();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const raw = timeRaw(target.raw);
    const median = quantile(times, 0.5);
    rows.push([String(size), target.role, target.page, ms(median), ms(quantile(times, 0.99)), ms(raw), (median / raw).toFixed(0) + "×", `${Math.round(body.length / 1024)} KB`]);
    console.log(rows.at(-1)!.join("  "));
  }
  s = performance.now();
  const incremental = verifyAuditSinceCheckpoint(t.portal.services.db);
  const incMs = performance.now() - s;
  console.log(`audit:verify --since-checkpoint: ${incremental.ok ? "intact" : "BROKEN"}, ${incremental.checked} new events in ${incMs.toFixed(0)} ms`);
  rows.push([String(size), "audit", "verify since checkpoint", `${incMs.toFixed(0)} ms (${incremental.checked} new)`, "", "", ""]);
}

console.log(`\n| cases | role | page | median ms | p99 ms | raw SQL median ms | page / raw SQL | HTML |`);
console.log(`|---:|---|---|---:|---:|---:|---:|---:|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`load average after: ${os.loadavg()[0].toFixed(1)}`);

// The case room on the largest database (bench/caseroom.ts: 500 clients in 50 rooms, next to bare socket.io).
if (process.env.BENCH_CASEROOM !== "0") {
  const { runCaseRoomBench } = await import("./caseroom");
  await runCaseRoomBench({ databasePath: path.join(t.dir, "test.db") });
}
await t.close();
process.exit(0);
