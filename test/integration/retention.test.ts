import { and, eq } from "drizzle-orm";
import { auditEvents, caseEvents, caseMessages, cases, users } from "../../db/schema";
import { applyCaseEvent } from "../../app/models/cases.server";
import { purgeExpiredRoomMessages } from "../../app/models/retention.server";
import { verifyAuditLog } from "../../app/models/audit.server";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t.close());

const db = () => t.portal.services.db;

describe("retention of case-room messages after closure", () => {
  it("deletes the messages of cases closed longer ago than the period, keeps the rest and the case file, and logs counts", () => {
    const chair = db().select().from(users).where(eq(users.email, "voorzitter.brabant@regiotafel.test")).get()!;
    const closedCase = db().select().from(cases).where(eq(cases.code, "RT6-2026-001")).get()!;
    const openCase = db().select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!;
    const say = (caseId: number, n: number) =>
      db().insert(caseMessages).values({ caseId, authorUserId: chair.id, clientMessageId: `m-${caseId}-${n}`, body: `bericht ${n}`, createdAt: new Date().toISOString() }).run();
    [1, 2, 3].forEach((n) => say(closedCase.id, n));
    [1, 2].forEach((n) => say(openCase.id, n));

    expect(applyCaseEvent(db(), closedCase.id, { event: "close", reason: "Patiënt verhuisd naar het buitenland." }, { userId: chair.id, organisationId: chair.organisationId }).ok).toBe(true);
    const now = new Date();
    // Closed today: nothing is due yet.
    expect(purgeExpiredRoomMessages(db(), now, 365)).toEqual({ cases: 0, messages: 0 });

    // Let the closure lie 400 days back.
    const longAgo = new Date(now.getTime() - 400 * 86_400_000).toISOString();
    db().update(caseEvents).set({ at: longAgo }).where(and(eq(caseEvents.caseId, closedCase.id), eq(caseEvents.event, "close"))).run();
    expect(purgeExpiredRoomMessages(db(), now, 365)).toEqual({ cases: 1, messages: 3 });

    expect(db().select().from(caseMessages).where(eq(caseMessages.caseId, closedCase.id)).all()).toHaveLength(0);
    expect(db().select().from(caseMessages).where(eq(caseMessages.caseId, openCase.id)).all()).toHaveLength(2);
    expect(db().select().from(cases).where(eq(cases.id, closedCase.id)).get()!.status).toBe("closed");
    const logged = db().select().from(auditEvents).where(eq(auditEvents.action, "retention.purge")).all();
    expect(logged).toHaveLength(1);
    expect(logged[0].detail).toContain("3 berichten van 1 casussen");
    expect(logged[0].detail).not.toContain("bericht 1");
    expect(verifyAuditLog(db()).ok).toBe(true);
  });
});
