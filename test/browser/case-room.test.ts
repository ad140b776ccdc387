// The case room in real browsers: the chair and a member of table Rotterdam-Rijnmond talk live
// (no reload), and the chair's withdrawal of consent takes the patient's name off the member's
// open page within 2 s.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { caseMessages, cases } from "#db/schema";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
let caseId: number;
portalAndBrowser((started) => ({ t, browser } = started));
beforeAll(async () => {
  caseId = t.portal.services.db.select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!.id;
});

type Participant = { context: BrowserContext; page: Page; problems: string[] };

/** A signed-in browser profile whose CSP violations and page errors are collected. */
async function participant(email: string): Promise<Participant> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const watch = (p: Page) => {
    p.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) problems.push(message.text());
    });
    p.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  };
  context.on("page", watch);
  watch(page);
  await loginThroughForm(page, t.url, email);
  return { context, page, problems };
}

async function openRoom(page: Page) {
  await page.goto(`${t.url}/casussen/${caseId}/overleg`);
  await page.getByRole("heading", { level: 1, name: "Overleg casus RT2-2026-001" }).waitFor();
  await page.getByText("Live verbonden: nieuwe berichten verschijnen vanzelf.").waitFor({ timeout: 5000 });
}

const log = (page: Page) => page.getByRole("log", { name: "Berichten in het casusoverleg" });

async function send(page: Page, text: string) {
  await page.getByLabel("Bericht", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Versturen" }).click();
}

describe("the case room in two browsers", () => {
  it("exchanges messages live, and a withdrawal hides the patient's name on the member's open page", { timeout: 60_000 }, async () => {
    const chair = await participant("voorzitter.rotterdam@regiotafel.test");
    const member = await participant("lid.rotterdam@regiotafel.test");
    try {
      await Promise.all([openRoom(chair.page), openRoom(member.page)]);
      for (const p of [chair.page, member.page]) {
        await p.getByTestId("patient").getByText("Jan de Vries").waitFor();
      }
      // Both see each other present.
      await chair.page.locator(".case-room__present").getByText("Tafellid Rotterdam-Rijnmond").waitFor({ timeout: 3000 });
      await member.page.locator(".case-room__present").getByText("Voorzitter Rotterdam-Rijnmond").waitFor({ timeout: 3000 });

      // Live, both ways, without a reload.
      const memberUrl = member.page.url();
      await send(chair.page, "Goedemiddag, zullen we de KIB-opties doornemen?");
      await log(member.page).getByText("Goedemiddag, zullen we de KIB-opties doornemen?").waitFor({ timeout: 3000 });
      await send(member.page, "Ja, IrisZorg heeft per 1 december een plek.");
      await log(chair.page).getByText("Ja, IrisZorg heeft per 1 december een plek.").waitFor({ timeout: 3000 });
      expect(member.page.url()).toBe(memberUrl);
      for (const p of [chair.page, member.page]) {
        const items = await log(p).getByRole("listitem").allInnerTexts();
        expect(items).toHaveLength(2);
        expect(items[0]).toContain("Voorzitter Rotterdam-Rijnmond (Parnassia Groep)");
        expect(items[0]).toContain("Goedemiddag, zullen we de KIB-opties doornemen?");
        expect(items[1]).toContain("Tafellid Rotterdam-Rijnmond (IrisZorg)");
      }
      // Stored once each (the sender's own broadcast and ack do not double it).
      expect(t.portal.services.db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).all()).toHaveLength(2);

      // The chair withdraws consent in a third page of their own browser.
      const consentPage = await chair.context.newPage();
      await consentPage.goto(`${t.url}/casussen/${caseId}/toestemming`);
      await consentPage.getByRole("heading", { level: 1, name: "Toestemming casus RT2-2026-001" }).waitFor();
      // Withdrawal asks for confirmation, who asked and why, in a dialog.
      await consentPage.waitForFunction(() => "__remixRouter" in window);
      await consentPage.getByRole("link", { name: "Toestemming intrekken" }).click();
      const dialog = consentPage.getByRole("dialog", { name: "Toestemming intrekken?" });
      await dialog.getByLabel("De patiënt zelf").check();
      await dialog.getByLabel("Reden van de intrekking").fill("De patiënt wil niet langer besproken worden.");
      const clicked = Date.now();
      await dialog.getByRole("button", { name: "Ja, toestemming intrekken" }).click();
      await member.page.waitForFunction(() => !document.body.innerText.includes("Jan de Vries"), null, { timeout: 2000 });
      const elapsed = Date.now() - clicked;
      console.log(`withdrawal to name gone on the member's open page: ${elapsed} ms`);
      await member.page.getByTestId("patient").getByText("Zonder identiteit").waitFor();
      await member.page.getByText("RT2-2026-001").first().waitFor();
      await consentPage.getByText("De toestemming is ingetrokken.").waitFor();
      // The chair's organisation keeps the identity; the room goes on for both.
      await chair.page.getByTestId("patient").getByText("Jan de Vries").waitFor();
      await send(chair.page, "Na de intrekking gaan we zonder naam verder.");
      await log(member.page).getByText("Na de intrekking gaan we zonder naam verder.").waitFor({ timeout: 3000 });
      expect(await member.page.content()).not.toContain("Jan de Vries");

      expect(chair.problems).toEqual([]);
      expect(member.problems).toEqual([]);
    } finally {
      await chair.context.close();
      await member.context.close();
    }
  });
});
