// The administrator's municipality page: routing exceptions are data an administrator edits (issue
// 11), and the municipal contact for VMR alerts is registered there (issue 10). Only administrators;
// Dutch errors that keep what was typed; every change audited; routing follows at once.
import { and, eq } from "drizzle-orm";
import { auditEvents, municipalityContacts } from "#db/schema";
import { routeResidence } from "~/models/municipalities.server";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const ADMIN = "admin@regiotafel.test";
const { get, post } = sessionsFor(() => t.url);
const PAGE = "/beheer/gemeenten";
const ZEIST = "GM0355";
const tableOf = (place: string) => {
  const route = routeResidence(db(), place);
  if (!route.ok) throw new Error(route.message);
  return { table: route.decision?.tableId, rule: route.rule };
};
const audited = (action: string) => db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, ZEIST))).all();

describe("/beheer/gemeenten", () => {
  it("lists every CBS municipality with its table and marks the exceptions; search narrows it", async () => {
    const all = await get(ADMIN, PAGE);
    expect(all.status).toBe(200);
    expect(all.html).toContain("342 gemeenten");
    const schie = await get(ADMIN, `${PAGE}?zoek=schie`);
    expect(schie.html).toContain("gemeenten met ‘schie’ in de naam");
    expect(schie.html).toMatch(/Schiedam<\/a><\/th><td>Zuid-Holland<\/td><td>Rotterdam-Rijnmond <span class="badge badge--ok">Rotterdam-Rijnmond<\/span>/);
    expect(schie.html).not.toContain(">Zeist<");
  });

  it("is for administrators only", async () => {
    for (const who of ["voorzitter.rotterdam@regiotafel.test", "projectleider@regiotafel.test", "zorgbemiddeling.vgz@regiotafel.test"]) {
      expect((await get(who, PAGE)).status, who).toBe(403);
      expect((await post(who, PAGE, { intent: "remove_exception", code: "GM0606" })).status, who).toBe(403);
    }
    expect(tableOf("Schiedam").rule).toContain("Rotterdam-Rijnmond");
  });

  it("an exception sends new referrals to another table, names the rule, and can be removed", async () => {
    const before = tableOf("Zeist");
    expect(before.rule).toBe("Provincie Utrecht");
    const missing = await post(ADMIN, `${PAGE}?gemeente=${ZEIST}`, { intent: "set_exception", code: ZEIST, tableId: "", label: "Heuvelrug-proef" });
    expect(missing.status).toBe(200);
    expect(missing.html).toContain("Kies een tafel.");
    expect(missing.html).toContain('value="Heuvelrug-proef"');

    const amsterdam = /<option value="(\d+)">Amsterdam/.exec((await get(ADMIN, `${PAGE}?gemeente=${ZEIST}`)).html)![1];
    const saved = await post(ADMIN, PAGE, { intent: "set_exception", code: ZEIST, tableId: amsterdam, label: "Heuvelrug-proef" });
    expect(saved.status).toBe(302);
    expect(tableOf("Zeist")).toEqual({ table: Number(amsterdam), rule: "Uitzondering Heuvelrug-proef (gemeente Zeist, Utrecht)" });
    expect(audited("routing.exception").map((e) => e.detail)).toEqual(["Zeist: naar tafel Amsterdam (Heuvelrug-proef)"]);

    expect((await post(ADMIN, PAGE, { intent: "remove_exception", code: ZEIST })).status).toBe(302);
    expect(tableOf("Zeist")).toEqual(before);
    expect(audited("routing.exception_remove")).toHaveLength(1);
  });

  it("registers the municipality's contact for VMR alerts, with Dutch errors that keep what was typed", async () => {
    const bad = await post(ADMIN, `${PAGE}?gemeente=${ZEIST}`, { intent: "set_contact", code: ZEIST, name: "Team Wmo Zeist", email: "geen-adres" });
    expect(bad.status).toBe(200);
    expect(bad.html).toContain("Vul een geldig e-mailadres in.");
    expect(bad.html).toContain('value="Team Wmo Zeist"');

    expect((await post(ADMIN, PAGE, { intent: "set_contact", code: ZEIST, name: "Team Wmo Zeist", email: "Wmo@Zeist.example" })).status).toBe(302);
    expect(db().select().from(municipalityContacts).where(eq(municipalityContacts.municipality, "Zeist")).get()).toEqual({ municipality: "Zeist", name: "Team Wmo Zeist", email: "wmo@zeist.example" });
    const page = await get(ADMIN, `${PAGE}?zoek=zeist`);
    expect(page.html).toContain("Team Wmo Zeist (wmo@zeist.example)");
    expect(audited("municipality.contact").map((e) => e.detail)).toEqual(["Zeist: contact wmo@zeist.example"]);

    expect((await post(ADMIN, PAGE, { intent: "remove_contact", code: ZEIST })).status).toBe(302);
    expect(db().select().from(municipalityContacts).where(eq(municipalityContacts.municipality, "Zeist")).get()).toBeUndefined();
  });

  it("refuses an unknown municipality code and junk intents in Dutch, never a 500", async () => {
    const unknown = await post(ADMIN, PAGE, { intent: "remove_contact", code: "GM9999" });
    expect(unknown.status).toBe(200);
    expect(unknown.html).toContain("Deze gemeente staat niet in de lijst van het CBS.");
    const junk = await post(ADMIN, PAGE, { intent: "drop_table", code: ZEIST });
    expect(junk.status).toBe(200);
    expect(junk.html).toContain("Deze handeling is niet mogelijk.");
    expect((await get(ADMIN, `${PAGE}?gemeente=${"x".repeat(500)}&zoek=${"%".repeat(300)}`)).status).toBe(200);
  });
});
