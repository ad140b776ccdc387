import { count, eq } from "drizzle-orm";
import { auditEvents, organisations, users } from "#db/schema";
import { verifyAuditLog } from "./audit.server";
import type { Db } from "./db.server";

export function adminOverview(db: Db) {
  const usersByActive = db.select({ active: users.active, n: count() }).from(users).groupBy(users.active).all();
  const chain = verifyAuditLog(db);
  return {
    activeUsers: usersByActive.find((r) => r.active)?.n ?? 0,
    inactiveUsers: usersByActive.find((r) => !r.active)?.n ?? 0,
    organisations: db.select({ n: count() }).from(organisations).where(eq(organisations.active, true)).get()?.n ?? 0,
    auditEvents: db.select({ n: count() }).from(auditEvents).get()?.n ?? 0,
    auditChainOk: chain.ok,
    auditBrokenId: chain.ok ? null : chain.brokenId,
  };
}
