// Disclosure control, proven against an attacker who solves the published equations: for generated
// small tables (1-case and 0-case regions, single-month differences, period × region × category),
// every suppressed cell's feasible interval (LP over all lines, cells ≥ 0) must be ≥ PROTECTION wide.
import fc from "fast-check";
import { flat, isSmall, MIN_COUNT, protectTable, PROTECTION, publishedShare, SUPPRESSED, tableShape, withMargins, type Hierarchy } from "~/domain/disclosure";
import { feasibleIntervals } from "../helpers/lp-bounds";

/** A year of `quarters` quarters of `months` months each: the monitor's period hierarchy in small. */
function periodTree(quarters: number, months: number): Hierarchy {
  const children: Record<string, string[]> = { Y: [] };
  for (let q = 1; q <= quarters; q++) {
    children.Y.push(`Q${q}`);
    children[`Q${q}`] = Array.from({ length: months }, (_, m) => `M${(q - 1) * months + m + 1}`);
  }
  return { root: "Y", children };
}

const regions = (n: number) => flat(Array.from({ length: n }, (_, i) => `R${i + 1}`), "NL");
const categories = (n: number) => flat(Array.from({ length: n }, (_, i) => `C${i + 1}`), "T");

/** Protects the table and returns the narrowest interval an attacker can get for a suppressed cell. */
function attack(dims: Hierarchy[], counts: number[]) {
  const shape = tableShape(dims);
  let leaf = 0;
  const values = withMargins(shape, () => counts[leaf++ % counts.length]);
  const table = protectTable(dims, (codes) => values[shape.index(codes)]);
  const suppressed = table.published.map((p) => p === SUPPRESSED);
  values.forEach((v, i) => {
    if (isSmall(v)) expect(table.published[i]).toBe(SUPPRESSED);
    if (!suppressed[i]) expect(table.published[i]).toBe(v);
  });
  const intervals = feasibleIntervals(values, suppressed, shape.lines);
  for (const { cell, lo, hi } of intervals) {
    if (hi - lo < PROTECTION - 1e-6) throw new Error(`cell ${shape.codesOf(cell).join("/")} = ${values[cell]} narrowed to [${lo}, ${hi}]; values ${values.join(",")}`);
  }
  return { cells: intervals.length, size: shape.size, narrowest: Math.min(...intervals.map((i) => i.hi - i.lo)) };
}

// Counts as the monitor sees them: mostly 0–4 (two cases a month per table), sometimes more.
const count = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 2, arbitrary: fc.integer({ min: 5, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 60 }) });

describe("disclosure control", () => {
  it("the examples from the issue: a part from a total, every region from the national total", () => {
    // received 8 = zorgbemiddeling 7 + zorgaanbieder 1: the 7 must go too, and the marker is the same.
    const bySource = protectTable([flat(["insurer", "provider"])], ([c]) => (c === "insurer" ? 7 : 1));
    expect([bySource.get("*"), bySource.get("insurer"), bySource.get("provider")]).toEqual([8, SUPPRESSED, SUPPRESSED]);
    // Every region small, national total 8: the regions stay hidden (an interval, not a value).
    const spread = protectTable([regions(7)], ([r]) => (r === "R1" ? 2 : r === "R2" ? 3 : r === "R3" ? 3 : 0));
    expect(spread.get("NL")).toBe(8);
    expect(["R1", "R2", "R3"].map((r) => spread.get(r))).toEqual([SUPPRESSED, SUPPRESSED, SUPPRESSED]);
    expect(spread.get("R4")).toBe(0);
    // A single case in one region: the region total and a neighbour are hidden, the national total shows 6.
    const single = protectTable([regions(3)], ([r]) => (r === "R1" ? 1 : r === "R2" ? 5 : 0));
    expect([single.get("NL"), single.get("R1"), single.get("R2"), single.get("R3")]).toEqual([6, SUPPRESSED, SUPPRESSED, 0]);
  });

  it("a share is shown only from published counts with a denominator of at least 5", () => {
    expect(publishedShare(4, 5)).toBe(80);
    expect(publishedShare(SUPPRESSED, 9)).toBe(SUPPRESSED);
    expect(publishedShare(3, SUPPRESSED)).toBe(SUPPRESSED);
    expect(publishedShare(0, 0)).toBeNull();
    expect(MIN_COUNT).toBe(5);
  });

  it("no suppressed cell can be narrowed below the protection by any linear combination (property)", () => {
    let sets = 0;
    let cells = 0;
    let tableCells = 0;
    let narrowest = Infinity;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(count, { minLength: 1, maxLength: 40 }),
        (quarters, months, regionCount, categoryCount, counts) => {
          const dims = [periodTree(quarters, months), regions(regionCount), ...(categoryCount ? [categories(categoryCount)] : [])];
          const result = attack(dims, counts);
          sets++;
          cells += result.cells;
          tableCells += result.size;
          narrowest = Math.min(narrowest, result.narrowest);
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
    console.log(`disclosure property: ${sets} data sets, ${tableCells} published cells, ${cells} suppressed cells solved by LP; narrowest interval ${narrowest} (protection ${PROTECTION})`);
    expect(sets).toBe(200);
  });

  it("region × source × channel as one table: 'via the VWS unit' cannot be subtracted from a source (property)", () => {
    let sets = 0;
    let cells = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(count, { minLength: 1, maxLength: 30 }), (regionCount, counts) => {
        const result = attack([periodTree(1, 2), regions(regionCount), flat(["insurer_mediation", "provider"]), flat(["vws", "direct"])], counts);
        cells += result.cells;
        sets++;
      }),
      { numRuns: 60, seed: 11 },
    );
    console.log(`disclosure, period × region × source × channel: ${sets} data sets, ${cells} suppressed cells solved by LP`);
    // The example: 7 via zorgbemiddeling of which 6 through the VWS unit; the single direct one stays hidden.
    const example = protectTable([flat(["insurer_mediation", "provider"]), flat(["vws", "direct"])], ([source, channel]) => (source === "insurer_mediation" ? (channel === "vws" ? 6 : 1) : 0));
    expect(example.get("insurer_mediation", "direct")).toBe(SUPPRESSED);
    expect(example.get("insurer_mediation", "vws")).toBe(SUPPRESSED);
  });

  it("the monitor's real shape: 12 months, 4 quarters, a year × 7 regions (exhaustive over sparse patterns)", () => {
    let sets = 0;
    let cells = 0;
    const dims = [periodTree(4, 3), regions(7)];
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 9 }) }), { minLength: 84, maxLength: 84 }), (counts) => {
        cells += attack(dims, counts).cells;
        sets++;
      }),
      { numRuns: 12, seed: 7 },
    );
    console.log(`disclosure, monitor shape (17 periods × 8 regions): ${sets} data sets, ${cells} suppressed cells solved by LP`);
  });
});
