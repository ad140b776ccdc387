// Bars side by side per category (e.g. per region: referred and included), as server-rendered SVG
// with a legend, role="img", an aria-label and the data table after it.
import { scaleBand, scaleLinear } from "d3-scale";
import { shortLabel } from "./bar-chart";
import { domainMax, isShown, label, SUPPRESSED_MARKER, type ChartValue } from "./chart-values";
import { ChartTable } from "./chart-table";

export type Series = { key: string; label: string };
export type GroupDatum = { key: string; label: string; values: readonly ChartValue[] };

type Props = { title: string; series: readonly Series[]; data: readonly GroupDatum[]; categoryHeading?: string };

const WIDTH = 640;
const LABEL_WIDTH = 200;
const GROUP = 22;
const LEGEND = 28;
const PAD = 8;

export function GroupedBarChart({ title, series, data, categoryHeading = "Regio" }: Props) {
  const groupHeight = series.length * GROUP + 10;
  const height = LEGEND + data.length * groupHeight + PAD * 2;
  const x = scaleLinear().domain([0, domainMax(data.flatMap((d) => d.values))]).range([0, WIDTH - LABEL_WIDTH - 60]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([LEGEND + PAD, height - PAD]).paddingInner(0.15);
  const inner = scaleBand().domain(series.map((s) => s.key)).range([0, y.bandwidth()]).padding(0.15);
  const suppressedWidth = SUPPRESSED_MARKER;
  const spoken = data.map((d) => `${d.label}: ${series.map((s, i) => `${s.label} ${label(d.values[i] ?? null)}`).join(", ")}`).join("; ");
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={`${title}. ${spoken}`}>
        {series.map((s, i) => (
          <g key={s.key} transform={`translate(${LABEL_WIDTH + i * 190}, 6)`}>
            <rect className={`chart__bar chart__bar--${i}`} x={0} y={0} width={14} height={14} />
            <text className="chart__label" x={20} y={7} dominantBaseline="middle">{s.label}</text>
          </g>
        ))}
        <line className="chart__axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={LEGEND} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={LABEL_WIDTH - 8} y={top + y.bandwidth() / 2} dominantBaseline="middle" textAnchor="end">
                {shortLabel(d.label, 30)}
              </text>
              {series.map((s, i) => {
                const v = d.values[i] ?? null;
                const barTop = top + (inner(s.key) ?? 0);
                const h = inner.bandwidth();
                const end = isShown(v) ? x(v) : v === "<5" ? suppressedWidth : 0;
                return (
                  <g key={s.key}>
                    {isShown(v) ? <rect className={`chart__bar chart__bar--${i}`} x={LABEL_WIDTH} y={barTop} width={Math.max(0, x(v))} height={h} /> : null}
                    {v === "<5" ? <rect className="chart__suppressed" x={LABEL_WIDTH} y={barTop} width={suppressedWidth} height={h} /> : null}
                    <text className="chart__value" x={LABEL_WIDTH + end + 6} y={barTop + h / 2} dominantBaseline="middle">{label(v)}</text>
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
