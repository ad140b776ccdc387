// Debian's Chromium driven by playwright-core; never a downloaded browser.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { scanOutput, track } from "./dutch-output";
import { DEMO_PASSWORD, forgetLastStep, freshTotpCode, rememberSecret, secretFor, startPortal, type TestPortal } from "./portal";

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Every page (document) and CSV the browser receives goes through the Dutch-output scan (see
  // test/helpers/dutch-output.ts); the portal's close() reports what it found.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => watchOutput(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args: Parameters<Browser["newPage"]>) => {
    const page = await newPage(...args);
    watchOutput(page.context());
    return page;
  };
  return browser;
}

export type PortalAndBrowser = { t: TestPortal; browser: Browser };

/**
 * One portal and one Chromium for a browser test file: both started side by side before its tests
 * (`use` hands them to the file's variables; `env` is read then, so it may name servers an earlier
 * beforeAll started) and closed after them, the browser first. Whatever started is closed even when
 * the other failed to start.
 */
export function portalAndBrowser(use: (started: PortalAndBrowser) => void, env?: () => Record<string, string>): void {
  let t: TestPortal | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [portal, chromium] = await Promise.allSettled([startPortal(env?.()), launchBrowser()]);
    if (portal.status === "fulfilled") t = portal.value;
    if (chromium.status === "fulfilled") browser = chromium.value;
    if (portal.status === "rejected") throw portal.reason;
    if (chromium.status === "rejected") throw chromium.reason;
    use({ t: t!, browser: browser! });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
}

function watchOutput(context: BrowserContext): BrowserContext {
  context.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/text\/(html|csv)/.test(type) || response.request().resourceType() !== "document") return;
    const url = new URL(response.url());
    track(url.origin, response.text().then((body) => scanOutput(url.origin, url.pathname, type, body)).catch(() => undefined));
  });
  return context;
}

/**
 * Signs in through the login page as a person would, second factor included: the code step is
 * answered with the secret the helpers know for the account (see Client.login); an account sent
 * to enrolment sets up an authenticator app through the page (the key shown for typing by hand)
 * and then goes home. Ends on the page the portal sends the user to.
 */
export async function loginThroughForm(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  forgetLastStep(baseUrl, email); // before the password step: see Client.login
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  const codeStep = page.getByRole("heading", { name: "Verificatiecode" });
  const enrolment = page.getByRole("heading", { name: "Tweede factor instellen" });
  // The code step, enrolment, an error, or straight in (a role for which the factor is optional).
  await Promise.race([
    codeStep.or(enrolment).or(page.getByRole("alert")).first().waitFor(),
    page.waitForURL((url) => !url.pathname.startsWith("/inloggen")),
  ]);
  if (await codeStep.isVisible()) {
    await page.getByRole("textbox", { name: "Verificatiecode" }).fill(await freshTotpCode(secretFor(baseUrl, email), `${baseUrl} ${email}`));
    await page.getByRole("button", { name: "Bevestigen" }).click();
  } else if (await enrolment.isVisible()) {
    const secret = await page.locator('input[name="secret"]').inputValue();
    await page.getByRole("textbox", { name: "Verificatiecode" }).fill(await freshTotpCode(secret));
    await page.getByRole("button", { name: "Tweede factor aanzetten" }).click();
    await page.getByText("De tweede factor staat aan.").waitFor();
    rememberSecret(baseUrl, email, secret);
    await page.goto(`${baseUrl}/`);
  }
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
}
