// `npm run db:backup -- [target-file]`: an online back-up of the portal's database, also while the
// portal runs and writes. SQLite's backup API copies one consistent snapshot (in WAL mode writers
// carry on meanwhile). The copy is then checked (PRAGMA integrity_check and the audit hash chain)
// and only a sound copy gets its final name, next to a `<file>.sha256` with its checksum.
// DATABASE_PATH selects the database (default ./data/regiotafel.db, as the portal); the default
// target is ./data/backups/regiotafel-<UTC timestamp>.db. Exit 0 when the back-up is sound, else 1.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import {
  checkDatabaseFile,
  databasePath,
  fsyncDirectory,
  fsyncFile,
  megabytes,
  operatorPath,
  removeSideFiles,
  sha256OfFile,
  sidecarOf,
  writeFileDurably,
} from "./db-file-check";

function fail(message: string, details: string[] = []): never {
  console.error(`Back-up mislukt: ${message}`);
  for (const line of details) console.error(`  ${line}`);
  process.exit(1);
}

const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
  fail("gebruik: npm run db:backup -- [doelbestand]");
}
const source = databasePath();
const target = args[0] ? operatorPath(args[0]) : path.resolve("data/backups", `regiotafel-${timestamp()}.db`);

// Opening a missing file would create an empty database: backing up nothing is an error.
if (!fs.existsSync(source)) fail(`database niet gevonden: ${source} (zet DATABASE_PATH)`);
if (fs.existsSync(target)) fail(`${target} bestaat al; kies een ander doelbestand, een back-up wordt nooit overschreven`);
fs.mkdirSync(path.dirname(target), { recursive: true });

// The copy is written under a temporary name: an interrupted or unsound back-up never looks finished.
const partial = `${target}.partial-${process.pid}`;
const cleanUp = () => {
  fs.rmSync(partial, { force: true });
  removeSideFiles(partial);
};

try {
  // Directly with better-sqlite3 and read-only, not openDatabase: a back-up must not migrate,
  // seed or otherwise change the database it copies.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // After the first (sizing) step, copy all pages in one step: that step reads one snapshot,
    // so writes by the running portal cannot make the back-up restart over and over.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }

  // The copy carries the WAL flag of its source; as a single self-contained file it is easier to
  // keep, move and check. openDatabase switches a restored database back to WAL.
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  removeSideFiles(partial);
  fsyncFile(partial);

  const check = checkDatabaseFile(partial);
  removeSideFiles(partial);
  if (!check.ok) {
    cleanUp();
    fail(`de kopie is niet in orde en is verwijderd (${source})`, check.problems);
  }

  const checksum = sha256OfFile(partial);
  fs.renameSync(partial, target);
  fsyncDirectory(path.dirname(target));
  writeFileDurably(sidecarOf(target), `${checksum}  ${path.basename(target)}\n`);

  console.log(`Back-up gemaakt: ${target} (${megabytes(check.bytes)} MB, integriteit ok, auditketen intact: ${check.auditRows} regels)`);
  console.log(`Controlegetal (sha256): ${checksum} in ${sidecarOf(target)}`);
  process.exit(0);
} catch (error) {
  cleanUp();
  fail(error instanceof Error ? error.message : String(error));
}
