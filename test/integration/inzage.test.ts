// Inzage (domain.md "Consent and privacy"; security.md "A patient's own access log can be produced
// at any time"): the chair of the case's table gets every logged access to the patient, as a
// page and as CSV; nobody else gets it; producing it is itself logged.
import { and, eq } from "drizzle-orm";
import { auditEvents, cases } from "#db/schema";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let caseId: number;
let patientId: number;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const OUTSIDER = "voorzitter.denhaag@regiotafel.test";
const FORMULA_AGENT = "=HYPERLINK(\"http://kwaad.example\";\"klik\")";

beforeAll(async () => {
  t = await startPortal();
  const row = t.portal.services.db.select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!;
  caseId = row.id;
  patientId = row.patientId;

  // Views by different people: the chair and the member of the table, the insurer's advisor,
  // and a refused attempt by another table's chair.
  const chair = await loggedIn(t.url, CHAIR);
  expect((await chair.get(`/casussen/${caseId}`)).status).toBe(200);
  const member = await loggedIn(t.url, MEMBER);
  expect((await member.get(`/casussen/${caseId}/overleg`, { headers: { "User-Agent": FORMULA_AGENT } })).status).toBe(200);
  const advisor = await loggedIn(t.url, ADVISOR);
  expect((await advisor.get(`/casussen/${caseId}`)).status).toBe(200);
  const outsider = await loggedIn(t.url, OUTSIDER);
  expect((await outsider.get(`/casussen/${caseId}`)).status).toBe(404);
});
afterAll(() => t?.close());

describe("the chair of the case's table", () => {
  it("sees every access to the patient: who, organisation, role, what, when, from where", async () => {
    const chair = await loggedIn(t.url, CHAIR);
    const response = await chair.get(`/casussen/${caseId}/inzage`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await pageText(response);
    expect(html).toContain("<h1>Inzage: wie heeft wat gezien of gedaan</h1>");
    expect(html).toContain("patiënt Jan de Vries");

    const rows = [...html.matchAll(/<tr><td><time dateTime="([^"]+)">([^<]+)<\/time><\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td class="muted">(.*?)<\/td><\/tr>/g)].map(
      ([, at, time, who, organisation, role, what, from]) => ({ at, time, who, organisation, role, what, from }),
    );
    const find = (who: string, what: string) => rows.find((r) => r.who.startsWith(who) && r.what.startsWith(what));

    const referral = find("Zorgbemiddelaar VGZ", "Aanmelding bij de regiotafel ingediend");
    expect(referral).toMatchObject({ organisation: "VGZ", role: "Verwijzer" });
    expect(find("Voorzitter Rotterdam-Rijnmond", "Casus bekeken")).toMatchObject({ organisation: "Parnassia Groep", role: "Voorzitter", from: "127.0.0.1" });
    expect(find("Tafellid Rotterdam-Rijnmond", "Casusoverleg geopend")).toMatchObject({ organisation: "IrisZorg", role: "Tafellid" });
    expect(find("Medisch adviseur VGZ", "Casus bekeken")).toMatchObject({ organisation: "VGZ", role: "Medisch adviseur" });
    const refused = find("Voorzitter Den Haag", "Toegang tot de casus geweigerd");
    expect(refused).toMatchObject({ organisation: "Parnassia Groep", role: "Voorzitter" });
    expect(refused!.what).toContain("Geweigerd");
    // This view itself is logged and listed.
    expect(find("Voorzitter Rotterdam-Rijnmond", "Inzageoverzicht bekeken")).toBeTruthy();
    // Times as people read them, in order.
    for (const r of rows) expect(r.time).toMatch(/\d{1,2} \w+\.? \d{4}/);
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort());
    // Exactly this patient's events, nothing else.
    const logged = t.portal.services.db.select().from(auditEvents).where(eq(auditEvents.patientId, String(patientId))).all();
    expect(rows).toHaveLength(logged.length);
    expect(html).not.toContain("Fatima El Amrani");
    // Printable: the links and buttons are left out of print.
    expect(html).toMatch(/class="actions no-print"/);
  });

  it("downloads the same as CSV with Dutch headers, safe for spreadsheets, and the export is logged", async () => {
    const chair = await loggedIn(t.url, CHAIR);
    const response = await chair.get(`/casussen/${caseId}/inzage.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="inzage-RT2-2026-001-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens it as UTF-8
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "Tijdstip (Europe/Amsterdam);Tijdstip (UTC);Wie;E-mailadres;Organisatie;Rol;Wat;Actiecode;Uitkomst;Omschrijving;Toestemming doorbroken;IP-adres;Apparaat/browser",
    );
    const memberView = lines.find((l) => l.includes(MEMBER) && l.includes("Casusoverleg geopend"))!;
    expect(memberView).toBeTruthy();
    expect(memberView).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2};\d{4}-\d{2}-\d{2}T[\d:.]+Z;Tafellid Rotterdam-Rijnmond;lid\.rotterdam@regiotafel\.test;IrisZorg;Tafellid;Casusoverleg geopend;case_room\.view;Gelukt;/);
    // A user agent typed as a formula is text in the spreadsheet, never a formula.
    expect(memberView).toContain(`"'=HYPERLINK(""http://kwaad.example"";""klik"")"`);
    for (const line of lines.slice(1)) for (const cell of line.split(";")) expect(cell).not.toMatch(/^"?[=+\-@]/);
    expect(lines.some((l) => l.includes(OUTSIDER) && l.includes("Geweigerd"))).toBe(true);
    expect(text).not.toContain("RT1-2026-001");

    const exported = t.portal.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case.inzage_export"), eq(auditEvents.userEmail, CHAIR)))
      .all();
    expect(exported).toHaveLength(1);
    expect(exported[0].patientId).toBe(String(patientId));
    const page = await pageText(await chair.get(`/casussen/${caseId}/inzage`));
    expect(page).toContain("Inzageoverzicht gedownload");
  });
});

describe("nobody else", () => {
  for (const email of [MEMBER, ADVISOR, OUTSIDER, "zorgbemiddeling.vgz@regiotafel.test", "admin@regiotafel.test", "projectleider@regiotafel.test"]) {
    it(`${email} gets 404 for the page and the CSV, and the attempt is logged`, async () => {
      const client = await loggedIn(t.url, email);
      const page = await client.get(`/casussen/${caseId}/inzage`);
      expect(page.status).toBe(404);
      expect(await pageText(page)).not.toContain("Jan de Vries");
      const csv = await client.get(`/casussen/${caseId}/inzage.csv`);
      expect(csv.status).toBe(404);
      expect(await csv.text()).not.toContain("Tijdstip");
      const denied = t.portal.services.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "case.denied"), eq(auditEvents.userEmail, email)))
        .all()
        .filter((e) => e.detail?.includes("/inzage"));
      expect(denied).toHaveLength(2);
    });
  }

  it("an unknown or malformed case id is the same 404", async () => {
    const chair = await loggedIn(t.url, CHAIR);
    for (const id of ["999999", "0", "abc", "1e3"]) {
      expect((await chair.get(`/casussen/${id}/inzage`)).status).toBe(404);
      expect((await chair.get(`/casussen/${id}/inzage.csv`)).status).toBe(404);
    }
  });
});
