import { and, eq } from "drizzle-orm";
import { io as connectSocket } from "socket.io-client";
import { desc } from "drizzle-orm";
import { auditEvents, memberships, organisations, outboxMails, regionalTables, users } from "../../db/schema";
import { Client, DEMO_PASSWORD, forgetLastStep, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let admin: Client;
beforeAll(async () => {
  t = await startPortal();
  admin = await loggedIn(t.url, "admin@regiotafel.test");
});
afterAll(() => t.close());

const db = () => t.portal.services.db;
const INVALID_LOGIN = "De combinatie van e-mailadres en wachtwoord is onjuist.";
const STRONG = "Blauwe kikkers springen over zeven stenen";
const STRONG_2 = "Een heel andere zin met 42 woorden erin";

const userByEmail = (email: string) => db().select().from(users).where(eq(users.email, email)).get();
const userIdOf = (email: string) => userByEmail(email)!.id;
const organisationId = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;
const tableId = (slug: string) => db().select().from(regionalTables).where(eq(regionalTables.slug, slug)).get()!.id;
const auditFor = (action: string, objectId?: string | number) =>
  db()
    .select()
    .from(auditEvents)
    .where(objectId == null ? eq(auditEvents.action, action) : and(eq(auditEvents.action, action), eq(auditEvents.objectId, String(objectId))))
    .all();

/** Logging in with a password (and the second factor after it), without the helper's throw on a refused password. */
async function tryLogin(email: string, password: string) {
  const client = new Client(t.url);
  forgetLastStep(t.url, email);
  const response = await client.post("/inloggen", { email, password, redirectTo: "/" });
  if (response.status === 302) await client.completeLogin(response, email);
  return { client, response, ok: response.status === 302 && client.cookie !== "" };
}

/** The person follows the link in the last mail to them and chooses this password. */
async function followLink(email: string, password: string) {
  const mail = db().select().from(outboxMails).where(eq(outboxMails.toAddress, email)).orderBy(desc(outboxMails.id)).get()!;
  const path = /\/(activeren|wachtwoord-herstellen)\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
  const response = await new Client(t.url).post(path, { password, repeat: password });
  expect(response.status).toBe(302);
}

function newUserFields(overrides: Record<string, string> = {}) {
  return {
    name: "Femke van Amersfoort",
    email: "f.elamrani@example.nl",
    organisationId: String(organisationId("Kwintes")),
    role: "referrer",
    tableId: "",
    ...overrides,
  };
}

describe("creating a user", () => {
  it("creates the account without a password and invites the user, who chooses one, logs in and has the role given", async () => {
    const response = await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "F.ElAmrani@Example.nl " }));
    expect(response.status).toBe(302);
    const created = userByEmail("f.elamrani@example.nl")!;
    expect(created).toBeDefined();
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("location")).toBe(`/beheer/gebruikers/${created.id}`);
    expect(db().select().from(memberships).where(eq(memberships.userId, created.id)).all()).toMatchObject([{ role: "referrer", tableId: null }]);

    const page = await pageText(await admin.get(response.headers.get("location")!));
    expect(page).toContain("De gebruiker is aangemaakt en krijgt een uitnodiging per e-mail");
    // The message rides in a one-time cookie, not the URL: a reload does not show it again.
    expect(await pageText(await admin.get(response.headers.get("location")!))).not.toContain("De gebruiker is aangemaakt");
    expect(page).toContain("Femke van Amersfoort");
    expect(page).toContain("Kwintes");

    expect((await tryLogin("f.elamrani@example.nl", STRONG)).ok).toBe(false);
    await followLink("f.elamrani@example.nl", STRONG);
    const login = await tryLogin("f.elamrani@example.nl", STRONG);
    expect(login.ok).toBe(true);
    expect(await pageText(await login.client.get("/"))).toContain("Welkom, Femke van Amersfoort");

    const [event] = auditFor("user.create", created.id);
    expect(event).toMatchObject({ objectType: "user", userId: userIdOf("admin@regiotafel.test"), outcome: "success" });
    expect(event.detail).toContain("referrer");
    expect(JSON.stringify(event)).not.toContain(STRONG);
  });

  it("creates a chair with their table", async () => {
    const response = await admin.post("/beheer/gebruikers/nieuw", newUserFields({ name: "Nieuwe Voorzitter", email: "nieuwe.voorzitter@example.nl", role: "chair", tableId: String(tableId("limburg")) }));
    expect(response.status).toBe(302);
    await followLink("nieuwe.voorzitter@example.nl", STRONG);
    const login = await tryLogin("nieuwe.voorzitter@example.nl", STRONG);
    expect(await pageText(await login.client.get("/"))).toContain("U bent voorzitter van tafel Zuid-Limburg");
  });

  it("refuses an e-mail address that is already in use, in any case", async () => {
    for (const email of ["lid.denhaag@regiotafel.test", "LID.DenHaag@regiotafel.test"]) {
      const response = await admin.post("/beheer/gebruikers/nieuw", newUserFields({ name: "Dubbel", email }));
      expect(response.status).toBe(200);
      const html = await pageText(response);
      expect(html).toContain("Er bestaat al een gebruiker met dit e-mailadres.");
      expect(html).toContain('value="Dubbel"');
    }
    expect(db().select().from(users).where(eq(users.name, "Dubbel")).all()).toHaveLength(0);
  });

  it("requires a table for chair and member and refuses one for other roles", async () => {
    const chair = await pageText(await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "zonder.tafel@example.nl", role: "chair", tableId: "" })));
    expect(chair).toContain("Kies de tafel waarvoor deze rol geldt.");
    const advisor = await pageText(await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "met.tafel@example.nl", role: "medical_advisor", tableId: String(tableId("denhaag")) })));
    expect(advisor).toContain("Deze rol hoort niet bij een tafel.");
    expect(userByEmail("zonder.tafel@example.nl")).toBeUndefined();
    expect(userByEmail("met.tafel@example.nl")).toBeUndefined();
  });

  it("answers malformed input with Dutch field errors, never a 500", async () => {
    const response = await admin.post("/beheer/gebruikers/nieuw", { name: "", email: "geen-adres", organisationId: "abc", role: "koning", tableId: "1; drop table users" });
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Vul de naam in.");
    expect(html).toContain("Vul een geldig e-mailadres in.");
    expect(html).toContain("Kies een organisatie.");
    expect(html).toContain("Kies een rol.");
    expect(html).toContain("Kies een geldige tafel.");
    const unknownOrg = await pageText(await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "onbekend.org@example.nl", organisationId: "99999" })));
    expect(unknownOrg).toContain("Kies een actieve organisatie.");
    const unknownTable = await pageText(await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "onbekende.tafel@example.nl", role: "member", tableId: "99999" })));
    expect(unknownTable).toContain("Kies een geldige tafel.");
    expect(userByEmail("onbekend.org@example.nl")).toBeUndefined();
    expect(userByEmail("onbekende.tafel@example.nl")).toBeUndefined();
  });

  it("reads only the fields of the form (mass assignment)", async () => {
    const response = await admin.post("/beheer/gebruikers/nieuw", {
      ...newUserFields({ name: "Massa Toewijzing", email: "massa@example.nl" }),
      id: "00000000-0000-4000-8000-000000000000",
      active: "false",
      passwordHash: "x",
      role2: "admin",
    });
    expect(response.status).toBe(302);
    const created = userByEmail("massa@example.nl")!;
    expect(created.id).not.toBe("00000000-0000-4000-8000-000000000000");
    expect(created.active).toBe(true);
    expect(created.passwordHash).toBe("!no-password");
    expect(db().select().from(memberships).where(eq(memberships.userId, created.id)).all().map((m) => m.role)).toEqual(["referrer"]);
  });
});

describe("listing users", () => {
  it("lists users with organisation, roles and status, filtered by name/e-mail and organisation", async () => {
    const all = await pageText(await admin.get("/beheer/gebruikers"));
    expect(all).toContain("<h1>Gebruikers</h1>");
    expect(all).toContain(`href="/beheer/gebruikers/${userIdOf("voorzitter.rotterdam@regiotafel.test")}"`);
    expect(all).toContain("Voorzitter – Rotterdam-Rijnmond");

    const byText = await pageText(await admin.get("/beheer/gebruikers?q=ROTTERDAM"));
    expect(byText).toContain("voorzitter.rotterdam@regiotafel.test");
    expect(byText).toContain("lid.rotterdam@regiotafel.test");
    expect(byText).not.toContain("admin@regiotafel.test");

    const irisZorg = organisationId("IrisZorg");
    const byOrganisation = await pageText(await admin.get(`/beheer/gebruikers?organisatie=${irisZorg}`));
    expect(byOrganisation).toContain("lid.rotterdam@regiotafel.test");
    expect(byOrganisation).not.toContain("voorzitter.rotterdam@regiotafel.test");
    expect(byOrganisation).toContain(`<option value="${irisZorg}" selected="">IrisZorg</option>`);

    const nothing = await pageText(await admin.get("/beheer/gebruikers?q=%25_niemand"));
    expect(nothing).toContain("Geen gebruikers gevonden.");
    const malformed = await admin.get("/beheer/gebruikers?organisatie=abc&q=");
    expect(malformed.status).toBe(200);
  });
});

describe("deactivating a user", () => {
  it("ends their sessions and sockets at once; they cannot log in until reactivated", async () => {
    const email = "lid.centraal@regiotafel.test";
    const id = userIdOf(email);
    const victim = await loggedIn(t.url, email);
    expect((await victim.get("/")).status).toBe(200);
    const socket = connectSocket(t.url, { transports: ["websocket"], extraHeaders: { Cookie: victim.cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", resolve);
      socket.on("connect_error", reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));

    const response = await admin.post(`/beheer/gebruikers/${id}`, { intent: "deactivate" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/beheer/gebruikers/${id}`);
    expect(await disconnected).toBe("io server disconnect");
    socket.close();

    const after = await victim.get("/");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/inloggen/);
    const attempt = await tryLogin(email, DEMO_PASSWORD);
    expect(attempt.ok).toBe(false);
    expect(await pageText(attempt.response)).toContain(INVALID_LOGIN);

    expect(userByEmail(email)!.active).toBe(false);
    expect(auditFor("user.deactivate", id)).toHaveLength(1);
    const list = await pageText(await admin.get("/beheer/gebruikers?q=lid.centraal"));
    expect(list).toContain('<span class="badge badge--error">Gedeactiveerd</span>');

    expect((await admin.post(`/beheer/gebruikers/${id}`, { intent: "reactivate" })).status).toBe(302);
    expect(auditFor("user.reactivate", id)).toHaveLength(1);
    expect((await tryLogin(email, DEMO_PASSWORD)).ok).toBe(true);
  });

  it("does not let an administrator deactivate themselves or remove their own admin role", async () => {
    const adminId = userIdOf("admin@regiotafel.test");
    const self = await admin.post(`/beheer/gebruikers/${adminId}`, { intent: "deactivate" });
    expect(self.status).toBe(200);
    expect(await pageText(self)).toContain("U kunt uw eigen account niet deactiveren.");
    expect(userByEmail("admin@regiotafel.test")!.active).toBe(true);

    const adminRole = db().select().from(memberships).where(and(eq(memberships.userId, adminId), eq(memberships.role, "admin"))).get()!;
    const removal = await admin.post(`/beheer/gebruikers/${adminId}`, { intent: "remove_membership", membershipId: String(adminRole.id) });
    expect(removal.status).toBe(200);
    expect(await pageText(removal)).toContain("U kunt uw eigen beheerdersrol niet intrekken.");
    expect(db().select().from(memberships).where(eq(memberships.id, adminRole.id)).get()).toBeDefined();
    expect((await admin.get("/beheer/gebruikers")).status).toBe(200);
    expect(auditFor("user.deactivate", adminId)).toHaveLength(0);
  });
});

describe("a new password", () => {
  it("the administrator sends a link instead of typing a password; choosing it ends the user's existing sessions", async () => {
    const email = "lid.gelderland@regiotafel.test";
    const id = userIdOf(email);
    const user = await loggedIn(t.url, email);
    expect((await user.get("/")).status).toBe(200);

    const response = await admin.post(`/beheer/gebruikers/${id}`, { intent: "send_password_link", password: STRONG });
    expect(response.status).toBe(302);
    expect((await user.get("/")).status).toBe(200); // nothing changes until the user chooses
    await followLink(email, STRONG_2);
    const old = await user.get("/");
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toMatch(/^\/inloggen/);
    expect((await tryLogin(email, DEMO_PASSWORD)).ok).toBe(false);
    expect((await tryLogin(email, STRONG_2)).ok).toBe(true);

    expect(auditFor("user.password_link", id)).toHaveLength(1);
    expect(auditFor("user.password_reset_link", id)).toHaveLength(1);
    expect(JSON.stringify(auditFor("user.password_link", id))).not.toContain(STRONG);
  });
});

describe("memberships", () => {
  it("adding and removing a role changes what the user can reach", async () => {
    const email = "lid.amsterdam@regiotafel.test";
    const id = userIdOf(email);
    const user = await loggedIn(t.url, email);
    const CHAIR_ROTTERDAM = "U bent voorzitter van tafel Rotterdam-Rijnmond";
    expect(await pageText(await user.get("/"))).not.toContain(CHAIR_ROTTERDAM);

    const add = await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "chair", tableId: String(tableId("rotterdam")) });
    expect(add.status).toBe(302);
    expect(await pageText(await user.get("/"))).toContain(CHAIR_ROTTERDAM);
    const [added] = auditFor("membership.add", id);
    expect(added.detail).toContain("chair");
    expect(added.detail).toContain("rotterdam");

    const duplicate = await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "chair", tableId: String(tableId("rotterdam")) });
    expect(await pageText(duplicate)).toContain("Deze gebruiker heeft deze rol al.");

    // An open socket holds the old roles: removing one must disconnect it.
    const socket = connectSocket(t.url, { transports: ["websocket"], extraHeaders: { Cookie: user.cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", resolve);
      socket.on("connect_error", reject);
    });
    const dropped = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    const membership = db().select().from(memberships).where(and(eq(memberships.userId, id), eq(memberships.role, "chair"))).get()!;
    const remove = await admin.post(`/beheer/gebruikers/${id}`, { intent: "remove_membership", membershipId: String(membership.id) });
    expect(remove.status).toBe(302);
    expect(await dropped).toBe("io server disconnect");
    socket.close();
    expect(await pageText(await user.get("/"))).not.toContain(CHAIR_ROTTERDAM);
    expect(auditFor("membership.remove", id)).toHaveLength(1);
  });

  it("giving the admin role opens the administrator pages; a national role cannot be added twice", async () => {
    const email = "adviseur.cz@regiotafel.test";
    const id = userIdOf(email);
    const user = await loggedIn(t.url, email);
    expect((await user.get("/beheer/gebruikers")).status).toBe(403);
    expect((await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "admin", tableId: "" })).status).toBe(302);
    expect((await user.get("/beheer/gebruikers")).status).toBe(200);
    const again = await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "admin", tableId: "" });
    expect(await pageText(again)).toContain("Deze gebruiker heeft deze rol al.");
    expect(db().select().from(memberships).where(and(eq(memberships.userId, id), eq(memberships.role, "admin"))).all()).toHaveLength(1);

    const adminRole = db().select().from(memberships).where(and(eq(memberships.userId, id), eq(memberships.role, "admin"))).get()!;
    await admin.post(`/beheer/gebruikers/${id}`, { intent: "remove_membership", membershipId: String(adminRole.id) });
    expect((await user.get("/beheer/gebruikers")).status).toBe(403);
  });

  it("refuses a table role without a table, a national role with one, and another user's membership id", async () => {
    const id = userIdOf("lid.limburg@regiotafel.test");
    const noTable = await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "member", tableId: "" });
    expect(await pageText(noTable)).toContain("Kies de tafel waarvoor deze rol geldt.");
    const withTable = await admin.post(`/beheer/gebruikers/${id}`, { intent: "add_membership", role: "project_leader", tableId: String(tableId("limburg")) });
    expect(await pageText(withTable)).toContain("Deze rol hoort niet bij een tafel.");

    const otherId = userIdOf("voorzitter.limburg@regiotafel.test");
    const others = db().select().from(memberships).where(eq(memberships.userId, otherId)).get()!;
    const steal = await admin.post(`/beheer/gebruikers/${id}`, { intent: "remove_membership", membershipId: String(others.id) });
    expect(steal.status).toBe(200);
    expect(await pageText(steal)).toContain("Deze rol bestaat niet (meer).");
    expect(db().select().from(memberships).where(eq(memberships.id, others.id)).get()).toBeDefined();
    expect(db().select().from(memberships).where(eq(memberships.userId, id)).all().map((m) => m.role)).toEqual(["member"]);

    const unknownIntent = await admin.post(`/beheer/gebruikers/${id}`, { intent: "verwijder_alles" });
    expect(unknownIntent.status).toBe(200);
    expect(await pageText(unknownIntent)).toContain("Deze handeling is niet mogelijk.");
  });
});

describe("organisations", () => {
  it("creates, refuses a duplicate name, renames and deactivates an organisation", async () => {
    const create = await admin.post("/beheer/organisaties", { intent: "create", name: "Stichting Nieuw Begin", type: "sheltered_housing" });
    expect(create.status).toBe(302);
    const org = db().select().from(organisations).where(eq(organisations.name, "Stichting Nieuw Begin")).get()!;
    expect(org).toMatchObject({ type: "sheltered_housing", active: true });
    expect(create.headers.get("location")).toBe("/beheer/organisaties");
    const list = await pageText(await admin.get(create.headers.get("location")!));
    expect(list).toContain("De organisatie is toegevoegd.");
    expect(list).toContain("Beschermd wonen");
    expect(list).toContain("Stichting Nieuw Begin");
    expect(auditFor("organisation.create", org.id)).toMatchObject([{ objectType: "organisation" }]);

    const duplicate = await admin.post("/beheer/organisaties", { intent: "create", name: " stichting nieuw BEGIN ", type: "municipality" });
    expect(duplicate.status).toBe(200);
    const duplicateHtml = await pageText(duplicate);
    expect(duplicateHtml).toContain("Er bestaat al een organisatie met deze naam.");
    expect(duplicateHtml).toContain('value=" stichting nieuw BEGIN "');
    expect(duplicateHtml).toContain('<option value="municipality" selected="">Gemeente</option>');

    const badType = await pageText(await admin.post("/beheer/organisaties", { intent: "create", name: "Iets", type: "bank" }));
    expect(badType).toContain("Kies een soort organisatie.");
    expect(db().select().from(organisations).where(eq(organisations.name, "Iets")).get()).toBeUndefined();

    const rename = await admin.post("/beheer/organisaties", { intent: "update", organisationId: String(org.id), name: "Stichting Nieuw Begin Noord", type: "sheltered_housing" });
    expect(rename.status).toBe(302);
    expect(db().select().from(organisations).where(eq(organisations.id, org.id)).get()!.name).toBe("Stichting Nieuw Begin Noord");
    const [update] = auditFor("organisation.update", org.id);
    expect(update.detail).toContain("Stichting Nieuw Begin → Stichting Nieuw Begin Noord");

    const clash = await admin.post("/beheer/organisaties", { intent: "update", organisationId: String(org.id), name: "Arkin", type: "sheltered_housing" });
    expect(clash.status).toBe(200);
    expect(await pageText(clash)).toContain("Er bestaat al een organisatie met deze naam.");
    expect(db().select().from(organisations).where(eq(organisations.id, org.id)).get()!.name).toBe("Stichting Nieuw Begin Noord");

    const unknown = await admin.post("/beheer/organisaties", { intent: "update", organisationId: "99999", name: "Spook", type: "municipality" });
    expect(await pageText(unknown)).toContain("Deze organisatie bestaat niet (meer).");

    expect((await admin.post("/beheer/organisaties", { intent: "deactivate", organisationId: String(org.id) })).status).toBe(302);
    expect(db().select().from(organisations).where(eq(organisations.id, org.id)).get()!.active).toBe(false);
    expect(auditFor("organisation.deactivate", org.id)).toHaveLength(1);
    const form = await pageText(await admin.get("/beheer/gebruikers/nieuw"));
    expect(form).not.toContain("Stichting Nieuw Begin Noord");
    const refused = await admin.post("/beheer/gebruikers/nieuw", newUserFields({ email: "bij.inactief@example.nl", organisationId: String(org.id) }));
    expect(await pageText(refused)).toContain("Kies een actieve organisatie.");
    expect(userByEmail("bij.inactief@example.nl")).toBeUndefined();

    expect((await admin.post("/beheer/organisaties", { intent: "reactivate", organisationId: String(org.id) })).status).toBe(302);
    expect(db().select().from(organisations).where(eq(organisations.id, org.id)).get()!.active).toBe(true);
    expect(auditFor("organisation.reactivate", org.id)).toHaveLength(1);
  });
});

describe("access", () => {
  const NON_ADMINS = [
    "projectleider@regiotafel.test",
    "voorzitter.denhaag@regiotafel.test",
    "lid.brabant@regiotafel.test",
    "zorgbemiddeling.vgz@regiotafel.test",
    "adviseur.menzis@regiotafel.test",
    "verwijzer.parnassia@regiotafel.test",
  ];

  it.each(NON_ADMINS)("%s gets 403 on every administrator page and post, and changes nothing", async (email) => {
    const client = await loggedIn(t.url, email);
    const targetId = userIdOf("lid.denhaag@regiotafel.test");
    for (const path of ["/beheer/gebruikers", "/beheer/gebruikers/nieuw", `/beheer/gebruikers/${targetId}`, "/beheer/organisaties"]) {
      expect((await client.get(path)).status, path).toBe(403);
    }
    const ownId = userIdOf(email);
    const posts: [string, Record<string, string>][] = [
      ["/beheer/gebruikers/nieuw", newUserFields({ email: "indringer@example.nl" })],
      [`/beheer/gebruikers/${targetId}`, { intent: "deactivate" }],
      [`/beheer/gebruikers/${targetId}`, { intent: "send_password_link" }],
      [`/beheer/gebruikers/${ownId}`, { intent: "add_membership", role: "admin", tableId: "" }],
      ["/beheer/organisaties", { intent: "create", name: "Indringers BV", type: "municipality" }],
      ["/beheer/organisaties", { intent: "deactivate", organisationId: String(organisationId("Arkin")) }],
    ];
    for (const [path, fields] of posts) {
      expect((await client.post(path, fields)).status, `${path} ${fields.intent ?? ""}`).toBe(403);
    }
    expect(userByEmail("indringer@example.nl")).toBeUndefined();
    expect(userByEmail("lid.denhaag@regiotafel.test")!.active).toBe(true);
    expect(db().select().from(memberships).where(and(eq(memberships.userId, ownId), eq(memberships.role, "admin"))).get()).toBeUndefined();
    expect(db().select().from(organisations).where(eq(organisations.name, "Indringers BV")).get()).toBeUndefined();
    expect(db().select().from(organisations).where(eq(organisations.name, "Arkin")).get()!.active).toBe(true);
    expect((await tryLogin("lid.denhaag@regiotafel.test", DEMO_PASSWORD)).ok).toBe(true);
    const denied = db().select().from(auditEvents).where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.userId, ownId))).all();
    expect(denied.length).toBeGreaterThanOrEqual(10);
  });

  it("sends anonymous visitors to the login page", async () => {
    const anonymous = new Client(t.url);
    for (const path of ["/beheer/gebruikers", "/beheer/organisaties"]) {
      const response = await anonymous.get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
    }
    expect((await anonymous.post("/beheer/organisaties", { intent: "create", name: "Anoniem", type: "municipality" })).status).toBe(302);
    expect(db().select().from(organisations).where(eq(organisations.name, "Anoniem")).get()).toBeUndefined();
  });

  it("answers 404 for an unknown or malformed user id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "niet-een-id", "1%20or%201=1"]) {
      expect((await admin.get(`/beheer/gebruikers/${id}`)).status, id).toBe(404);
      expect((await admin.post(`/beheer/gebruikers/${id}`, { intent: "deactivate" })).status, id).toBe(404);
    }
  });
});

describe("shared-file safeguards", () => {
  it("refuses a duplicate national role in the database itself (NULL table ids)", async () => {
    const db = t.portal.services.db;
    const admin = db.select().from(users).where(eq(users.email, "admin@regiotafel.test")).get()!;
    expect(() => db.insert(memberships).values({ userId: admin.id, role: "admin", tableId: null }).run()).toThrow(/UNIQUE/);
  });

  it("deactivating an organisation ends its people's sessions and refuses their login", async () => {
    const member = await loggedIn(t.url, "lid.limburg@regiotafel.test"); // Koraal
    expect((await member.get("/")).status).toBe(200);
    const koraal = t.portal.services.db.select().from(organisations).where(eq(organisations.name, "Koraal")).get()!;
    const admin = await loggedIn(t.url, "admin@regiotafel.test");
    const response = await admin.post("/beheer/organisaties", { intent: "deactivate", organisationId: String(koraal.id) });
    expect(response.status).toBe(302);
    expect((await member.get("/")).status).toBe(302);
    const again = await new Client(t.url).post("/inloggen", { email: "lid.limburg@regiotafel.test", password: DEMO_PASSWORD });
    expect(await pageText(again)).toContain("De combinatie van e-mailadres en wachtwoord is onjuist.");
  });
});
