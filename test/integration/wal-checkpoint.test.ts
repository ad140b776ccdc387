// WAL checkpoints run in a worker thread (server/wal-checkpointer.ts), never inside a commit of the
// serving connection: past SQLite's auto-checkpoint threshold (1,000 pages) the serving connection
// has copied nothing, the worker copies it into the database file, the WAL then starts over within
// its size limit, and close() ends the worker (the last connection then removes the WAL file).
import fs from "node:fs";
import path from "node:path";
import { WAL_FILE_LIMIT_BYTES } from "../../server/wal-checkpointer";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let dbFile: string;
const walBytes = () => (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : -1);

beforeAll(async () => {
  t = await startPortal({ WAL_CHECKPOINT_MS: "100", SEED_DEMO_DATA: "never" });
  dbFile = path.join(t.dir, "test.db");
});
afterAll(() => t.close());

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Commits `pages` pages of 4 KB rows, 10 per transaction, on the serving connection. */
function write(pages: number) {
  const sqlite = t.portal.services.db.$client;
  sqlite.exec("CREATE TABLE IF NOT EXISTS wal_filler (id INTEGER PRIMARY KEY, data BLOB)");
  const insert = sqlite.prepare("INSERT INTO wal_filler (data) VALUES (randomblob(4000))");
  for (let i = 0; i < pages; i += 10) sqlite.transaction(() => Array.from({ length: 10 }, () => insert.run()))();
}

test("the serving connection never checkpoints; the worker does, and the WAL starts over within its limit", async () => {
  const sqlite = t.portal.services.db.$client;
  expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
  expect(t.portal.walCheckpointer.running).toBe(true);

  const dbBefore = fs.statSync(dbFile).size;
  let written = 3_000; // three times SQLite's auto-checkpoint threshold, 12 MB: more than the WAL's size limit
  write(written);
  // Once the worker has copied everything, a commit starts the WAL over and cuts the file to the limit.
  await until(() => (write(10), (written += 10), walBytes() <= WAL_FILE_LIMIT_BYTES), "the WAL to start over within its limit");

  // Everything written is in the database file, and only the worker can have put it there.
  expect(fs.statSync(dbFile).size - dbBefore).toBeGreaterThanOrEqual(3_000 * 4_000);
  expect(t.portal.walCheckpointer.recent.some((c) => c.busy === 0 && c.checkpointed > 1_000)).toBe(true);
  expect(sqlite.prepare("SELECT count(*) AS n FROM wal_filler").get()).toEqual({ n: written });
});

test("without the worker the serving connection leaves every frame in the WAL", async () => {
  await t.portal.walCheckpointer.stop();
  expect(t.portal.walCheckpointer.running).toBe(false);
  write(1_500);
  // A PASSIVE checkpoint from here finds all 1,500+ pages still waiting: no auto-checkpoint copied any.
  const [result] = t.portal.services.db.$client.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
  expect(result.log).toBeGreaterThanOrEqual(1_500);
});

test("close() ends the worker and the WAL file goes with the last connection", async () => {
  // A fresh portal, so close() is what stops its worker.
  const other = await startPortal({ SEED_DEMO_DATA: "never" });
  const file = path.join(other.dir, "test.db");
  expect(other.portal.walCheckpointer.running).toBe(true);
  expect(fs.existsSync(`${file}-wal`)).toBe(true);
  await other.portal.close(); // the portal alone (the helper's close() also removes the directory)
  expect(other.portal.walCheckpointer.running).toBe(false);
  // SQLite removes the WAL only when no other connection (the worker's) has the file open.
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  fs.rmSync(other.dir, { recursive: true, force: true });
});
