import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { agendaItems, cases, informationRequests, meetings, planActions, referrerAdvices, regionalTables, users } from "../../db/schema";
import { FIRST_ITEMS } from "../../app/models/worklists.server";
import { addDeadline } from "../../app/models/case-progress.server";
import { addAction, addGoal } from "../../app/models/plan.server";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";
import { amsterdamInDays } from "../helpers/dates";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t.close());

const db = () => t.portal.services.db;
const caseByCode = (code: string) => db().select().from(cases).where(eq(cases.code, code)).get()!;

/** One worklist on the home page: from its heading to the next heading. */
function section(html: string, title: string): string {
  const start = html.search(new RegExp(`<h3[^>]*>${title}[ <]`));
  expect(start, `worklist "${title}"`).toBeGreaterThan(-1);
  const rest = html.slice(start + 1);
  const end = rest.search(/<h[23][ >]/);
  return end === -1 ? rest : rest.slice(0, end);
}
const countOf = (worklist: string) => Number(/class="worklist__count">(\d+)</.exec(worklist)?.[1]);

describe("home page per role: worklists", () => {
  it("shows the chair what waits: to screen (crisis first), terms needing attention and overdue actions — by code, never by name", async () => {
    const chairAmsterdam = db().select().from(users).where(eq(users.email, "voorzitter.amsterdam@regiotafel.test")).get()!;
    const included = caseByCode("RT3-2026-001"); // demo: included at Amsterdam
    const term = addDeadline(db(), included.id, { kind: "wmo_support", startDate: "2026-01-01", needsWlz: false }, chairAmsterdam.id);
    expect(term.ok).toBe(true);
    addGoal(db(), included.id, { lifeDomain: "housing", goal: "Een passende woonplek met begeleiding" });
    const tomorrow = amsterdamInDays(1);
    const orgId = chairAmsterdam.organisationId;
    const action = addAction(db(), included.id, { description: "Aanmelding beschermd wonen versturen", ownerOrganisationId: orgId, dueDate: tomorrow, goalId: null });
    expect(action.ok).toBe(true);
    // Let the action run late.
    db().update(planActions).set({ dueDate: "2026-02-01" }).where(eq(planActions.description, "Aanmelding beschermd wonen versturen")).run();

    const html = await pageText(await (await loggedIn(t.url, "voorzitter.amsterdam@regiotafel.test")).get("/"));
    const terms = section(html, "Termijnen die aandacht vragen");
    expect(terms).toMatch(/RT3-2026-001<\/a><span> · [^<]*Wmo/);
    expect(section(html, "Acties over de datum")).toContain("Aanmelding beschermd wonen versturen");
    expect(html).not.toContain("Kees Bakker"); // the demo patient: the home page shows codes only

    const rotterdam = await pageText(await (await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test")).get("/"));
    const rotterdamId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
    const waiting = db().select().from(cases).where(and(eq(cases.tableId, rotterdamId), inArray(cases.status, ["received", "screening"]))).all();
    const toScreen = section(rotterdam, "Te screenen");
    expect(countOf(toScreen)).toBe(waiting.length);
    expect(toScreen.match(/<li>/g)?.length).toBe(Math.min(waiting.length, 5));
    // Crisis first, with its badge.
    const crisis = waiting.filter((c) => c.urgency === "crisis");
    if (crisis.length) expect(toScreen.indexOf(crisis[0].code)).toBeLessThan(toScreen.indexOf("</li>"));
    expect(toScreen).toContain(crisis.length ? "Crisis" : "Te screenen");
  });

  it("a table member sees the next meeting with its agenda and their own overdue actions, not the chair's lists", async () => {
    const html = await pageText(await (await loggedIn(t.url, "lid.amsterdam@regiotafel.test")).get("/"));
    expect(html).toContain("U bent lid van tafel Amsterdam");
    expect(html).toContain("Volgende bijeenkomst");
    expect(html).toContain("Uw acties over de datum");
    expect(html).not.toContain("Te screenen");
    const amsterdamId = db().select().from(regionalTables).where(eq(regionalTables.slug, "amsterdam")).get()!.id;
    const next = db()
      .select()
      .from(meetings)
      .where(and(eq(meetings.tableId, amsterdamId), eq(meetings.cancelled, false), gte(meetings.startsAt, new Date().toISOString())))
      .orderBy(asc(meetings.startsAt))
      .get();
    if (next) {
      expect(section(html, "Volgende bijeenkomst")).toContain(`href="/bijeenkomsten/${next.id}"`);
      const items = db().select().from(agendaItems).where(eq(agendaItems.meetingId, next.id)).all();
      expect(countOf(section(html, "Op de agenda"))).toBe(items.length);
    } else {
      expect(section(html, "Volgende bijeenkomst")).toContain("Er is geen bijeenkomst gepland.");
    }
  });

  it("gives referrers and advisors their entry points", async () => {
    const referrer = await pageText(await (await loggedIn(t.url, "zorgbemiddeling.cz@regiotafel.test")).get("/"));
    expect(referrer).toContain('href="/verwijzingen/nieuw"');
    // The referrer's organisation's open questions from the table, as counted in the database.
    const cz = db().select().from(users).where(eq(users.email, "zorgbemiddeling.cz@regiotafel.test")).get()!;
    const open = db()
      .select({ code: cases.code })
      .from(informationRequests)
      .innerJoin(cases, eq(informationRequests.caseId, cases.id))
      .where(and(eq(cases.referrerOrganisationId, cz.organisationId), isNull(informationRequests.answeredAt)))
      .all();
    expect(countOf(section(referrer, "Vragen van de tafel"))).toBe(open.length);
    for (const q of open.slice(0, 5)) expect(section(referrer, "Vragen van de tafel")).toContain(q.code);
    expect(referrer).toContain("Adviezen van de tafel");
    const advisor = await pageText(await (await loggedIn(t.url, "adviseur.cz@regiotafel.test")).get("/"));
    expect(advisor).toContain('href="/adviseur"');
    const presented = db().select().from(cases).where(and(eq(cases.insurerId, cz.organisationId), eq(cases.status, "advisor_check"))).all();
    expect(countOf(section(advisor, "Voorgelegd voor uw toetsing"))).toBe(presented.length);
    expect(advisor).not.toContain('href="/verwijzingen/nieuw"');
  });

  it("the referrer's advices from the table, which grow for years, show their count and only the first few, newest first, with a link to the whole list", async () => {
    const email = "zorgbemiddeling.vgz@regiotafel.test";
    const org = db().select().from(users).where(eq(users.email, email)).get()!.organisationId;
    const own = db().select().from(cases).where(eq(cases.referrerOrganisationId, org)).limit(1).get()!;
    const meeting = db()
      .insert(meetings)
      .values({ tableId: own.tableId, title: "Adviezen", startsAt: "2025-01-07T13:00:00.000Z", durationMinutes: 120, location: "Zaal", createdAt: "2025-01-01T00:00:00.000Z" })
      .returning()
      .get();
    for (let i = 0; i < 12; i++) {
      const item = db().insert(agendaItems).values({ meetingId: meeting.id, caseId: own.id, startsAt: meeting.startsAt, durationMinutes: 10 }).returning().get();
      const day = String(i + 1).padStart(2, "0");
      db().insert(referrerAdvices).values({ caseId: own.id, agendaItemId: item.id, discussedAt: meeting.startsAt, dueAt: meeting.startsAt, recordedAt: `2025-02-${day}T10:00:00.000Z` }).run();
    }
    const total = db().select({ id: referrerAdvices.id }).from(referrerAdvices).innerJoin(cases, eq(referrerAdvices.caseId, cases.id)).where(eq(cases.referrerOrganisationId, org)).all().length;
    const home = await pageText(await (await loggedIn(t.url, email)).get("/"));
    const answers = section(home, "Adviezen van de tafel");
    expect(countOf(answers)).toBe(total);
    expect(answers.match(/<li/g)?.length ?? 0).toBeLessThanOrEqual(FIRST_ITEMS + 1); // the items, and at most the link
    expect(answers).toContain('href="/verwijzingen"');
  });
});

