// Bars side by side per category (e.g. per region: referred and included), as server-rendered SVG
// with a legend, role="img", an aria-label and the data table behind "Toon tabel".
import { scaleBand, scaleLinear } from "d3-scale";
import { ChartTable } from "./chart-table";
import { domainMax, FONT_SIZE, isShown, isSuppressed, label, labelRoom, SUPPRESSED_MARKER, textWidth, type ChartValue } from "./chart-values";

export type Series = { key: string; label: string };
export type GroupDatum = { key: string; label: string; values: readonly ChartValue[] };

type Props = { title: string; series: readonly Series[]; data: readonly GroupDatum[]; categoryHeading?: string };

const BARS = 300;
const GROUP = 20;
const LEGEND = 28;
const PAD = 8;

export function GroupedBarChart({ title, series, data, categoryHeading = "Regio" }: Props) {
  const labelWidth = labelRoom(data.map((d) => d.label));
  const valueRoom = Math.max(...data.flatMap((d) => d.values.map((v) => textWidth(label(v), FONT_SIZE, true)))) + 16;
  const legendWidth = series.reduce((sum, s) => sum + 20 + textWidth(s.label) + 24, 0);
  const width = Math.max(labelWidth + BARS + valueRoom, labelWidth + legendWidth);
  const groupHeight = series.length * GROUP + 10;
  const height = LEGEND + data.length * groupHeight + PAD * 2;
  const x = scaleLinear().domain([0, domainMax(data.flatMap((d) => d.values))]).range([0, BARS]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([LEGEND + PAD, height - PAD]).paddingInner(0.15);
  const inner = scaleBand().domain(series.map((s) => s.key)).range([0, y.bandwidth()]).padding(0.15);
  const spoken = data.map((d) => `${d.label}: ${series.map((s, i) => `${s.label} ${label(d.values[i] ?? null)}`).join(", ")}`).join("; ");
  let legendX = labelWidth;
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}. ${spoken}`}>
        {series.map((s, i) => {
          const at = legendX;
          legendX += 20 + textWidth(s.label) + 24;
          return (
            <g key={s.key} transform={`translate(${at}, 6)`}>
              <rect className={`chart__bar chart__bar--${i}`} x={0} y={0} width={14} height={14} />
              <text className="chart__label" x={20} y={7} dominantBaseline="middle">{s.label}</text>
            </g>
          );
        })}
        <line className="chart__axis" x1={labelWidth} x2={labelWidth} y1={LEGEND} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={labelWidth - 8} y={top + y.bandwidth() / 2} dominantBaseline="middle" textAnchor="end">{d.label}</text>
              {series.map((s, i) => {
                const v = d.values[i] ?? null;
                const barTop = top + (inner(s.key) ?? 0);
                const h = inner.bandwidth();
                const end = isShown(v) ? x(v) : isSuppressed(v) ? SUPPRESSED_MARKER : 0;
                return (
                  <g key={s.key}>
                    {isShown(v) ? <rect className={`chart__bar chart__bar--${i}`} x={labelWidth} y={barTop} width={Math.max(0, end)} height={h} /> : null}
                    {isSuppressed(v) ? <rect className="chart__suppressed" x={labelWidth} y={barTop} width={SUPPRESSED_MARKER} height={h} /> : null}
                    <text className="chart__value" x={labelWidth + end + 6} y={barTop + h / 2} dominantBaseline="middle">{label(v)}</text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ChartTable title={title} rowHeading={categoryHeading} columns={series} rows={data} />
    </figure>
  );
}
