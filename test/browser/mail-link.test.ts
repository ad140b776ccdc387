// The outcome loop in Chromium: a referrer submits a referral through the form, the chair of the
// routed table receives the mail (a real SMTP server in this process), follows its link, logs in
// and lands on the case.
import type { Browser } from "playwright-core";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import { DEMO_PASSWORD, forgetLastStep, freshTotpCode, secretFor, type TestPortal } from "../helpers/portal";
import { submitReferralThroughForm } from "../helpers/referral-form";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let t: TestPortal;
let smtp: TestSmtp;
let browser: Browser;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp?.stop());
portalAndBrowser((started) => ({ t, browser } = started), () => ({ SMTP_URL: smtp.url, MAIL_POLL_MS: "200" }));

const CHAIR = "voorzitter.rotterdam@regiotafel.test";

it("referral → mail to the chair → link → login → the case", { timeout: 120_000 }, async () => {
  const referrer = await (await browser.newContext()).newPage();
  referrer.setDefaultTimeout(10_000);
  await loginThroughForm(referrer, t.url, "zorgbemiddeling.vgz@regiotafel.test");
  const body = await submitReferralThroughForm(referrer, t.url, "Mila Mailbrowser");
  const code = body.match(/RT2-\d{4}-\d{3}/)![0];

  // The daily jobs may mail about the demo data meanwhile: wait for, and look at, the mails about this referral.
  const deadline = Date.now() + 20_000;
  while (!smtp.received.some((m) => m.subject?.includes(code)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const about = smtp.received.filter((m) => m.subject?.includes(code));
  const mails = about.filter((m) => m.envelopeTo.includes(CHAIR));
  expect(mails).toHaveLength(1);
  expect(about.flatMap((m) => m.envelopeTo)).toEqual([CHAIR]);
  expect(mails[0].subject).toContain(code);
  expect(mails[0].text).not.toContain("Mila");
  const link = /https?:\/\/\S+\/casussen\/\d+/.exec(mails[0].text ?? "")![0];

  // The chair, not signed in, follows the link: the login page, then straight to the case.
  const chair = await (await browser.newContext()).newPage();
  chair.setDefaultTimeout(10_000);
  await chair.goto(link);
  await chair.waitForURL((url) => url.pathname === "/inloggen");
  expect(new URL(chair.url()).searchParams.get("redirectTo")).toBe(new URL(link).pathname);
  await chair.getByLabel("E-mailadres").fill(CHAIR);
  await chair.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  forgetLastStep(t.url, CHAIR);
  await chair.getByRole("button", { name: "Inloggen" }).click();
  // The second factor: the code step keeps where the link pointed to.
  await chair.getByRole("heading", { name: "Verificatiecode" }).waitFor();
  await chair.getByRole("textbox", { name: "Verificatiecode" }).fill(await freshTotpCode(secretFor(t.url, CHAIR), `${t.url} ${CHAIR}`));
  await chair.getByRole("button", { name: "Bevestigen" }).click();
  await chair.waitForURL((url) => url.pathname === new URL(link).pathname);
  await chair.waitForFunction((c) => document.querySelector("main")?.textContent?.includes(c), code);
  const page = await chair.textContent("main");
  expect(page).toContain(code);
  expect(page).toContain("Mila Mailbrowser"); // signed in, the chair sees the patient the consent allows
});
