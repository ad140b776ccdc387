// Withdrawing consent is irreversible: it asks for confirmation, who asked and why, in a native
// <dialog> (with JavaScript) or a confirmation in the page (without), and the answer shows in the
// case history and in the patient's access log (inzage).
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { cases, consents } from "#db/schema";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
let caseId: number;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const REASON = "De patiënt wil niet langer dat de tafel zijn naam kent.";

portalAndBrowser((started) => ({ t, browser } = started));
beforeAll(async () => {
  caseId = t.portal.services.db.select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!.id;
});

const hydrated = (page: Page) => page.waitForFunction(() => "__remixRouter" in window);

describe("consent withdrawal", () => {
  it("asks for confirmation and a reason in a dialog; both appear in the case history and inzage", { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await loginThroughForm(page, t.url, CHAIR);
      await page.goto(`${t.url}/casussen/${caseId}/toestemming`);
      await hydrated(page);

      // The button opens a modal dialog; nothing is withdrawn yet.
      await page.getByRole("link", { name: "Toestemming intrekken" }).click();
      const dialog = page.getByRole("dialog", { name: "Toestemming intrekken?" });
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => d.matches(":modal"))).toBe(true);
      await dialog.getByRole("link", { name: "Annuleren" }).click();
      expect(await dialog.isVisible()).toBe(false);
      const stillActive = () => t.portal.services.db.select().from(consents).where(eq(consents.caseId, caseId)).all().at(-1)!.status;
      expect(stillActive()).toBe("active");

      // Confirming without saying who asked and why is refused, with the errors in the dialog.
      await page.getByRole("link", { name: "Toestemming intrekken" }).click();
      await dialog.getByRole("button", { name: "Ja, toestemming intrekken" }).click();
      await dialog.getByText("Vul de reden van de intrekking in.").waitFor();
      await dialog.getByText("Kies wie om de intrekking vroeg.").first().waitFor();
      expect(stillActive()).toBe("active");

      await dialog.getByLabel("De patiënt zelf").check();
      await dialog.getByLabel("Reden van de intrekking").fill(REASON);
      await dialog.getByRole("button", { name: "Ja, toestemming intrekken" }).click();
      // The message is announced once, from the session (not the URL).
      await page.getByRole("status").getByText("De toestemming is ingetrokken.").waitFor();
      expect(new URL(page.url()).search).toBe("");
      expect(stillActive()).toBe("withdrawn");
      await page.getByText(REASON).first().waitFor();
      await page.reload();
      expect(await page.getByRole("status").getByText("De toestemming is ingetrokken.").count()).toBe(0);

      // The case history names the step, who asked and the reason.
      await page.goto(`${t.url}/casussen/${caseId}`);
      const history = page.getByRole("table", { name: "Geschiedenis van de casus" });
      const row = history.getByRole("row").filter({ hasText: "Toestemming ingetrokken" });
      await row.waitFor();
      expect(await row.innerText()).toContain("op verzoek van: de patiënt zelf");
      expect(await row.innerText()).toContain(REASON);

      // So does the patient's access log.
      await page.goto(`${t.url}/casussen/${caseId}/inzage`);
      const logRow = page.getByRole("row").filter({ hasText: "Toestemming ingetrokken" });
      await logRow.first().waitFor();
      expect(await logRow.first().innerText()).toContain(REASON);
      expect(await logRow.first().innerText()).toContain("de patiënt zelf");
    } finally {
      await context.close();
    }
  });

  it("works without JavaScript: the button leads to a confirmation in the page", { timeout: 90_000 }, async () => {
    // A fresh consent to withdraw: record one through the form's own post.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await loginThroughForm(page, t.url, CHAIR);
      const db = t.portal.services.db;
      const last = db.select().from(consents).where(eq(consents.caseId, caseId)).all().at(-1)!;
      if (last.status !== "active") db.update(consents).set({ status: "active", withdrawnAt: null }).where(eq(consents.id, last.id)).run();
      await page.goto(`${t.url}/casussen/${caseId}/toestemming`);
      await page.getByRole("link", { name: "Toestemming intrekken" }).click();
      expect(new URL(page.url()).searchParams.get("bevestig")).toBe("intrekken");
      const confirmation = page.getByRole("dialog", { name: "Toestemming intrekken?" });
      await confirmation.waitFor();
      await confirmation.getByLabel("Iemand anders (toelichting in de reden)").check();
      await confirmation.getByLabel("Reden van de intrekking").fill("De mentor belde namens de patiënt.");
      await confirmation.getByRole("button", { name: "Ja, toestemming intrekken" }).click();
      await page.getByText("De toestemming is ingetrokken.").first().waitFor();
      const withdrawn = db.select().from(consents).where(eq(consents.id, last.id)).get()!;
      expect(withdrawn.status).toBe("withdrawn");
      expect(withdrawn.withdrawalRequestedBy).toBe("other");
      expect(withdrawn.withdrawalReason).toBe("De mentor belde namens de patiënt.");
    } finally {
      await context.close();
    }
  });
});
