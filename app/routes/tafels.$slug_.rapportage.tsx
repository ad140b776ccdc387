import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters, PrintHint } from "~/components/monitor-filters";
import { MonitorReportView, SuppressionNote } from "~/components/monitor-report";
import { chairTableReport } from "~/lib/monitor-request.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Rapportage tafel ${data.table.name} – Regiotafel` : "Rapportage – Regiotafel" }];

// The monitor's report for one table, for that table's chair (what the project leader sees for
// this region, with the same suppression). Anyone else, and an unknown table, get 404.
export async function loader(args: LoaderFunctionArgs) {
  const { table, m, report } = await chairTableReport(args, "monitor.table_view");
  return {
    table: { slug: table.slug, name: table.name, number: table.number },
    report,
    values: m.values,
    choices: m.choices,
    error: m.error,
    csvHref: `/tafels/${table.slug}/rapportage.csv?${m.query}`,
    pdfHref: `/tafels/${table.slug}/rapportage.pdf?${m.query}`,
  };
}

export default function TableReport() {
  const { table, report, values, choices, error, csvHref, pdfHref } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print"><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Rapportage tafel {table.name}</h1>
      <p className="lead">{report.period.label} · dezelfde cijfers als de landelijke monitor voor deze regio</p>
      {error ? <div className="alert alert--warn" role="alert">{error}</div> : null}
      <MonitorFilters values={values} choices={choices} action={`/tafels/${table.slug}/rapportage`} />
      <p className="actions no-print">
        <a className="button button--secondary" href={csvHref} download>Downloaden als CSV</a>
        <Link to={`/tafels/${table.slug}/tekorten`}>Tekortenregister</Link>
        <Link to={`/tafels/${table.slug}/lessen`}>Geleerde lessen</Link>
      </p>
      <PrintHint pdfHref={pdfHref} />
      <SuppressionNote />
      <MonitorReportView report={report} />
    </>
  );
}
