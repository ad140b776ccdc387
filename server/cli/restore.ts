// `npm run db:restore -- <backup-file> [--force]`: puts a back-up in place of the portal's database.
// Stop the portal first: whether another process has the file open cannot be told reliably, so
// replacing an existing database requires --force. The back-up is copied next to the database,
// flushed to disk and checked there (sha256 from `<backup>.sha256` when present, PRAGMA
// integrity_check, the audit hash chain) BEFORE anything is replaced; then the old database's
// -wal/-shm files are removed (an old WAL would otherwise be replayed onto the restored file) and
// the copy is renamed into place. DATABASE_PATH selects the database (default ./data/regiotafel.db).
// Exit 0 when restored, 1 when refused or failed (the existing database is then left as it was).
import fs from "node:fs";
import path from "node:path";
import {
  checkDatabaseFile,
  databasePath,
  fsyncDirectory,
  fsyncFile,
  megabytes,
  operatorPath,
  readSidecar,
  removeSideFiles,
} from "./db-file-check";

function fail(message: string, details: string[] = [], heading = "Herstel geweigerd"): never {
  console.error(`${heading}: ${message}`);
  for (const line of details) console.error(`  ${line}`);
  process.exit(1);
}

const args = process.argv.slice(2).filter((a) => a !== "--");
const force = args.includes("--force");
const files = args.filter((a) => a !== "--force");
if (files.length !== 1 || files[0].startsWith("-")) fail("gebruik: npm run db:restore -- <back-upbestand> [--force]");

const backup = operatorPath(files[0]);
const target = databasePath();
if (!fs.existsSync(backup)) fail(`back-up niet gevonden: ${backup}`);
if (path.resolve(backup) === target) fail("de back-up is de database zelf");

const existing = [target, `${target}-wal`, `${target}-shm`].filter((f) => fs.existsSync(f));
if (existing.length && !force) {
  fail(
    `${target} bestaat al. Stop het portaal, maak zo nodig eerst een back-up van de huidige database ` +
      `(npm run db:backup) en herhaal met --force om haar te vervangen door ${backup}.`,
  );
}

let expectedSha256: string | undefined;
try {
  expectedSha256 = readSidecar(backup);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const dir = path.dirname(target);
fs.mkdirSync(dir, { recursive: true });
// In the database's own directory, so the final rename is atomic (same file system).
const temp = path.join(dir, `.${path.basename(target)}.restore-${process.pid}.tmp`);
const cleanUp = () => {
  fs.rmSync(temp, { force: true });
  removeSideFiles(temp);
};

try {
  fs.copyFileSync(backup, temp);
  fsyncFile(temp);

  // What is checked is the copy that will be put in place, not just the file it came from.
  const check = checkDatabaseFile(temp, expectedSha256);
  removeSideFiles(temp);
  if (!check.ok) {
    cleanUp();
    fail(`de back-up ${backup} is niet in orde; er is niets vervangen.`, check.problems);
  }
  console.log(
    `Back-up gecontroleerd: ${backup} (${megabytes(check.bytes)} MB, integriteit ok, auditketen intact: ${check.auditRows} regels, ` +
      `${check.checksum === "ok" ? "controlegetal ok" : "geen controlegetal (.sha256) gevonden"})`,
  );

  // An old WAL left next to the new file would be replayed onto it: remove it before the rename.
  const removed = removeSideFiles(target);
  const replaced = fs.existsSync(target);
  fs.renameSync(temp, target);
  fsyncDirectory(dir);

  if (replaced) console.log(`Bestaande database vervangen: ${target}`);
  if (removed.length) console.log(`Verwijderd: ${removed.join(", ")} (van de vervangen database)`);
  console.log(`Database hersteld: ${target} uit ${backup}. Start het portaal (opnieuw).`);
  process.exit(0);
} catch (error) {
  cleanUp();
  fail(error instanceof Error ? error.message : String(error), [], "Herstel mislukt");
}
