import { io as connectSocket } from "socket.io-client";
import { Client, DEMO_PASSWORD, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t.close());

const INVALID = "De combinatie van e-mailadres en wachtwoord is onjuist.";

describe("login", () => {
  it("signs in with the right password and code and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const client = new Client(t.url);
    const response = await client.login("projectleider@regiotafel.test");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("regiotafel_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/); // only in production
    const home = await client.get("/");
    expect(home.status).toBe(200);
    expect(await pageText(home)).toContain("Welkom, Pieter van Monitor");
  });

  it("gives a new session id at every login", async () => {
    const a = await loggedIn(t.url, "lid.amsterdam@regiotafel.test");
    const b = await loggedIn(t.url, "lid.amsterdam@regiotafel.test");
    expect(a.cookie).not.toBe(b.cookie);
  });

  it("answers a wrong password and an unknown account with the same Dutch message, keeping the e-mail typed", async () => {
    const wrong = await new Client(t.url).post("/inloggen", { email: "lid.limburg@regiotafel.test", password: "niet-het-wachtwoord" });
    const unknown = await new Client(t.url).post("/inloggen", { email: "niemand@regiotafel.test", password: "niet-het-wachtwoord" });
    const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()];
    expect(wrong.status).toBe(200);
    expect(wrongHtml).toContain(INVALID);
    expect(unknownHtml).toContain(INVALID);
    expect(wrongHtml).toContain('value="lid.limburg@regiotafel.test"');
    expect(wrongHtml).not.toContain("niet-het-wachtwoord");
  });

  it("shows field errors in Dutch for empty input, never a 500", async () => {
    const response = await new Client(t.url).post("/inloggen", { email: "", password: "" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Vul uw e-mailadres in.");
    expect(html).toContain("Vul uw wachtwoord in.");
  });

  it("does not redirect to another site after login", async () => {
    const client = new Client(t.url);
    const response = await client.post("/inloggen", { email: "lid.brabant@regiotafel.test", password: DEMO_PASSWORD, redirectTo: "//evil.example/x" });
    // The password step goes on to the code step on this site, without the foreign target.
    expect(response.headers.get("location")).toBe("/inloggen");
  });
});

describe("sessions", () => {
  it("logout ends the session: the old cookie no longer works", async () => {
    const client = await loggedIn(t.url, "voorzitter.denhaag@regiotafel.test");
    const oldCookie = client.cookie;
    const out = await client.post("/uitloggen", {});
    expect(out.status).toBe(302);
    const replay = await fetch(t.url + "/", { headers: { Cookie: oldCookie }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/inloggen/);
  });

  it("ends a session after inactivity", async () => {
    const idle = await startPortal({ SESSION_IDLE_MINUTES: "0.02" }); // 1.2 s
    try {
      const client = await loggedIn(idle.url, "lid.denhaag@regiotafel.test");
      expect((await client.get("/")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await client.get("/")).status).toBe(302);
    } finally {
      await idle.close();
    }
  });

  it("ends an active session at the absolute limit", async () => {
    const absolute = await startPortal({ SESSION_ABSOLUTE_HOURS: String(2 / 3600) }); // 2 s
    try {
      const client = await loggedIn(absolute.url, "lid.denhaag@regiotafel.test");
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await client.get("/")).status);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(statuses[0]).toBe(200);
      expect(statuses.at(-1)).toBe(302);
    } finally {
      await absolute.close();
    }
  });
});

describe("CSRF", () => {
  it("refuses a cross-origin form post that carries the session cookie", async () => {
    const client = await loggedIn(t.url, "voorzitter.limburg@regiotafel.test");
    const attack = await client.post("/uitloggen", {}, { headers: { Origin: "https://evil.example" } });
    expect(attack.status).toBe(403);
    const noOrigin = await fetch(t.url + "/uitloggen", { method: "POST", headers: { Cookie: client.cookie }, redirect: "manual" });
    expect(noOrigin.status).toBe(403);
    expect((await client.get("/")).status).toBe(200); // still signed in
  });
});

describe("headers and health", () => {
  it("sends security headers and no-store on pages", async () => {
    const client = await loggedIn(t.url, "projectleider@regiotafel.test");
    const response = await client.get("/");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("sends HSTS and a __Host- Secure cookie in production", async () => {
    const prod = await startPortal({ NODE_ENV: "production" });
    try {
      const response = await fetch(prod.url + "/inloggen");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
      // Production seeds no demo accounts: create one to see the cookie a real login gets.
      const { hashPassword } = await import("../../app/lib/password.server");
      const { users, organisations } = await import("../../db/schema");
      const db = prod.portal.services.db;
      const org = db.select().from(organisations).limit(1).get()!;
      db.insert(users).values({ id: "prod-user", email: "echt@example.nl", name: "Echt", organisationId: org.id, passwordHash: await hashPassword("Een lange zin als wachtwoord 2026") }).run();
      const login = await new Client(prod.url).post("/inloggen", { email: "echt@example.nl", password: "Een lange zin als wachtwoord 2026" });
      const cookie = login.headers.get("set-cookie")!;
      expect(cookie).toMatch(/^__Host-regiotafel_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/Path=\//);
    } finally {
      await prod.close();
    }
  });

  it("/healthz answers ok while the database answers, 503 when it does not", async () => {
    const own = await startPortal();
    const ok = await fetch(own.url + "/healthz");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", db: "ok" });
    own.portal.services.db.$client.close();
    const down = await fetch(own.url + "/healthz");
    expect(down.status).toBe(503);
    expect((await down.json()).db).toBe("error");
    await new Promise<void>((resolve) => own.portal.services.io!.close(() => resolve()));
  });
});

describe("socket.io", () => {
  function connect(cookie?: string) {
    return connectSocket(t.url, { transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false });
  }

  it("refuses a connection without a valid session", async () => {
    const socket = connect();
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("unauthorized");
    socket.close();
  });

  it("accepts a signed-in user and disconnects the socket at logout", async () => {
    const client = await loggedIn(t.url, "voorzitter.amsterdam@regiotafel.test");
    const socket = connect(client.cookie);
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", resolve);
      socket.on("connect_error", reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    await client.post("/uitloggen", {});
    expect(await disconnected).toBe("io server disconnect");
    socket.close();
  });
});
