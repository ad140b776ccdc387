// Statistical disclosure control for the monitor's frequency tables: the one place that decides
// which counts may be published. Pure: numbers in, a published table out (no DB, no HTTP).
//
// A table is the full cross-product of hierarchical dimensions (period: year → quarters → months,
// region: Nederland → 7 tables, category: total → e.g. sources), every margin included, so every
// figure a user can request (any region, any period, any breakdown) is one cell of ONE table, and
// every linear relation between requestable figures is one of the table's sums ("lines": a total
// equals the sum of its children along one dimension, the other dimensions fixed).
//
// Rules (as statistics offices do it for frequency tables):
// 1. Primary suppression: a count of 1 to 4 people is not published (0 and 5 and up are).
// 2. Complementary suppression: every suppressed cell lies on a "balanced move" (see below) of
//    suppressed cells along which it can shift by at least PROTECTION without changing any published
//    figure or making a count negative. Among the moves that do, the one hiding the fewest and
//    least important figures is chosen (inner cells before margins, the national totals last).
// 3. One marker, "onderdrukt", for both kinds: a reader cannot tell a small count from a complement.
// The guarantee (tested in test/unit/disclosure.test.ts with an LP over the published equations):
// every suppressed cell's feasible interval, given everything published, is at least PROTECTION wide.

/** Counts 1..MIN_COUNT-1 are small: they could point at a person. */
export const MIN_COUNT = 5;
/** Minimum width of the interval an attacker can narrow a suppressed cell down to. */
export const PROTECTION = 5;
export const SUPPRESSED = "onderdrukt" as const;
/** A count as it may leave the monitor. */
export type Published = number | typeof SUPPRESSED;

export const isSmall = (n: number) => n >= 1 && n < MIN_COUNT;

/** A dimension as a tree of codes: the root is the total ("all regions", "whole year", …). */
export type Hierarchy = { root: string; children: Readonly<Record<string, readonly string[]>> };

/** A flat dimension: a total and its categories. */
export const flat = (codes: readonly string[], root = "*"): Hierarchy => ({ root, children: { [root]: codes } });

/** The codes of a hierarchy, root first (breadth first). */
export function nodesOf(h: Hierarchy): string[] {
  const out = [h.root];
  for (let i = 0; i < out.length; i++) out.push(...(h.children[out[i]] ?? []));
  return out;
}

const isLeaf = (h: Hierarchy, code: string) => !(h.children[code]?.length);

/** total = Σ parts, as cell indexes. */
export type Line = { total: number; parts: number[] };

export type TableShape = {
  dims: readonly Hierarchy[];
  nodes: string[][];
  /** Per dimension: code → position in nodes. */
  position: Map<string, number>[];
  size: number;
  index(codes: readonly string[]): number;
  codesOf(cell: number): string[];
  lines: Line[];
  /** Per cell: in how many dimensions it is a margin (0 for an inner cell). */
  marginLevel: number[];
  /** Per dimension: the balanced vectors through each code (see suppressionPattern). */
  vectors: Map<string, Vector[]>[];
};

const shapes = new Map<string, TableShape>();
/** The cells and lines of the cross-product of the dimensions, margins included (built once per shape). */
export function tableShape(dims: readonly Hierarchy[]): TableShape {
  const key = JSON.stringify(dims);
  let shape = shapes.get(key);
  if (!shape) {
    if (shapes.size > 200) shapes.clear();
    shapes.set(key, (shape = buildShape(dims)));
  }
  return shape;
}

function buildShape(dims: readonly Hierarchy[]): TableShape {
  const nodes = dims.map(nodesOf);
  const position = nodes.map((list) => new Map(list.map((code, i) => [code, i])));
  const strides: number[] = [];
  let size = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    strides[d] = size;
    size *= nodes[d].length;
  }
  const index = (codes: readonly string[]) => {
    let at = 0;
    for (let d = 0; d < dims.length; d++) {
      const p = position[d].get(codes[d]);
      if (p === undefined) throw new Error(`unknown code ${codes[d]} in dimension ${d}`);
      at += p * strides[d];
    }
    return at;
  };
  const codesOf = (cell: number) => dims.map((_, d) => nodes[d][Math.floor(cell / strides[d]) % nodes[d].length]);
  const lines: Line[] = [];
  const marginLevel: number[] = new Array(size).fill(0);
  for (let cell = 0; cell < size; cell++) {
    const codes = codesOf(cell);
    for (let d = 0; d < dims.length; d++) {
      const children = dims[d].children[codes[d]];
      if (!children?.length) continue;
      marginLevel[cell]++;
      lines.push({ total: cell, parts: children.map((child) => index(codes.map((c, i) => (i === d ? child : c)))) });
    }
  }
  return { dims, nodes, position, size, index, codesOf, lines, marginLevel, vectors: dims.map(dimensionVectors) };
}

/** Fills every margin as the sum of its inner cells, from the inner (leaf) counts. */
export function withMargins(shape: TableShape, leafCount: (codes: string[]) => number): number[] {
  const values = new Array<number>(shape.size).fill(-1);
  const valueOf = (cell: number): number => {
    if (values[cell] >= 0) return values[cell];
    const codes = shape.codesOf(cell);
    const d = codes.findIndex((c, i) => !isLeaf(shape.dims[i], c));
    values[cell] =
      d < 0 ? leafCount(codes) : shape.dims[d].children[codes[d]].reduce((sum, child) => sum + valueOf(shape.index(codes.map((c, i) => (i === d ? child : c)))), 0);
    return values[cell];
  };
  for (let cell = 0; cell < shape.size; cell++) valueOf(cell);
  return values;
}

// ── Complementary suppression by balanced moves ─────────────────────────────
//
// A "move" is a vector of +1/−1 over cells that leaves every line's sum unchanged. If all its
// cells are suppressed, an attacker cannot tell the true table from the table shifted by t·move,
// for every t that keeps all its cells ≥ 0: so every cell of the move has a feasible interval at
// least (smallest −1 cell) + (smallest +1 cell) wide. That is the certificate the suppression builds.
// Moves are products of one balanced vector per dimension: either a swap between two siblings
// (each extended down to a leaf: +1 on one branch, −1 on the other) or a path (+1 from a leaf up to
// the root). A path in every dimension has no −1 cell at all: it can always be shifted upwards.

type Vector = { codes: string[]; signs: number[] };

function dimensionVectors(h: Hierarchy): Map<string, Vector[]> {
  const parent = new Map<string, string>();
  for (const [p, kids] of Object.entries(h.children)) for (const k of kids) parent.set(k, p);
  const up = (c: string) => {
    const path = [c];
    while (parent.has(path[path.length - 1])) path.push(parent.get(path[path.length - 1])!);
    return path;
  };
  const down = (c: string): string[][] => (isLeaf(h, c) ? [[c]] : h.children[c].flatMap((k) => down(k).map((p) => [c, ...p])));
  const out = new Map<string, Vector[]>();
  for (const c of nodesOf(h)) {
    const vectors: Vector[] = [];
    const ancestors = up(c).slice(1);
    for (const d of down(c)) vectors.push({ codes: [...d, ...ancestors], signs: [...d, ...ancestors].map(() => 1) });
    const p = parent.get(c);
    if (p !== undefined) {
      for (const s of h.children[p]) {
        if (s === c) continue;
        for (const dc of down(c)) for (const ds of down(s)) vectors.push({ codes: [...dc, ...ds], signs: [...dc.map(() => 1), ...ds.map(() => -1)] });
      }
    }
    out.set(c, vectors);
  }
  return out;
}

/** Cost of hiding a cell that is still shown: margins (totals) are the figures readers need most. */
const hideCost = (marginLevel: number, value: number) => (value === 0 ? 0.5 : 1) * 8 ** marginLevel;

/**
 * Which cells to suppress: every count of 1–4, and for each of them the cheapest balanced move
 * through it whose certificate is at least PROTECTION wide; all cells of that move are hidden (and
 * thereby protected by the same certificate).
 */
export function suppressionPattern(shape: TableShape, values: readonly number[]): boolean[] {
  const suppressed = values.map(isSmall);
  const certified = new Array<number>(shape.size).fill(0);
  const vectors = shape.vectors;
  const primaries = values.map((_, i) => i).filter((i) => suppressed[i]).sort((a, b) => shape.marginLevel[a] - shape.marginLevel[b] || a - b);
  for (const x of primaries) {
    if (certified[x] >= PROTECTION) continue;
    const codes = shape.codesOf(x);
    const options = codes.map((c, d) => vectors[d].get(c)!);
    let best: { cells: number[]; width: number; cost: number } | null = null;
    const choice = new Array<number>(codes.length).fill(0);
    const visit = (d: number) => {
      if (d < codes.length) {
        for (let k = 0; k < options[d].length; k++) {
          choice[d] = k;
          visit(d + 1);
        }
        return;
      }
      // The product of the chosen vectors: every combination of their codes, sign = product of signs.
      let cells: { cell: number; sign: number }[] = [{ cell: 0, sign: 1 }];
      let stride = 1;
      for (let e = codes.length - 1; e >= 0; e--) {
        const v = options[e][choice[e]];
        const next: { cell: number; sign: number }[] = [];
        for (const partial of cells) for (let i = 0; i < v.codes.length; i++) next.push({ cell: partial.cell + shape.position[e].get(v.codes[i])! * stride, sign: partial.sign * v.signs[i] });
        cells = next;
        stride *= shape.nodes[e].length;
      }
      let up = Infinity;
      let down = Infinity;
      let cost = 0;
      for (const { cell, sign } of cells) {
        if (sign < 0) up = Math.min(up, values[cell]);
        else down = Math.min(down, values[cell]);
        if (!suppressed[cell]) cost += hideCost(shape.marginLevel[cell], values[cell]);
      }
      const width = up + down;
      if (width < PROTECTION) return;
      if (!best || cost < best.cost || (cost === best.cost && width > best.width)) best = { cells: cells.map((c) => c.cell), width, cost };
    };
    visit(0);
    // A path in every dimension is always a candidate with an unbounded certificate, so best exists.
    for (const cell of best!.cells) {
      suppressed[cell] = true;
      certified[cell] = Math.max(certified[cell], best!.width);
    }
  }
  return suppressed;
}

/** A table as it may be published: each cell a number or "onderdrukt". */
export type ProtectedTable = {
  shape: TableShape;
  /** Published value of the cell with these codes (one per dimension). */
  get(...codes: string[]): Published;
  published: Published[];
};

/** Builds the full table from inner counts and protects it. */
export function protectTable(dims: readonly Hierarchy[], leafCount: (codes: string[]) => number): ProtectedTable {
  const shape = tableShape(dims);
  const values = withMargins(shape, leafCount);
  const suppressed = suppressionPattern(shape, values);
  const published: Published[] = values.map((v, i) => (suppressed[i] ? SUPPRESSED : v));
  return { shape, published, get: (...codes) => published[shape.index(codes)] };
}

/**
 * A share (e.g. "advies op tijd") may be shown only when both counts are published and the
 * denominator is at least MIN_COUNT; otherwise it would reveal what the suppression hides.
 */
export function publishedShare(numerator: Published, denominator: Published): number | typeof SUPPRESSED | null {
  if (denominator === 0) return null;
  if (typeof numerator !== "number" || typeof denominator !== "number" || denominator < MIN_COUNT) return SUPPRESSED;
  return Math.round((numerator / denominator) * 1000) / 10;
}
