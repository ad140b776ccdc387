// Every municipality of the CBS list of 1 January 2026, and every alias, routes to exactly one
// table through the data a new database holds (migration + seed), with the Rotterdam-Rijnmond,
// Gooi and Noord-Veluwe exceptions; an unknown name is refused with suggestions.
import { eq } from "drizzle-orm";
import { municipalities, municipalityAliases, regionalTables, routingRules } from "#db/schema";
import { MUNICIPALITIES_2026, PLACE_ALIASES_2026 } from "#db/municipalities-2026";
import { ROUTING_EXCEPTIONS, TABLES } from "#db/reference-data";
import { seedReferenceData } from "#db/seed";
import { openDatabase, type Db } from "~/models/db.server";
import { routeResidence } from "~/models/municipalities.server";

let db: Db;
let tableNumber: Map<number, number>;

beforeAll(() => {
  db = openDatabase(":memory:");
  seedReferenceData(db);
  tableNumber = new Map(db.select().from(regionalTables).all().map((t) => [t.id, t.number]));
});

const provinceTable = (province: string) => TABLES.find((t) => (t.provinces as string[]).includes(province))!.number;
const exceptionTable = (name: string) => {
  const exception = ROUTING_EXCEPTIONS.find((e) => e.municipalities.includes(name));
  return exception ? TABLES.find((t) => t.slug === exception.tableSlug)!.number : null;
};

describe("the CBS list of 1 January 2026 in the database", () => {
  it("holds 342 municipalities with unique codes, twelve provinces and the right counts per province", () => {
    const rows = db.select().from(municipalities).all();
    expect(rows).toHaveLength(342);
    expect(new Set(rows.map((r) => r.code)).size).toBe(342);
    const perProvince: Record<string, number> = {};
    for (const r of rows) perProvince[r.province] = (perProvince[r.province] ?? 0) + 1;
    expect(perProvince).toEqual({
      Groningen: 10, Fryslân: 18, Drenthe: 12, Overijssel: 25, Flevoland: 6, Gelderland: 51,
      Utrecht: 26, "Noord-Holland": 44, "Zuid-Holland": 50, Zeeland: 13, "Noord-Brabant": 56, Limburg: 31,
    });
    console.log(`municipalities: ${rows.length}, aliases: ${db.select().from(municipalityAliases).all().length}`);
  });

  it("reflects the mergers of 2022–2023: Voorne aan Zee, Dijk en Waard, Land van Cuijk, Maashorst exist; their predecessors do not", () => {
    const byName = (name: string) => db.select().from(municipalities).where(eq(municipalities.name, name)).get();
    expect(byName("Voorne aan Zee")).toMatchObject({ code: "GM1992", province: "Zuid-Holland" });
    expect(byName("Dijk en Waard")).toMatchObject({ code: "GM1980", province: "Noord-Holland" });
    expect(byName("Land van Cuijk")).toMatchObject({ code: "GM1982", province: "Noord-Brabant" });
    expect(byName("Maashorst")).toMatchObject({ code: "GM1991", province: "Noord-Brabant" });
    for (const gone of ["Brielle", "Hellevoetsluis", "Westvoorne", "Weesp", "Heerhugowaard", "Uden", "Beemster"]) expect(byName(gone), gone).toBeUndefined();
  });

  it("matches the list in db/municipalities-2026.ts row for row", () => {
    const rows = db.select({ code: municipalities.code, name: municipalities.name, province: municipalities.province }).from(municipalities).all();
    expect(new Map(rows.map((r) => [r.code, `${r.name}|${r.province}`]))).toEqual(new Map(MUNICIPALITIES_2026.map((m) => [m.code, `${m.name}|${m.province}`])));
  });
});

describe("routing every municipality", () => {
  it("routes each of the 342 to exactly the table of its province or its exception, naming the rule", () => {
    let exceptions = 0;
    for (const m of MUNICIPALITIES_2026) {
      const route = routeResidence(db, m.name);
      expect(route.ok, m.name).toBe(true);
      if (!route.ok) continue;
      expect(route.municipality.code, m.name).toBe(m.code);
      const expected = exceptionTable(m.name) ?? provinceTable(m.province);
      expect(tableNumber.get(route.decision!.tableId), m.name).toBe(expected);
      if (exceptionTable(m.name)) {
        exceptions++;
        expect(route.rule, m.name).toMatch(/^Uitzondering (Rotterdam-Rijnmond|Gooi|Noord-Veluwe)/);
      } else expect(route.rule, m.name).toBe(`Provincie ${m.province}`);
    }
    expect(exceptions).toBe(26);
    console.log(`routed: ${MUNICIPALITIES_2026.length} municipalities, ${exceptions} by an exception`);
  });

  it("has exactly one matching rule per municipality in the stored rules", () => {
    const rules = db.select().from(routingRules).all();
    for (const m of MUNICIPALITIES_2026) {
      const own = rules.filter((r) => r.province === m.province && r.municipality === m.name);
      const province = rules.filter((r) => r.province === m.province && r.municipality === null);
      expect(province, m.province).toHaveLength(1);
      expect(own.length, m.name).toBeLessThanOrEqual(1);
    }
  });

  it("sends Rotterdam-Rijnmond to table 2, Gooi and Noord-Veluwe to table 4", () => {
    const table = (name: string) => {
      const r = routeResidence(db, name);
      return r.ok ? tableNumber.get(r.decision!.tableId) : null;
    };
    for (const name of ["Rotterdam", "Schiedam", "Nissewaard", "Voorne aan Zee", "Goeree-Overflakkee", "Lansingerland", "Capelle aan den IJssel"]) expect(table(name), name).toBe(2);
    for (const name of ["Hilversum", "Huizen", "Gooise Meren", "Blaricum", "Laren", "Wijdemeren", "Elburg", "Ermelo", "Harderwijk", "Nunspeet", "Oldebroek", "Putten"]) expect(table(name), name).toBe(4);
    for (const name of ["'s-Gravenhage", "Leiden", "Delft", "Dordrecht"]) expect(table(name), name).toBe(1);
    expect(table("Amsterdam")).toBe(3);
    expect(table("Apeldoorn")).toBe(5);
  });
});

describe("place names that are not municipalities", () => {
  it("resolves every alias to its municipality and routes it like the municipality", () => {
    for (const [alias, name] of PLACE_ALIASES_2026) {
      const viaAlias = routeResidence(db, alias);
      const direct = routeResidence(db, name);
      expect(viaAlias.ok, alias).toBe(true);
      if (!viaAlias.ok || !direct.ok) continue;
      expect(viaAlias.municipality.name, alias).toBe(name);
      expect(viaAlias.alias, alias).toBe(alias);
      expect(viaAlias.decision?.tableId, alias).toBe(direct.decision?.tableId);
    }
    console.log(`aliases routed: ${PLACE_ALIASES_2026.length}`);
  });

  it("routes the places the review found misrouted", () => {
    const expectations: [string, number][] = [
      ["Spijkenisse", 2], ["Hellevoetsluis", 2], ["Brielle", 2], ["Rozenburg", 2], ["Hoogvliet", 2], ["Berkel en Rodenrijs", 2],
      ["Middelharnis", 2], ["Capelle a/d IJssel", 2], ["Hilversum", 4], ["Huizen", 4], ["Gooise Meren", 4], ["Bussum", 4], ["Harderwijk", 4],
    ];
    for (const [place, table] of expectations) {
      const r = routeResidence(db, place);
      expect(r.ok && tableNumber.get(r.decision!.tableId), place).toBe(table);
    }
  });

  it("ignores case, accents, punctuation and spaces", () => {
    for (const typed of ["  SPIJKENISSE ", "sudwest-fryslan", "S-GRAVENHAGE", "den haag", "capelle aan den ijssel", "gm0599"]) {
      expect(routeResidence(db, typed).ok, typed).toBe(true);
    }
  });
});

describe("unknown names are refused, never routed by guess", () => {
  it("refuses a made-up name with a Dutch message", () => {
    const r = routeResidence(db, "Xyzzy");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/niet in de gemeentelijke indeling/);
  });

  it("suggests the nearest names for a typo", () => {
    const r = routeResidence(db, "Spijkenise");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions).toContain("Spijkenisse");
    const partial = routeResidence(db, "Capelle");
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.suggestions).toContain("Capelle aan den IJssel");
  });

  it("refuses an empty name without suggestions", () => {
    const r = routeResidence(db, "   ");
    expect(r).toMatchObject({ ok: false, suggestions: [] });
  });
});
