// Lead times per step: the median as a bar and the 90th percentile as a tick, in days; steps with
// fewer than 5 cases show "<5" and no bar. Server-rendered SVG, role="img", then the data table.
import { scaleBand, scaleLinear } from "d3-scale";
import { shortLabel } from "./bar-chart";
import { isShown, label, type ChartValue } from "./chart-values";

export type LeadTimeDatum = { key: string; label: string; n: ChartValue; median: ChartValue; p90: ChartValue };

const WIDTH = 640;
const LABEL_WIDTH = 250;
const ROW = 32;
const LEGEND = 28;
const PAD = 8;

export function LeadTimeChart({ title, data }: { title: string; data: readonly LeadTimeDatum[] }) {
  const height = LEGEND + data.length * ROW + PAD * 2;
  const max = Math.max(1, ...data.flatMap((d) => [d.median, d.p90]).filter(isShown));
  const x = scaleLinear().domain([0, max]).nice().range([0, WIDTH - LABEL_WIDTH - 90]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([LEGEND + PAD, height - PAD]).padding(0.3);
  const spoken = data.map((d) => `${d.label}: mediaan ${label(d.median)}, 90e percentiel ${label(d.p90)} dagen, ${label(d.n)} casussen`).join("; ");
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={`${title}. ${spoken}`}>
        <g transform={`translate(${LABEL_WIDTH}, 6)`}>
          <rect className="chart__bar" x={0} y={0} width={14} height={14} />
          <text className="chart__label" x={20} y={7} dominantBaseline="middle">Mediaan</text>
          <line className="chart__tick" x1={120} x2={120} y1={0} y2={14} />
          <text className="chart__label" x={128} y={7} dominantBaseline="middle">90e percentiel</text>
        </g>
        <line className="chart__axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={LEGEND} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          const h = y.bandwidth();
          const mid = top + h / 2;
          const end = isShown(d.p90) ? x(d.p90) : isShown(d.median) ? x(d.median) : 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={LABEL_WIDTH - 8} y={mid} dominantBaseline="middle" textAnchor="end">{shortLabel(d.label)}</text>
              {isShown(d.median) ? <rect className="chart__bar" x={LABEL_WIDTH} y={top} width={Math.max(0, x(d.median))} height={h} /> : null}
              {isShown(d.p90) ? <line className="chart__tick" x1={LABEL_WIDTH + x(d.p90)} x2={LABEL_WIDTH + x(d.p90)} y1={top - 3} y2={top + h + 3} /> : null}
              <text className="chart__value" x={LABEL_WIDTH + end + 8} y={mid} dominantBaseline="middle">
                {isShown(d.median) ? `${label(d.median)} / ${label(d.p90)} d` : label(d.median)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="data chart-data">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Stap</th>
            <th scope="col" className="num">Aantal casussen</th>
            <th scope="col" className="num">Mediaan (dagen)</th>
            <th scope="col" className="num">90e percentiel (dagen)</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td className="num">{label(d.n)}</td>
              <td className="num">{label(d.median)}</td>
              <td className="num">{label(d.p90)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
