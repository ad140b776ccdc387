// Anchors of the audit chain outside the database (issue 13, finding 8): someone who can write
// the database file can cut the newest events off and reset the id sequence, leaving a chain
// that verifies. A head written elsewhere (an append-only file in a separate directory, ideally
// another disk or host; a mail; an external log via `npm run audit:anchor`) shows the cut.
import fs from "node:fs";
import path from "node:path";
import type { ChainHead } from "./audit-verification.server";
import type { Db } from "~/models/db.server";
import { formatAmsterdam } from "~/domain/amsterdam-time";

export type Anchor = ChainHead & { at: string };

export const ANCHOR_FILE = "audit-anchors.jsonl";

/** The chain's newest event now, or null for an empty log. */
export function chainHead(db: Db): Anchor | null {
  const row = db.$client.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string } | undefined;
  return row ? { eventId: row.id, hash: row.hash, at: new Date().toISOString() } : null;
}

/** One line per anchor; the line a person copies into another log reads the same. */
export function formatAnchor(anchor: Anchor): string {
  return JSON.stringify({ eventId: anchor.eventId, hash: anchor.hash, at: anchor.at });
}

/** Appends the anchor and syncs it to disk before returning. */
export function appendAnchor(directory: string, anchor: Anchor): void {
  fs.mkdirSync(directory, { recursive: true });
  const fd = fs.openSync(path.join(directory, ANCHOR_FILE), "a", 0o640);
  try {
    fs.writeSync(fd, formatAnchor(anchor) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function parseAnchor(line: string): Anchor | null {
  try {
    const a = JSON.parse(line) as Partial<Anchor>;
    return Number.isSafeInteger(a.eventId) && typeof a.hash === "string" && /^[0-9a-f]{64}$/.test(a.hash) && typeof a.at === "string"
      ? { eventId: a.eventId!, hash: a.hash, at: a.at }
      : null;
  } catch {
    return null;
  }
}

/** Every anchor in the file, oldest first (a line that is not an anchor is skipped). */
export function readAnchors(directory: string): Anchor[] {
  const file = path.join(directory, ANCHOR_FILE);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").split("\n").map(parseAnchor).filter((a): a is Anchor => a !== null);
}

export function latestAnchor(directory: string): Anchor | null {
  return readAnchors(directory).at(-1) ?? null;
}

export type AnchorProblem = { anchor: Anchor; reason: string };

/** Each anchored event must still be in the log with the anchored hash. */
export function checkAnchors(db: Db, anchors: Anchor[]): AnchorProblem[] {
  const lookup = db.$client.prepare("SELECT hash FROM audit_events WHERE id = ?");
  const problems: AnchorProblem[] = [];
  for (const anchor of anchors) {
    const row = lookup.get(anchor.eventId) as { hash: string } | undefined;
    if (!row) problems.push({ anchor, reason: `regel ${anchor.eventId} ontbreekt: het log is ingekort na het anker van ${formatAmsterdam(anchor.at)}` });
    else if (row.hash !== anchor.hash) problems.push({ anchor, reason: `regel ${anchor.eventId} heeft een andere hash dan het anker van ${formatAmsterdam(anchor.at)}` });
  }
  return problems;
}

/**
 * Writes the current head as a new anchor, unless it equals the latest one. Refuses (returns
 * the problem) when the latest anchor no longer matches the log: anchoring a shortened log
 * would hide the cut.
 */
export function anchorHead(db: Db, directory: string, head = chainHead(db)): { written: Anchor | null; problem: AnchorProblem | null } {
  const previous = latestAnchor(directory);
  const problem = previous ? (checkAnchors(db, [previous])[0] ?? null) : null;
  if (problem) return { written: null, problem };
  if (!head || (previous && previous.eventId === head.eventId)) return { written: null, problem: null };
  appendAnchor(directory, head);
  return { written: head, problem: null };
}
