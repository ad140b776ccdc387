// `npm run audit:verify [-- --since-checkpoint]`: checks the database file (PRAGMA
// integrity_check), the audit log's hash chain (from the first event, or only what is new since
// the last verified checkpoint), that no rows were cut off its end (id sequence), and that
// every anchor written outside the database (AUDIT_ANCHOR_DIR) still matches the log.
// Exit 0 when all is sound, 1 when something is not, 2 when it cannot check.
// DATABASE_PATH selects the database (default ./data/regiotafel.db, as the portal).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkAnchors, readAnchors } from "../../app/lib/audit-anchors.server";
import { verifyAuditFull, verifyAuditSinceCheckpoint } from "../../app/lib/audit-verification.server";
import { readConfig } from "../../app/lib/config.server";
import { openDatabase, type Db } from "../../app/models/db.server";

const config = readConfig();
const databasePath = config.databasePath;
const sinceCheckpoint = process.argv.includes("--since-checkpoint");
const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

// openDatabase would create an empty database: checking a file that is not there is an error.
if (!fs.existsSync(databasePath)) {
  console.error(`Database niet gevonden: ${path.resolve(databasePath)}`);
  process.exit(2);
}

let db: Db | undefined;
let exitCode = 0;
try {
  const started = performance.now();
  db = openDatabase(databasePath, migrationsFolder);
  console.log(`Database: ${path.resolve(databasePath)}`);
  if (!sinceCheckpoint) {
    const integrity = (db.$client.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length === 1 && integrity[0] === "ok") {
      console.log("PRAGMA integrity_check: ok");
    } else {
      exitCode = 1;
      console.log(`PRAGMA integrity_check: ${integrity.length} probleem/problemen`);
      for (const line of integrity) console.log(`  ${line}`);
    }
  }

  const verdict = sinceCheckpoint ? verifyAuditSinceCheckpoint(db) : verifyAuditFull(db);
  if (!verdict.ok) {
    exitCode = 1;
    console.log(`Auditlog VERBROKEN bij regel ${verdict.brokenId}: ${verdict.reason}`);
    console.log(`(${verdict.checked} regels daarvoor zijn in orde)`);
  } else if (verdict.truncated) {
    exitCode = 1;
    console.log(`Auditlog VERBROKEN na regel ${verdict.truncated.lastId}: laatste regel(s) verwijderd (hoogste uitgegeven regelnummer ${verdict.truncated.issued})`);
  } else {
    const scope = verdict.from ? `sinds controlepunt regel ${verdict.from}` : "vanaf de eerste regel";
    console.log(`Auditlog intact: ${verdict.checked} regels gecontroleerd (${scope})`);
    if (verdict.head) console.log(`Laatste regel ${verdict.head.eventId}, hash ${verdict.head.hash}`);
  }

  // Truncation with a reset sequence leaves a chain that verifies: only an anchor kept outside shows it.
  const anchors = readAnchors(config.audit.anchorDir);
  const problems = checkAnchors(db, anchors);
  if (problems.length) {
    exitCode = 1;
    for (const p of problems.slice(-5)) console.log(`Auditlog klopt NIET met anker: ${p.reason}`);
  } else if (anchors.length) {
    console.log(`Ankers: ${anchors.length} in ${path.resolve(config.audit.anchorDir)} kloppen (laatste: regel ${anchors.at(-1)!.eventId} van ${anchors.at(-1)!.at})`);
  } else {
    console.log(`Ankers: geen gevonden in ${path.resolve(config.audit.anchorDir)}`);
  }
  console.log(`Duur: ${((performance.now() - started) / 1000).toFixed(2)} s`);
} catch (error) {
  console.error(`Controle mislukt: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  db?.$client.close();
}
process.exit(exitCode);
