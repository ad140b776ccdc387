// The case page's forms in Chromium, with JavaScript: the chair's screening sent incomplete shows
// the one error summary at the top of the form, with a link per field to fix, takes focus, keeps
// every typed motivation, and axe finds nothing serious in that state. A link in the summary
// lands on its field. After saving, the success message shows once and not after a reload.
import type { Browser, Page } from "playwright-core";
import { seriousAxeViolations } from "../helpers/axe";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";
import { referThroughModel } from "../helpers/referrals";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

const motivation = (n: number) => `Motivering ${n}: uit de verwijzing en het gesprek met de verwijzer.`;
const typedMotivations = (page: Page) => page.$$eval("form[aria-label='Screening opslaan'] textarea", (els) => els.map((el) => (el as HTMLTextAreaElement).value));

it("screening sent incomplete: summary with links at the top, focus on it, nothing typed lost, axe clean; saved once", { timeout: 90_000 }, async () => {
  const r = referThroughModel(t.portal.services.db, { patient: { name: "Fenna Formulier" } });
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();
  page.setDefaultTimeout(8000);
  await loginThroughForm(page, t.url, "voorzitter.rotterdam@regiotafel.test");
  await page.goto(`${t.url}/casussen/${r.caseId}`);
  await page.getByRole("button", { name: "Screening starten" }).click();
  await page.getByText("De screening is gestart.").waitFor();

  // Motivations for all seven, verdicts for only the first two: five criteria need a verdict.
  for (let n = 1; n <= 7; n++) await page.locator(`textarea[name="motivation_${n}"]`).fill(motivation(n));
  for (const n of [1, 2]) await page.getByRole("radiogroup", { name: `Oordeel criterium ${n}` }).getByLabel("Voldaan", { exact: true }).check();
  await page.getByRole("button", { name: "Screening opslaan" }).click();

  const summary = page.locator("form[aria-label='Screening opslaan'] .error-summary");
  await summary.waitFor();
  const links = await summary.locator("a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
  console.log(`screening error summary: ${links.length} links`, links.map((l) => l.href).join(" "));
  expect(links.map((l) => l.href)).toEqual([3, 4, 5, 6, 7].map((n) => `#veld-screening-verdict_${n}`));
  expect(links[0].text).toBe("Kies een oordeel bij criterium 3, of maak de motivering leeg.");
  // The summary is the form's first element and has focus.
  expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
  expect(await page.evaluate(() => document.querySelector("form[aria-label='Screening opslaan'] > :not(input[type=hidden])")?.classList.contains("error-summary"))).toBe(true);
  expect(await typedMotivations(page)).toEqual([1, 2, 3, 4, 5, 6, 7].map(motivation));
  expect(await page.getByRole("radiogroup", { name: "Oordeel criterium 2" }).getByLabel("Voldaan", { exact: true }).isChecked()).toBe(true);

  const problems = await seriousAxeViolations(page, `/casussen/${r.caseId} (screening, foutstatus)`);
  console.log(`axe on the screening error state: ${problems.length} serious/critical`);
  expect(problems).toEqual([]);

  // A link in the summary lands on the first verdict button of that criterion.
  await summary.getByRole("link", { name: /criterium 5/ }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("veld-screening-verdict_5");

  // Fixed and saved: the message shows once, in the live region, and not after a reload.
  for (const n of [3, 4, 5, 6, 7]) await page.getByRole("radiogroup", { name: `Oordeel criterium ${n}` }).getByLabel("Voldaan", { exact: true }).check();
  await page.getByRole("button", { name: "Screening opslaan" }).click();
  await page.locator(".flash-region").getByText("De screening is opgeslagen.").waitFor();
  expect(page.url()).not.toContain("gelukt");
  await page.reload();
  await page.getByRole("heading", { name: "Screening door de voorzitter" }).waitFor();
  expect(await page.locator(".flash-region").textContent()).toBe("");
});

it("consent step: the text filter narrows the grouped organisations; the representative block follows 'gegeven door'", { timeout: 60_000 }, async () => {
  const r = referThroughModel(t.portal.services.db);
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(8000);
  await loginThroughForm(page, t.url, "voorzitter.rotterdam@regiotafel.test");
  await page.goto(`${t.url}/casussen/${r.caseId}/toestemming`);
  const picker = page.getByRole("group", { name: "Afzonderlijke organisaties die de identiteit mogen zien" });
  const visibleBoxes = () => picker.locator("input[type=checkbox]:visible");
  const all = await visibleBoxes().count();
  await picker.getByLabel("Zoek een organisatie").fill("parnassia");
  await picker.getByText(/^\d+ van \d+ organisaties$/).waitFor();
  const names = await visibleBoxes().evaluateAll((boxes) => boxes.map((b) => b.closest("label")?.textContent ?? ""));
  console.log(`consent filter: ${all} organisations, 'parnassia' leaves ${names.length}: ${names.join(", ")}`);
  expect(names.length).toBeGreaterThan(0);
  expect(names.length).toBeLessThan(all);
  for (const name of names) expect(name.toLowerCase()).toContain("parnassia");
  // Groups without a match are hidden as a whole.
  expect(await picker.getByRole("group", { name: "Zorgverzekeraar" }).isVisible()).toBe(false);
  await visibleBoxes().first().check();
  await picker.getByLabel("Zoek een organisatie").fill("");
  expect(await visibleBoxes().count()).toBe(all);
  expect(await picker.locator("input[type=checkbox]:checked").count()).toBeGreaterThanOrEqual(1);

  const representative = page.getByRole("group", { name: "Bij een vertegenwoordiger" });
  const givenBy = page.getByRole("group", { name: "Toestemming gegeven door" });
  await givenBy.getByLabel("De patiënt zelf").check();
  expect(await representative.isVisible()).toBe(false);
  await givenBy.getByLabel(/Een\s+vertegenwoordiger/).check();
  expect(await representative.isVisible()).toBe(true);
});
