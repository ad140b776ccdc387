// The case lists over HTTP (issue 11 item 9, issue 9 item 3): the inbox, the referrer's list and
// the advisor's list search, filter, sort and page with GET parameters; a name or BSN finds a
// case only where consent lets the viewer see identity; searches are audited without their text;
// bad parameters give a Dutch message, never a 500.
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, cases, users } from "#db/schema";
import { ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import { applyCaseEvent } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral, type DeepPartial } from "../helpers/referral-payload";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const { get } = sessionsFor(() => t.url);
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test"; // IrisZorg, addiction care
const VGZ = "zorgbemiddeling.vgz@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";

function refer(overrides: DeepPartial<ReferralPayload> = {}) {
  const referrer = db().select().from(users).where(eq(users.email, VGZ)).get()!;
  const input = ReferralSchema.parse(validReferral({ ...overrides, patient: { bsn: uniqueBsn(), ...overrides.patient } }));
  const result = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

/** Case codes linked from a list page, in order. */
const codesOn = (html: string) => [...html.matchAll(/href="\/(?:casussen|verwijzingen)\/\d+">(RT\d+-\d{4}-\d+)<\/a>/g)].map((m) => m[1]);
const nextLink = (html: string) => {
  const tag = /<a [^>]*rel="next"[^>]*>/.exec(html)?.[0];
  return tag ? /href="([^"]+)"/.exec(tag)![1].replaceAll("&amp;", "&") : null;
};
const searches = (email: string) => db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.search"), eq(auditEvents.userEmail, email))).all();

describe("paging", () => {
  it("the inbox shows 25 cases a page; page 2 continues without overlap and keeps the filters", async () => {
    const made = Array.from({ length: 30 }, () => refer({ urgency: "high" }));
    const first = await get(CHAIR, "/tafels/rotterdam/inbox?urgentie=high&sorteer=nieuwste");
    expect(first.status).toBe(200);
    const page1 = codesOn(first.html);
    expect(page1).toHaveLength(25);
    // Newest first: the last one made leads.
    expect(page1[0]).toBe(made[made.length - 1].code);
    const next = nextLink(first.html)!;
    expect(next).toMatch(/urgentie=high/);
    expect(next).toMatch(/sorteer=nieuwste/);
    expect(next).toMatch(/na=/);
    const second = await get(CHAIR, next);
    const page2 = codesOn(second.html);
    expect(page2.length).toBeGreaterThanOrEqual(5);
    expect(page2.filter((c) => page1.includes(c))).toEqual([]);
    // Every one made is on page 1 or 2.
    for (const r of made) expect([...page1, ...page2]).toContain(r.code);
    expect(second.html).toContain("‹ Vorige pagina");
    console.log(`inbox paging: page 1 ${page1.length} cases, page 2 ${page2.length}, 0 overlap`);
  });
});

describe("filters and sort", () => {
  it("status, urgency and period narrow the inbox in SQL; oldest-first reverses newest-first", async () => {
    const crisis = refer({ urgency: "crisis", careQuestion: "Gezocht: een plek met intensieve begeleiding en dagbesteding in de regio." });
    const screening = refer({ urgency: "regular" });
    const chair = db().select().from(users).where(eq(users.email, CHAIR)).get()!;
    expect(applyCaseEvent(db(), screening.caseId, { event: "start_screening" }, { userId: chair.id, organisationId: chair.organisationId }).ok).toBe(true);
    const old = refer({ urgency: "regular" });
    db().update(cases).set({ receivedAt: "2025-03-10T10:00:00.000Z" }).where(eq(cases.id, old.caseId)).run();

    const byStatus = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox?status=screening")).html);
    expect(byStatus).toContain(screening.code);
    expect(byStatus).not.toContain(crisis.code);
    const byUrgency = await get(CHAIR, "/tafels/rotterdam/inbox?urgentie=crisis");
    expect(codesOn(byUrgency.html)).toContain(crisis.code);
    expect(codesOn(byUrgency.html)).not.toContain(screening.code);
    // The inbox shows the vraagstelling, the age and the municipality.
    expect(byUrgency.html).toContain("Gezocht: een plek met intensieve begeleiding");
    expect(byUrgency.html).toMatch(/<td>\d+ jaar<\/td>/);
    expect(byUrgency.html).toContain("<th scope=\"col\">Woonplaats</th>");
    const byPeriod = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox?van=2025-03-01&tot=2025-03-31")).html);
    expect(byPeriod).toEqual([old.code]);

    const newest = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox?status=alle&sorteer=nieuwste")).html);
    const oldest = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox?status=alle&sorteer=oudste")).html);
    // The oldest case at the table (the demo data holds two years of past referrals).
    const rotterdamId = db().select().from(cases).where(eq(cases.code, old.code)).get()!.tableId;
    const oldestAtTable = db().select().from(cases).where(eq(cases.tableId, rotterdamId)).orderBy(asc(cases.receivedAt), asc(cases.id)).get()!.code;
    expect(oldest[0]).toBe(oldestAtTable);
    expect(newest[0]).not.toBe(oldestAtTable);
    // Default order: crisis first (the demo data's crisis cases too), then the others.
    const inbox = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox")).html);
    expect(inbox).toContain(crisis.code);
    expect(inbox.indexOf(crisis.code)).toBeLessThan(inbox.indexOf(old.code) === -1 ? Infinity : inbox.indexOf(old.code));
    const crisisOnly = codesOn((await get(CHAIR, "/tafels/rotterdam/inbox?urgentie=crisis")).html);
    expect(inbox.slice(0, crisisOnly.length)).toEqual(crisisOnly);
  });

  it("the referrer's list filters by table and finds its own referral by BSN; the advisor's list by BSN too", async () => {
    const bsn = uniqueBsn();
    const r = refer({ patient: { bsn, name: "Vera Verwezen" } });
    const own = await get(VGZ, `/verwijzingen?zoek=${bsn}`);
    expect(own.status).toBe(200);
    expect(codesOn(own.html)).toEqual([r.code]);
    expect(own.html).toContain("Vera Verwezen");
    expect(codesOn((await get(VGZ, "/verwijzingen?tafel=amsterdam")).html)).not.toContain(r.code);
    expect(codesOn((await get(VGZ, "/verwijzingen?tafel=rotterdam&sorteer=nieuwste")).html)).toContain(r.code);
    const advisor = await get(ADVISOR, `/adviseur?zoek=${bsn}`);
    expect(advisor.status).toBe(200);
    const all = advisor.html.slice(advisor.html.indexOf('id="alle-casussen"'));
    expect(codesOn(all)).toEqual([r.code]);
    // Another insurer's advisor finds nothing, not even by code.
    expect(codesOn((await get("adviseur.cz@regiotafel.test", `/adviseur?zoek=${r.code}`)).html)).toEqual([]);
  });
});

describe("search respects consent", () => {
  it("a member outside the consent finds the case by code (without name) but never by name or BSN; the chair finds it by all three; every search is audited without its text", async () => {
    const bsn = uniqueBsn();
    const r = refer({ patient: { bsn, name: "Bram Buitenscope" }, consent: { scopeOrganisationTypes: ["ggz_provider"] } });
    const before = searches(MEMBER).length;

    const byCode = await get(MEMBER, `/tafels/rotterdam/inbox?zoek=${r.code}`);
    expect(codesOn(byCode.html)).toEqual([r.code]);
    expect(byCode.html).not.toContain("Bram Buitenscope");
    expect(byCode.html).toContain("Afgeschermd");
    for (const q of [bsn, "Buitenscope", "Bram"]) {
      const found = await get(MEMBER, `/tafels/rotterdam/inbox?zoek=${encodeURIComponent(q)}&status=alle`);
      expect(found.status).toBe(200);
      expect(codesOn(found.html), q).toEqual([]);
      expect(found.html).not.toContain("Bram Buitenscope");
    }
    for (const q of [r.code, bsn, "Buitenscope"]) {
      const found = await get(CHAIR, `/tafels/rotterdam/inbox?zoek=${encodeURIComponent(q)}`);
      expect(codesOn(found.html), q).toEqual([r.code]);
      expect(found.html).toContain("Bram Buitenscope");
    }

    const logged = searches(MEMBER).slice(before);
    expect(logged).toHaveLength(4);
    for (const s of logged) {
      expect(s.detail).not.toContain(bsn);
      expect(s.detail).not.toContain("Buitenscope");
    }
    expect(logged.map((s) => s.detail)).toEqual([
      "inbox rotterdam: zoekopdracht (casuscode), 1 gevonden",
      "inbox rotterdam: zoekopdracht (BSN), 0 gevonden",
      "inbox rotterdam: zoekopdracht (tekst), 0 gevonden",
      "inbox rotterdam: zoekopdracht (tekst), 0 gevonden",
    ]);
  });
});

describe("bad parameters", () => {
  it("are ignored with a Dutch message, never a 500", async () => {
    const odd = [
      "status=xyz",
      "urgentie=heel-erg",
      "van=2026-02-30",
      "van=2026-05-01&tot=2026-01-01",
      "sorteer=random()",
      "na=%%%",
      "voor=eyJ4Ijp9",
      "na=WzEsMiwzLDQsNV0",
      "pagina=-1",
      "zoek=x",
      `zoek=${"%27%22%3C".repeat(200)}`,
      "tafel=..%2F..%2Fetc",
      "status=alle&status=lopend",
      "zoek=%25%25%25",
      "zoek=_",
    ];
    for (const path of ["/tafels/rotterdam/inbox", "/verwijzingen", "/adviseur"]) {
      const who = path === "/verwijzingen" ? VGZ : path === "/adviseur" ? ADVISOR : CHAIR;
      for (const q of odd) {
        const answer = await get(who, `${path}?${q}`);
        expect(answer.status, `${path}?${q}`).toBe(200);
      }
    }
    const messages = await get(CHAIR, "/tafels/rotterdam/inbox?status=xyz&urgentie=heel&van=2026-02-30&sorteer=x&zoek=x");
    for (const m of [
      "Deze status bestaat niet; het statusfilter is genegeerd.",
      "Deze urgentie bestaat niet; het urgentiefilter is genegeerd.",
      "Vul &quot;ontvangen vanaf&quot; in als datum (jjjj-mm-dd); dit filter is genegeerd.",
      "Deze sortering bestaat niet; de standaardvolgorde is gebruikt.",
      "Zoek op minstens 2 tekens; de zoekopdracht is genegeerd.",
    ]) {
      expect(messages.html).toContain(m);
    }
    const table = await get(VGZ, "/verwijzingen?tafel=nergens");
    expect(table.html).toContain("Deze regiotafel bestaat niet; het tafelfilter is genegeerd.");
  });
});
