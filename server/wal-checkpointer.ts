// WAL checkpoints off the serving thread. SQLite's auto-checkpoint runs inside the commit that
// passes 1,000 WAL pages: it copies the pages into the database file and, with synchronous=FULL,
// fsyncs it — 10–40 ms during which the event loop (and every case-room message waiting for its
// commit) stands still. So the serving connection never checkpoints (wal_autocheckpoint=0) and a
// worker thread with its own connection does: PASSIVE every interval (never blocks a writer;
// copies what is new). Once a checkpoint has copied everything, the next commit starts the WAL
// over from its beginning, overwriting the file in place (an fdatasync that need not also journal a
// new file size, as appending would — which is why the WAL is not truncated to nothing when idle);
// journal_size_limit cuts a WAL that a burst grew back to WAL_FILE_LIMIT_BYTES at that restart.
// A commit is durable when its WAL frames are synced, before and regardless of any checkpoint; a
// checkpoint is crash-safe at every step (SQLite syncs the WAL before copying and the database file
// before the WAL is reused).
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "../app/models/db.server";

/** SQLite's `PRAGMA wal_checkpoint` answer: frames in the WAL and how many are in the database file. */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

/** The WAL file is cut back to this size when it starts over (16 s of the case-room bench's writes). */
export const WAL_FILE_LIMIT_BYTES = 8 * 2 ** 20;

export type WalCheckpointer = {
  /** The worker's latest checkpoints (those that had something to do), newest last, at most 100. */
  readonly recent: CheckpointResult[];
  /** Whether the worker thread is still alive. */
  readonly running: boolean;
  /** Stops the timer, closes the worker's connection and waits for the thread to end. */
  stop(): Promise<void>;
};

// The worker's body: CommonJS through `eval`, so it loads the same under tsx (dev, tests, `npm
// start`) and from any build, with no path of a .ts file to resolve.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("synchronous = FULL");
let last = "";
const tick = () => {
  try {
    const [{ busy, log, checkpointed }] = db.pragma("wal_checkpoint(PASSIVE)");
    const result = { busy, log, checkpointed };
    // Told only when something changed, so an idle portal's worker stays quiet.
    if (JSON.stringify(result) !== last) parentPort.postMessage({ type: "checkpoint", result });
    last = JSON.stringify(result);
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error && error.message || error) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Turns off the auto-checkpoint of `db` (the serving connection) and starts the worker on the same
 * file. No-op for an in-memory database (it has no WAL).
 */
export function startWalCheckpointer(db: Db, file: string, intervalMs: number): WalCheckpointer {
  const recent: CheckpointResult[] = [];
  if (file === ":memory:") return { recent, running: false, stop: async () => {} };
  db.$client.pragma("wal_autocheckpoint = 0");
  db.$client.pragma(`journal_size_limit = ${WAL_FILE_LIMIT_BYTES}`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file: path.resolve(file), intervalMs },
  });
  worker.unref(); // never what keeps the process alive; close() stops it
  worker.on("message", (m: { type: "checkpoint"; result: CheckpointResult } | { type: "error"; message: string }) => {
    if (m.type === "error") return console.error(`WAL checkpoint failed: ${m.message}`);
    recent.push(m.result);
    if (recent.length > 100) recent.shift();
  });
  worker.on("error", (error) => console.error("WAL checkpoint worker stopped", error));
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve(void (running = false))));
  return {
    recent,
    get running() {
      return running;
    },
    stop: async () => {
      worker.postMessage("stop");
      const stuck = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(stuck);
    },
  };
}
