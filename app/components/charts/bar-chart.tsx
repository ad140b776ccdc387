// A horizontal bar chart, rendered on the server as SVG (no script, no inline styles: CSP), with
// role="img", an aria-label, and its data table behind "Toon tabel". The label column is as wide
// as the longest label, so no label is cut off.
import { scaleBand, scaleLinear } from "d3-scale";
import { ChartTable } from "./chart-table";
import { domainMax, FONT_SIZE, isShown, isSuppressed, label, labelRoom, SUPPRESSED_MARKER, textWidth, type ChartValue } from "./chart-values";

export type BarDatum = { key: string; label: string; value: ChartValue };

type Props = {
  /** What the chart shows, read out by screen readers (aria-label) and used as the table caption. */
  title: string;
  data: readonly BarDatum[];
  /** Column heading for the values in the data table. */
  valueHeading?: string;
  /** Column heading for the categories in the data table. */
  categoryHeading?: string;
};

const BARS = 300;
const ROW = 28;
const PAD = 8;

export function BarChart({ title, data, valueHeading = "Aantal", categoryHeading = "Categorie" }: Props) {
  const labelWidth = labelRoom(data.map((d) => d.label));
  const valueRoom = Math.max(...data.map((d) => textWidth(label(d.value), FONT_SIZE, true))) + 16;
  const width = labelWidth + BARS + valueRoom;
  const height = data.length * ROW + PAD * 2;
  const x = scaleLinear().domain([0, domainMax(data.map((d) => d.value))]).range([0, BARS]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([PAD, height - PAD]).padding(0.25);
  const barHeight = y.bandwidth();
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}: ${data.map((d) => `${d.label} ${label(d.value)}`).join("; ")}`}>
        <line className="chart__axis" x1={labelWidth} x2={labelWidth} y1={PAD / 2} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          const end = isShown(d.value) ? x(d.value) : isSuppressed(d.value) ? SUPPRESSED_MARKER : 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={labelWidth - 8} y={top + barHeight / 2} dominantBaseline="middle" textAnchor="end">{d.label}</text>
              {isShown(d.value) ? <rect className="chart__bar" x={labelWidth} y={top} width={Math.max(0, end)} height={barHeight} /> : null}
              {isSuppressed(d.value) ? <rect className="chart__suppressed" x={labelWidth} y={top} width={SUPPRESSED_MARKER} height={barHeight} /> : null}
              <text className="chart__value" x={labelWidth + end + 6} y={top + barHeight / 2} dominantBaseline="middle">{label(d.value)}</text>
            </g>
          );
        })}
      </svg>
      <ChartTable title={title} rowHeading={categoryHeading} columns={[{ key: "value", label: valueHeading }]} rows={data.map((d) => ({ key: d.key, label: d.label, values: [d.value] }))} />
    </figure>
  );
}
