// The referral form in Chromium, as a referrer fills it in: the four steps, then submit. Shared by
// the browser tests that start from a new referral.
import type { Page } from "playwright-core";

const saveAndNext = (page: Page) => page.getByRole("button", { name: "Opslaan en verder" }).last().click();

/** Fills in and submits a referral for a patient in Schiedam (Rotterdam-Rijnmond); returns the case page's text. */
export async function submitReferralThroughForm(referrer: Page, baseUrl: string, patientName: string): Promise<string> {
  await referrer.goto(`${baseUrl}/verwijzingen`);
  await referrer.getByRole("button", { name: "Nieuwe verwijzing" }).click();

  // Step 1: the patient. Schiedam is Rotterdam-Rijnmond: table 2, not Den Haag.
  await referrer.getByLabel("Naam van de patiënt").fill(patientName);
  await referrer.getByLabel("Burgerservicenummer (BSN)").fill("111222333");
  await referrer.getByLabel("Geboortedatum").fill("1990-05-17");
  await referrer.getByLabel("Woonplaats (gemeente)").fill("Schiedam");
  // A care provider chooses the insurer; an insurer's zorgbemiddeling refers only its own insured (fixed).
  const insurer = referrer.locator('select[name="patient.insurer"]');
  if (await insurer.count()) await insurer.selectOption({ label: "VGZ" });
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
  // The minimum data set the table needs to decide.
  await referrer.locator('[name="mainDiagnoses"]').fill("Schizofrenie (F20.0); stoornis in alcoholgebruik (F10.2)");
  await referrer.locator('select[name="legalFramework"]').selectOption("none");
  await referrer.locator('select[name="wlzIndication"]').selectOption("no");
  await referrer.locator('[name="livingSituation"]').fill("Zelfstandig, dreigend dakloos");
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
  // The URL changes as the client-side navigation starts; the status page may render a moment later.
  await referrer.locator("main", { hasText: "Ontvangen" }).waitFor();
  const body = await referrer.textContent("main");
  expect(body).toContain("Ontvangen");
  return body!;
}
