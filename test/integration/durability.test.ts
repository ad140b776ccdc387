// SQLite durability (security.md): an online back-up while the portal writes, a restore that refuses
// damaged back-ups, and kill -9 of the real server during acknowledged writes: 0 integrity failures,
// 0 acknowledged referrals lost, an intact audit chain.
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import * as schema from "#db/schema";
import { apiTokens, organisations } from "#db/schema";
import { verifyAuditLog } from "../../app/models/audit.server";
import { openDatabase, type Db } from "../../app/models/db.server";
import { apiTokenPrefix, generateApiToken, hashApiToken } from "../../app/models/api-tokens.server";
import { seedReferenceData } from "../../db/seed";
import { startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral } from "../helpers/referral-payload";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

type CliResult = { code: number | null; stdout: string; stderr: string };

/** `npm run <script> -- <args>` in the project root, as an operator runs it. */
function runNpm(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An API token for VGZ, inserted directly (only its sha256 is stored, as the admin page does). */
function insertApiToken(db: Db): string {
  const vgz = db.select().from(organisations).where(eq(organisations.name, "VGZ")).get();
  expect(vgz, "reference data has the insurer VGZ").toBeDefined();
  const token = generateApiToken();
  db.insert(apiTokens)
    .values({ organisationId: vgz!.id, name: "Duurzaamheidstest", tokenHash: hashApiToken(token), prefix: apiTokenPrefix(token), createdAt: new Date().toISOString() })
    .run();
  return token;
}

/** The request body for one idempotency key: the patient's name carries the key, so rows can be traced. */
// One patient per BSN: each key its own BSN (the same on a retry), so each name is its own patient's.
const bsnByKey = new Map<string, string>();
const bsnFor = (key: string) => bsnByKey.get(key) ?? bsnByKey.set(key, uniqueBsn()).get(key)!;
const bodyFor = (key: string) => JSON.stringify(validReferral({ patient: { name: `Duurzaam ${key}`, bsn: bsnFor(key) } }));

type Answer = { status: number; id: number | null };

/** POST /api/v1/referrals; throws when no status line came back (connection refused or reset). */
async function postReferral(baseUrl: string, token: string, key: string, body = bodyFor(key)): Promise<Answer> {
  const response = await fetch(`${baseUrl}/api/v1/referrals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  let id: number | null = null;
  try {
    id = ((await response.json()) as { id?: number }).id ?? null;
  } catch {
    // A 201 whose body was cut off by the kill is still an acknowledgement; the key finds the row.
  }
  return { status: response.status, id };
}

const TABLES = ["patients", "cases", "consents", "case_events", "idempotency_keys", "audit_events"] as const;
function countsOf(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** A drizzle handle on a database file that is only read (no migrations, no pragmas). */
function readOnlyDb(file: string): Db {
  return drizzle(new Database(file, { readonly: true, fileMustExist: true }), { schema }) as unknown as Db;
}

describe("back-up and restore (npm run db:backup / db:restore)", () => {
  let t: TestPortal;
  let restoredPortal: TestPortal | undefined;
  let work: string;
  let token: string;
  let backupFile: string;
  let backupCounts: Record<string, number>;
  const db = () => t.portal.services.db;
  const liveCases = () => db().$client.prepare("SELECT id, code FROM cases ORDER BY id").all() as { id: number; code: string }[];

  beforeAll(async () => {
    t = await startPortal();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-durability-"));
    token = insertApiToken(db());
    backupFile = path.join(work, "backups", "regiotafel-test.db");
  });
  afterAll(async () => {
    await restoredPortal?.close();
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("backs up one consistent snapshot while the portal keeps writing", async () => {
    for (let i = 0; i < 10; i++) expect((await postReferral(t.url, token, `voor-${i}`)).status).toBe(201);

    const casesBefore = liveCases().length;
    let writing = true;
    let writtenDuringBackup = 0;
    const writers = [0, 1].map(async (w) => {
      for (let i = 0; writing; i++) {
        const answer = await postReferral(t.url, token, `tijdens-${w}-${i}`);
        expect(answer.status).toBe(201);
        writtenDuringBackup++;
      }
    });
    const result = await runNpm("db:backup", [backupFile], { DATABASE_PATH: t.portal.services.config.databasePath });
    writing = false;
    await Promise.all(writers);
    const casesAfter = liveCases();

    expect(result.code, result.stderr + result.stdout).toBe(0);
    const printed = /Back-up gemaakt: (.+) \((\d+,\d) MB, integriteit ok, auditketen intact: (\d+) regels\)/.exec(result.stdout);
    expect(printed, result.stdout).not.toBeNull();
    expect(printed![1]).toBe(backupFile);
    expect(writtenDuringBackup, "referrals were written while the back-up ran").toBeGreaterThan(0);
    expect(fs.readFileSync(`${backupFile}.sha256`, "utf8")).toBe(`${sha256(backupFile)}  regiotafel-test.db\n`);
    expect(fs.readdirSync(path.dirname(backupFile)).sort()).toEqual(["regiotafel-test.db", "regiotafel-test.db.sha256"]);

    const backup = readOnlyDb(backupFile);
    try {
      const sqlite = backup.$client;
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.pragma("journal_mode", { simple: true }), "a back-up is one self-contained file").toBe("delete");
      backupCounts = countsOf(sqlite);
      // A snapshot: somewhere between the start and the end of the run, and exactly the oldest cases.
      expect(backupCounts.cases).toBeGreaterThanOrEqual(casesBefore);
      expect(backupCounts.cases).toBeLessThanOrEqual(casesAfter.length);
      expect(sqlite.prepare("SELECT id, code FROM cases ORDER BY id").all()).toEqual(casesAfter.slice(0, backupCounts.cases));
      // Nothing half: every case written during the run has its patient, consent, receive event, key and audit line
      // (the demo data's two years of history are seeded in bulk, without a referral's audit line).
      const orphans = sqlite
        .prepare(
          `SELECT count(*) AS n FROM cases c WHERE c.id >= ${casesAfter[casesBefore].id} AND (
             NOT EXISTS (SELECT 1 FROM patients p WHERE p.id = c.patient_id)
             OR NOT EXISTS (SELECT 1 FROM consents k WHERE k.case_id = c.id)
             OR NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.event = 'receive')
             OR (c.submitted_via = 'api' AND NOT EXISTS (SELECT 1 FROM idempotency_keys i WHERE i.case_id = c.id))
             OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'referral.create' AND a.object_id = CAST(c.id AS TEXT)))`,
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
      const verdict = verifyAuditLog(backup);
      expect(verdict).toEqual({ ok: true, checked: backupCounts.audit_events });
      expect(Number(printed![3])).toBe(backupCounts.audit_events);
    } finally {
      backup.$client.close();
    }
  });

  it("restores into a fresh path, refuses to overwrite without --force, drops a stale WAL, and the portal runs on it", async () => {
    const restoredPath = path.join(work, "hersteld", "regiotafel.db");
    const first = await runNpm("db:restore", [backupFile], { DATABASE_PATH: restoredPath });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain(`Back-up gecontroleerd: ${backupFile}`);
    expect(first.stdout).toContain(`auditketen intact: ${backupCounts.audit_events} regels, controlegetal ok`);
    expect(first.stdout).toContain(`Database hersteld: ${restoredPath}`);
    expect(sha256(restoredPath)).toBe(sha256(backupFile));
    expect(fs.readdirSync(path.dirname(restoredPath))).toEqual(["regiotafel.db"]);

    // An existing database is only replaced with --force.
    const refused = await runNpm("db:restore", [backupFile], { DATABASE_PATH: restoredPath });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect(refused.stdout).not.toContain("Database hersteld");

    // Leftovers of a crashed portal: the database in WAL mode plus a -wal holding a commit that is
    // not in the main file. Were that WAL left next to the restored file, SQLite would replay it.
    const walOn = new Database(restoredPath);
    walOn.pragma("journal_mode = WAL");
    walOn.close();
    const scratch = path.join(work, "scratch.db");
    fs.copyFileSync(restoredPath, scratch);
    const writer = new Database(scratch);
    writer.exec("CREATE TABLE stale_marker (x INTEGER); INSERT INTO stale_marker VALUES (1);");
    fs.copyFileSync(`${scratch}-wal`, `${restoredPath}-wal`);
    writer.close();
    const premise = path.join(work, "premise.db");
    fs.copyFileSync(restoredPath, premise);
    fs.copyFileSync(`${restoredPath}-wal`, `${premise}-wal`);
    const premiseDb = new Database(premise);
    expect(premiseDb.prepare("SELECT x FROM stale_marker").get(), "the stale WAL would be replayed").toEqual({ x: 1 });
    premiseDb.close();

    const forced = await runNpm("db:restore", [backupFile, "--force"], { DATABASE_PATH: restoredPath });
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    expect(forced.stdout).toContain(`Bestaande database vervangen: ${restoredPath}`);
    expect(forced.stdout).toContain("Verwijderd: regiotafel.db-wal");
    expect(fs.readdirSync(path.dirname(restoredPath))).toEqual(["regiotafel.db"]);

    restoredPortal = await startPortal({ DATABASE_PATH: restoredPath });
    const rdb = restoredPortal.portal.services.db;
    expect(rdb.$client.prepare("SELECT name FROM sqlite_master WHERE name = 'stale_marker'").get()).toBeUndefined();
    expect(countsOf(rdb.$client)).toEqual(backupCounts);
    expect(verifyAuditLog(rdb)).toEqual({ ok: true, checked: backupCounts.audit_events });

    // The restored portal answers for the newest referral in the back-up, and its log goes on.
    const newest = rdb.$client.prepare("SELECT id, code FROM cases ORDER BY id DESC LIMIT 1").get() as { id: number; code: string };
    const response = await fetch(`${restoredPortal.url}/api/v1/referrals/${newest.id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { code: string }).code).toBe(newest.code);
    expect(verifyAuditLog(rdb)).toEqual({ ok: true, checked: backupCounts.audit_events + 1 });
  });

  it("refuses a damaged back-up with exit 1 and leaves the existing database alone", async () => {
    const existing = path.join(work, "bestaand", "regiotafel.db");
    fs.mkdirSync(path.dirname(existing), { recursive: true });
    fs.copyFileSync(backupFile, existing);
    const existingHash = sha256(existing);

    // 1. Bytes flipped in the middle of the file (with its .sha256 next to it).
    const flipped = path.join(work, "omgedraaid.db");
    const bytes = fs.readFileSync(backupFile);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 16; i++) bytes[i] ^= 0xff;
    fs.writeFileSync(flipped, bytes);
    fs.copyFileSync(`${backupFile}.sha256`, `${flipped}.sha256`);

    // 2. Without a .sha256: the header of a b-tree page in use, in the middle of the file, overwritten.
    const damaged = path.join(work, "beschadigd.db");
    fs.copyFileSync(backupFile, damaged);
    const inspect = new Database(damaged, { readonly: true });
    const pageSize = inspect.pragma("page_size", { simple: true }) as number;
    const pageCount = inspect.pragma("page_count", { simple: true }) as number;
    const { pageno } = inspect
      .prepare("SELECT pageno FROM dbstat WHERE pagetype IN ('leaf', 'internal') AND pageno > 1 ORDER BY abs(pageno - ?) LIMIT 1")
      .get(Math.ceil(pageCount / 2)) as { pageno: number };
    inspect.close();
    const fd = fs.openSync(damaged, "r+");
    fs.writeSync(fd, Buffer.alloc(8, 0xff), 0, 8, (pageno - 1) * pageSize);
    fs.closeSync(fd);

    // 3. Without a .sha256: a sound SQLite file whose audit log was edited afterwards.
    const edited = path.join(work, "bewerkt.db");
    fs.copyFileSync(backupFile, edited);
    const editor = new Database(edited);
    editor.exec("DROP TRIGGER audit_events_no_update");
    editor.prepare("UPDATE audit_events SET detail = 'achteraf gewijzigd' WHERE id = (SELECT min(id) + 2 FROM audit_events)").run();
    editor.close();

    const cases: [string, RegExp][] = [
      [flipped, /controlegetal \(sha256\) klopt niet/],
      // Depending on the page, the check lists problems or stops at the damage (SQLITE_CORRUPT).
      [damaged, /PRAGMA integrity_check: (\d+ probleem|afgebroken, database disk image is malformed)/],
      [edited, /auditketen verbroken bij regel \d+: inhoud gewijzigd/],
    ];
    const results = await Promise.all(cases.map(([file]) => runNpm("db:restore", [file, "--force"], { DATABASE_PATH: existing })));
    results.forEach((result, i) => {
      expect(result.code, `${cases[i][0]}: ${result.stdout}${result.stderr}`).toBe(1);
      expect(result.stderr, result.stderr).toMatch(cases[i][1]);
      expect(result.stderr).toContain("er is niets vervangen");
      expect(result.stdout).not.toContain("Database hersteld");
    });
    expect(sha256(existing)).toBe(existingHash);
    expect(fs.readdirSync(path.dirname(existing)), "no temporary files left behind").toEqual(["regiotafel.db"]);
  });
});

describe("kill -9 of the server during acknowledged writes", () => {
  const CYCLES = 5;
  const WRITERS = 4;
  const MAX_REQUESTS_PER_CYCLE = 400;
  const children = new Set<ChildProcess>();
  let dir: string;
  let dbPath: string;
  let token: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-kill9-"));
    dbPath = path.join(dir, "regiotafel.db");
    const db = openDatabase(dbPath);
    seedReferenceData(db);
    token = insertApiToken(db);
    db.$client.close();
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
  }

  type Server = { child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

  /** The real server as a child process on the same database file; resolves once /healthz answers. */
  async function startServer(): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: "test", PORT: String(port), DATABASE_PATH: dbPath, UPLOADS_PATH: path.join(dir, "uploads"), SEED_DEMO_DATA: "never" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const url = `http://127.0.0.1:${port}`;
    // Starting is not what is measured: tsx compiles the server first, which took over 15 s once
    // in a CI run at load average 22. What is measured (nothing acknowledged is lost) is unchanged.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting:\n${output}`);
      if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${output}`);
      try {
        const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (health.status === 200) return { child, url, exited };
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
  }

  /** Integrity and the acknowledged keys, checked on a copy of the files a kill left behind. */
  function checkCrashState(cycle: number, acknowledged: Map<string, number | null>): { integrity: string; missing: string[] } {
    const copy = path.join(dir, `crash-${cycle}.db`);
    fs.copyFileSync(dbPath, copy);
    if (fs.existsSync(`${dbPath}-wal`)) fs.copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
    const sqlite = new Database(copy);
    try {
      const integrity = sqlite.pragma("integrity_check", { simple: true }) as string;
      const stored = new Set((sqlite.prepare("SELECT key FROM idempotency_keys").all() as { key: string }[]).map((r) => r.key));
      return { integrity, missing: [...acknowledged.keys()].filter((k) => !stored.has(k)) };
    } finally {
      sqlite.close();
      for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
    }
  }

  it("loses no acknowledged referral and keeps the database and audit chain sound over 5 kills", async () => {
    const acknowledged = new Map<string, number | null>(); // idempotency key → case id (null when the body was cut off)
    let unanswered: { key: string; body: string }[] = [];
    const unexpected: string[] = [];
    const figures: { delayMs: number; sent: number; acked: number; inFlightAtKill: number; replayedAfterRestart: number }[] = [];

    /** Sends what got no answer before the crash again, same key and body: stored (200) or created now (201). */
    async function retryUnanswered(url: string): Promise<number> {
      let replayed = 0;
      for (const { key, body } of unanswered) {
        const answer = await postReferral(url, token, key, body);
        if (answer.status !== 200 && answer.status !== 201) {
          unexpected.push(`retry ${key}: ${answer.status}`);
          continue;
        }
        if (answer.status === 200) replayed++;
        acknowledged.set(key, answer.id);
      }
      unanswered = [];
      return replayed;
    }

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const server = await startServer();
      const replayedAfterRestart = await retryUnanswered(server.url);

      let stop = false;
      let sent = 0;
      let inFlight = 0;
      let acked = 0;
      const writer = async () => {
        while (!stop && sent < MAX_REQUESTS_PER_CYCLE) {
          const key = `c${cycle}-${sent++}`;
          const body = bodyFor(key);
          inFlight++;
          try {
            const answer = await postReferral(server.url, token, key, body);
            if (answer.status === 201) {
              acknowledged.set(key, answer.id);
              acked++;
            } else {
              unexpected.push(`${key}: ${answer.status}`);
            }
          } catch {
            unanswered.push({ key, body });
          } finally {
            inFlight--;
          }
        }
      };
      const writers = Promise.all(Array.from({ length: WRITERS }, writer));
      const delayMs = Math.round(500 + Math.random() * 1500);
      await sleep(delayMs);
      const inFlightAtKill = inFlight;
      server.child.kill("SIGKILL");
      stop = true;
      expect((await server.exited).signal).toBe("SIGKILL");
      await writers;
      figures.push({ delayMs, sent, acked, inFlightAtKill, replayedAfterRestart });

      const crash = checkCrashState(cycle, acknowledged);
      expect(crash.integrity, `integrity after kill ${cycle}`).toBe("ok");
      expect(crash.missing, `acknowledged referrals missing after kill ${cycle}`).toEqual([]);
    }

    // A last start recovers after the fifth kill and gets the retries; then a normal stop.
    const last = await startServer();
    const replayedAfterLastRestart = await retryUnanswered(last.url);
    last.child.kill("SIGTERM");
    expect((await last.exited).code).toBe(0);

    expect(unexpected).toEqual([]);
    expect(figures.reduce((n, f) => n + f.inFlightAtKill, 0), "kills happened during writes").toBeGreaterThan(0);
    expect(acknowledged.size, "writes were acknowledged").toBeGreaterThanOrEqual(CYCLES);

    const db = openDatabase(dbPath);
    try {
      const integrity = db.$client.pragma("integrity_check", { simple: true });
      expect(integrity).toBe("ok");

      const lookup = db.$client.prepare(
        `SELECT i.case_id AS caseId, p.name AS name,
           (SELECT count(*) FROM audit_events a WHERE a.action = 'referral.create' AND a.object_id = CAST(c.id AS TEXT)) AS audited
         FROM idempotency_keys i JOIN cases c ON c.id = i.case_id JOIN patients p ON p.id = c.patient_id
         WHERE i.key = ?`,
      );
      const lost: string[] = [];
      for (const [key, id] of acknowledged) {
        const row = lookup.get(key) as { caseId: number; name: string; audited: number } | undefined;
        if (!row) {
          lost.push(key);
          continue;
        }
        if (id !== null) expect(row.caseId, key).toBe(id);
        expect(row.name).toBe(`Duurzaam ${key}`);
        expect(row.audited, `audit line of ${key}`).toBe(1);
      }
      expect(lost).toEqual([]);
      // Every key was answered in the end (the retries included): one case per key, none twice.
      const apiCases = (db.$client.prepare("SELECT count(*) AS n FROM cases WHERE submitted_via = 'api'").get() as { n: number }).n;
      expect(apiCases).toBe(acknowledged.size);

      const verdict = verifyAuditLog(db);
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
      const lastId = (db.$client.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number }).id;
      const issued = (db.$client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number }).seq;
      expect(issued, "no audit rows cut off the end").toBe(lastId);

      const replayed = figures.reduce((n, f) => n + f.replayedAfterRestart, 0) + replayedAfterLastRestart;
      console.log(
        `durability: cycles ${CYCLES}, acknowledged ${acknowledged.size}, lost ${lost.length}, integrity ${integrity}` +
          `\n  per cycle (kill after ms / sent / 201 / in flight at kill): ${figures.map((f) => `${f.delayMs}/${f.sent}/${f.acked}/${f.inFlightAtKill}`).join(", ")}` +
          `\n  unanswered at a kill but stored (200 on retry): ${replayed}; audit chain intact: ${verdict.ok ? verdict.checked : 0} regels`,
      );
    } finally {
      db.$client.close();
    }
  }, 90_000);
});
