// Lead times per step: the median as a bar and the 90th percentile as a tick, in days; steps with
// fewer than 5 cases show "te weinig casussen" and no bar. Server-rendered SVG, role="img",
// then the data table behind "Toon tabel".
import { scaleBand, scaleLinear } from "d3-scale";
import { ChartTable } from "./chart-table";
import { FONT_SIZE, isShown, label, labelRoom, textWidth, type ChartValue } from "./chart-values";

export type LeadTimeDatum = { key: string; label: string; median: ChartValue; p90: ChartValue };

const BARS = 280;
const ROW = 30;
const LEGEND = 28;
const PAD = 8;

const valueText = (d: LeadTimeDatum) => (isShown(d.median) ? `${label(d.median)} / ${label(d.p90)} d` : label(d.median));

export function LeadTimeChart({ title, data }: { title: string; data: readonly LeadTimeDatum[] }) {
  const labelWidth = labelRoom(data.map((d) => d.label));
  const valueRoom = Math.max(...data.map((d) => textWidth(valueText(d), FONT_SIZE, true))) + 16;
  const width = Math.max(labelWidth + BARS + valueRoom, labelWidth + 140 + textWidth("90e percentiel"));
  const height = LEGEND + data.length * ROW + PAD * 2;
  const max = Math.max(1, ...data.flatMap((d) => [d.median, d.p90]).filter(isShown));
  const x = scaleLinear().domain([0, max]).nice().range([0, BARS]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([LEGEND + PAD, height - PAD]).padding(0.3);
  const spoken = data.map((d) => `${d.label}: mediaan ${label(d.median)}, 90e percentiel ${label(d.p90)}`).join("; ");
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}. ${spoken}`}>
        <g transform={`translate(${labelWidth}, 6)`}>
          <rect className="chart__bar" x={0} y={0} width={14} height={14} />
          <text className="chart__label" x={20} y={7} dominantBaseline="middle">Mediaan</text>
          <line className="chart__tick" x1={120} x2={120} y1={0} y2={14} />
          <text className="chart__label" x={128} y={7} dominantBaseline="middle">90e percentiel</text>
        </g>
        <line className="chart__axis" x1={labelWidth} x2={labelWidth} y1={LEGEND} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          const h = y.bandwidth();
          const mid = top + h / 2;
          const end = isShown(d.p90) ? x(d.p90) : isShown(d.median) ? x(d.median) : 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={labelWidth - 8} y={mid} dominantBaseline="middle" textAnchor="end">{d.label}</text>
              {isShown(d.median) ? <rect className="chart__bar" x={labelWidth} y={top} width={Math.max(0, x(d.median))} height={h} /> : null}
              {isShown(d.p90) ? <line className="chart__tick" x1={labelWidth + x(d.p90)} x2={labelWidth + x(d.p90)} y1={top - 3} y2={top + h + 3} /> : null}
              <text className="chart__value" x={labelWidth + end + 8} y={mid} dominantBaseline="middle">{valueText(d)}</text>
            </g>
          );
        })}
      </svg>
      <ChartTable
        title={title}
        rowHeading="Stap"
        columns={[{ key: "median", label: "Mediaan (dagen)" }, { key: "p90", label: "90e percentiel (dagen)" }]}
        rows={data.map((d) => ({ key: d.key, label: d.label, values: [d.median, d.p90] }))}
      />
    </figure>
  );
}
