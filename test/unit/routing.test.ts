import { proposeTable, type RoutingRule } from "~/domain/routing";
import { PROVINCES, type Province } from "~/domain/vocabulary";
import { ROTTERDAM_RIJNMOND_MUNICIPALITIES, TABLES } from "#db/reference-data";

// The rules as seedReferenceData stores them, with the table number as table id.
const RULES: RoutingRule[] = [
  ...TABLES.flatMap((t) => t.provinces.map((province) => ({ province, municipality: null, tableId: t.number }))),
  ...ROTTERDAM_RIJNMOND_MUNICIPALITIES.map((municipality) => ({ province: "Zuid-Holland", municipality, tableId: 2 })),
];

const EXPECTED: Record<Province, number> = {
  "Zuid-Holland": 1,
  Zeeland: 2,
  "Noord-Holland": 3,
  Flevoland: 4,
  Fryslân: 4,
  Groningen: 4,
  Drenthe: 4,
  Utrecht: 4,
  Gelderland: 5,
  Overijssel: 5,
  "Noord-Brabant": 6,
  Limburg: 7,
};

describe("provinces", () => {
  it("covers all 12 provinces, each in exactly one table's seed", () => {
    expect(PROVINCES).toHaveLength(12);
    expect(Object.keys(EXPECTED).sort()).toEqual([...PROVINCES].sort());
    for (const province of PROVINCES) {
      const holders = TABLES.filter((t) => t.provinces.includes(province)).map((t) => t.number);
      expect(holders, province).toEqual([EXPECTED[province]]);
    }
  });

  for (const province of PROVINCES) {
    it(`${province} → table ${EXPECTED[province]}`, () => {
      expect(proposeTable(RULES, { province })).toBe(EXPECTED[province]);
      expect(proposeTable(RULES, { province, municipality: null })).toBe(EXPECTED[province]);
    });
  }

  it("an ordinary municipality goes where its province goes", () => {
    expect(proposeTable(RULES, { province: "Limburg", municipality: "Maastricht" })).toBe(7);
    expect(proposeTable(RULES, { province: "Gelderland", municipality: "Nijmegen" })).toBe(5);
    expect(proposeTable(RULES, { province: "Noord-Holland", municipality: "Amsterdam" })).toBe(3);
    expect(proposeTable(RULES, { province: "Zeeland", municipality: "Middelburg" })).toBe(2);
  });
});

describe("Rotterdam-Rijnmond within Zuid-Holland", () => {
  it("has its 14 municipalities", () => {
    expect(ROTTERDAM_RIJNMOND_MUNICIPALITIES).toHaveLength(14);
  });

  for (const municipality of ROTTERDAM_RIJNMOND_MUNICIPALITIES) {
    it(`${municipality} → table 2`, () => {
      expect(proposeTable(RULES, { province: "Zuid-Holland", municipality })).toBe(2);
    });
  }

  for (const municipality of ["Den Haag", "Leiden", "Delft"]) {
    it(`${municipality} → table 1`, () => {
      expect(proposeTable(RULES, { province: "Zuid-Holland", municipality })).toBe(1);
    });
  }

  it("a Rotterdam-Rijnmond name under another province does not count as the exception", () => {
    // The exception belongs to Zuid-Holland; the same name elsewhere follows its own province.
    expect(proposeTable(RULES, { province: "Noord-Brabant", municipality: "Rotterdam" })).toBe(6);
    expect(proposeTable(RULES, { province: "Zeeland", municipality: "Schiedam" })).toBe(2);
    expect(proposeTable(RULES, { province: "Utrecht", municipality: "Vlaardingen" })).toBe(4);
  });

  it("the exception wins whatever order the rules come in", () => {
    const reversed = [...RULES].reverse();
    expect(proposeTable(reversed, { province: "Zuid-Holland", municipality: "Rotterdam" })).toBe(2);
    expect(proposeTable(reversed, { province: "Zuid-Holland", municipality: "Leiden" })).toBe(1);
  });
});

describe("names as people type them", () => {
  it("ignores case and accents", () => {
    expect(proposeTable(RULES, { province: "fryslan" })).toBe(4);
    expect(proposeTable(RULES, { province: "FRYSLÂN" })).toBe(4);
    expect(proposeTable(RULES, { province: "zuid-holland", municipality: "ROTTERDAM" })).toBe(2);
    expect(proposeTable(RULES, { province: "Zuid-Holland", municipality: "capelle aan den ijssel" })).toBe(2);
    expect(proposeTable(RULES, { province: "noord-brabant" })).toBe(6);
  });

  it("ignores surrounding spaces", () => {
    expect(proposeTable(RULES, { province: "  Limburg " })).toBe(7);
    expect(proposeTable(RULES, { province: "Zuid-Holland", municipality: " Schiedam " })).toBe(2);
  });

  it("treats an empty municipality as none", () => {
    expect(proposeTable(RULES, { province: "Zuid-Holland", municipality: "" })).toBe(1);
  });
});

describe("nothing routes", () => {
  it("an unknown province gives null, with or without a municipality", () => {
    expect(proposeTable(RULES, { province: "Vlaanderen" })).toBeNull();
    expect(proposeTable(RULES, { province: "Atlantis", municipality: "Rotterdam" })).toBeNull();
    expect(proposeTable(RULES, { province: "" })).toBeNull();
    expect(proposeTable(RULES, { province: "Holland" })).toBeNull();
  });

  it("no rules give null", () => {
    expect(proposeTable([], { province: "Zuid-Holland", municipality: "Rotterdam" })).toBeNull();
  });

  it("a province with only municipality rules gives null for its other municipalities", () => {
    const onlyExceptions = RULES.filter((r) => !(r.province === "Zuid-Holland" && r.municipality === null));
    expect(proposeTable(onlyExceptions, { province: "Zuid-Holland", municipality: "Rotterdam" })).toBe(2);
    expect(proposeTable(onlyExceptions, { province: "Zuid-Holland", municipality: "Leiden" })).toBeNull();
  });
});
