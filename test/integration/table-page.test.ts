// A table's own page (/tafels/$slug): what its chair and members see. Who may see it: route-guards.test.ts.
import { eq } from "drizzle-orm";
import { regionalTables, routingRules, users } from "#db/schema";
import { ROTTERDAM_RIJNMOND_MUNICIPALITIES } from "#db/reference-data";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

async function tablePage(email: string, slug: string) {
  const client = await loggedIn(t.url, email);
  const response = await client.get(`/tafels/${slug}`);
  expect(response.status).toBe(200);
  return { response, html: await pageText(response) };
}

describe("Rotterdam-Rijnmond", () => {
  it("shows the table, its members, Zeeland, every Rotterdam-Rijnmond municipality and VGZ", async () => {
    const { response, html } = await tablePage("voorzitter.rotterdam@regiotafel.test", "rotterdam");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain("<title>Tafel Rotterdam-Rijnmond – Regiotafel</title>");
    expect(html).toContain("<h1>Tafel Rotterdam-Rijnmond</h1>");
    expect(html).toContain("U bent voorzitter van deze tafel.");
    expect(html).toContain("Parnassia Groep");
    expect(html).toContain("Voorzitter Rotterdam-Rijnmond");
    expect(html).toContain("Tafellid Rotterdam-Rijnmond");
    expect(html).toContain("IrisZorg");
    expect(html).toContain("<li>Zeeland</li>");
    expect(html).toContain("Gemeenten in Zuid-Holland");
    for (const municipality of ROTTERDAM_RIJNMOND_MUNICIPALITIES) expect(html, municipality).toContain(`<li>${municipality}</li>`);
    expect(html).toMatch(/<h2 id="verzekeraars">Zorgverzekeraars<\/h2><ul class="plain"><li>VGZ<\/li><\/ul>/);
    // Nothing of other tables.
    for (const other of ["Tafellid Den Haag", "Voorzitter Amsterdam", "Zilveren Kruis", "Noord-Holland"]) expect(html).not.toContain(other);
  });

  it("tells a member they are a member", async () => {
    const { html } = await tablePage("lid.rotterdam@regiotafel.test", "rotterdam");
    expect(html).toContain("U bent tafellid van deze tafel.");
    expect(html).not.toContain("U bent voorzitter van deze tafel.");
  });
});

describe("Den Haag", () => {
  it("receives Zuid-Holland except the municipalities that go to Rotterdam-Rijnmond", async () => {
    const { html } = await tablePage("lid.denhaag@regiotafel.test", "denhaag");
    expect(html).toContain("<h1>Tafel Den Haag</h1>");
    expect(html).toContain("Zuid-Holland, behalve 14 gemeenten die naar tafel Rotterdam-Rijnmond gaan (Albrandswaard, Barendrecht,");
    expect(html).toContain("Vlaardingen, Voorne aan Zee)");
    expect(html).not.toContain("Gemeenten in Zuid-Holland");
  });
});

describe("the page follows the data", () => {
  it("shows a routing change and leaves out a deactivated member", async () => {
    const db = t.portal.services.db;
    const gelderland = db.select().from(regionalTables).where(eq(regionalTables.slug, "gelderland")).get()!;
    db.insert(routingRules).values({ province: "Utrecht", municipality: "Veenendaal", tableId: gelderland.id }).run();
    db.update(users).set({ active: false }).where(eq(users.email, "lid.gelderland@regiotafel.test")).run();

    const { html } = await tablePage("voorzitter.gelderland@regiotafel.test", "gelderland");
    expect(html).toContain("Gemeenten in Utrecht");
    expect(html).toContain("<li>Veenendaal</li>");
    // Gelderland routes here except the Noord-Veluwe, which belongs to table 4 (Gooi/Veluwe).
    expect(html).toMatch(/<li>Gelderland, behalve 6 gemeenten die naar tafel [^<]+ gaan \(Elburg, Ermelo, Harderwijk, Nunspeet, Oldebroek, Putten\)<\/li>/);
    expect(html).toContain("<li>Overijssel</li>");
    expect(html).toContain("Voorzitter Gelderland");
    expect(html).not.toContain("Tafellid Gelderland");

    // The table that normally receives Utrecht names the exception.
    const centraal = await tablePage("voorzitter.centraal@regiotafel.test", "centraal");
    expect(centraal.html).toContain("Utrecht, behalve de gemeente die naar tafel Gelderland gaat (Veenendaal)");
  });
});
