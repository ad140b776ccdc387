// Issue 3's main flow in Chromium: a referrer sends a referral with consent through the form,
// the chair of the routed table finds it in the inbox, screens the 7 criteria and includes it,
// and the referrer sees the new status.
import type { Browser } from "playwright-core";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";
import { submitReferralThroughForm } from "../helpers/referral-form";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

const NAME = "Bram Browsertest";

it("referrer → inbox → screening → included → referrer sees the status", { timeout: 90_000 }, async () => {
  const referrer = await (await browser.newContext()).newPage();
  referrer.setDefaultTimeout(8000);
  await loginThroughForm(referrer, t.url, "zorgbemiddeling.vgz@regiotafel.test");
  const body = await submitReferralThroughForm(referrer, t.url, NAME);
  const code = body!.match(/RT2-\d{4}-\d{3}/)![0];

  // The chair of Rotterdam-Rijnmond finds it in the inbox, screens and includes it.
  const chair = await (await browser.newContext()).newPage();
  chair.setDefaultTimeout(8000);
  await loginThroughForm(chair, t.url, "voorzitter.rotterdam@regiotafel.test");
  await chair.goto(`${t.url}/tafels/rotterdam/inbox`);
  await chair.getByRole("link", { name: code }).click();
  await chair.getByRole("button", { name: "Screening starten" }).click();
  for (let n = 1; n <= 7; n++) {
    await chair.getByRole("radiogroup", { name: `Oordeel criterium ${n}` }).getByLabel("Voldaan", { exact: true }).check();
    await chair.locator(`textarea[name="motivation_${n}"]`).fill(`Criterium ${n} blijkt uit de verwijzing en het gesprek met de verwijzer.`);
  }
  await chair.getByRole("button", { name: "Screening opslaan" }).click();
  await chair.getByRole("button", { name: "Includeren", exact: true }).click();
  await chair.waitForFunction(() => document.querySelector("main")?.textContent?.includes("Geïncludeerd"));

  // The referrer sees the new status.
  await referrer.reload();
  expect(await referrer.textContent("main")).toContain("Geïncludeerd");
});
