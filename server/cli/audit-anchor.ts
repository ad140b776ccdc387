// `npm run audit:anchor [-- --print-only]`: prints the audit chain's head (event id, hash, time)
// as one line for an external log (a ticket, the operations log, a mail), and appends it to the
// anchor file in AUDIT_ANCHOR_DIR unless --print-only. Exit 1 when the latest anchor no longer
// matches the log (then nothing is appended), 2 when it cannot run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { anchorHead, chainHead, formatAnchor } from "../../app/lib/audit-anchors.server";
import { readConfig } from "../../app/lib/config.server";
import { openDatabase, type Db } from "../../app/models/db.server";

const config = readConfig();
const printOnly = process.argv.includes("--print-only");
const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");
if (!fs.existsSync(config.databasePath)) {
  console.error(`Database niet gevonden: ${path.resolve(config.databasePath)}`);
  process.exit(2);
}
let db: Db | undefined;
let exitCode = 0;
try {
  db = openDatabase(config.databasePath, migrationsFolder);
  const head = chainHead(db);
  if (!head) console.error("Het auditlog is leeg.");
  else console.log(formatAnchor(head));
  if (head && !printOnly) {
    const { problem } = anchorHead(db, config.audit.anchorDir, head);
    if (problem) {
      exitCode = 1;
      console.error(`Niet verankerd: ${problem.reason}`);
    }
  }
} catch (error) {
  console.error(`Mislukt: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  db?.$client.close();
}
process.exit(exitCode);
