import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters } from "~/components/monitor-filters";
import { CapacityMatrix, CapacitySideBySide, SuppressionNote } from "~/components/monitor-report";
import { nationalReportFor } from "~/lib/monitor-request.server";
import { capacityReport } from "~/models/monitor.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Capaciteitstekorten per tafel – Regiotafel" }];

// Capacity shortfalls side by side: all tables in one matrix (function × table), then per table the
// missing functions × kind of shortfall, so insurers and the project leader see where extra care
// must be bought. Counts are suppressed by the same rules as the monitor.
export async function loader(args: LoaderFunctionArgs) {
  const { m, report } = await nationalReportFor(args, "monitor.capacity_view", capacityReport);
  return { report, values: m.values, choices: m.choices, error: m.error, regions: m.regions, monitorHref: `/monitor?${m.query}` };
}

export default function Capacity() {
  const { report, values, choices, error, regions, monitorHref } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print"><Link to={monitorHref}>← Landelijke monitor</Link></p>
      <h1>Capaciteitstekorten per tafel</h1>
      <p className="lead">{report.period.label} · tekorten die in deze periode openstonden of gemeld waren</p>
      {error ? <div className="alert alert--warn" role="alert">{error}</div> : null}
      <MonitorFilters values={values} choices={choices} regions={regions} action="/monitor/capaciteit" />
      <SuppressionNote />
      <CapacitySideBySide comparison={report.comparison} />
      <h2>Per tafel: functie × soort tekort</h2>
      <div className="capacity-grid">
        {report.tables.map((t) => (
          <CapacityMatrix key={t.slug} table={t} />
        ))}
      </div>
    </>
  );
}
