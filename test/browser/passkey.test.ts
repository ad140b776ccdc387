// Finding 11 of issue 13, the phishing-resistant option: a chair without a second factor is sent
// to enrolment, registers a passkey there, and later signs in with it as the second step — in
// Chromium, with the DevTools protocol's virtual authenticator (ctap2, internal, resident key,
// user verification). WebAuthn needs a domain name: the portal is opened as localhost, not 127.0.0.1.
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { auditEvents, users, webauthnCredentials } from "#db/schema";
import { resetSecondFactor } from "~/models/second-factor.server";
import { portalAndBrowser } from "../helpers/browser";
import { DEMO_PASSWORD, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let browser: Browser;
let base: string;
const CHAIR = "voorzitter.gelderland@regiotafel.test";

portalAndBrowser((started) => ({ t, browser } = started));
beforeAll(async () => {
  base = t.url.replace("127.0.0.1", "localhost");
});

const db = () => t.portal.services.db;
const userId = () => db().select({ id: users.id }).from(users).where(eq(users.email, CHAIR)).get()!.id;
const auditOf = (action: string) => db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.userEmail, CHAIR))).all();

async function passwordStep(page: Page) {
  await page.goto(`${base}/inloggen`);
  await page.getByLabel("E-mailadres").fill(CHAIR);
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

describe("passkeys in Chromium (DevTools virtual authenticator)", () => {
  it("a chair without a second factor is sent to enrolment, registers a passkey, and signs in with it", { timeout: 90_000 }, async () => {
    resetSecondFactor(db(), userId()); // the seeded demo secret goes: this chair has no second factor
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    // Password only: straight to enrolment, which offers the app and a passkey; other pages send back.
    await passwordStep(page);
    await page.waitForURL((url) => url.pathname === "/account/tweede-factor");
    await page.getByRole("heading", { name: "Tweede factor instellen" }).waitFor();
    await page.goto(`${base}/tafels/gelderland`);
    expect(new URL(page.url()).pathname).toBe("/account/tweede-factor");
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByRole("button", { name: "Passkey toevoegen" }).click();
    // Enrolment done: back to the page the chair was on its way to.
    await page.waitForURL((url) => url.pathname === "/tafels/gelderland", { timeout: 30_000 });
    // The message comes along to that page, once.
    await page.getByText("De passkey is toegevoegd.").waitFor();
    const stored = db().select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId())).all();
    expect(stored).toHaveLength(1);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(Buffer.from(credentials[0].credentialId, "base64").toString("base64url")).toBe(stored[0].id);
    // The passkey is a second factor: the portal is open now, and the page lists it.
    await page.goto(`${base}/account/tweede-factor`);
    await page.getByText("Passkey 1, toegevoegd").waitFor();

    // A new browser session (cookies gone): password, then the passkey as the second step.
    await context.clearCookies();
    await passwordStep(page);
    await page.getByRole("heading", { name: "Verificatiecode" }).waitFor();
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByRole("button", { name: "Inloggen met passkey" }).click();
    await page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 });
    await page.getByRole("navigation", { name: "Hoofdmenu" }).waitFor();
    const logins = auditOf("login").filter((e) => e.detail === "met passkey");
    const added = auditOf("passkey.add");
    const used = db().select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId())).get()!;
    console.log(
      `passkey in Chromium (virtual authenticator ctap2/internal): registered ${stored.length}, in the authenticator ${credentials.length}, ` +
        `audit passkey.add ${added.length}, login "met passkey" ${logins.length}, last used ${used.lastUsedAt ? "set" : "not set"}, page errors ${problems.length}`,
    );
    expect(added).toHaveLength(1);
    expect(logins).toHaveLength(1);
    expect(used.lastUsedAt).not.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
