// A horizontal bar chart, rendered on the server as SVG (no script, no inline styles: CSP), with
// role="img", an aria-label, and its data table straight after it for screen readers and print.
import { scaleBand, scaleLinear } from "d3-scale";
import { domainMax, isShown, label, SUPPRESSED_MARKER, type ChartValue } from "./chart-values";

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

const WIDTH = 640;
const LABEL_WIDTH = 250;
const ROW = 30;
const PAD = 8;

/** Category labels are cut to fit; the data table below has them in full. */
export const shortLabel = (text: string, max = 38) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BarChart({ title, data, valueHeading = "Aantal", categoryHeading = "Categorie" }: Props) {
  const height = data.length * ROW + PAD * 2;
  const x = scaleLinear().domain([0, domainMax(data.map((d) => d.value))]).range([0, WIDTH - LABEL_WIDTH - 60]);
  const y = scaleBand().domain(data.map((d) => d.key)).range([PAD, height - PAD]).padding(0.25);
  const barHeight = y.bandwidth();
  const suppressedWidth = SUPPRESSED_MARKER;
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={`${title}: ${data.map((d) => `${d.label} ${label(d.value)}`).join("; ")}`}>
        <line className="chart__axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={PAD / 2} y2={height - PAD / 2} />
        {data.map((d) => {
          const top = y(d.key) ?? 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={LABEL_WIDTH - 8} y={top + barHeight / 2} dominantBaseline="middle" textAnchor="end">
                {shortLabel(d.label)}
              </text>
              {isShown(d.value) ? (
                <rect className="chart__bar" x={LABEL_WIDTH} y={top} width={Math.max(0, x(d.value))} height={barHeight} />
              ) : d.value === "<5" ? (
                <rect className="chart__suppressed" x={LABEL_WIDTH} y={top} width={suppressedWidth} height={barHeight} />
              ) : null}
              <text className="chart__value" x={LABEL_WIDTH + (isShown(d.value) ? x(d.value) : d.value === "<5" ? suppressedWidth : 0) + 6} y={top + barHeight / 2} dominantBaseline="middle">
                {label(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="data chart-data">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryHeading}</th>
            <th scope="col" className="num">{valueHeading}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td className="num">{label(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
