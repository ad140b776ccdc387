// Finding 4: the login throttle lived in memory (a restart forgave everything) and was a hard
// lockout anyone could trigger. Now: progressive delays per account and per account + address,
// stored in SQLite, visible to administrators (app/domain/login-throttle.ts has the numbers).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { Client, DEMO_PASSWORD, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

const WAIT = /Te veel mislukte pogingen\. Probeer het over (\d+) (seconden?|minuten) opnieuw\./;
const INVALID = "De combinatie van e-mailadres en wachtwoord is onjuist.";

const attempt = async (url: string, email: string, password: string, headers: Record<string, string> = {}) =>
  pageText(await new Client(url, headers).post("/inloggen", { email, password, redirectTo: "/" }));

describe("progressive delays instead of a lockout", () => {
  let t: TestPortal;
  beforeAll(async () => {
    t = await startPortal();
  });
  afterAll(() => t?.close());

  it("lets 5 failures pass, then makes the account + address wait, doubling; after the wait the right password works", async () => {
    const email = "lid.gelderland@regiotafel.test";
    for (let i = 0; i < 5; i++) expect(await attempt(t.url, email, `fout-${i}`)).toContain(INVALID);
    expect(await attempt(t.url, email, "fout-5")).toContain(INVALID); // the 6th failure sets a 1 s delay
    const refused = await attempt(t.url, email, DEMO_PASSWORD);
    const wait = WAIT.exec(refused);
    expect(wait, "right password during the delay").not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await attempt(t.url, email, "fout-6")).toContain(INVALID); // 7th: now 2 s
    const second = WAIT.exec(await attempt(t.url, email, DEMO_PASSWORD));
    expect(Number(second?.[1])).toBe(2);
    await new Promise((r) => setTimeout(r, 2_100));
    // Not a lockout: after the wait the owner signs in (password, then code).
    const client = new Client(t.url);
    await client.login(email);
    expect((await client.get("/")).status).toBe(200);
    console.log(`throttle: 5 free failures, then waits of 1 s and ${second?.[1]} s; after waiting the owner signed in`);
  });

  it("answers an unknown account the same way, so the delay reveals nothing", async () => {
    for (let i = 0; i < 6; i++) expect(await attempt(t.url, "bestaat.niet@regiotafel.test", `fout-${i}`)).toContain(INVALID);
    expect(await attempt(t.url, "bestaat.niet@regiotafel.test", "x")).toMatch(WAIT);
  });

  it("does not lock out colleagues behind a shared address: 40 failures on 20 accounts, then a colleague signs in at once", async () => {
    for (let i = 0; i < 20; i++) {
      await attempt(t.url, `poging${i}@regiotafel.test`, "fout-a");
      await attempt(t.url, `poging${i}@regiotafel.test`, "fout-b");
    }
    const colleague = new Client(t.url);
    await colleague.login("voorzitter.gelderland@regiotafel.test");
    expect((await colleague.get("/")).status).toBe(200);
    console.log("throttle: 40 failures from one address on 20 accounts; a colleague at that address signs in: yes");
  });

  it("shows the administrator who is delayed, and lets them release an account", async () => {
    const admin = await loggedIn(t.url, "admin@regiotafel.test");
    const page = await pageText(await admin.get("/beheer/inlogpogingen"));
    expect(page).toContain("<h1>Geblokkeerde inlogpogingen</h1>");
    expect(page).toContain("bestaat.niet@regiotafel.test");
    const released = await admin.post("/beheer/inlogpogingen", { intent: "release", email: "bestaat.niet@regiotafel.test" });
    expect(released.status).toBe(302);
    expect(await attempt(t.url, "bestaat.niet@regiotafel.test", "x")).toContain(INVALID);
    const db = t.portal.services.db;
    const [event] = db.select().from(auditEvents).where(and(eq(auditEvents.action, "login_throttle.release"), eq(auditEvents.userEmail, "admin@regiotafel.test"))).all();
    expect(event.detail).toBe("bestaat.niet@regiotafel.test: 2 tellers");
    // Nobody else may see or use it.
    const chair = await loggedIn(t.url, "voorzitter.limburg@regiotafel.test");
    expect((await chair.get("/beheer/inlogpogingen")).status).toBe(403);
    expect((await chair.post("/beheer/inlogpogingen", { intent: "release", email: "lid.gelderland@regiotafel.test" })).status).toBe(403);
  });
});

describe("the throttle survives a restart", () => {
  it("still makes the attacker wait after the server restarts on the same database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-throttle-"));
    // A first delay of 60 s, so the restart cannot outlast it.
    const env = { DATABASE_PATH: path.join(dir, "restart.db"), LOGIN_FIRST_DELAY_SECONDS: "60" };
    const email = "lid.brabant@regiotafel.test";
    try {
      const first = await startPortal(env);
      for (let i = 0; i < 6; i++) await attempt(first.url, email, `fout-${i}`);
      const before = WAIT.exec(await attempt(first.url, email, DEMO_PASSWORD));
      expect(before).not.toBeNull();
      await first.close();
      const second = await startPortal(env);
      try {
        const after = WAIT.exec(await attempt(second.url, email, DEMO_PASSWORD));
        expect(after, "refused after the restart").not.toBeNull();
        console.log(`throttle across a restart: before "${before?.[0]}", after "${after?.[0]}"`);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
