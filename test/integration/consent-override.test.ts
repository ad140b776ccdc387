// Consent override (domain.md: "A consent override (sharing without consent, e.g. acute danger) must
// be a separate, audited permission enforced on the server, never only in the UI"; security.md: "A
// consent override is a separate permission, checked on the server, logged"). Case RT2-2026-001 at
// Rotterdam-Rijnmond: chair at Parnassia, member at IrisZorg, plus two accounts made here: a
// colleague at IrisZorg the patient named as not to be involved, and a member at Gemeente Rotterdam.
import { randomUUID } from "node:crypto";
import { and, desc, eq, ne } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { auditEvents, cases, consentOverrides, memberships, organisations, regionalTables, users } from "#db/schema";
import type { Revocation, RoomClientToServerEvents, RoomServerToClientEvents, JoinAck } from "~/lib/case-room";
import { pageText, sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { amsterdamToday } from "../helpers/dates";

let t: TestPortal;
let caseId: number;
let patientId: number;
let irisId: number;
let gemeenteId: number;
let page: string;

const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test"; // IrisZorg
const EXCLUDED = "collega.iriszorg@regiotafel.test"; // IrisZorg, named as not to be involved
const GEMEENTE = "lid.gemeente-rotterdam@regiotafel.test"; // Gemeente Rotterdam, never in an override
const REFERRER = "zorgbemiddeling.vgz@regiotafel.test";
const OUTSIDER = "voorzitter.denhaag@regiotafel.test";
const NAME = "Jan de Vries";
const REASON = "Acuut suïcidegevaar: de verslavingszorg moet vandaag weten om wie het gaat om een crisisopname te regelen.";

const db = () => t.portal.services.db;
const { as } = sessionsFor(() => t.url);

/** The consent-override flag of someone's newest case.view event, as stored (0 or 1). */
function lastViewFlag(email: string): number {
  const row = db()
    .$client.prepare("select consent_override as flag from audit_events where action = 'case.view' and user_email = ? and patient_id = ? order by id desc limit 1")
    .get(email, String(patientId)) as { flag: number } | undefined;
  if (!row) throw new Error(`no case.view by ${email}`);
  return row.flag;
}

async function casePage(email: string) {
  const response = await (await as(email)).get(`/casussen/${caseId}`);
  return { status: response.status, html: response.status === 200 ? await pageText(response) : "" };
}

const grantFields = (fields: Partial<Record<"reason" | "days", string>> & { organisationIds?: string[] } = {}) => ({
  intent: "override_grant",
  organisationIds: [String(irisId)],
  reason: REASON,
  days: "2",
  ...fields,
});

const overrideRows = () => db().select().from(consentOverrides).where(eq(consentOverrides.caseId, caseId)).orderBy(desc(consentOverrides.id)).all();

beforeAll(async () => {
  t = await startPortal();
  const row = db().select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!;
  caseId = row.id;
  patientId = row.patientId;
  page = `/casussen/${caseId}/toestemming`;
  irisId = db().select().from(organisations).where(eq(organisations.name, "IrisZorg")).get()!.id;
  gemeenteId = db().select().from(organisations).where(eq(organisations.name, "Gemeente Rotterdam")).get()!.id;
  const tableId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
  const { passwordHash } = db().select().from(users).where(eq(users.email, MEMBER)).get()!;
  for (const [email, name, organisationId] of [
    [EXCLUDED, "Collega IrisZorg", irisId],
    [GEMEENTE, "Lid Gemeente Rotterdam", gemeenteId],
  ] as const) {
    const id = randomUUID();
    db().insert(users).values({ id, email, name, organisationId, passwordHash }).run();
    db().insert(memberships).values({ userId: id, role: "member", tableId }).run();
  }

  // The patient names the colleague as not to be involved, then withdraws consent altogether.
  const chair = await as(CHAIR);
  const change = await chair.post(page, {
    intent: "change",
    givenBy: "patient",
    method: "written",
    givenOn: amsterdamToday(),
    scopeOrganisationTypes: ["ggz_provider", "addiction_care", "insurer", "municipality"],
    "excludedPersons.0.name": "Collega IrisZorg",
    "excludedPersons.0.email": EXCLUDED,
  });
  expect(change.status).toBe(302);
  expect((await chair.post(page, { intent: "withdraw", bevestigd: "ja", requestedBy: "patient", reason: "De patiënt wil niet meer besproken worden." })).status).toBe(302);
});
afterAll(() => t?.close());

describe("after withdrawal, before any override", () => {
  it("a member of another organisation sees the case without identity; the excluded colleague gets 404", async () => {
    for (const email of [MEMBER, GEMEENTE]) {
      const { status, html } = await casePage(email);
      expect(status, email).toBe(200);
      expect(html).toContain("RT2-2026-001");
      expect(html).not.toContain(NAME);
      expect(lastViewFlag(email)).toBe(0);
    }
    expect((await casePage(EXCLUDED)).status).toBe(404);
    expect((await casePage(CHAIR)).html).toContain(NAME);
  });
});

describe("who may override", () => {
  it("only the chair sees the override section", async () => {
    const chairPage = await pageText(await (await as(CHAIR)).get(page));
    expect(chairPage).toContain("Doorbreking zonder toestemming (conflict van plichten)");
    expect(chairPage).toContain("Let op: hiermee doorbreekt u het beroepsgeheim.");
    expect(chairPage).toContain("Voor deze casus is de toestemming nooit doorbroken.");
    // The referrer may open the consent page, but not override.
    const referrerPage = await (await as(REFERRER)).get(page);
    expect(referrerPage.status).toBe(200);
    expect(await pageText(referrerPage)).not.toContain("Doorbreking zonder toestemming");
  });

  it("a member (not chair) and the referrer are refused with 403 even when posting directly; nothing is stored; the attempt is logged", async () => {
    for (const email of [MEMBER, GEMEENTE, REFERRER]) {
      const client = await as(email);
      expect((await client.post(page, grantFields({ organisationIds: [String(irisId), String(gemeenteId)] }))).status, email).toBe(403);
      expect((await client.post(page, { intent: "override_end", overrideId: "1" })).status, email).toBe(403);
    }
    expect(overrideRows()).toHaveLength(0);
    const denied = db().select().from(auditEvents).where(eq(auditEvents.action, "consent.override_denied")).all();
    expect(denied.map((e) => e.userEmail).sort()).toEqual([GEMEENTE, GEMEENTE, MEMBER, MEMBER, REFERRER, REFERRER].sort());
    for (const e of denied) expect(e).toMatchObject({ outcome: "denied", patientId: String(patientId) });
    // Still no identity for the member.
    expect((await casePage(MEMBER)).html).not.toContain(NAME);
  });

  it("the excluded colleague and another table's chair get 404, not even 403", async () => {
    for (const email of [EXCLUDED, OUTSIDER]) {
      expect((await (await as(email)).post(page, grantFields())).status, email).toBe(404);
    }
    expect(overrideRows()).toHaveLength(0);
  });
});

describe("the rules, checked on the server", () => {
  it("a reason that is too short and 8 days are refused with Dutch errors; what was typed stays", async () => {
    const response = await (await as(CHAIR)).post(page, grantFields({ reason: "Gevaar.", days: "8", organisationIds: [String(irisId), String(gemeenteId)] }));
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Controleer de velden met een foutmelding.");
    expect(html).toContain("Beschrijf in minstens 30 tekens waarom het beroepsgeheim doorbroken moet worden");
    expect(html).toContain("Een doorbreking duurt minstens 1 en hoogstens 7 dagen (hele dagen).");
    // Values kept: the reason, the days and both organisations.
    expect(html).toMatch(/<textarea[^>]*name="reason"[^>]*>Gevaar\.<\/textarea>/);
    expect(html).toMatch(/<input[^>]*name="days"[^>]*value="8"/);
    const checked = [...html.matchAll(/<input[^>]*name="organisationIds"[^>]*>/g)].filter(([tag]) => tag.includes('checked=""')).map(([tag]) => Number(/value="(\d+)"/.exec(tag)![1]));
    expect(checked.sort()).toEqual([irisId, gemeenteId].sort());
    expect(overrideRows()).toHaveLength(0);
  });

  it("no organisation, an unknown organisation, or a duration that is not a number are refused", async () => {
    const chair = await as(CHAIR);
    const none = await pageText(await chair.post(page, grantFields({ organisationIds: [] })));
    expect(none).toContain("Kies minstens één organisatie die de gegevens zonder toestemming mag zien.");
    const unknown = await pageText(await chair.post(page, grantFields({ organisationIds: ["999999"] })));
    expect(unknown).toContain("Kies alleen bestaande, actieve organisaties.");
    // The national project office and the VWS unit are never offered, and refused when posted.
    const office = db().select().from(organisations).where(eq(organisations.type, "national_project_office")).get()!;
    const form = await pageText(await (await as(CHAIR)).get(`/casussen/${caseId}/toestemming`));
    const offered = [...form.matchAll(/<input[^>]*name="organisationIds"[^>]*>/g)].map(([tag]) => Number(/value="(\d+)"/.exec(tag)![1]));
    expect(offered.length).toBeGreaterThan(5);
    expect(offered).not.toContain(office.id);
    const national = await pageText(await (await as(CHAIR)).post(`/casussen/${caseId}/toestemming`, grantFields({ organisationIds: [String(office.id)] })));
    expect(national).toContain("Het landelijk projectbureau en de VWS-unit krijgen nooit de identiteit van een patiënt");
    for (const days of ["0", "1.5", "zeven", "", "-3"]) {
      const html = await pageText(await chair.post(page, grantFields({ days })));
      expect(html, days).toContain("Een doorbreking duurt minstens 1 en hoogstens 7 dagen (hele dagen).");
    }
    const bogus = await chair.post(page, grantFields({ organisationIds: ["abc"] }));
    expect(bogus.status).toBe(200);
    expect(overrideRows()).toHaveLength(0);
  });
});

type ClientSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

describe("an override granted by the chair", () => {
  let socket: ClientSocket;
  const revocations: Revocation[] = [];

  beforeAll(async () => {
    // The member has the case room open (without identity) when the chair grants the override.
    socket = connect(t.url, { transports: ["websocket"], extraHeaders: { Cookie: (await as(MEMBER)).cookie } });
    socket.on("room:revoked", (r) => revocations.push(r));
    const ack = (await socket.timeout(5000).emitWithAck("room:join", { caseId })) as JoinAck;
    expect(ack).toMatchObject({ ok: true, visibility: "deidentified", summary: { patientName: null } });
  });
  afterAll(() => socket?.disconnect());

  it("is stored with reason, chair and an expiry of at most the chosen days, and audited as an override", async () => {
    const before = Date.now();
    const response = await (await as(CHAIR)).post(page, grantFields({ days: "2" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(page);
    expect(decodeURIComponent(response.headers.get("set-cookie") ?? "")).toContain("De toestemming is doorbroken.");
    const [row] = overrideRows();
    const chairId = db().select().from(users).where(eq(users.email, CHAIR)).get()!.id;
    expect(row).toMatchObject({ organisationIds: [irisId], reason: REASON, grantedByUserId: chairId, endedAt: null });
    const expires = Date.parse(row.expiresAt) - Date.parse(row.grantedAt);
    expect(expires).toBe(2 * 24 * 60 * 60 * 1000);
    expect(Date.parse(row.grantedAt)).toBeGreaterThanOrEqual(before - 1000);

    const granted = db().select().from(auditEvents).where(eq(auditEvents.action, "consent.override_grant")).all();
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ userEmail: CHAIR, patientId: String(patientId), consentOverride: true, outcome: "success" });
    expect(granted[0].detail).not.toContain("suïcide"); // the reason stays in the override, not in the log
  });

  it("reaches the open case room at once, as a consent change does", async () => {
    const start = Date.now();
    while (revocations.length === 0 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(revocations[0]).toMatchObject({ caseId, visibility: "identified", summary: { patientName: NAME } });
  });

  it("joining the live room under the override is flagged in the audit log; before the grant it was not", async () => {
    const joins = () =>
      db().select().from(auditEvents).where(and(eq(auditEvents.action, "case_room.join"), eq(auditEvents.userEmail, MEMBER))).orderBy(desc(auditEvents.id)).all();
    expect(joins()[0].consentOverride).toBe(false);
    const ack = (await socket.timeout(5000).emitWithAck("room:join", { caseId })) as JoinAck;
    expect(ack).toMatchObject({ ok: true, visibility: "identified" });
    expect(joins()[0].consentOverride).toBe(true);
  });

  it("the member of that organisation sees the name, and that view is logged as an override access", async () => {
    const { status, html } = await casePage(MEMBER);
    expect(status).toBe(200);
    expect(html).toContain(NAME);
    expect(lastViewFlag(MEMBER)).toBe(1);
    const event = db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case.view"), eq(auditEvents.userEmail, MEMBER)))
      .orderBy(desc(auditEvents.id))
      .get()!;
    expect(event.detail).toContain("zonder toestemming op grond van een doorbreking");
  });

  it("a banner says the name is shown only because of the override, on the case page and in the case room; not to the chair", async () => {
    const BANNER = "U ziet de identiteit van de patiënt alleen door een doorbreking van de toestemming.";
    expect((await casePage(MEMBER)).html).toContain(BANNER);
    const room = await (await as(MEMBER)).get(`/casussen/${caseId}/overleg`);
    expect(await pageText(room)).toContain(BANNER);
    expect((await casePage(CHAIR)).html).not.toContain(BANNER);
    expect((await casePage(GEMEENTE)).html).not.toContain(BANNER);
  });

  it("the access log names the organisations and the end in words, never ids or an ISO time", () => {
    const [granted] = db().select().from(auditEvents).where(eq(auditEvents.action, "consent.override_grant")).all();
    expect(granted.detail).toContain("toestemming doorbroken voor IrisZorg, 2 dagen, tot ");
    expect(granted.detail).not.toMatch(/organisaties \d|\d{4}-\d{2}-\d{2}T/);
  });

  it("a member of an organisation not in the override still sees no identity; the chair's own views are not flagged", async () => {
    const gemeente = await casePage(GEMEENTE);
    expect(gemeente.status).toBe(200);
    expect(gemeente.html).not.toContain(NAME);
    expect(lastViewFlag(GEMEENTE)).toBe(0);
    expect((await casePage(CHAIR)).html).toContain(NAME);
    expect(lastViewFlag(CHAIR)).toBe(0);
  });

  it("the excluded colleague, though at the same organisation, still gets 404", async () => {
    expect((await casePage(EXCLUDED)).status).toBe(404);
    expect((await (await as(EXCLUDED)).get(`/casussen/${caseId}/overleg`)).status).toBe(404);
  });

  it("the chair's page lists it with who, when, why, until when, and a button to end it; everyone on the page sees who sees identity", async () => {
    const html = await pageText(await (await as(CHAIR)).get(page));
    expect(html).toContain("<h3>Lopende en eerdere doorbrekingen</h3>");
    expect(html).toContain(REASON);
    expect(html).toContain("Voorzitter Rotterdam-Rijnmond");
    expect(html).toMatch(/<span class="badge badge--warn">Loopt<\/span> tot \d{1,2} \w+\.? \d{4}/);
    expect(html).toContain(">Beëindigen</button>");
    const referrer = await pageText(await (await as(REFERRER)).get(page));
    expect(referrer).toMatch(/Zonder toestemming<\/span> IrisZorg \(tot /);
    expect(referrer).not.toContain(REASON);
  });

  it("inzage lists the accesses under the override as such, and the grant itself", async () => {
    const html = await pageText(await (await as(CHAIR)).get(`/casussen/${caseId}/inzage`));
    const rows = [...html.matchAll(/<tr><td><time dateTime="[^"]+">[^<]+<\/time><\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>.*?<\/td><td>(.*?)<\/td>/g)].map(([, who, organisation, what]) => ({
      who,
      organisation,
      what,
    }));
    const BADGE = '<span class="badge badge--warn">Zonder toestemming (doorbroken)</span>';
    const memberViews = rows.filter((r) => r.who.startsWith("Tafellid Rotterdam-Rijnmond") && r.what.startsWith("Casus bekeken"));
    // Two case views under the override: the member's first look and the banner check.
    expect(memberViews.filter((r) => r.what.includes(BADGE))).toHaveLength(2);
    expect(memberViews.filter((r) => !r.what.includes(BADGE)).length).toBeGreaterThan(0); // views before the override are not flagged
    const grant = rows.find((r) => r.what.startsWith("Toestemming doorbroken: identiteit gedeeld zonder toestemming"));
    expect(grant).toMatchObject({ organisation: "Parnassia Groep" });
    expect(grant!.what).toContain(BADGE);
    for (const r of rows.filter((r) => r.who.startsWith("Lid Gemeente Rotterdam"))) expect(r.what).not.toContain(BADGE);

    const csv = await (await (await as(CHAIR)).get(`/casussen/${caseId}/inzage.csv`)).text();
    const flagged = csv.split("\r\n").filter((line) => line.includes("Tafellid Rotterdam-Rijnmond") && line.includes("case.view") && line.includes(";ja;"));
    expect(flagged).toHaveLength(2);
  });

  it("after Beëindigen the identity is gone again, in the room too, and ending is audited", async () => {
    const [row] = overrideRows();
    revocations.length = 0;
    const response = await (await as(CHAIR)).post(page, { intent: "override_end", overrideId: String(row.id) });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(page);
    expect(decodeURIComponent(response.headers.get("set-cookie") ?? "")).toContain("De doorbreking is beëindigd.");
    expect(overrideRows()[0].endedAt).not.toBeNull();
    const { html } = await casePage(MEMBER);
    expect(html).not.toContain(NAME);
    expect(lastViewFlag(MEMBER)).toBe(0);
    const start = Date.now();
    while (revocations.length === 0 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(revocations[0]).toMatchObject({ caseId, visibility: "deidentified", summary: { patientName: null } });

    const ended = db().select().from(auditEvents).where(eq(auditEvents.action, "consent.override_end")).all();
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ userEmail: CHAIR, patientId: String(patientId), consentOverride: true });

    // Ending it twice is refused in Dutch; the list shows it as ended.
    const again = await (await as(CHAIR)).post(page, { intent: "override_end", overrideId: String(row.id) });
    expect(again.status).toBe(200);
    const againHtml = await pageText(again);
    expect(againHtml).toContain("Deze doorbreking loopt niet (meer): ze is al beëindigd of verlopen.");
    expect(againHtml).toMatch(/Beëindigd op \d{1,2} \w+\.? \d{4}/);
    expect(db().select().from(auditEvents).where(eq(auditEvents.action, "consent.override_end")).all()).toHaveLength(1);
  });

  it("an override whose expiry has passed shows no identity any more", async () => {
    expect((await (await as(CHAIR)).post(page, grantFields({ days: "1" }))).status).toBe(302);
    expect((await casePage(MEMBER)).html).toContain(NAME);
    expect(lastViewFlag(MEMBER)).toBe(1);

    const [row] = overrideRows();
    db().update(consentOverrides).set({ expiresAt: new Date(Date.now() - 60_000).toISOString() }).where(eq(consentOverrides.id, row.id)).run();
    const { status, html } = await casePage(MEMBER);
    expect(status).toBe(200);
    expect(html).not.toContain(NAME);
    expect(lastViewFlag(MEMBER)).toBe(0);
    const chairPage = await pageText(await (await as(CHAIR)).get(page));
    expect(chairPage).toMatch(/Verlopen op \d{1,2} \w+\.? \d{4}/);
    expect(chairPage).not.toContain(">Beëindigen</button>");
    // An expired override cannot be ended either.
    const end = await (await as(CHAIR)).post(page, { intent: "override_end", overrideId: String(row.id) });
    expect(await pageText(end)).toContain("Deze doorbreking loopt niet (meer)");
  });

  it("an override id of another case cannot be ended from this case's page", async () => {
    const other = db().select().from(cases).where(ne(cases.id, caseId)).get()!;
    const chairId = db().select().from(users).where(eq(users.email, CHAIR)).get()!.id;
    const now = new Date();
    const foreign = db()
      .insert(consentOverrides)
      .values({
        caseId: other.id,
        organisationIds: [irisId],
        reason: REASON,
        grantedByUserId: chairId,
        grantedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      })
      .returning({ id: consentOverrides.id })
      .get();
    const response = await (await as(CHAIR)).post(page, { intent: "override_end", overrideId: String(foreign.id) });
    expect(response.status).toBe(200);
    expect(db().select().from(consentOverrides).where(eq(consentOverrides.id, foreign.id)).get()!.endedAt).toBeNull();
  });
});
