// The attacker's view of a published table, solved exactly as a linear programme: every line
// (total = Σ parts) with the published numbers filled in is an equation over the suppressed cells,
// every cell is ≥ 0, and min/max of each suppressed cell give the interval it can be narrowed to.
// A small dense simplex (two phases, Bland's rule: no cycling), independent of the code under test.
import type { Line } from "~/domain/disclosure";

const EPS = 1e-9;

type Tableau = { rows: number[][]; basis: number[]; width: number };

function pivot(t: Tableau, r: number, c: number) {
  const row = t.rows[r];
  const p = row[c];
  for (let j = 0; j <= t.width; j++) row[j] /= p;
  for (let i = 0; i < t.rows.length; i++) {
    if (i === r) continue;
    const f = t.rows[i][c];
    if (Math.abs(f) < EPS) continue;
    const target = t.rows[i];
    for (let j = 0; j <= t.width; j++) target[j] -= f * row[j];
  }
  t.basis[r] = c;
}

/** Minimises cost·x from the current feasible basis; columns ≥ allowed may not enter. Infinity = unbounded below. */
function minimise(t: Tableau, cost: number[], allowed: number): number {
  for (let guard = 0; guard < 50_000; guard++) {
    let entering = -1;
    for (let j = 0; j < allowed; j++) {
      let reduced = cost[j];
      for (let i = 0; i < t.rows.length; i++) reduced -= cost[t.basis[i]] * t.rows[i][j];
      if (reduced < -EPS) {
        entering = j;
        break;
      }
    }
    if (entering < 0) return t.rows.reduce((sum, row, i) => sum + cost[t.basis[i]] * row[t.width], 0);
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < t.rows.length; i++) {
      const a = t.rows[i][entering];
      if (a <= EPS) continue;
      const ratio = t.rows[i][t.width] / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && t.basis[i] < t.basis[leave])) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) return -Infinity;
    pivot(t, leave, entering);
  }
  throw new Error("simplex did not terminate");
}

export type Interval = { cell: number; lo: number; hi: number };

/** The feasible interval of every suppressed cell, given the published cells and the lines. */
export function feasibleIntervals(values: readonly number[], suppressed: readonly boolean[], lines: readonly Line[]): Interval[] {
  const vars = values.map((_, i) => i).filter((i) => suppressed[i]);
  if (!vars.length) return [];
  const column = new Map(vars.map((cell, j) => [cell, j]));
  const n = vars.length;
  const equations: { coef: Map<number, number>; rhs: number }[] = [];
  for (const line of lines) {
    const cells: [number, number][] = [[line.total, 1], ...line.parts.map((p): [number, number] => [p, -1])];
    if (!cells.some(([c]) => suppressed[c])) continue;
    const coef = new Map<number, number>();
    let rhs = 0;
    for (const [c, a] of cells) {
      if (suppressed[c]) coef.set(column.get(c)!, (coef.get(column.get(c)!) ?? 0) + a);
      else rhs -= a * values[c];
    }
    equations.push({ coef, rhs });
  }
  const m = equations.length;
  const width = n + m;
  const rows = equations.map((e, i) => {
    const sign = e.rhs < 0 ? -1 : 1;
    const row = new Array<number>(width + 1).fill(0);
    for (const [j, a] of e.coef) row[j] = sign * a;
    row[n + i] = 1;
    row[width] = sign * e.rhs;
    return row;
  });
  const t: Tableau = { rows, basis: rows.map((_, i) => n + i), width };
  const phase1 = new Array<number>(width).fill(0).map((_, j) => (j >= n ? 1 : 0));
  const infeasibility = minimise(t, phase1, width);
  if (infeasibility > 1e-6) throw new Error(`published table is inconsistent (${infeasibility})`);
  // Drive artificial variables out of the basis; a row where that is impossible is redundant.
  for (let i = t.rows.length - 1; i >= 0; i--) {
    if (t.basis[i] < n) continue;
    const j = t.rows[i].findIndex((a, k) => k < n && Math.abs(a) > EPS);
    if (j >= 0) pivot(t, i, j);
    else {
      t.rows.splice(i, 1);
      t.basis.splice(i, 1);
    }
  }
  const copy = (): Tableau => ({ rows: t.rows.map((r) => [...r]), basis: [...t.basis], width });
  return vars.map((cell, k) => {
    const cost = new Array<number>(width).fill(0);
    cost[k] = 1;
    const lo = minimise(copy(), cost, n);
    cost[k] = -1;
    const negHi = minimise(copy(), cost, n);
    return { cell, lo: Math.max(0, lo), hi: negHi === -Infinity ? Infinity : -negHi };
  });
}
