// A heat matrix (rows × columns of counts), e.g. care function × kind of shortfall for one table.
// Shading comes from CSS classes chosen with a d3 quantize scale; "onderdrukt" has its own hatched
// class, so a colour never hints at a hidden value. Server-rendered SVG with role="img", then the
// data table behind "Toon tabel". Column headings are short; the table has them in full.
import { scaleQuantize } from "d3-scale";
import { ChartTable } from "./chart-table";
import { FONT_SIZE, isShown, isSuppressed, label, labelRoom, textWidth, type ChartValue } from "./chart-values";

export type MatrixRow = { key: string; label: string; values: readonly ChartValue[] };
export type MatrixColumn = { key: string; label: string; short: string };

type Props = { title: string; rowHeading: string; columns: readonly MatrixColumn[]; rows: readonly MatrixRow[] };

const CELL_H = 24;
const HEADER = 28;

export function MatrixChart({ title, rowHeading, columns, rows }: Props) {
  const labelWidth = labelRoom(rows.map((r) => r.label));
  const cellW = Math.max(...columns.map((c) => textWidth(c.short)), textWidth("onderdrukt", FONT_SIZE, true)) + 12;
  const width = labelWidth + columns.length * cellW + 4;
  const height = HEADER + rows.length * CELL_H + 4;
  const max = Math.max(5, ...rows.flatMap((r) => r.values).filter(isShown));
  const shade = scaleQuantize<number>().domain([5, Math.max(6, max)]).range([1, 2, 3, 4]);
  const cellClass = (v: ChartValue) => (isShown(v) && v > 0 ? `heat heat--${shade(v)}` : isSuppressed(v) ? "heat heat--suppressed" : "heat heat--0");
  const spoken = rows.map((r) => `${r.label}: ${columns.map((c, i) => `${c.short} ${label(r.values[i] ?? null)}`).join(", ")}`).join("; ");
  return (
    <figure className="chart-figure">
      <svg className="chart chart--matrix" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}. ${spoken}`}>
        {columns.map((c, i) => (
          <text key={c.key} className="chart__label" x={labelWidth + i * cellW + cellW / 2} y={HEADER / 2} dominantBaseline="middle" textAnchor="middle">{c.short}</text>
        ))}
        {rows.map((r, ri) => (
          <g key={r.key}>
            <text className="chart__label" x={labelWidth - 8} y={HEADER + ri * CELL_H + CELL_H / 2} dominantBaseline="middle" textAnchor="end">{r.label}</text>
            {columns.map((c, ci) => {
              const v = r.values[ci] ?? null;
              return (
                <g key={c.key}>
                  <rect className={cellClass(v)} x={labelWidth + ci * cellW + 1} y={HEADER + ri * CELL_H + 1} width={cellW - 2} height={CELL_H - 2} />
                  <text className="chart__value chart__value--center" x={labelWidth + ci * cellW + cellW / 2} y={HEADER + ri * CELL_H + CELL_H / 2} dominantBaseline="middle" textAnchor="middle">{label(v)}</text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <ChartTable title={title} rowHeading={rowHeading} columns={columns} rows={rows} />
    </figure>
  );
}
