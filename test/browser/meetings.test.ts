// The chair of Amsterdam plans a meeting and puts the demo case RT3-2026-001 on its agenda, in a real browser.
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { cases, meetingInvitations, meetings } from "#db/schema";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

describe("the chair of Amsterdam", () => {
  it("plans a meeting through the form and puts an included case on the agenda", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    try {
      const db = t.portal.services.db;
      expect(db.select().from(cases).where(eq(cases.code, "RT3-2026-001")).get()!.status).toBe("included");

      await loginThroughForm(page, t.url, "voorzitter.amsterdam@regiotafel.test");
      await page.goto(`${t.url}/tafels/amsterdam/bijeenkomsten`);
      await page.getByRole("heading", { level: 1, name: "Bijeenkomsten tafel Amsterdam" }).waitFor();
      await page.waitForFunction(() => "__remixRouter" in window);

      const form = page.getByRole("region", { name: "Bijeenkomst plannen" });
      await form.getByLabel("Titel").fill("Casuïstiekbespreking mei");
      await form.getByLabel("Datum").fill("2027-05-18");
      await form.getByLabel("Begintijd").fill("14:00");
      await form.getByLabel("Duur (minuten)").fill("120");
      await form.getByLabel("Locatie").fill("Arkin, Amsterdam");
      await form.getByRole("button", { name: "Bijeenkomst plannen" }).click();

      await page.waitForURL((url) => /^\/bijeenkomsten\/\d+$/.test(url.pathname));
      await page.getByRole("heading", { level: 1, name: "Casuïstiekbespreking mei" }).waitFor();
      await page.getByText("De bijeenkomst is gepland.").waitFor();
      await page.getByText("dinsdag 18 mei 2027, 14:00–16:00").waitFor();
      const meetingId = Number(new URL(page.url()).pathname.split("/").pop());
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get()!;
      expect(meeting.startsAt).toBe("2027-05-18T12:00:00.000Z");
      expect(db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId)).all()).toHaveLength(2);

      const agenda = page.getByRole("region", { name: "Agenda" });
      await agenda.getByRole("combobox", { name: /^Casus/ }).selectOption({ label: "RT3-2026-001" });
      await agenda.getByLabel("Begintijd").fill("14:30");
      await agenda.getByLabel("Duur (minuten)").fill("45");
      await agenda.getByRole("button", { name: "Op de agenda zetten" }).click();

      await page.getByText("De casus staat op de agenda.").waitFor();
      const link = agenda.getByRole("link", { name: "RT3-2026-001", exact: true });
      await link.waitFor();
      expect(await link.getAttribute("href")).toMatch(/^\/casussen\/\d+$/);
      await agenda.getByRole("cell", { name: "14:30–15:15" }).waitFor();
      expect(await page.content()).not.toContain("Kees Bakker");
      expect(db.select().from(cases).where(eq(cases.code, "RT3-2026-001")).get()!.status).toBe("scheduled");
      await page.screenshot({ path: "/tmp/meeting-chair.png", fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
