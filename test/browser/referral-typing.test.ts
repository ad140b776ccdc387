// Issue 11 item 10 in Chromium: what the referrer types while a save is on its way is not
// overwritten when the (slow) answer arrives; the form keeps the newer input.
import type { Browser } from "playwright-core";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

it("typing during a slow save is kept when the answer arrives", { timeout: 90_000 }, async () => {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await loginThroughForm(page, t.url, "zorgbemiddeling.vgz@regiotafel.test");
  await page.goto(`${t.url}/verwijzingen`);
  await page.getByRole("button", { name: "Nieuwe verwijzing" }).click();
  await page.getByLabel("Naam van de patiënt").fill("Tessa Typt");
  // A BSN that fails the elfproef: the answer is the same step with an error.
  await page.getByLabel("Burgerservicenummer (BSN)").fill("123456789");

  // Hold every save for 1.5 s, as a slow connection would.
  let held = 0;
  await page.route(/\/verwijzingen\/concept\//, async (route) => {
    if (route.request().method() === "POST") {
      held++;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && /\/verwijzingen\/concept\//.test(r.url()));
  await page.getByRole("button", { name: "Opslaan en verder" }).last().click();
  // While the save is under way the referrer goes on typing.
  await page.getByLabel("Naam van de patiënt").fill("Tessa Typt-Verder");
  await page.getByLabel("Geboortedatum").fill("1988-03-04");
  await answered;
  await page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("elfproef") || document.querySelector(".alert"), undefined, { timeout: 10_000 });
  expect(held).toBeGreaterThan(0);
  expect(await page.getByLabel("Naam van de patiënt").inputValue()).toBe("Tessa Typt-Verder");
  expect(await page.getByLabel("Geboortedatum").inputValue()).toBe("1988-03-04");
  console.log(`typing during save: ${held} save(s) held 1.5 s, newer input kept`);
});
