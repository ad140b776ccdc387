import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters, PrintHint } from "~/components/monitor-filters";
import { MonitorReportView, SuppressionNote } from "~/components/monitor-report";
import { nationalReportFor } from "~/lib/monitor-request.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Landelijke monitor – Regiotafel" }];

// The national monitor, for the project leader only (others 403). Everything on it comes from the
// query layer already suppressed: aggregates per period and region, never a patient or a case.
export async function loader(args: LoaderFunctionArgs) {
  const { m, report } = await nationalReportFor(args, "monitor.view");
  return {
    report,
    values: m.values,
    choices: m.choices,
    error: m.error,
    regions: m.regions,
    csvHref: `/monitor.csv?${m.query}`,
    pdfHref: `/monitor.pdf?${m.query}`,
    capacityHref: `/monitor/capaciteit?${m.query}`,
  };
}

export default function Monitor() {
  const { report, values, choices, error, regions, csvHref, pdfHref, capacityHref } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Landelijke monitor</h1>
      <p className="lead">
        {report.period.label} · {report.region ? `Tafel ${report.region.name}` : "Alle regio's"}
      </p>
      {error ? <div className="alert alert--warn" role="alert">{error}</div> : null}
      <MonitorFilters values={values} choices={choices} regions={regions} action="/monitor" />
      <p className="actions no-print">
        <a className="button button--secondary" href={csvHref} download>Downloaden als CSV</a>
        <Link to={capacityHref}>Capaciteitstekorten per tafel naast elkaar</Link>
      </p>
      <PrintHint pdfHref={pdfHref} />
      <SuppressionNote />
      <MonitorReportView report={report} capacityLink={capacityHref} />
    </>
  );
}
