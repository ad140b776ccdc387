// What a newcomer sees in the monitor on the demo data (issues 11 and 14): real figures next to
// suppressed ones, including cases not included broken down by the criterion not met.
import { parseYear } from "~/domain/monitor";
import { SUPPRESSED } from "~/domain/disclosure";
import { monitorReport } from "~/models/monitor.server";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

describe("the monitor on the demo data", () => {
  it("last year, nationally: 'not included by criterion' is not all zeros, and suppressed figures sit next to real ones", () => {
    const lastYear = String(new Date().getFullYear() - 1);
    const report = monitorReport(t.portal.services.db, { period: parseYear(lastYear)!, tableIds: null });
    const criteria = report.notIncludedByCriterion.map((c) => c.count);
    console.log(`demo monitor ${lastYear}: not included by first criterion not met: ${criteria.join(", ")}`);
    // Not all zero: the cases not included last year are there, each criterion's count shown or hidden as 1–4 / complement.
    expect(criteria.filter((c) => c !== 0).length).toBeGreaterThan(0);
    const regions = report.perRegion.flatMap((r) => [r.received, r.included]);
    expect(regions.some((c) => typeof c === "number" && c >= 5)).toBe(true);
    expect([...regions, ...criteria, ...report.flow.map((f) => f.count)]).toContain(SUPPRESSED);
  });
});

describe("advies op tijd", () => {
  it("counts advices given or past their deadline, on time when given before it; the share only from 5 or more", async () => {
    const { agendaItems, cases, meetings, referrerAdvices, regionalTables } = await import("#db/schema");
    const { and, eq, inArray } = await import("drizzle-orm");
    const { parseMonth, periodBounds } = await import("~/domain/monitor");
    const db = t.portal.services.db;
    const limburg = db.select().from(regionalTables).where(eq(regionalTables.slug, "limburg")).get()!;
    const caseIds = db.select({ id: cases.id }).from(cases).where(eq(cases.tableId, limburg.id)).all().map((c) => c.id);
    db.delete(referrerAdvices).where(inArray(referrerAdvices.caseId, caseIds)).run();
    // A month two years back that the demo history does not reach for this purpose: only these advices count.
    const month = parseMonth(`${new Date().getFullYear() - 3}-03`)!;
    const start = new Date(periodBounds(month).start);
    const at = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
    const { id: meetingId } = db.insert(meetings).values({ tableId: limburg.id, title: "Bespreking", startsAt: at(2), durationMinutes: 60, createdAt: at(0) }).returning({ id: meetings.id }).get();
    // Eleven discussions: six advices given before the deadline, four late, one never given (deadline passed).
    // (Late must not be 1–4 here: with 7 counted and 5 on time, the 2 late would follow, so both are hidden.)
    const given = [1.5, 1.2, 1.9, 0.5, 1.1, 1.3, 3, 3.5, 2.5, 5, null];
    given.forEach((after, i) => {
      const { id: agendaItemId } = db.insert(agendaItems).values({ meetingId, caseId: caseIds[i % caseIds.length], startsAt: at(2), durationMinutes: 10, closedAt: at(2) }).returning({ id: agendaItems.id }).get();
      db.insert(referrerAdvices).values({ caseId: caseIds[i % caseIds.length], agendaItemId, discussedAt: at(2), dueAt: at(4), recordedAt: after === null ? null : at(2 + after) }).run();
    });
    const report = (tableIds: number[] | null) => monitorReport(db, { period: month, tableIds });
    expect(report([limburg.id]).adviceOnTime).toEqual({ counted: 11, onTime: 6, percent: 54.5 });
    // Only one advice counts: it and the share stay hidden.
    db.delete(referrerAdvices).where(and(inArray(referrerAdvices.caseId, caseIds), eq(referrerAdvices.dueAt, at(4)))).run();
    const { id: agendaItemId } = db.insert(agendaItems).values({ meetingId, caseId: caseIds[0], startsAt: at(2), durationMinutes: 10, closedAt: at(2) }).returning({ id: agendaItems.id }).get();
    db.insert(referrerAdvices).values({ caseId: caseIds[0], agendaItemId, discussedAt: at(2), dueAt: at(4), recordedAt: at(3) }).run();
    expect(report([limburg.id]).adviceOnTime).toEqual({ counted: SUPPRESSED, onTime: SUPPRESSED, percent: SUPPRESSED });
  });
});
