// Shared by `npm run db:backup` and `npm run db:restore`: checks a database file as it is on disk
// (PRAGMA integrity_check, the audit log's hash chain, an optional sha256 sidecar) without
// migrating or otherwise changing it, and writes files durably (fsync of file and directory).
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { verifyChain, type ChainRow } from "../../app/domain/audit-chain";

/** npm runs scripts in the project root; a path typed by the operator is relative to where they typed it. */
export function operatorPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** The portal's database, as the portal resolves it (DATABASE_PATH, relative to the project root). */
export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH || "./data/regiotafel.db");
}

export const sidecarOf = (file: string) => `${file}.sha256`;

export function sha256OfFile(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/** Flushes a file's content to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a directory entry (after a create or rename), so the new name survives a power loss. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory; the file itself was synced already.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a small file durably: temp file, fsync, rename, fsync of the directory. */
export function writeFileDurably(file: string, content: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content);
  fsyncFile(temp);
  fs.renameSync(temp, file);
  fsyncDirectory(path.dirname(file));
}

export type FileCheck =
  | { ok: true; bytes: number; auditRows: number; checksum: "ok" | "absent" }
  | { ok: false; problems: string[] };

const CHAIN_ROWS_SQL = `SELECT id, at, action, outcome, user_id AS userId, user_email AS userEmail, role,
  organisation_id AS organisationId, responsible_user_id AS responsibleUserId, object_type AS objectType,
  object_id AS objectId, patient_id AS patientId, detail, consent_override AS consentOverride, ip,
  user_agent AS userAgent, prev_hash AS prevHash, hash
  FROM audit_events ORDER BY id`;

/**
 * Checks a database file: its sha256 against `expectedSha256` (when given), PRAGMA integrity_check,
 * and the audit chain (verifyChain in id order, plus no rows cut off its end). Opens the file
 * read-only; a file in WAL mode may leave empty -wal/-shm files, which the caller removes.
 */
export function checkDatabaseFile(file: string, expectedSha256?: string): FileCheck {
  const problems: string[] = [];
  if (!fs.existsSync(file)) return { ok: false, problems: [`bestand niet gevonden: ${file}`] };
  const bytes = fs.statSync(file).size;

  if (expectedSha256 !== undefined) {
    const actual = sha256OfFile(file);
    if (actual !== expectedSha256) {
      return { ok: false, problems: [`controlegetal (sha256) klopt niet: verwacht ${expectedSha256}, gevonden ${actual}; het bestand is beschadigd of gewijzigd`] };
    }
  }

  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    let lines: string[];
    try {
      lines = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      // Damage can be bad enough that the check itself stops (SQLITE_CORRUPT, SQLITE_NOTADB).
      problems.push(`PRAGMA integrity_check: afgebroken, ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, problems };
    }
    if (!(lines.length === 1 && lines[0] === "ok")) {
      problems.push(`PRAGMA integrity_check: ${lines.length} probleem/problemen`, ...lines.slice(0, 20).map((l) => `  ${l}`));
      return { ok: false, problems };
    }
    const rows = sqlite.prepare(CHAIN_ROWS_SQL).iterate() as IterableIterator<ChainRow>;
    const verdict = verifyChain(rows);
    if (!verdict.ok) {
      problems.push(`auditketen verbroken bij regel ${verdict.brokenId}: ${verdict.reason} (${verdict.checked} regels daarvoor in orde)`);
      return { ok: false, problems };
    }
    // As `npm run audit:verify`: AUTOINCREMENT remembers the highest id ever issued, so rows cut
    // off the end of the log show up as a last row below it.
    const last = sqlite.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number | null };
    const issued = (sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number } | undefined)?.seq ?? 0;
    if (issued > (last.id ?? 0)) {
      problems.push(`auditketen verbroken na regel ${last.id ?? 0}: laatste regel(s) verwijderd (hoogste uitgegeven regelnummer ${issued})`);
      return { ok: false, problems };
    }
    return { ok: true, bytes, auditRows: verdict.checked, checksum: expectedSha256 === undefined ? "absent" : "ok" };
  } catch (error) {
    problems.push(`kan het bestand niet als Regiotafel-database lezen: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, problems };
  } finally {
    sqlite?.close();
  }
}

/** Removes the -wal/-shm/-journal files next to a database file (only when it is not in use!). */
export function removeSideFiles(file: string): string[] {
  const removed: string[] = [];
  for (const suffix of ["-wal", "-shm", "-journal"]) {
    const side = file + suffix;
    if (fs.existsSync(side)) {
      fs.rmSync(side, { force: true });
      removed.push(path.basename(side));
    }
  }
  return removed;
}

/** "3,2" for 3.2 MB: Dutch decimal comma. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(".", ",");
}

/** The sha256 recorded in a `sha256sum`-style sidecar ("<hex>  <name>"), or undefined without one. */
export function readSidecar(file: string): string | undefined {
  const sidecar = sidecarOf(file);
  if (!fs.existsSync(sidecar)) return undefined;
  const match = /^([0-9a-f]{64})\b/i.exec(fs.readFileSync(sidecar, "utf8").trim());
  if (!match) throw new Error(`${sidecar} bevat geen sha256-controlegetal`);
  return match[1].toLowerCase();
}
