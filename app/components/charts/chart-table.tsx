// The table behind every chart: the same (already suppressed) values, readable without the picture,
// folded away behind "Toon tabel" so the page stays short (open in print and for screen readers).
import type { ReactNode } from "react";
import { label, type ChartValue } from "./chart-values";

type Column = { key: string; label: string };
type Row = { key: string; label: string; values: readonly ChartValue[] };

export function ChartDetails({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="chart-details">
      <summary>Toon tabel<span className="visually-hidden">: {title}</span></summary>
      {children}
    </details>
  );
}

export function ChartTable({ title, rowHeading, columns, rows }: { title: string; rowHeading: string; columns: readonly Column[]; rows: readonly Row[] }) {
  return (
    <ChartDetails title={title}>
      <table className="data chart-data">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="num">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {columns.map((c, i) => (
                <td key={c.key} className="num">{label(r.values[i] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartDetails>
  );
}
