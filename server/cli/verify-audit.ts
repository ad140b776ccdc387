// `npm run audit:verify`: checks the database file (PRAGMA integrity_check) and the audit
// log's hash chain (and that no rows were cut off its end). Exit 0 when all is sound, 1 when
// something is not, 2 when it cannot check.
// DATABASE_PATH selects the database (default ./data/regiotafel.db, as the portal).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { verifyAuditLog } from "../../app/lib/audit.server";
import { openDatabase, type Db } from "../../app/lib/db.server";

const databasePath = process.env.DATABASE_PATH || "./data/regiotafel.db";
const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

// openDatabase would create an empty database: checking a file that is not there is an error.
if (!fs.existsSync(databasePath)) {
  console.error(`Database niet gevonden: ${path.resolve(databasePath)}`);
  process.exit(2);
}

let db: Db | undefined;
let exitCode = 0;
try {
  db = openDatabase(databasePath, migrationsFolder);
  console.log(`Database: ${path.resolve(databasePath)}`);
  const integrity = (db.$client.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.length === 1 && integrity[0] === "ok") {
    console.log("PRAGMA integrity_check: ok");
  } else {
    exitCode = 1;
    console.log(`PRAGMA integrity_check: ${integrity.length} probleem/problemen`);
    for (const line of integrity) console.log(`  ${line}`);
  }

  const verdict = verifyAuditLog(db);
  // The chain cannot show that its newest rows were cut off. AUTOINCREMENT remembers the highest
  // id ever handed out (sqlite_sequence): a last row below it means rows at the end were deleted.
  const last = db.$client.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string } | undefined;
  const issued = (db.$client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number } | undefined)?.seq ?? 0;
  if (verdict.ok && issued > (last?.id ?? 0)) {
    exitCode = 1;
    console.log(`Auditlog VERBROKEN na regel ${last?.id ?? 0}: laatste regel(s) verwijderd (hoogste uitgegeven regelnummer ${issued})`);
  } else if (verdict.ok) {
    console.log(`Auditlog intact: ${verdict.checked} regels gecontroleerd`);
    // Kept outside the database (e.g. in the operations log), this anchors the chain's end.
    if (last) console.log(`Laatste regel ${last.id}, hash ${last.hash}`);
  } else {
    exitCode = 1;
    console.log(`Auditlog VERBROKEN bij regel ${verdict.brokenId}: ${verdict.reason}`);
    console.log(`(${verdict.checked} regels daarvoor zijn in orde)`);
  }
} catch (error) {
  console.error(`Controle mislukt: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  db?.$client.close();
}
process.exit(exitCode);
