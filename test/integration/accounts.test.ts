// The account lifecycle without shared passwords: admin:create on an empty production database,
// invitations and password resets by one-time links (single use, expiring, only a hash stored),
// one answer for known and unknown addresses, and a reset that ends every session and socket.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, desc, eq } from "drizzle-orm";
import { io as connectSocket } from "socket.io-client";
import { accountTokens, outboxMails, users } from "#db/schema";
import { hashAccountToken } from "~/models/account-tokens.server";
import { Client, DEMO_PASSWORD, enrolTotp, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

const run = promisify(execFile);
const STRONG = "Blauwe kikkers springen over zeven stenen";
const STRONG_2 = "Een heel andere zin met 42 woorden erin";

/** The token at the end of a link in a text. */
const tokenIn = (text: string, route: "activeren" | "wachtwoord-herstellen") => new RegExp(`/${route}/([A-Za-z0-9_-]{43})`).exec(text)?.[1] ?? null;

async function choosePassword(baseUrl: string, route: "activeren" | "wachtwoord-herstellen", token: string, password: string, repeat = password) {
  const response = await new Client(baseUrl).post(`/${route}/${token}`, { password, repeat });
  return { status: response.status, location: response.headers.get("location"), html: response.status === 200 ? await pageText(response) : "" };
}

describe("admin:create in production", () => {
  let dir: string;
  let t: TestPortal | null = null;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-admin-create-"));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cli = (email: string) =>
    run("npx", ["tsx", "server/cli/admin-create.ts", "--email", email, "--name", "Eerste Beheerder"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: path.join(dir, "prod.db"), APP_ORIGIN: "https://regiotafel.example.nl" },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it("creates an administrator without a password on an empty database and prints a one-time activation URL; the person activates, enrols a second factor and works", async () => {
    const first = await cli("Eerste@Example.nl");
    expect(first.code).toBe(0);
    const url = /https:\/\/regiotafel\.example\.nl\/activeren\/[A-Za-z0-9_-]{43}/.exec(first.out)?.[0];
    expect(url, first.out).toBeDefined();
    const token = tokenIn(url!, "activeren")!;

    // Again for the same address: nothing created, and it says so.
    const again = await cli("eerste@example.nl");
    expect(again.code).toBe(1);
    expect(again.out).toContain("Er bestaat al een account met eerste@example.nl; er is niets aangemaakt.");

    // The portal in production mode on that database: no demo accounts, only this administrator.
    t = await startPortal({ NODE_ENV: "production", DATABASE_PATH: path.join(dir, "prod.db") });
    const db = t.portal.services.db;
    const all = db.select().from(users).all();
    expect(all.map((u) => u.email)).toEqual(["eerste@example.nl"]);
    expect(all[0].passwordHash).not.toMatch(/^\$argon2/);
    // Only the hash of the token is stored.
    const stored = db.select().from(accountTokens).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(hashAccountToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(new Date(stored[0].expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    // No login before activation, not even with an empty or guessed password.
    expect((await new Client(t.url).post("/inloggen", { email: "eerste@example.nl", password: "!no-password", redirectTo: "/" })).status).toBe(200);

    const page = await pageText(await new Client(t.url).get(`/activeren/${token}`));
    expect(page).toContain("eerste@example.nl");
    const weak = await choosePassword(t.url, "activeren", token, "wachtwoord12");
    expect(weak.html).toContain("Dit wachtwoord is te voorspelbaar");
    expect(weak.html).not.toContain("wachtwoord12");
    const mismatch = await choosePassword(t.url, "activeren", token, STRONG, STRONG_2);
    expect(mismatch.html).toContain("De twee wachtwoorden zijn niet gelijk.");
    const done = await choosePassword(t.url, "activeren", token, STRONG);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/inloggen?redirectTo=%2Faccount%2Ftweede-factor");
    // Single use.
    expect((await choosePassword(t.url, "activeren", token, STRONG_2)).html).toContain("Deze link is verlopen of al gebruikt.");

    const client = new Client(t.url);
    const login = await client.login("eerste@example.nl", STRONG, { enrol: false });
    expect(login.headers.get("location")).toMatch(/^\/account\/tweede-factor/);
    await enrolTotp(client, db, "eerste@example.nl");
    const usersPage = await client.get("/beheer/gebruikers");
    expect(usersPage.status).toBe(200);
    expect(await pageText(usersPage)).toContain("Eerste Beheerder");
  }, 180_000);
});

describe("invitations and resets", () => {
  let t: TestPortal;
  let admin: Client;
  beforeAll(async () => {
    t = await startPortal();
    admin = await loggedIn(t.url, "admin@regiotafel.test");
  });
  afterAll(() => t?.close());
  const db = () => t.portal.services.db;
  const lastMailTo = (address: string) => db().select().from(outboxMails).where(eq(outboxMails.toAddress, address)).orderBy(desc(outboxMails.id)).get();

  it("an administrator invites instead of typing a password; the invitation's link activates once and expires after 24 h", async () => {
    const kwintes = /<option value="(\d+)">Kwintes<\/option>/.exec(await pageText(await admin.get("/beheer/gebruikers/nieuw")))![1];
    const response = await admin.post("/beheer/gebruikers/nieuw", { name: "Fenna Uitgenodigd", email: "f.uitgenodigd@example.nl", organisationId: kwintes, role: "referrer", tableId: "" });
    expect(response.status).toBe(302);
    const mail = lastMailTo("f.uitgenodigd@example.nl")!;
    expect(mail.kind).toBe("activation");
    expect(mail.subject).toBe("Regiotafel: activeer uw account");
    const token = tokenIn(mail.text, "activeren")!;
    expect(token).not.toBeNull();

    // A second invitation (the administrator sends the link again) replaces the first link.
    const id = db().select().from(users).where(eq(users.email, "f.uitgenodigd@example.nl")).get()!.id;
    expect((await admin.post(`/beheer/gebruikers/${id}`, { intent: "send_password_link" })).status).toBe(302);
    const second = tokenIn(lastMailTo("f.uitgenodigd@example.nl")!.text, "activeren")!;
    expect(second).not.toBe(token);
    expect((await choosePassword(t.url, "activeren", token, STRONG)).html).toContain("Deze link is verlopen of al gebruikt.");

    // Expired: 24 h later the link no longer works.
    db().update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(accountTokens.tokenHash, hashAccountToken(second))).run();
    expect((await choosePassword(t.url, "activeren", second, STRONG)).html).toContain("Deze link is verlopen of al gebruikt.");

    expect((await admin.post(`/beheer/gebruikers/${id}`, { intent: "send_password_link" })).status).toBe(302);
    const third = tokenIn(lastMailTo("f.uitgenodigd@example.nl")!.text, "activeren")!;
    expect((await choosePassword(t.url, "activeren", third, STRONG)).status).toBe(302);
    expect((await new Client(t.url).login("f.uitgenodigd@example.nl", STRONG)).status).toBe(302);
  });

  it("'Wachtwoord vergeten' answers the same for a known and an unknown address; only the known one gets a link", async () => {
    const before = db().select().from(outboxMails).all().length;
    const content = async (email: string) => {
      const html = await pageText(await new Client(t.url).post("/wachtwoord-vergeten", { email }));
      return /<main[\s\S]*<\/main>/.exec(html)![0];
    };
    const known = await content("lid.brabant@regiotafel.test");
    const unknown = await content("niemand.bekend@example.nl");
    expect(known).toBe(unknown);
    expect(known).toContain("Als dit e-mailadres bij een account hoort");
    const mails = db().select().from(outboxMails).all().slice(before);
    expect(mails.map((m) => m.toAddress)).toEqual(["lid.brabant@regiotafel.test"]);
    expect(mails[0].kind).toBe("reset");
  });

  it("a reset link works once and ends every session and socket of the user; it expires after 1 h", async () => {
    const email = "lid.gelderland@regiotafel.test";
    const user = await loggedIn(t.url, email);
    expect((await user.get("/")).status).toBe(200);
    const socket = connectSocket(t.url, { transports: ["websocket"], extraHeaders: { Cookie: user.cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", resolve);
      socket.on("connect_error", reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));

    await new Client(t.url).post("/wachtwoord-vergeten", { email });
    const token = tokenIn(lastMailTo(email)!.text, "wachtwoord-herstellen")!;
    const stored = db().select().from(accountTokens).where(eq(accountTokens.tokenHash, hashAccountToken(token))).get()!;
    const lifetime = new Date(stored.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);

    const done = await choosePassword(t.url, "wachtwoord-herstellen", token, STRONG_2);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/inloggen");
    expect(await disconnected).toBe("io server disconnect");
    socket.close();
    const old = await user.get("/");
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toMatch(/^\/inloggen/);
    expect((await choosePassword(t.url, "wachtwoord-herstellen", token, STRONG)).html).toContain("Deze link is verlopen of al gebruikt.");
    expect((await new Client(t.url).post("/inloggen", { email, password: DEMO_PASSWORD, redirectTo: "/" })).status).toBe(200);
    expect((await new Client(t.url).login(email, STRONG_2)).status).toBe(302);

    // An hour later a fresh link has expired.
    await new Client(t.url).post("/wachtwoord-vergeten", { email });
    const late = tokenIn(lastMailTo(email)!.text, "wachtwoord-herstellen")!;
    db().update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(and(eq(accountTokens.tokenHash, hashAccountToken(late)))).run();
    expect((await choosePassword(t.url, "wachtwoord-herstellen", late, STRONG)).html).toContain("Deze link is verlopen of al gebruikt.");
  });
});
