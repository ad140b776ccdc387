// The second factor (security.md: "a second factor for everyone who can see patient identity;
// a code works only once"), through the real pages: forced enrolment, the code step of the login,
// replay, throttling, an administrator's reset, and the project leader for whom it may be optional.
import { and, eq } from "drizzle-orm";
import { io as connectSocket } from "socket.io-client";
import { auditEvents, users } from "../../db/schema";
import { resetSecondFactor } from "../../app/models/second-factor.server";
import { Client, DEMO_PASSWORD, DEMO_TOTP_SECRET, enrolTotp, freshTotpCode, loggedIn, pageText, pendingLoginCookie, startPortal, totpCode, type TestPortal } from "../helpers/portal";

const ADMIN = "admin@regiotafel.test";
const ENROLMENT = "/account/tweede-factor";
const WRONG_CODE = "De verificatiecode is onjuist of al gebruikt.";
const EXPIRED = "Uw inlogpoging is verlopen.";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
  // The demo accounts come enrolled with the published demo secret; this administrator starts without.
  resetSecondFactor(t.portal.services.db, account(ADMIN).id);
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const account = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const auditOf = (action: string, email: string) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.userEmail, email))).all();
const stepNow = () => Math.floor(Date.now() / 30_000);

/** Every secret and code this file sends: none may end up in the audit log. */
const secretsSeen = new Set<string>();
const codesSent = new Set<string>();

/** A 6-digit code that is none of the codes accepted around now. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, stepNow() + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

/** The password step: no session, a pending-login cookie instead. */
async function passwordStep(email: string) {
  const client = new Client(t.url);
  const response = await client.post("/inloggen", { email, password: DEMO_PASSWORD, redirectTo: "/" });
  return { client, response, pending: pendingLoginCookie(response) };
}

/** The code step with a given pending-login cookie; the client keeps the session it may get. */
async function codeStep(client: Client, pending: string, code: string, redirectTo = "/") {
  codesSent.add(code);
  client.cookie = pending;
  const response = await client.post("/inloggen", { intent: "code", code, redirectTo });
  if (client.cookie === pending) client.cookie = "";
  return response;
}

describe("an administrator without a second factor (as after a reset)", () => {
  let admin: Client;
  let secret: string;

  it("gets a session at the first login, but is sent to set up the second factor", async () => {
    admin = new Client(t.url);
    const response = await admin.post("/inloggen", { email: ADMIN, password: DEMO_PASSWORD, redirectTo: "/" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(ENROLMENT);
    expect(admin.cookie).toMatch(/^regiotafel_session=/);
    expect(pendingLoginCookie(response)).toBeNull();
    expect(auditOf("login", ADMIN).at(-1)!.detail).toBeNull();
  });

  it("is sent there from every other page, read or write, also from data requests", async () => {
    for (const path of ["/", "/beheer/gebruikers", "/beheer/audit", "/beheer/organisaties", "/beheer/api-tokens", `/beheer/gebruikers/${account("lid.denhaag@regiotafel.test").id}`, "/tafels/rotterdam"]) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(path === "/" ? ENROLMENT : `${ENROLMENT}?redirectTo=${encodeURIComponent(path)}`);
    }
    const data = await admin.get(`/beheer/gebruikers?_data=${encodeURIComponent("routes/beheer.gebruikers._index")}`);
    expect(data.status).toBe(204);
    expect(data.headers.get("x-remix-redirect")).toBe(`${ENROLMENT}?redirectTo=${encodeURIComponent("/beheer/gebruikers")}`);
    const before = db().select().from(users).all().length;
    const create = await admin.post("/beheer/gebruikers/nieuw", { name: "Niet Aangemaakt", email: "niet@example.nl", organisationId: "1", role: "referrer", tableId: "", password: "Blauwe kikkers springen over zeven stenen" });
    expect(create.status).toBe(302);
    expect(create.headers.get("location")).toMatch(/^\/account\/tweede-factor\?redirectTo=/);
    expect(db().select().from(users).all()).toHaveLength(before);
  });

  it("sees the enrolment page: a QR code and the secret to type, nothing stored yet", async () => {
    const response = await admin.get(ENROLMENT);
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("U ziet in dit portaal gegevens van patiënten: stel eerst een tweede factor in, met een authenticator-app of een passkey.");
    expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="220" height="220" alt="QR-code om Regiotafel \(admin@regiotafel.test\)/);
    secret = hidden(html, "secret")!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    secretsSeen.add(secret);
    expect(html).toContain(secret.replace(/(.{4})(?=.)/g, "$1 ")); // for typing by hand
    expect(html).toMatch(/autocomplete="one-time-code"/i);
    expect(html).toMatch(/inputmode="numeric"/i);
    expect(account(ADMIN).totpSecret).toBeNull();
    // A second visit shows another secret: none is kept before it is confirmed.
    const again = hidden(await pageText(await admin.get(ENROLMENT)), "secret")!;
    secretsSeen.add(again);
    expect(again).not.toBe(secret);
  });

  it("refuses a wrong code and a secret the page did not sign, keeping the QR code already scanned", async () => {
    const html = await pageText(await admin.get(`${ENROLMENT}?redirectTo=%2Fbeheer%2Faudit`));
    secret = hidden(html, "secret")!;
    secretsSeen.add(secret);
    const token = hidden(html, "token")!;
    const wrong = await admin.post(ENROLMENT, { intent: "enrol", secret, token, code: wrongCode(secret), redirectTo: "/beheer/audit" });
    expect(wrong.status).toBe(200);
    const wrongHtml = await pageText(wrong);
    expect(wrongHtml).toContain(WRONG_CODE);
    expect(hidden(wrongHtml, "secret")).toBe(secret);
    const own = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"; // chosen by the client, not by the portal
    secretsSeen.add(own);
    const forged = await admin.post(ENROLMENT, { intent: "enrol", secret: own, token, code: totpCode(own) });
    expect(await pageText(forged)).toContain("Deze QR-code is verlopen.");
    expect(account(ADMIN).totpSecret).toBeNull();
  });

  it("sets it up with a current code and goes on where it was going", async () => {
    const html = await pageText(await admin.get(`${ENROLMENT}?redirectTo=%2Fbeheer%2Faudit`));
    secret = hidden(html, "secret")!;
    secretsSeen.add(secret);
    const code = await freshTotpCode(secret);
    codesSent.add(code);
    const response = await admin.post(ENROLMENT, { intent: "enrol", secret, token: hidden(html, "token")!, code, redirectTo: hidden(html, "redirectTo")! });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/beheer/audit");
    const stored = account(ADMIN);
    expect(stored.totpSecret).toBe(secret);
    expect(stored.totpLastStep).toBeGreaterThanOrEqual(stepNow() - 1);
    expect((await admin.get("/beheer/audit")).status).toBe(200);
    expect((await admin.get("/")).status).toBe(200);
    const status = await pageText(await admin.get(ENROLMENT));
    expect(status).toContain('<span class="badge badge--ok">Aan</span>');
    expect(status).not.toContain(secret);
    expect(auditOf("totp.enrol", ADMIN)).toHaveLength(1);
  });

  it("logs out as before", async () => {
    expect((await admin.post("/uitloggen", {})).status).toBe(302);
    expect((await admin.get("/")).headers.get("location")).toMatch(/^\/inloggen/);
  });

  let loginCode: string;
  let firstPending: string;
  let session: Client;

  it("after that, the password alone gives no session but asks for the code", async () => {
    const { client, response, pending } = await passwordStep(ADMIN);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/inloggen");
    expect(client.cookie).toBe("");
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("regiotafel_2fa="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=300/);
    expect(setCookie).not.toContain(secret);
    firstPending = pending!;
    // The pending login is not a session.
    const home = await fetch(t.url + "/", { headers: { Cookie: firstPending }, redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toMatch(/^\/inloggen/);
    const page = await pageText(await fetch(t.url + "/inloggen", { headers: { Cookie: firstPending } }));
    expect(page).toContain("<h2 id=\"verificatie\">Verificatiecode</h2>");
    expect(page).toMatch(/<input id="veld-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"/i);
    expect(page).not.toContain('name="password"');
  });

  it("refuses a wrong code in Dutch, and writes it to the audit log as a failed login", async () => {
    const failedBefore = auditOf("login.failed", ADMIN).length;
    const client = new Client(t.url);
    const response = await codeStep(client, firstPending, wrongCode(secret));
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain(WRONG_CODE);
    expect(html).toContain("Verificatiecode");
    expect(client.cookie).toBe("");
    const failed = auditOf("login.failed", ADMIN);
    expect(failed).toHaveLength(failedBefore + 1);
    expect(failed.at(-1)).toMatchObject({ outcome: "failure", detail: "tweede factor" });
    // Not a code at all: a Dutch field error, no 500.
    const letters = await codeStep(client, firstPending, "abc");
    expect(letters.status).toBe(200);
    expect(await pageText(letters)).toContain("Vul de 6 cijfers uit uw authenticator-app in.");
  });

  it("signs in with the right code: a fresh session, audited as a login with the second factor", async () => {
    session = new Client(t.url);
    loginCode = await freshTotpCode(secret);
    const response = await codeStep(session, firstPending, loginCode, "/beheer/gebruikers");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/beheer/gebruikers");
    expect(session.cookie).toMatch(/^regiotafel_session=/);
    expect(response.headers.getSetCookie().find((c) => c.startsWith("regiotafel_2fa="))).toMatch(/regiotafel_2fa=;.*Max-Age=0/);
    expect(session.cookie).not.toBe(admin.cookie);
    expect(await pageText(await session.get("/"))).toContain("Welkom, Anouk Beheer");
    expect((await session.get("/beheer/gebruikers")).status).toBe(200);
    const login = auditOf("login", ADMIN).at(-1)!;
    expect(login).toMatchObject({ outcome: "success", objectType: "session", detail: "met tweede factor" });
  });

  it("refuses the same code again, also in a new login within the same 30 seconds", async () => {
    // The pending login of the first attempt is used up: its step has moved on.
    const reuse = await codeStep(new Client(t.url), firstPending, wrongCode(secret));
    expect(await pageText(reuse)).toContain(EXPIRED);
    const { pending } = await passwordStep(ADMIN);
    const client = new Client(t.url);
    const replay = await codeStep(client, pending!, loginCode);
    expect(replay.status).toBe(200);
    expect(await pageText(replay)).toContain(WRONG_CODE);
    expect(client.cookie).toBe("");
    expect(auditOf("login.failed", ADMIN).at(-1)!.detail).toBe("tweede factor");
  });

  it("cannot turn it off while it is the only factor", async () => {
    const response = await session.post(ENROLMENT, { intent: "disable", code: "123456" });
    expect(await pageText(response)).toContain("Een tweede factor is voor u verplicht.");
    expect(account(ADMIN).totpSecret).toBe(secret);
    expect(await pageText(await session.get(ENROLMENT))).not.toContain("Authenticator-app uitzetten</button>");
  });

  describe("an administrator's reset of another user's second factor", () => {
    const VICTIM = "voorzitter.amsterdam@regiotafel.test";

    it("ends every session and socket of that user; the user then signs in with the password and must set it up again", async () => {
      const victim = await loggedIn(t.url, VICTIM);
      const other = await loggedIn(t.url, VICTIM);
      const socket = connectSocket(t.url, { transports: ["websocket"], extraHeaders: { Cookie: other.cookie }, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.on("connect", resolve);
        socket.on("connect_error", reject);
      });
      const dropped = new Promise<string>((resolve) => socket.on("disconnect", resolve));

      const id = account(VICTIM).id;
      const page = await pageText(await session.get(`/beheer/gebruikers/${id}`));
      expect(page).toContain('<h2 id="tweede-factor">Tweede factor</h2>');
      expect(page).toContain("Tweede factor resetten");
      const reset = await session.post(`/beheer/gebruikers/${id}`, { intent: "reset_totp" });
      expect(reset.status).toBe(302);
      expect(reset.headers.get("location")).toBe(`/beheer/gebruikers/${id}`);
      expect(await dropped).toBe("io server disconnect");
      socket.close();
      expect(account(VICTIM)).toMatchObject({ totpSecret: null, totpLastStep: null });
      for (const c of [victim, other]) expect((await c.get("/")).headers.get("location")).toMatch(/^\/inloggen/);
      const audited = db().select().from(auditEvents).where(and(eq(auditEvents.action, "totp.reset"), eq(auditEvents.objectId, id))).all();
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ userEmail: ADMIN, objectType: "user", outcome: "success" });

      // A second reset has nothing to reset.
      expect(await pageText(await session.post(`/beheer/gebruikers/${id}`, { intent: "reset_totp" }))).toContain("Deze gebruiker heeft geen tweede factor ingesteld.");
      // The password alone gives a session that reaches only the enrolment page.
      const again = new Client(t.url);
      const response = await again.login(VICTIM, DEMO_PASSWORD, { enrol: false });
      expect(response.headers.get("location")).toBe(ENROLMENT);
      expect((await again.get("/")).headers.get("location")).toBe(ENROLMENT);
      secretsSeen.add(await enrolTotp(again, db(), VICTIM));
      expect((await again.get("/")).status).toBe(200);
    });

    it("is refused for one's own, and for someone who is not an administrator", async () => {
      const own = await session.post(`/beheer/gebruikers/${account(ADMIN).id}`, { intent: "reset_totp" });
      expect(await pageText(own)).toContain("U kunt uw eigen tweede factor niet resetten.");
      expect(account(ADMIN).totpSecret).toBe(secret);
      const member = await loggedIn(t.url, "lid.centraal@regiotafel.test");
      const attempt = await member.post(`/beheer/gebruikers/${account(VICTIM).id}`, { intent: "reset_totp" });
      expect(attempt.status).toBe(403);
      const self = await member.post(`/beheer/gebruikers/${account("lid.centraal@regiotafel.test").id}`, { intent: "reset_totp" });
      expect(self.status).toBe(403);
      expect(account("lid.centraal@regiotafel.test").totpSecret).toBe(DEMO_TOTP_SECRET);
    });
  });
});

describe("a table member", () => {
  it("cannot turn off their only second factor, and the page says it is required", async () => {
    const client = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    const page = await pageText(await client.get(ENROLMENT));
    expect(page).toContain('<span class="badge badge--ok">Aan</span>');
    expect(page).not.toContain("Nee, maar aanbevolen");
    expect(page).not.toContain("Authenticator-app uitzetten</button>");
    const off = await client.post(ENROLMENT, { intent: "disable", code: await freshTotpCode(DEMO_TOTP_SECRET, "lid.rotterdam") });
    expect(await pageText(off)).toContain("Een tweede factor is voor u verplicht.");
    expect(account("lid.rotterdam@regiotafel.test").totpSecret).toBe(DEMO_TOTP_SECRET);
  });
});

describe("the project leader, where SECOND_FACTOR_OPTIONAL_ROLES=project_leader", () => {
  const EMAIL = "projectleider@regiotafel.test";
  let optional: TestPortal;
  let secret: string;
  let client: Client;
  const odb = () => optional.portal.services.db;
  beforeAll(async () => {
    optional = await startPortal({ SECOND_FACTOR_OPTIONAL_ROLES: "project_leader" });
    resetSecondFactor(odb(), odb().select().from(users).where(eq(users.email, EMAIL)).get()!.id);
  });
  afterAll(() => optional?.close());

  it("is not sent to enrolment, but may set it up", async () => {
    client = await loggedIn(optional.url, EMAIL);
    expect((await client.get("/")).status).toBe(200);
    const page = await pageText(await client.get(ENROLMENT));
    expect(page).toContain('<span class="badge badge--warn">Uit</span>');
    expect(page).toContain("Nee, maar aanbevolen");
    expect(page).not.toContain("stel eerst een tweede factor in");
    secret = await enrolTotp(client, odb(), EMAIL);
    secretsSeen.add(secret);
  });

  it("then needs the code to sign in", async () => {
    const first = await new Client(optional.url).post("/inloggen", { email: EMAIL, password: DEMO_PASSWORD, redirectTo: "/" });
    expect(first.headers.get("location")).toBe("/inloggen");
    expect(pendingLoginCookie(first)).toMatch(/^regiotafel_2fa=/);
    client = new Client(optional.url);
    await client.login(EMAIL, DEMO_PASSWORD, { totpSecret: secret });
    expect(await pageText(await client.get("/"))).toContain("Welkom, Pieter van Monitor");
  });

  it("may turn it off with a current code (a wrong one is refused), and then signs in with the password alone", async () => {
    const wrong = await client.post(ENROLMENT, { intent: "disable", code: wrongCode(secret) });
    expect(await pageText(wrong)).toContain(WRONG_CODE);
    const code = await freshTotpCode(secret);
    codesSent.add(code);
    const off = await client.post(ENROLMENT, { intent: "disable", code });
    expect(off.status).toBe(302);
    const stored = odb().select().from(users).where(eq(users.email, EMAIL)).get()!;
    expect(stored).toMatchObject({ totpSecret: null, totpLastStep: null });
    expect(await pageText(await client.get(off.headers.get("location")!))).toContain("De authenticator-app is uitgezet.");
    const plain = await new Client(optional.url).login(EMAIL);
    expect(plain.headers.get("location")).toBe("/");
  });

  it("refuses to start when another role is configured optional", async () => {
    await expect(startPortal({ SECOND_FACTOR_OPTIONAL_ROLES: "project_leader,chair" })).rejects.toThrow(/only name project_leader/);
  });
});

describe("wrong codes are throttled like wrong passwords", () => {
  const EMAIL = "voorzitter.brabant@regiotafel.test";

  it("counts per account; a right password in between does not wipe the count; then even the right code waits", async () => {
    const secret = DEMO_TOTP_SECRET;
    let { pending } = await passwordStep(EMAIL);
    for (let i = 0; i < 4; i++) expect(await pageText(await codeStep(new Client(t.url), pending!, wrongCode(secret)))).toContain(WRONG_CODE);
    // The password again: right, but the four wrong codes still count; two more pass the 5 free failures.
    ({ pending } = await passwordStep(EMAIL));
    for (let i = 0; i < 2; i++) expect(await pageText(await codeStep(new Client(t.url), pending!, wrongCode(secret)))).toContain(WRONG_CODE);
    const client = new Client(t.url);
    const right = await codeStep(client, pending!, await freshTotpCode(secret));
    expect(await pageText(right)).toMatch(/Te veel mislukte pogingen\. Probeer het over \d+ seconden? opnieuw\./);
    expect(client.cookie).toBe("");
    expect(auditOf("login.failed", EMAIL).filter((e) => e.detail === "tweede factor")).toHaveLength(6);
  });
});

describe("the audit log", () => {
  it("has the second-factor events and never a secret or a code", () => {
    for (const action of ["totp.enrol", "totp.reset", "login.failed", "login"]) {
      expect(db().select().from(auditEvents).where(eq(auditEvents.action, action)).all().length, action).toBeGreaterThan(0);
    }
    const rows = db().select().from(auditEvents).all();
    expect(secretsSeen.size).toBeGreaterThan(5);
    expect(codesSent.size).toBeGreaterThan(3);
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const secret of secretsSeen) expect(text).not.toContain(secret);
      for (const code of codesSent) expect(`${row.detail ?? ""} ${row.objectId ?? ""} ${row.userAgent ?? ""}`).not.toContain(code);
    }
    const details = new Set(rows.filter((r) => r.action.startsWith("totp.") || r.action.startsWith("login")).map((r) => r.detail));
    expect([...details].sort()).toEqual([null, "met tweede factor", "tweede factor"].sort());
  });
});
