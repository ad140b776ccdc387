// The main flow of issue 5 in a real browser: the chair of Rotterdam-Rijnmond proposes a
// maatwerk-arrangement, the insurer's medical advisor approves it, and the project leader sees
// the count of approved arrangements on the national monitor go from 5 to 6 (with 1–4 the
// monitor would only say "<5", so five approved arrangements are there beforehand).
import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { arrangements, cases, regionalTables, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import type { CaseEvent } from "~/domain/case-lifecycle";
import { parseQuarter, periodBounds, quarterOf } from "~/domain/monitor";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { launchBrowser, loginThroughForm } from "../helpers/browser";
import { startPortal, type TestPortal } from "../helpers/portal";
import { validReferral } from "../helpers/referral-payload";

let t: TestPortal;
let browser: Browser;
const db = () => t.portal.services.db;
const user = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const PL = "projectleider@regiotafel.test";
const QUARTER = quarterOf(new Date());
const MONITOR = `/monitor?periode=kwartaal&kwartaal=${QUARTER}&regio=rotterdam`;

/** A VGZ-insured case at Rotterdam-Rijnmond, moved by the chair up to the given state through the lifecycle. */
function caseUpTo(n: number, last: "advisor_check" | "discussed") {
  const referrer = user("zorgbemiddeling.vgz@regiotafel.test");
  const chair = user(CHAIR);
  const input = ReferralSchema.parse(validReferral({ patient: { name: `Browserpersoon ${n}`, bsn: demoBsn(300 + n), municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ" } }));
  const created = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: null, userAgent: "vitest" },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const verdicts = CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing en het overleg." }));
  saveAssessment(db(), created.caseId, "screening", chair.id, verdicts);
  const steps: CaseEvent[] = ["start_screening", "include", "schedule", "discuss", ...(last === "advisor_check" ? (["agree_plan", "request_advisor_check"] as const) : [])];
  for (const event of steps) {
    const result = applyCaseEvent(db(), created.caseId, { event }, { userId: chair.id, organisationId: chair.organisationId });
    if (!result.ok) throw new Error(`${event}: ${result.error}`);
  }
  return created;
}

let caseId: number;
let caseCode: string;

beforeAll(async () => {
  [t, browser] = await Promise.all([startPortal(), launchBrowser()]);
  const rotterdam = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!;
  // Approved arrangements already at Rotterdam this quarter (none in the demo data today), topped up to 5.
  const { start } = periodBounds(parseQuarter(QUARTER)!);
  const rotterdamCases = db().select({ id: cases.id }).from(cases).where(eq(cases.tableId, rotterdam.id)).all().map((c) => c.id);
  const existing = rotterdamCases.length
    ? db()
        .select()
        .from(arrangements)
        .where(and(inArray(arrangements.caseId, rotterdamCases), isNotNull(arrangements.approvedAt), gte(arrangements.approvedAt, new Date(start).toISOString())))
        .all().length
    : 0;
  for (let i = existing; i < 5; i++) {
    const earlier = caseUpTo(i + 1, "discussed");
    const now = new Date().toISOString();
    db()
      .insert(arrangements)
      .values({ caseId: earlier.caseId, description: "Eerder goedgekeurd maatwerk", periodStart: "2026-01-01", periodEnd: "2026-12-31", costEstimate: 50000, status: "approved", approvedByUserId: user(ADVISOR).id, approvedAt: now, createdAt: now })
      .run();
  }
  // The case of this test: with the medical advisor, who has already recorded an assessment of the seven criteria.
  const created = caseUpTo(10, "advisor_check");
  caseId = created.caseId;
  caseCode = created.code;
  saveAssessment(
    db(),
    caseId,
    "advisor",
    user(ADVISOR).id,
    CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Getoetst door de medisch adviseur." })),
  );
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A fresh signed-in page that records page errors. */
async function pageAs(email: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await loginThroughForm(page, t.url, email);
  return { page, problems, close: () => context.close() };
}

async function approvedCount(page: Page): Promise<string> {
  await page.goto(t.url + MONITOR);
  await page.getByRole("heading", { name: "Maatwerk-arrangementen" }).waitFor();
  return (await page.locator("#arrangementen-goedgekeurd").innerText()).trim();
}

describe("issue 5 in the browser: arrangement proposed, approved, counted", () => {
  // Three people sign in, each with password and code: more than the default 30 s on a busy machine.
  it("chair proposes, advisor approves, the project leader sees 5 become 6", { timeout: 60_000 }, async () => {
    const pl = await pageAs(PL);
    expect(await approvedCount(pl.page)).toBe("5");
    // The chart is there for screen readers too, and the page names no case.
    expect(await pl.page.getByRole("img", { name: /Goedgekeurde maatwerk-arrangementen naar wettelijk domein/ }).count()).toBe(1);
    expect(await pl.page.content()).not.toContain(caseCode);

    // The chair proposes the arrangement.
    const chair = await pageAs(CHAIR);
    await chair.page.goto(`${t.url}/casussen/${caseId}/arrangementen`);
    await chair.page.getByRole("heading", { name: "Arrangement voorstellen" }).waitFor();
    const form = chair.page.locator("form", { has: chair.page.getByRole("heading", { name: "Arrangement voorstellen" }) });
    await form.locator('textarea[name="description"]').fill("Intensieve klinische behandeling met aansluitend begeleid wonen.");
    await form.locator('input[name="periodStart"]').fill("2026-12-01");
    await form.locator('input[name="periodEnd"]').fill("2027-11-30");
    await form.locator('input[name="costEstimate"]').fill("85.000");
    await form.locator('select[name="components.0.kind"]').selectOption({ label: "Behandeling" });
    await form.locator('input[name="components.0.description"]').fill("Klinische intensieve behandeling");
    await form.locator('select[name="components.0.legalDomain"]').selectOption({ label: "Zvw" });
    await form.locator('select[name="components.0.fundingInstrument"]').selectOption({ label: "Facultatieve prestatie" });
    await form.locator('select[name="components.0.providerOrganisationId"]').selectOption({ label: "Parnassia Groep" });
    await form.locator('select[name="components.0.financierOrganisationId"]').selectOption({ label: "VGZ" });
    await form.getByRole("button", { name: "Arrangement voorstellen" }).click();
    await chair.page.getByText("Het arrangement is voorgesteld.").waitFor();
    expect(chair.problems).toEqual([]);

    // Proposed is not approved: the monitor still says 5.
    expect(await approvedCount(pl.page)).toBe("5");

    // The insurer's medical advisor approves it, tied to their assessment.
    const advisor = await pageAs(ADVISOR);
    await advisor.page.goto(`${t.url}/casussen/${caseId}/arrangementen`);
    await advisor.page.getByRole("button", { name: "Arrangement goedkeuren" }).click();
    await advisor.page.getByText("Het arrangement is goedgekeurd.").waitFor();
    expect(advisor.problems).toEqual([]);

    // The project leader sees the sixth approved arrangement.
    expect(await approvedCount(pl.page)).toBe("6");
    const zvw = pl.page.locator("table.chart-data tr", { has: pl.page.getByRole("rowheader", { name: "Zvw", exact: true }) });
    expect((await zvw.first().locator("td").innerText()).trim()).toBe("<5"); // only the new one has components
    expect(await pl.page.content()).not.toContain(caseCode);
    expect(pl.problems).toEqual([]);

    await Promise.all([pl.close(), chair.close(), advisor.close()]);
  });
});
