// Incremental verification from checkpoints, and anchors outside the database that reveal a
// log cut short with its id sequence reset (security finding 8 of issue 13).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ANCHOR_FILE, readAnchors } from "../../app/lib/audit-anchors.server";
import { audit, verifyAuditLog } from "../../app/models/audit.server";
import { latestCheckpoint, verifyAuditSinceCheckpoint } from "../../app/lib/audit-verification.server";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const origin = { ip: "192.0.2.7", userAgent: "anker-test" };

function runCli(script: string, env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t.close());
const db = () => t.portal.services.db;

describe("incremental verification", () => {
  it("checks only the events added since the last checkpoint, and still notices a change to the checkpoint's own row", async () => {
    for (let i = 0; i < 30; i++) audit(db(), { action: "test.incremental", attemptedEmail: "a@b.nl", detail: `v${i}`, origin });
    const first = verifyAuditSinceCheckpoint(db());
    expect(first.ok).toBe(true);
    const checkpoint = latestCheckpoint(db())!;
    expect(checkpoint.eventId).toBe(first.head!.eventId);

    for (let i = 0; i < 7; i++) audit(db(), { action: "test.incremental", attemptedEmail: "a@b.nl", detail: `w${i}`, origin });
    const started = performance.now();
    const second = verifyAuditSinceCheckpoint(db());
    console.log(`incremental verification: ${second.checked} new events in ${(performance.now() - started).toFixed(1)} ms`);
    expect(second).toMatchObject({ ok: true, checked: 7, from: checkpoint.eventId, complete: true, truncated: null });

    // The admin page says so too, and reports a change made after the checkpoint.
    const admin = await loggedIn(t.url, "admin@regiotafel.test");
    expect(await pageText(await admin.get("/beheer/audit"))).toMatch(/keten intact.*gecontroleerd sinds controlepunt regel \d+/s);
    audit(db(), { action: "test.incremental", attemptedEmail: "a@b.nl", detail: "later", origin });
    const later = db().$client.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number };
    db().$client.exec("DROP TRIGGER audit_events_no_update");
    try {
      db().$client.prepare("UPDATE audit_events SET detail = 'vervalst' WHERE id = ?").run(later.id);
      const page = await pageText(await admin.get("/beheer/audit"));
      expect(page).toContain(`Keten verbroken bij regel ${later.id}`);
      db().$client.prepare("UPDATE audit_events SET detail = 'later' WHERE id = ?").run(later.id);

      // The checkpoint's own row is compared with the stored hash.
      const cp = latestCheckpoint(db())!;
      const original = (db().$client.prepare("SELECT detail FROM audit_events WHERE id = ?").get(cp.eventId) as { detail: string | null }).detail;
      db().$client.prepare("UPDATE audit_events SET detail = 'vervalst' WHERE id = ?").run(cp.eventId);
      expect(verifyAuditSinceCheckpoint(db())).toMatchObject({ ok: false, brokenId: cp.eventId, reason: "inhoud gewijzigd sinds het controlepunt" });
      db().$client.prepare("UPDATE audit_events SET detail = ? WHERE id = ?").run(original, cp.eventId);
      expect(verifyAuditSinceCheckpoint(db()).ok).toBe(true);
    } finally {
      db().$client.exec(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;`);
    }
  });

  it("catches up a backlog in bounded slices, each continuing where the last stopped", () => {
    expect(verifyAuditSinceCheckpoint(db()).ok).toBe(true);
    for (let i = 0; i < 25; i++) audit(db(), { action: "test.slices", attemptedEmail: "a@b.nl", detail: `s${i}`, origin });
    const slices = [1, 2, 3].map(() => verifyAuditSinceCheckpoint(db(), { maxEvents: 10 }));
    expect(slices.map((v) => [v.ok, v.checked, v.complete])).toEqual([
      [true, 10, false],
      [true, 10, false],
      [true, 5, true],
    ]);
    expect(slices[1].from).toBe(slices[0].head!.eventId);
    expect(slices[2].from).toBe(slices[1].head!.eventId);
  });
});

describe("anchors outside the database", () => {
  let tp: TestPortal;
  let anchorDir: string;
  beforeAll(async () => {
    anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-anchors-"));
    tp = await startPortal({ AUDIT_ANCHOR_DIR: anchorDir, AUDIT_ANCHOR_MAIL_TO: "auditor@toezicht.example" });
  });
  afterAll(async () => {
    await tp.close();
    fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  it("mails each new anchor to AUDIT_ANCHOR_MAIL_TO through the outbox, matching the file", () => {
    const anchor = readAnchors(anchorDir).at(-1)!;
    const mails = tp.portal.services.db.$client
      .prepare("SELECT to_address AS toAddress, subject, text FROM outbox_mails WHERE kind = 'audit_anchor'")
      .all() as { toAddress: string; subject: string; text: string }[];
    expect(mails.length).toBeGreaterThanOrEqual(1);
    const last = mails.at(-1)!;
    expect(last.toAddress).toBe("auditor@toezicht.example");
    expect(last.subject).toBe(`Regiotafel: anker van het auditlog (regel ${anchor.eventId})`);
    expect(last.text).toContain(`Regel: ${anchor.eventId}\nHash: ${anchor.hash}`);
  });

  it("reports a log cut short with its sequence reset, which the chain alone cannot see", async () => {
    const tdb = tp.portal.services.db;
    for (const email of ["lid.limburg@regiotafel.test", "voorzitter.gelderland@regiotafel.test"]) await loggedIn(tp.url, email);
    const databasePath = tp.portal.services.config.databasePath;
    const env = { DATABASE_PATH: databasePath, AUDIT_ANCHOR_DIR: anchorDir };

    // `npm run audit:anchor` prints the head for an external log and appends it to the file.
    const anchored = await runCli("server/cli/audit-anchor.ts", env);
    expect(anchored.code).toBe(0);
    const head = JSON.parse(anchored.stdout.trim()) as { eventId: number; hash: string; at: string };
    expect(readAnchors(anchorDir).at(-1)).toEqual(head);
    expect(fs.readFileSync(path.join(anchorDir, ANCHOR_FILE), "utf8").trim().split("\n").at(-1)).toBe(anchored.stdout.trim());

    // Someone with the file deletes the newest rows and resets the sequence: the chain still verifies.
    tdb.$client.exec("DROP TRIGGER audit_events_no_delete");
    tdb.$client.prepare("DELETE FROM audit_events WHERE id > ?").run(head.eventId - 3);
    tdb.$client.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_events'").run(head.eventId - 3);
    expect(verifyAuditLog(tdb).ok).toBe(true);

    for (const args of [[], ["--since-checkpoint"]]) {
      const verify = await runCli("server/cli/verify-audit.ts", env, args);
      console.log(`audit:verify ${args.join(" ")} after truncation:\n${verify.stdout}`);
      expect(verify.stdout).toContain(`Auditlog klopt NIET met anker: regel ${head.eventId} ontbreekt: het log is ingekort`);
      expect(verify.code).toBe(1);
    }
    // The portal refuses to anchor the shortened head, and the admin page shows the problem.
    const before = readAnchors(anchorDir).length;
    const refused = await runCli("server/cli/audit-anchor.ts", env);
    expect(refused.code).toBe(1);
    expect(readAnchors(anchorDir)).toHaveLength(before);
    const admin = await loggedIn(tp.url, "admin@regiotafel.test");
    expect(await pageText(await admin.get("/beheer/audit"))).toContain("Keten klopt niet met het anker");
  }, 90_000);
});
