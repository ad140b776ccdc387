import { eq } from "drizzle-orm";
import { cases, planActions, users } from "../../db/schema";
import { addDeadline } from "../../app/models/case-progress.server";
import { addAction, addGoal } from "../../app/models/plan.server";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t.close());

const db = () => t.portal.services.db;
const caseByCode = (code: string) => db().select().from(cases).where(eq(cases.code, code)).get()!;

describe("home page per role", () => {
  it("shows the chair new referrals, the crisis count, terms needing attention and overdue actions — by code, never by name", async () => {
    const chairAmsterdam = db().select().from(users).where(eq(users.email, "voorzitter.amsterdam@regiotafel.test")).get()!;
    const included = caseByCode("RT3-2026-001"); // demo: included at Amsterdam
    const term = addDeadline(db(), included.id, { kind: "wmo_support", startDate: "2026-01-01", needsWlz: false }, chairAmsterdam.id);
    expect(term.ok).toBe(true);
    addGoal(db(), included.id, { lifeDomain: "housing", goal: "Een passende woonplek met begeleiding" });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const orgId = chairAmsterdam.organisationId;
    const action = addAction(db(), included.id, { description: "Aanmelding beschermd wonen versturen", ownerOrganisationId: orgId, dueDate: tomorrow, goalId: null });
    expect(action.ok).toBe(true);
    // Let the action run late.
    db().update(planActions).set({ dueDate: "2026-02-01" }).where(eq(planActions.description, "Aanmelding beschermd wonen versturen")).run();

    const html = await pageText(await (await loggedIn(t.url, "voorzitter.amsterdam@regiotafel.test")).get("/"));
    expect(html).toContain("Termijnen die aandacht vragen");
    expect(html).toMatch(/RT3-2026-001<\/a><\/td><td>[^<]*Wmo/);
    expect(html).toContain("Acties over de datum");
    expect(html).toContain("Aanmelding beschermd wonen versturen");
    expect(html).not.toContain("Kees Bakker"); // the demo patient: the home page shows codes only

    const rotterdam = await pageText(await (await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test")).get("/"));
    // Demo: two received at Rotterdam-Rijnmond, one of them crisis.
    expect(rotterdam).toMatch(/<strong>2<\/strong> nieuwe of in screening/);
    expect(rotterdam).toContain("1 crisis");
    expect(rotterdam).not.toContain("Termijnen die aandacht vragen");
  });

  it("a table member sees the counts but not the chair's attention lists", async () => {
    const html = await pageText(await (await loggedIn(t.url, "lid.amsterdam@regiotafel.test")).get("/"));
    expect(html).toContain("U bent lid van tafel Amsterdam");
    expect(html).not.toContain("Acties over de datum");
  });

  it("gives referrers and advisors their entry points", async () => {
    const referrer = await pageText(await (await loggedIn(t.url, "zorgbemiddeling.cz@regiotafel.test")).get("/"));
    expect(referrer).toContain('href="/verwijzingen/nieuw"');
    const advisor = await pageText(await (await loggedIn(t.url, "adviseur.cz@regiotafel.test")).get("/"));
    expect(advisor).toContain('href="/adviseur"');
    expect(advisor).not.toContain('href="/verwijzingen/nieuw"');
  });
});
