// The audit search in a real browser: with JavaScript (hydrated, no page errors) and without.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import { loggedIn, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

/** The administrator's session from the HTTP helper, which also sets up the second factor administrators must use. */
async function signInAsAdmin(context: BrowserContext) {
  const admin = await loggedIn(t.url, "admin@regiotafel.test");
  const [name, value] = admin.cookie.split("=");
  await context.addCookies([{ name, value, url: t.url }]);
}

async function searchForLogins(page: Page) {
  await page.goto(`${t.url}/beheer/audit`);
  await page.getByText("keten intact").waitFor();
  await page.getByLabel("Gebruiker (e-mailadres)").fill("voorzitter.");
  await page.getByLabel("Actie").selectOption("login");
  await page.getByLabel("Van").fill("2020-01-01");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.waitForURL((url) => url.searchParams.get("action") === "login");
  await page.getByRole("heading", { name: "Resultaten" }).waitFor();
  const url = new URL(page.url());
  expect(url.pathname).toBe("/beheer/audit");
  expect(url.searchParams.get("user")).toBe("voorzitter.");
  expect(url.searchParams.get("from")).toBe("2020-01-01");
  const rows = page.locator("table.data tbody tr");
  // Two chairs signed in before the search.
  expect(await rows.count()).toBe(2);
  for (const row of await rows.all()) {
    expect(await row.locator("td").nth(5).innerText()).toBe("Ingelogd");
    expect(await row.locator("td").nth(2).innerText()).toMatch(/^voorzitter\./);
  }
  const exportLink = page.getByRole("link", { name: "Exporteren als CSV" });
  expect(await exportLink.getAttribute("href")).toBe("/beheer/audit/export?user=voorzitter.&action=login&from=2020-01-01");
}

describe("audit search in the browser", () => {
  beforeAll(async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const email of ["voorzitter.denhaag@regiotafel.test", "voorzitter.limburg@regiotafel.test"]) {
      await loginThroughForm(page, t.url, email);
      await context.clearCookies();
    }
    await context.close();
  });

  it("works with JavaScript: hydrates without errors and searches client-side", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await signInAsAdmin(context);
    await page.goto(`${t.url}/beheer/audit`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await searchForLogins(page);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Auditlog");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: the form is a plain GET", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAsAdmin(context);
    await searchForLogins(page);
    await page.goto(`${t.url}/beheer/audit?from=2025-02-30&user=lid`);
    await page.getByText("Er is niet gezocht").waitFor();
    expect(await page.locator("#veld-from-fout").innerText()).toContain("Vul een geldige datum in");
    await context.close();
  });
});
