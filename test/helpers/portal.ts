// A real portal (Express + Remix build + socket.io) on a free port with a fresh temp database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { totpCode as codeAt } from "../../app/lib/second-factor.server";
import { readConfig } from "../../app/lib/config.server";
import { createPortal, type Portal } from "../../server/app";
import { users } from "../../db/schema";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../db/seed";
import { scanOutboxForPatientData } from "./mail-scan";
import { dutchOutputProblems, scanResponse, takeOutputFindings } from "./dutch-output";
import { allOutboxMails } from "../../app/models/outbox.server";

export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

export type TestPortal = { url: string; portal: Portal; dir: string; close(): Promise<void> };

/** The portals started here by URL, so loggedIn() can reach the database behind a URL. */
const portalsByUrl = new Map<string, Portal>();

export async function startPortal(env: Record<string, string> = {}): Promise<TestPortal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-test-"));
  const config = readConfig({
    NODE_ENV: "test",
    DATABASE_PATH: path.join(dir, "test.db"),
    UPLOADS_PATH: path.join(dir, "uploads"),
    ...env,
  });
  const portal = await createPortal(config);
  // Client and server share one event loop here. When a test blocks it (a PDF, a large page)
  // past the server's 5 s keep-alive, the server's timer may close a connection the client is
  // just reusing: ECONNRESET (once in a loaded CI run). The client (undici) drops idle
  // connections a second before the server's hint, so a longer server timeout ends the race.
  portal.httpServer.keepAliveTimeout = 65_000;
  const port = await portal.listen(0);
  const url = `http://127.0.0.1:${port}`;
  portalsByUrl.set(url, portal);
  return {
    url,
    portal,
    dir,
    close: async () => {
      portalsByUrl.delete(url);
      // Every mail this portal produced, checked for patient data before the database goes away.
      const scan = scanOutboxForPatientData(portal.services.db);
      // …and for what people must not read: ISO dates and raw action codes.
      const dutch = allOutboxMails(portal.services.db).flatMap((m) => dutchOutputProblems(`${m.subject}\n${m.text}`).map((p) => `mail ${m.id}: ${p}`));
      // …and every page and CSV the test received (Client, browser helpers): the same words.
      const output = await takeOutputFindings(url);
      // Connections that turn idle after close() began would otherwise stay for the long
      // keep-alive set above, and close() waits for them.
      portal.httpServer.keepAliveTimeout = 100;
      portal.httpServer.closeIdleConnections();
      await portal.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (scan.mails > 0) console.log(`mail scan: ${scan.mails} mails checked against ${scan.patients} patients, ${scan.findings.length} with patient data`);
      if (scan.findings.length) throw new Error(`patient data in mails:\n${scan.findings.join("\n")}`);
      if (dutch.length) throw new Error(`ISO dates or action codes in mails:\n${dutch.join("\n")}`);
      if (output.problems.length) throw new Error(`ISO dates or action codes shown in ${output.problems.length} places of ${output.scanned} pages and CSVs:\n${output.problems.join("\n")}`);
    },
  };
}

/** A browser-like HTTP client: keeps its session cookie (and a pending flash message) and sends our Origin on posts. */
export class Client {
  cookie = "";
  /** The one-time message cookie a redirect sets; sent with the next request, cleared when the portal clears it. */
  flash = "";
  /** `headers`: sent with every request unless the request sets them itself (e.g. a User-Agent). */
  constructor(readonly baseUrl: string, readonly headers: Record<string, string> = {}) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers)) if (!headers.has(name)) headers.set(name, value);
    const cookies = [this.cookie, this.flash].filter(Boolean).join("; ");
    if (cookies) headers.set("Cookie", cookies);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    scanResponse(this.baseUrl, pathname, response);
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(";");
      const [name, value] = pair.split("=");
      if (/regiotafel_session/.test(name)) this.cookie = value ? `${name}=${value}` : "";
      if (/regiotafel_flash/.test(name)) this.flash = value ? `${name}=${value}` : "";
    }
    return response;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init);
  }

  post(pathname: string, fields: Record<string, string | string[]>, init: RequestInit = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request(pathname, { ...init, method: "POST", body });
  }

  /**
   * Signs in through the login page, second factor included, as a person with their phone would:
   * - an account with a second factor gets the code step, answered with `totpSecret` or else the
   *   secret the helpers know for it (the seeded demo secret, or one enrolTotp() set up);
   * - an account without one, for whom it is required, is sent to enrolment: unless `enrol: false`,
   *   the helper sets one up through the page and remembers its secret.
   * Without an explicit `totpSecret` the helper may sign in as the same account many times within
   * one 30-second step: it forgets the account's last used step in the database first (the
   * portal accepts each code only once; test/integration/totp.test.ts shows that refusal).
   */
  async login(email: string, password = DEMO_PASSWORD, options: { totpSecret?: string; enrol?: boolean } = {}): Promise<Response> {
    // Before the password step: the pending login is signed over the account's last used step.
    if (!options.totpSecret) forgetLastStep(this.baseUrl, email);
    const response = await this.post("/inloggen", { email, password, redirectTo: "/" });
    if (response.status !== 302) throw new Error(`login as ${email} failed: ${response.status}`);
    return this.completeLogin(response, email, options);
  }

  /**
   * What follows a password step that was answered with a redirect: the code step, or enrolment
   * (see login()). Returns the last response; throws when the second step fails.
   */
  async completeLogin(passwordStep: Response, email: string, options: { totpSecret?: string; enrol?: boolean } = {}): Promise<Response> {
    const pending = pendingLoginCookie(passwordStep);
    if (pending) {
      // An explicit secret is tracked per secret (as enrolTotp and tests do); the helper's per account.
      const account = options.totpSecret ?? accountKey(this.baseUrl, email);
      const secret = options.totpSecret ?? knownSecrets.get(account) ?? DEMO_TOTP_SECRET;
      this.cookie = pending; // the only cookie the second step needs
      const second = await this.post("/inloggen", { intent: "code", code: await freshTotpCode(secret, account), redirectTo: "/" });
      if (this.cookie === pending) this.cookie = "";
      if (second.status !== 302 || !this.cookie) throw new Error(`second step of login as ${email} failed: ${second.status}`);
      return second;
    }
    if (!this.cookie) throw new Error(`login as ${email} failed: ${passwordStep.status}`);
    const sentToEnrolment = new URL(passwordStep.headers.get("location") ?? "/", this.baseUrl).pathname === ENROLMENT_PATH;
    if (!sentToEnrolment || options.enrol === false) return passwordStep;
    knownSecrets.set(accountKey(this.baseUrl, email), await enrolTotp(this, portalsByUrl.get(this.baseUrl)?.services.db, email));
    return passwordStep;
  }
}

const ENROLMENT_PATH = "/account/tweede-factor";
const accountKey = (baseUrl: string, email: string) => `${baseUrl} ${email}`;

/** Second factors the helpers set up themselves (enrolTotp), per portal and account; seeded accounts use DEMO_TOTP_SECRET. */
const knownSecrets = new Map<string, string>();

/** The TOTP secret the helpers would answer the code step with for this account. */
export function secretFor(baseUrl: string, email: string): string {
  return knownSecrets.get(accountKey(baseUrl, email)) ?? DEMO_TOTP_SECRET;
}

/** Remembers a secret a test set up itself (through the pages), for later helper logins. */
export function rememberSecret(baseUrl: string, email: string, secret: string) {
  knownSecrets.set(accountKey(baseUrl, email), secret);
}

/**
 * Test fixture only: lets the next helper login of this account use any code of the window again
 * (see Client.login). Needs the portal in this process; elsewhere the helper waits for fresh steps.
 */
export function forgetLastStep(baseUrl: string, email: string) {
  const db = portalsByUrl.get(baseUrl)?.services.db;
  if (!db) return;
  db.update(users).set({ totpLastStep: null }).where(eq(users.email, email)).run();
  stepsUsed.delete(accountKey(baseUrl, email));
}

/** The regiotafel_2fa cookie ("password right, code to come") a response sets, as a Cookie header. */
export function pendingLoginCookie(response: Response): string | null {
  const set = response.headers.getSetCookie().find((c) => /^regiotafel_2fa=[^;]+/.test(c));
  return set ? set.split(";")[0] : null;
}

// ── Second factor (TOTP) ─────────────────────────────────────────────────────

const TOTP_PERIOD_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / TOTP_PERIOD_MS);

/** The code of a secret for a 30-second step (default: the current one). */
export function totpCode(secret: string, step = stepNow()): string {
  return codeAt(secret, step * TOTP_PERIOD_MS);
}

/** Per account (or secret), the last step this helper sent a code for: the portal accepts every step only once. */
const stepsUsed = new Map<string, number>();

/**
 * A code the portal has not seen yet, from the oldest step it still accepts: the previous step's
 * (unless the next step is under 5 s away, when a slow request could miss it), the current one's,
 * the next one's (accepted one step early), else it waits for the clock.
 */
export async function freshTotpCode(secret: string, account: string = secret): Promise<string> {
  const now = Date.now();
  const current = Math.floor(now / TOTP_PERIOD_MS);
  const oldestSafe = now % TOTP_PERIOD_MS < TOTP_PERIOD_MS - 5_000 ? current - 1 : current;
  const step = Math.max(oldestSafe, (stepsUsed.get(account) ?? -Infinity) + 1);
  const acceptedFrom = (step - 1) * TOTP_PERIOD_MS; // from then on `step` is within the window
  if (Date.now() < acceptedFrom) await new Promise((r) => setTimeout(r, acceptedFrom - Date.now() + 50));
  stepsUsed.set(account, step);
  return totpCode(secret, step);
}

const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? null;

/**
 * Sets up a second factor through the pages, as a person would: the client must be signed in
 * as `email`. Reads the secret shown for manual entry, confirms with a current code, checks
 * (when the portal runs in this process) that exactly that secret was stored, and returns it.
 */
export async function enrolTotp(client: Client, db: Portal["services"]["db"] | undefined, email: string): Promise<string> {
  const page = await client.get("/account/tweede-factor");
  const html = await pageText(page);
  const [secret, token] = [hiddenField(html, "secret"), hiddenField(html, "token")];
  if (page.status !== 200 || !secret || !token) throw new Error(`no enrolment for ${email}: ${page.status}`);
  const confirm = await client.post("/account/tweede-factor", { intent: "enrol", secret, token, code: await freshTotpCode(secret) });
  const stored = db ? db.select({ secret: users.totpSecret }).from(users).where(eq(users.email, email)).get()?.secret : secret;
  if (confirm.status !== 302 || stored !== secret) throw new Error(`enrolment of ${email} failed: ${confirm.status}`);
  return secret;
}

/** A client signed in as `email`, second factor included (see Client.login). */
export async function loggedIn(baseUrl: string, email: string): Promise<Client> {
  const client = new Client(baseUrl);
  await client.login(email);
  return client;
}

/** The page's HTML without React's text separators, so assertions read like the page does. */
export async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

export type PageAnswer = { status: number; html: string; location: string | null; headers: Headers };

/**
 * One signed-in client per e-mail address, kept for the whole test file, and page requests
 * answered as status, readable HTML and redirect target. `baseUrl` is read at call time
 * because the portal starts in beforeAll.
 */
export function sessionsFor(baseUrl: () => string) {
  const clients = new Map<string, Client>();
  const as = async (email: string): Promise<Client> => {
    if (!clients.has(email)) clients.set(email, await loggedIn(baseUrl(), email));
    return clients.get(email)!;
  };
  const read = async (response: Response): Promise<PageAnswer> => ({
    status: response.status,
    html: await pageText(response),
    location: response.headers.get("location"),
    headers: response.headers,
  });
  return {
    as,
    get: async (email: string, path: string) => read(await (await as(email)).get(path)),
    post: async (email: string, path: string, fields: Record<string, string | string[]>) => read(await (await as(email)).post(path, fields)),
  };
}
