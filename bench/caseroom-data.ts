// Case-room benchmark participants, written straight into the bench database (as scale-data.ts
// writes cases): N signed-in table members of one table, each with a live session and a second
// factor on record (so no enrolment stands in the way), and the cases of that table they may
// read, checked with the portal's own access rule.
import { randomBytes } from "node:crypto";
import { checkCaseAccess } from "../app/lib/case-access.server";
import { authenticateCookieHeader, sessionCookieName } from "../app/lib/auth.server";
import type { AppServices } from "../app/lib/context.server";
import { growTo } from "./scale-data";

export type BenchRoom = { caseId: number; cookies: string[] };

export async function benchParticipants(services: AppServices, rooms: number, perRoom: number, table = "rotterdam"): Promise<BenchRoom[]> {
  const sqlite = services.db.$client;
  const tableId = (sqlite.prepare("SELECT id FROM regional_tables WHERE slug = ?").get(table) as { id: number }).id;
  const template = sqlite.prepare("SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.table_id = ? AND m.role = 'member' LIMIT 1").get(tableId) as Record<string, unknown>;
  const caseIds = () => (sqlite.prepare("SELECT id FROM cases WHERE table_id = ? ORDER BY id DESC").all(tableId) as { id: number }[]).map((r) => r.id);
  if (caseIds().length < rooms * 2) {
    const tables = (sqlite.prepare("SELECT count(*) AS n FROM regional_tables").get() as { n: number }).n;
    const have = (sqlite.prepare("SELECT count(*) AS n FROM cases").get() as { n: number }).n;
    growTo(sqlite, have + rooms * 2 * tables);
  }

  const columns = Object.keys(template).filter((c) => c !== "id" && c !== "email" && c !== "name" && c !== "totp_secret");
  const insertUser = sqlite.prepare(
    `INSERT OR IGNORE INTO users (id, email, name, totp_secret, ${columns.join(", ")}) SELECT @id, @email, @name, 'BENCHBENCHBENCHBENCH', ${columns.join(", ")} FROM users WHERE id = @templateId`,
  );
  const insertMembership = sqlite.prepare("INSERT OR IGNORE INTO memberships (user_id, role, table_id) VALUES (?, 'member', ?)");
  const insertSession = sqlite.prepare("INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)");
  const cookieName = sessionCookieName(services.config);
  const cookies: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < rooms * perRoom; i++) {
      const id = `bench-room-${i}`;
      insertUser.run({ id, email: `bench.room.${i}@regiotafel.test`, name: `Bench Deelnemer ${i}`, templateId: template.id });
      insertMembership.run(id, tableId);
      const sessionId = randomBytes(20).toString("hex");
      insertSession.run(sessionId, id, Math.floor(Date.now() / 1000) + 12 * 3600, Date.now());
      cookies.push(`${cookieName}=${sessionId}`);
    }
  })();

  // Only cases every participant may read (one participant stands for all: same organisation and role).
  const viewer = await authenticateCookieHeader(services, cookies[0]);
  if (!viewer || viewer.enrolmentRequired) throw new Error("bench participant is not signed in");
  const readable = caseIds().filter((id) => checkCaseAccess(services.db, viewer, id, "case:read").ok);
  if (readable.length < rooms) throw new Error(`only ${readable.length} readable cases at ${table}, ${rooms} rooms needed`);
  return readable.slice(0, rooms).map((caseId, r) => ({ caseId, cookies: cookies.slice(r * perRoom, (r + 1) * perRoom) }));
}
