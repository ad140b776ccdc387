// The monitor in a real browser. First the main flow of issue 5: the chair of Rotterdam-Rijnmond
// proposes a maatwerk-arrangement, the insurer's medical advisor approves it, and the project leader
// sees the count of approved arrangements go from 5 to 6 (with 1–4 the monitor would only say
// "onderdrukt", so five approved arrangements are there beforehand). Then what a reader sees: no
// chart label runs outside its SVG (none is cut off), tables are folded behind "Toon tabel", and the
// PDF download is a real PDF whose first page names the report and its period.
import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { arrangementComponents, arrangements, cases, regionalTables, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import type { CaseEvent } from "~/domain/case-lifecycle";
import { parseQuarter, periodBounds, quarterOf } from "~/domain/monitor";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { recordConclusion } from "~/models/funding.server";
import { createReferral } from "~/models/referrals.server";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import { readPdf } from "../helpers/pdf-text";
import type { TestPortal } from "../helpers/portal";
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

portalAndBrowser((started) => ({ t, browser } = started));
beforeAll(async () => {
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
    const { id } = db()
      .insert(arrangements)
      .values({ caseId: earlier.caseId, description: "Eerder goedgekeurd maatwerk", periodStart: "2026-01-01", periodEnd: "2026-12-31", costEstimate: 50000, status: "approved", approvedByUserId: user(ADVISOR).id, approvedAt: now, createdAt: now })
      .returning({ id: arrangements.id })
      .get();
    // Zvw, financed by the insurer, like the one this test proposes: the breakdown by domain then reads 5, later 6.
    db().insert(arrangementComponents).values({ arrangementId: id, kind: "treatment", description: "Behandeling", legalDomain: "zvw", fundingInstrument: "facultative_performance", financierOrganisationId: user(ADVISOR).organisationId }).run();
  }
  // The case of this test: with the medical advisor, who has already recorded an assessment of the seven criteria…
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
  // …and concluded "voldoet", which approval requires.
  const advisor = user(ADVISOR);
  const concluded = recordConclusion(db(), caseId, { conclusion: "meets", motivation: "Alle zeven criteria voldaan." }, { userId: advisor.id, organisationId: advisor.organisationId });
  if (!concluded.ok) throw new Error(concluded.error);
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
  // Three people sign in, each with password and code, and a dozen page loads: 30–60 s on a busy machine.
  it("chair proposes, advisor approves, the project leader sees 5 become 6", { timeout: 90_000 }, async () => {
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
    // The table behind the legal-domain chart opens with "Toon tabel".
    const figure = pl.page.locator("figure", { has: pl.page.getByRole("img", { name: /naar wettelijk domein/ }) });
    await figure.locator("summary").click();
    const zvw = figure.locator("table.chart-data tr", { has: pl.page.getByRole("rowheader", { name: "Zvw", exact: true }) });
    expect((await zvw.first().locator("td").textContent())?.trim()).toBe("6"); // all six are Zvw only
    expect(await pl.page.content()).not.toContain(caseCode);
    expect(pl.problems).toEqual([]);

    await Promise.all([pl.close(), chair.close(), advisor.close()]);
  });
});

/** Every chart's text elements whose box lies outside their SVG (by more than half a pixel). */
async function clippedLabels(page: Page): Promise<{ charts: number; labels: number; clipped: string[] }> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    let labels = 0;
    const charts = [...document.querySelectorAll("svg.chart")];
    for (const svg of charts) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll("text")) {
        labels++;
        const r = text.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) clipped.push(`${svg.getAttribute("aria-label")?.slice(0, 40)}: ${text.textContent}`);
      }
    }
    return { charts: charts.length, labels, clipped };
  });
}

describe("the monitor as a reader sees it", { timeout: 90_000 }, () => {
  it("no clipped chart labels, tables behind 'Toon tabel', and a PDF report with title and period", async () => {
    const pl = await pageAs(PL);
    const period = parseQuarter(QUARTER)!;
    for (const url of [`/monitor?periode=kwartaal&kwartaal=${QUARTER}`, MONITOR, `/monitor/capaciteit?periode=kwartaal&kwartaal=${QUARTER}`]) {
      await pl.page.setViewportSize({ width: 1280, height: 900 });
      await pl.page.goto(t.url + url);
      const result = await clippedLabels(pl.page);
      console.log(`${url}: ${result.charts} charts, ${result.labels} labels, ${result.clipped.length} clipped`);
      expect(result.charts).toBeGreaterThan(0);
      expect(result.clipped, url).toEqual([]);
    }
    // Tables are folded away; opening one shows the same values as the chart.
    await pl.page.goto(t.url + MONITOR);
    const details = pl.page.locator("details.chart-details").first();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator("summary").click();
    expect(await details.locator("table").isVisible()).toBe(true);

    // The PDF report from the page's link: a valid PDF, first page with title and period.
    const [download] = await Promise.all([pl.page.waitForEvent("download"), pl.page.getByRole("link", { name: "Rapport als pdf" }).click()]);
    const file = await download.path();
    const fs = await import("node:fs");
    const bytes = fs.readFileSync(file!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await readPdf(new Uint8Array(bytes));
    console.log(`PDF: ${bytes.length} bytes, ${pdf.pageCount} pages; first page: ${pdf.pages[0].split("\n").slice(0, 4).join(" | ")}`);
    expect(pdf.pages[0]).toContain("Landelijke monitor hoogcomplexe ggz");
    expect(pdf.pages[0]).toContain(period.label);
    expect(pdf.pages[0]).toContain("Tafel Rotterdam-Rijnmond");
    expect(pdf.pages[0]).toContain("Pagina 1 van");

    // "Afdrukken" from the browser: the print layout starts with the heading on page 1 (no empty first
    // page), without menu, filters or buttons, on few pages.
    await pl.page.emulateMedia({ media: "print" });
    const printed = await readPdf(new Uint8Array(await pl.page.pdf({ format: "A4", printBackground: false })));
    console.log(`printed page: ${printed.pageCount} A4 pages; first page starts: ${printed.pages[0].split("\n").slice(0, 2).join(" | ")}`);
    expect(printed.pages[0]).toContain("Landelijke monitor");
    expect(printed.pages[0]).toContain(period.label);
    expect(printed.pages.join("\n")).not.toMatch(/Hoofdmenu|Tonen|Downloaden als CSV|Uitloggen/);
    expect(printed.pageCount).toBeLessThanOrEqual(8);
    await pl.page.emulateMedia({ media: "screen" });
    expect(pl.problems).toEqual([]);
    await pl.close();
  });
});

