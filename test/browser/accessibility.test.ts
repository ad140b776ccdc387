// Every page each demo role reaches, crawled in Chromium at phone width (375 px):
// - axe-core finds no violation of impact serious or critical, also in every form's error state
//   (and, separately, the error state of every kind of form, page by page);
// - no page scrolls sideways, at 375 px nor at 200% zoom (a 1366 × 768 screen zoomed to 200% lays
//   the page out in 683 × 384 CSS pixels);
// - no text shown to people holds an ISO date or an untranslated action code; nor do the CSVs.
// Screenshots of each role's home at 1366 and 375 px go to test-results/screenshots (git-ignored).
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seriousAxeViolations } from "../helpers/axe";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { agendaItems, cases, informationRequests, meetings, regionalTables } from "#db/schema";
import { portalAndBrowser } from "../helpers/browser";
import { Client, loggedIn, type TestPortal } from "../helpers/portal";
import { dutchOutputProblems } from "../helpers/dutch-output";

const SHOTS = path.resolve("test-results/screenshots");

const ROLES = {
  voorzitter: "voorzitter.rotterdam@regiotafel.test",
  tafellid: "lid.rotterdam@regiotafel.test",
  verwijzer: "zorgbemiddeling.vgz@regiotafel.test",
  zorgaanbieder: "verwijzer.parnassia@regiotafel.test",
  adviseur: "adviseur.vgz@regiotafel.test",
  projectleider: "projectleider@regiotafel.test",
  beheerder: "admin@regiotafel.test",
} as const;

/** Pages per role, and at most this many pages of one kind (/casussen/1 and /casussen/2 are one kind). */
const MAX_PAGES = 12;
const PER_KIND = 1;
const MAX_FORMS = 4;

let t: TestPortal;
let browser: Browser;
const db = () => t.portal.services.db;
portalAndBrowser((started) => ({ t, browser } = started));
beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
});

type Findings = { axe: string[]; wide: string[]; dutch: string[]; pages: number; forms: number; csvs: number; axeMs: number };

const PHONE = { width: 375, height: 800 };
/** 200% zoom on a 1366 × 768 screen. */
const ZOOMED = { width: 683, height: 384 };

async function axeProblems(page: Page, where: string, findings?: Findings): Promise<string[]> {
  const started = Date.now();
  const problems = await seriousAxeViolations(page, where);
  if (findings) findings.axeMs += Date.now() - started;
  return problems;
}

async function widthProblem(page: Page, where: string): Promise<string[]> {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  return scroll > viewport + 1 ? [`${where}: ${scroll} px breed bij ${viewport} px`] : [];
}

/** The same page at 200% zoom, then back to phone width. */
async function zoomProblem(page: Page, where: string): Promise<string[]> {
  await page.setViewportSize(ZOOMED);
  const problems = await widthProblem(page, `${where} (200% zoom)`);
  await page.setViewportSize(PHONE);
  return problems;
}

const kindOf = (url: string) => new URL(url, "http://x").pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
const SKIP = /^\/(uitloggen|api\/|agenda\/feed|bijlagen\/)|\.(ics|pdf)(\?|$)|[?&]bevestig=/;

/** Internal links on the page worth visiting, and CSV downloads. */
async function linksOn(page: Page): Promise<{ pages: string[]; csvs: string[] }> {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
  const pages: string[] = [];
  const csvs: string[] = [];
  for (const href of hrefs) {
    if (!href.startsWith("/") || href.startsWith("//")) continue;
    const url = href.split("#")[0];
    if (/\.csv(\?|$)|\/export(\?|$)/.test(url)) csvs.push(url);
    else if (url && !SKIP.test(url)) pages.push(url);
  }
  return { pages, csvs };
}

/** Blank the required fields of each post form on the page, submit, and check the error state. */
async function formErrorStates(page: Page, url: string, findings: Findings, budget: { left: number }) {
  const count = await page.locator("form[method='post' i]").count();
  for (let i = 0; i < count && budget.left > 0; i++) {
    const form = page.locator("form[method='post' i]").nth(i);
    const blanked = await form.evaluate((f: HTMLFormElement) => {
      const required = [...f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[required], textarea[required]")].filter(
        (e) => !["radio", "checkbox", "hidden", "file", "password"].includes(e.type),
      );
      if (!required.length || f.getAttribute("action") === "/uitloggen") return false;
      for (const e of required) e.value = "";
      f.noValidate = true;
      return true;
    });
    if (!blanked) continue;
    budget.left--;
    findings.forms++;
    await form.evaluate((f: HTMLFormElement) => f.requestSubmit());
    await page.locator(".error-summary, .field-error, [role='alert']").first().waitFor({ timeout: 5_000 }).catch(() => {
      findings.axe.push(`${url} formulier ${i + 1}: geen foutmelding na een lege verzending`);
    });
    findings.axe.push(...(await axeProblems(page, `${url} (formulier ${i + 1}, foutstatus)`, findings)));
    findings.wide.push(...(await widthProblem(page, `${url} (formulier ${i + 1}, foutstatus)`)), ...(await zoomProblem(page, `${url} (formulier ${i + 1}, foutstatus)`)));
    await open(page, url);
  }
}

type RemixWindow = { __remixRouter?: { navigate(to: string): Promise<void>; state: { navigation: { state: string } } } };

/**
 * Opens a page the way a person moving through the portal does: after the first page, by the
 * client router (so axe, injected once, stays loaded: injecting it costs more than a run). A page
 * that answered with an error shows the layout's error heading. Returns a problem or null.
 */
async function open(page: Page, url: string): Promise<string | null> {
  const hydrated = await page.evaluate(() => Boolean((window as RemixWindow).__remixRouter)).catch(() => false);
  if (!hydrated) {
    const response = await page.goto(t.url + url);
    await page.waitForFunction(() => Boolean((window as RemixWindow).__remixRouter), null, { timeout: 15_000 }).catch(() => undefined);
    return response && response.status() < 500 ? null : `${url}: HTTP ${response?.status()}`;
  }
  await page.evaluate(async (to) => {
    const router = (window as RemixWindow).__remixRouter!;
    await router.navigate(to);
  }, url);
  await page.waitForFunction(() => (window as RemixWindow).__remixRouter?.state.navigation.state === "idle");
  // React commits the new page after the router settles: one frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  const heading = await page.locator("main h1").first().textContent().catch(() => null);
  return heading === "Er ging iets mis" ? `${url}: foutpagina` : null;
}

/** Pages a role reaches that the first dozen links may not lead to: the chair's patient access log (inzage). */
function startPages(role: string): string[] {
  if (role !== "voorzitter") return [];
  const first = db()
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
    .where(eq(regionalTables.slug, "rotterdam"))
    .orderBy(asc(cases.id))
    .get()!;
  return [`/casussen/${first.id}/inzage`];
}

async function crawl(context: BrowserContext, role: string): Promise<Findings> {
  const findings: Findings = { axe: [], wide: [], dutch: [], pages: 0, forms: 0, csvs: 0, axeMs: 0 };
  const page = await context.newPage();
  const queue = ["/", ...startPages(role)];
  const seen = new Set<string>();
  const kinds = new Map<string, number>();
  const csvs = new Set<string>();
  const formBudget = { left: MAX_FORMS };
  while (queue.length && findings.pages < MAX_PAGES) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const kind = kindOf(url);
    if ((kinds.get(kind) ?? 0) >= PER_KIND) continue;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const problem = await open(page, url);
    if (problem) findings.axe.push(problem);
    if (new URL(page.url()).pathname === "/inloggen" && url !== "/inloggen") continue;
    findings.pages++;
    findings.axe.push(...(await axeProblems(page, url, findings)));
    findings.wide.push(...(await widthProblem(page, url)), ...(await zoomProblem(page, url)));
    const text = await page.evaluate(() => document.body.innerText);
    findings.dutch.push(...dutchOutputProblems(text).map((p) => `${url}: ${p}`));
    const links = await linksOn(page);
    for (const next of links.pages) if (!seen.has(next)) queue.push(next);
    for (const csv of links.csvs) csvs.add(csv);
    if (url === "/") await homeScreenshots(page, role);
    await formErrorStates(page, url, findings, formBudget);
  }
  for (const csv of csvs) {
    const response = await context.request.get(t.url + csv);
    if (!response.ok()) continue;
    findings.csvs++;
    findings.dutch.push(...dutchOutputProblems(await response.text(), { csv: true }).map((p) => `${csv}: ${p}`));
  }
  await page.close();
  return findings;
}

/** The home page the crawl has open, at 1366 and 375 px (resized, not loaded twice more), then back to phone width. */
async function homeScreenshots(page: Page, role: string) {
  for (const width of [1366, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `home-${role}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

// The roles are crawled side by side (each in its own browser context) to keep the suite short.
describe.concurrent("every page each demo role reaches", () => {
  for (const [role, email] of Object.entries(ROLES)) {
    it(`${role}: axe clean (serious/critical), nothing wider than 375 px or at 200% zoom, Dutch dates and actions`, { timeout: 240_000 }, async () => {
      const started = Date.now();
      const client = await loggedIn(t.url, email);
      const context = await browser.newContext({ bypassCSP: true, viewport: PHONE });
      try {
        const [name, value] = client.cookie.split("=");
        await context.addCookies([{ name, value, url: t.url }]);
        const findings = await crawl(context, role);
        console.log(`${role}: ${((Date.now() - started) / 1000).toFixed(0)} s, ${findings.pages} pages, ${findings.forms} form error states, ${findings.csvs} CSVs checked (axe ${(findings.axeMs / 1000).toFixed(0)} s)`);
        expect(findings.pages).toBeGreaterThan(2);
        expect(findings.axe).toEqual([]);
        expect(findings.wide).toEqual([]);
        expect(findings.dutch).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("the login page and its error state, without a session", { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/inloggen`);
      const problems = [...(await axeProblems(page, "/inloggen")), ...(await widthProblem(page, "/inloggen"))];
      // Past the browser's own check of required fields, to the portal's error summary.
      await page.locator("form").first().evaluate((f: HTMLFormElement) => { f.noValidate = true; f.requestSubmit(); });
      await page.locator(".error-summary").waitFor();
      problems.push(...(await axeProblems(page, "/inloggen (foutstatus)")));
      await page.goto(`${t.url}/bestaat-niet`);
      problems.push(...(await axeProblems(page, "/bestaat-niet")), ...(await widthProblem(page, "/bestaat-niet")));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

// Every kind of form, in its error state: blanked and sent (as the crawl does), then axe and the
// width check. The crawl reaches only the first few forms per role; this visits each kind on purpose.
describe("the error state of every kind of form", () => {
  async function formPages(): Promise<[email: string, url: string][]> {
    const now = new Date().toISOString();
    const centraal = db().select({ id: regionalTables.id }).from(regionalTables).where(eq(regionalTables.slug, "centraal")).get()!;
    const upcoming = db().select({ id: meetings.id }).from(meetings).where(and(eq(meetings.tableId, centraal.id), gt(meetings.startsAt, now))).get()!;
    const item = db().select({ id: agendaItems.id, meetingId: agendaItems.meetingId }).from(agendaItems).orderBy(asc(agendaItems.startsAt)).get()!;
    const question = db().select({ caseId: informationRequests.caseId }).from(informationRequests).where(isNull(informationRequests.answeredAt)).get()!;
    const referrer = new Client(t.url);
    await referrer.login("zorgbemiddeling.vgz@regiotafel.test");
    const draft = (await referrer.post("/verwijzingen/nieuw", {})).headers.get("location")!;
    return [
      ["admin@regiotafel.test", "/beheer/gebruikers/nieuw"],
      ["admin@regiotafel.test", "/beheer/organisaties"],
      ["admin@regiotafel.test", "/beheer/api-tokens"],
      ["admin@regiotafel.test", "/beheer/gemeenten?gemeente=GM0363"],
      ["admin@regiotafel.test", "/beheer/audit?from=31-02-2026"],
      ["voorzitter.centraal@regiotafel.test", "/tafels/centraal/bijeenkomsten"],
      ["voorzitter.centraal@regiotafel.test", `/bijeenkomsten/${upcoming.id}`],
      ["voorzitter.centraal@regiotafel.test", `/bijeenkomsten/${item.meetingId}/agendapunt/${item.id}`],
      ["voorzitter.centraal@regiotafel.test", "/tafels/centraal/tekorten"],
      ["voorzitter.centraal@regiotafel.test", "/tafels/centraal/lessen"],
      ["zorgbemiddeling.zilverenkruis@regiotafel.test", `/verwijzingen/${question.caseId}`],
      ["zorgbemiddeling.vgz@regiotafel.test", draft],
      ["projectleider@regiotafel.test", "/opschalingen"],
    ];
  }

  it("axe clean (serious/critical) and not wider than the screen, form by form", { timeout: 240_000 }, async () => {
    const findings: Findings = { axe: [], wide: [], dutch: [], pages: 0, forms: 0, csvs: 0, axeMs: 0 };
    const byRole = new Map<string, string[]>();
    for (const [email, url] of await formPages()) byRole.set(email, [...(byRole.get(email) ?? []), url]);
    for (const [email, urls] of byRole) {
      const client = await loggedIn(t.url, email);
      const context = await browser.newContext({ bypassCSP: true, viewport: PHONE });
      try {
        const [name, value] = client.cookie.split("=");
        await context.addCookies([{ name, value, url: t.url }]);
        const page = await context.newPage();
        for (const url of urls) {
          const problem = await open(page, url);
          if (problem) findings.axe.push(problem);
          findings.pages++;
          // A GET filter with a wrong value shows its error state at once.
          if (url.includes("?from=")) {
            await page.locator(".error-summary").waitFor();
            findings.forms++;
            findings.axe.push(...(await axeProblems(page, `${url} (foutstatus)`, findings)));
            findings.wide.push(...(await widthProblem(page, url)), ...(await zoomProblem(page, url)));
          }
          await formErrorStates(page, url, findings, { left: 10 });
        }
        await page.close();
      } finally {
        await context.close();
      }
    }
    console.log(`form error states: ${findings.forms} forms on ${findings.pages} pages (axe ${(findings.axeMs / 1000).toFixed(0)} s)`);
    expect(findings.forms).toBeGreaterThanOrEqual(13);
    expect(findings.axe).toEqual([]);
    expect(findings.wide).toEqual([]);
  });
});
