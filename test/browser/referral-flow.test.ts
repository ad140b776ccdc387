// Issue 3's main flow in Chromium: a referrer sends a referral with consent through the form,
// the chair of the routed table finds it in the inbox, screens the 7 criteria and includes it,
// and the referrer sees the new status.
import type { Browser, Page } from "playwright-core";
import { launchBrowser, loginThroughForm } from "../helpers/browser";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
beforeAll(async () => {
  t = await startPortal();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const NAME = "Bram Browsertest";
const saveAndNext = (page: Page) => page.getByRole("button", { name: "Opslaan en verder" }).last().click();

it("referrer → inbox → screening → included → referrer sees the status", { timeout: 90_000 }, async () => {
  const referrer = await (await browser.newContext()).newPage();
  referrer.setDefaultTimeout(8000);
  await loginThroughForm(referrer, t.url, "zorgbemiddeling.vgz@regiotafel.test");
  await referrer.goto(`${t.url}/verwijzingen`);
  await referrer.getByRole("button", { name: "Nieuwe verwijzing" }).click();

  // Step 1: the patient. Schiedam is Rotterdam-Rijnmond: table 2, not Den Haag.
  await referrer.getByLabel("Naam van de patiënt").fill(NAME);
  await referrer.getByLabel("Burgerservicenummer (BSN)").fill("111222333");
  await referrer.getByLabel("Geboortedatum").fill("1990-05-17");
  await referrer.getByLabel("Woonplaats (gemeente)").fill("Schiedam");
  await referrer.getByLabel("Provincie").selectOption("Zuid-Holland");
  await referrer.getByLabel("Zorgverzekeraar van de patiënt").selectOption("VGZ");
  await saveAndNext(referrer);

  // Step 2: care question and the placement attempt that failed.
  await referrer.getByLabel("Huidige zorgaanbieders").fill("FACT-team Schiedam");
  await referrer.getByLabel("Behandelgeschiedenis").fill("Drie klinische opnames sinds 2019.");
  await referrer.getByLabel("Vraagstelling aan de regiotafel").fill("Welke intensieve behandeling met woonbegeleiding is mogelijk?");
  await referrer.getByLabel("Probleembeschrijving").fill("Psychose, verslaving en schulden; dakloos dreigend.");
  await referrer.getByLabel("Wie (organisatie of hulpverlener)").fill("Zorgbemiddeling VGZ");
  await referrer.getByLabel("Wanneer").fill("september 2026");
  await referrer.getByLabel("Wat is geprobeerd").fill("Aanmelding bij twee klinieken");
  await referrer.getByLabel("Waarom lukte het niet").fill("Geen plek voor de combinatie van problemen");
  await referrer.getByLabel("Urgentie").selectOption("high");
  await referrer.locator('[name="contact.name"]').fill("Zorgbemiddelaar VGZ");
  await referrer.getByLabel("Telefoonnummer").fill("088 123 45 67");
  await referrer.getByLabel("E-mailadres").fill("zorgbemiddeling.vgz@regiotafel.test");
  await saveAndNext(referrer);

  // Step 3: consent, given by the patient in writing.
  await referrer.getByLabel("De patiënt zelf").check();
  await referrer.getByLabel("Schriftelijk").check();
  await referrer.getByLabel("Datum van de toestemming").fill("2026-11-01");
  await referrer.getByLabel("Ggz-aanbieder").first().check();
  await saveAndNext(referrer);

  // Step 4: check and submit.
  await referrer.getByRole("button", { name: "Verwijzing indienen" }).click();
  await referrer.waitForURL(/\/verwijzingen\/\d+/);
  const body = await referrer.textContent("main");
  expect(body).toContain("Ontvangen");
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
