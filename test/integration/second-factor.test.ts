// Finding 11 of issue 13: a second factor for everyone who sees patient identity, with recovery
// codes for a lost phone or passkey (single use, hashed, shown once) and passkeys that can be
// removed only while another factor remains. Passkey registration itself needs a browser: see
// test/browser/passkey.test.ts.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditEvents, recoveryCodes, users, webauthnCredentials } from "#db/schema";
import { resetSecondFactor } from "~/models/second-factor.server";
import { Client, DEMO_PASSWORD, loggedIn, pageText, pendingLoginCookie, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const ENROLMENT = "/account/tweede-factor";
const db = () => t.portal.services.db;
const account = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const auditOf = (action: string, email: string) => db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.userEmail, email))).all();

describe("finding 11: every role that sees patients must enrol", () => {
  it("sends each role without a second factor to enrolment after the password, and keeps every other page closed", async () => {
    const accounts = [
      ["chair", "voorzitter.limburg@regiotafel.test"],
      ["member", "lid.limburg@regiotafel.test"],
      ["medical_advisor", "adviseur.cz@regiotafel.test"],
      ["referrer", "zorgbemiddeling.cz@regiotafel.test"],
      ["admin", "admin@regiotafel.test"],
      ["project_leader", "projectleider@regiotafel.test"],
    ] as const;
    const sent: string[] = [];
    for (const [role, email] of accounts) {
      resetSecondFactor(db(), account(email).id);
      const client = new Client(t.url);
      const response = await client.login(email, DEMO_PASSWORD, { enrol: false });
      const to = response.headers.get("location");
      if (to === ENROLMENT) sent.push(role);
      expect(to, role).toBe(ENROLMENT);
      expect((await client.get("/")).headers.get("location"), role).toBe(ENROLMENT);
      const page = await pageText(await client.get(ENROLMENT));
      expect(page).toContain("stel eerst een tweede factor in, met een authenticator-app of een passkey");
    }
    console.log(`second factor by default: ${sent.length} of ${accounts.length} roles sent to enrolment (${sent.join(", ")})`);
  });
});

describe("recovery codes", () => {
  const EMAIL = "voorzitter.brabant@regiotafel.test";

  it("are made on request, shown once, stored only as hashes, and each signs in once at the second step", async () => {
    const client = await loggedIn(t.url, EMAIL);
    const made = await client.post(ENROLMENT, { intent: "recovery-generate" });
    expect(made.status).toBe(200);
    const html = await pageText(made);
    const codes = [...html.matchAll(/<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Only hashes are stored, and the page never shows them again.
    const stored = db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, account(EMAIL).id)).all();
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map((c) => createHash("sha256").update(c.replaceAll("-", "")).digest("hex")).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0].replaceAll("-", ""));
    const later = await pageText(await client.get(ENROLMENT));
    expect(later).not.toContain(codes[0]);
    expect(later).toContain("U heeft nog 10 ongebruikte herstelcodes.");

    // The second step with a recovery code (typed in capitals with spaces: still the code).
    const signIn = async (code: string) => {
      const fresh = new Client(t.url);
      const password = await fresh.post("/inloggen", { email: EMAIL, password: DEMO_PASSWORD, redirectTo: "/" });
      fresh.cookie = pendingLoginCookie(password)!;
      const answer = await fresh.post("/inloggen", { intent: "recovery", recoveryCode: code, redirectTo: "/" });
      return { answer, signedIn: /regiotafel_session=[^;]+/.test(answer.headers.getSetCookie().join("\n")) && answer.status === 302 };
    };
    const first = await signIn(codes[0].toUpperCase().replaceAll("-", " "));
    expect(first.signedIn).toBe(true);
    const reused = await signIn(codes[0]);
    expect(reused.signedIn).toBe(false);
    expect(await pageText(reused.answer)).toContain("Deze herstelcode is onjuist of al gebruikt.");
    const wrong = await signIn("aaaa-bbbb-cccc");
    expect(wrong.signedIn).toBe(false);
    // A new set replaces the old one: an unused old code no longer works.
    await client.post(ENROLMENT, { intent: "recovery-generate" });
    const old = await signIn(codes[1]);
    expect(old.signedIn).toBe(false);

    const used = auditOf("recovery_code.use", EMAIL);
    const generated = auditOf("recovery_codes.generate", EMAIL);
    const logins = auditOf("login", EMAIL).filter((e) => e.detail === "met herstelcode");
    const failed = auditOf("login.failed", EMAIL).filter((e) => e.detail === "herstelcode");
    console.log(
      `recovery codes: ${codes.length} shown once, ${stored.length} hashes stored; first use signed in, reuse ${reused.answer.status}, wrong ${wrong.answer.status}, ` +
        `old set after renewal ${old.answer.status}; audit: ${generated.length} generated, ${used.length} used (“${used[0]?.detail}”), ${logins.length} login, ${failed.length} failed`,
    );
    expect([generated.length, used.length, logins.length, failed.length]).toEqual([2, 1, 1, 3]);
    expect(used[0].detail).toBe("nog 9 ongebruikt");
  });

  it("cannot be made without a second factor", async () => {
    const email = "lid.brabant@regiotafel.test";
    resetSecondFactor(db(), account(email).id);
    const client = new Client(t.url);
    await client.login(email, DEMO_PASSWORD, { enrol: false });
    const refused = await client.post(ENROLMENT, { intent: "recovery-generate" });
    expect(await pageText(refused)).toContain("Stel eerst een tweede factor in");
    expect(db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, account(email).id)).all()).toHaveLength(0);
  });
});

describe("passkeys on the second-factor page", () => {
  it("a passkey is removed (audited) while the app remains, but not when it is the last factor", async () => {
    const email = "voorzitter.centraal@regiotafel.test";
    const client = await loggedIn(t.url, email);
    const userId = account(email).id;
    const add = (id: string) => db().insert(webauthnCredentials).values({ id, userId, publicKey: Buffer.from([1, 2, 3]), name: `Passkey ${id}` }).run();
    add("sleutel-a");
    add("sleutel-b");
    const page = await pageText(await client.get(ENROLMENT));
    expect(page).toContain("Passkey sleutel-a");
    // Opened via 127.0.0.1, so the page explains why it offers no new passkey here.
    expect(page).toContain("Passkeys werken alleen als u het portaal via zijn domeinnaam opent");
    const removed = await client.post(ENROLMENT, { intent: "passkey-remove", passkeyId: "sleutel-a" });
    expect(removed.headers.get("location")).toBe(ENROLMENT);
    expect(auditOf("passkey.remove", email).map((e) => e.detail)).toEqual(["Passkey sleutel-a"]);
    // Without the app, the one passkey left is the only factor: it stays.
    db().update(users).set({ totpSecret: null, totpLastStep: null }).where(eq(users.id, userId)).run();
    const last = await client.post(ENROLMENT, { intent: "passkey-remove", passkeyId: "sleutel-b" });
    expect(await pageText(last)).toContain("Een tweede factor is voor u verplicht.");
    expect(db().select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).all().map((p) => p.id)).toEqual(["sleutel-b"]);
    // Someone else's passkey id is "not there" for this user.
    const other = await client.post(ENROLMENT, { intent: "passkey-remove", passkeyId: "bestaat-niet" });
    expect(await pageText(other)).toContain("Deze passkey bestaat niet (meer).");
  });
});
