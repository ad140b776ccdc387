// The first walk through the portal in a real browser: login, the menu, the table page, logout.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

/** A fresh browser profile whose console and page errors are collected, so CSP violations cannot pass unnoticed. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/** Hydration done: the client took over, so clicks are handled by Remix (and its scripts ran under the CSP). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Hoofdmenu" });

async function logOutAndCheck(page: Page, baseUrl: string) {
  // Logging out lives in the account menu (a <details> under the user's name).
  await page.locator(".account-menu summary").click();
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.waitForURL((url) => url.pathname === "/inloggen");
  await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
  expect(await nav(page).count()).toBe(0);
  // The session is gone: home sends us back to the login page.
  await page.goto(`${baseUrl}/`);
  expect(new URL(page.url()).pathname).toBe("/inloggen");
  expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/");
  await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
}

describe("a chair", () => {
  it("logs in, sees their home and table, and logs out", async () => {
    const { context, page, problems } = await openPage();
    try {
      await loginThroughForm(page, t.url, "voorzitter.rotterdam@regiotafel.test");
      expect(new URL(page.url()).pathname).toBe("/");
      await page.getByRole("heading", { level: 1, name: "Welkom, Voorzitter Rotterdam-Rijnmond" }).waitFor();
      await page.getByRole("heading", { name: "U bent voorzitter van tafel Rotterdam-Rijnmond" }).waitFor();
      await hydrated(page);
      await page.screenshot({ path: "/tmp/home-chair.png", fullPage: true });

      const tableLinks = nav(page).getByRole("link", { name: /^Tafel / });
      expect(await tableLinks.allTextContents()).toEqual(["Tafel Rotterdam-Rijnmond"]);
      await tableLinks.first().click();
      await page.waitForURL((url) => url.pathname === "/tafels/rotterdam");
      await page.getByRole("heading", { level: 1, name: "Tafel Rotterdam-Rijnmond" }).waitFor();
      expect(await page.title()).toBe("Tafel Rotterdam-Rijnmond – Regiotafel");
      const area = page.getByRole("region", { name: "Werkgebied" });
      await area.getByText("Zeeland").waitFor();
      await area.getByRole("listitem").filter({ hasText: /^Vlaardingen$/ }).waitFor();
      await page.getByRole("region", { name: "Zorgverzekeraars" }).getByText("VGZ").waitFor();
      // The menu marks where we are.
      expect(await nav(page).getByRole("link", { name: "Tafel Rotterdam-Rijnmond" }).getAttribute("aria-current")).toBe("page");

      await logOutAndCheck(page, t.url);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the project leader", () => {
  it("sees the national network and no table, and logs out", async () => {
    const { context, page, problems } = await openPage();
    try {
      await loginThroughForm(page, t.url, "projectleider@regiotafel.test");
      await page.getByRole("heading", { level: 1, name: "Welkom, Pieter van Monitor" }).waitFor();
      await page.getByRole("heading", { name: "Landelijk netwerk van regiotafels" }).waitFor();
      await hydrated(page);
      const links = await nav(page).getByRole("link").allTextContents();
      expect(links).toContain("Overzicht");
      expect(links.filter((l) => l.startsWith("Tafel"))).toEqual([]);
      await logOutAndCheck(page, t.url);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("a wrong password", () => {
  it("shows the Dutch message and keeps the e-mail address", async () => {
    const { context, page, problems } = await openPage();
    try {
      await page.goto(`${t.url}/inloggen`);
      await hydrated(page);
      await page.getByLabel("E-mailadres").fill("lid.brabant@regiotafel.test");
      await page.getByLabel("Wachtwoord").fill("dit-is-niet-het-wachtwoord");
      await page.getByRole("button", { name: "Inloggen" }).click();
      await page.getByText("De combinatie van e-mailadres en wachtwoord is onjuist.").waitFor();
      expect(new URL(page.url()).pathname).toBe("/inloggen");
      expect(await page.getByLabel("E-mailadres").inputValue()).toBe("lid.brabant@regiotafel.test");
      expect(await page.content()).not.toContain("dit-is-niet-het-wachtwoord");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the CSP listener", () => {
  it("does hear a violation (so the empty lists above mean something)", async () => {
    const { context, page, problems } = await openPage();
    try {
      await page.goto(`${t.url}/inloggen`);
      await hydrated(page);
      // An image from another origin is what the portal's CSP (img-src 'self' data:) forbids.
      await page.evaluate(() => {
        const div = document.createElement("div");
        div.innerHTML = '<img src="https://example.invalid/x.png">';
        document.body.append(div);
      });
      await page.waitForTimeout(300);
      expect(problems.some((p) => /Content Security Policy/.test(p))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
