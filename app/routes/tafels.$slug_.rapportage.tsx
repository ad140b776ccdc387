import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters, PrintHint } from "~/components/monitor-filters";
import { MonitorReportView, SuppressionNote } from "~/components/monitor-report";
import { z } from "~/domain/dutch-errors";
import { audit } from "~/lib/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import { monitorAuditDetail, tableMonitorRequest } from "~/lib/monitor-request.server";
import { monitorReport } from "~/models/monitor.server";
import { tableBySlug } from "~/models/screening.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Rapportage tafel ${data.table.name} – Regiotafel` : "Rapportage – Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

// The monitor's report for one table, for that table's chair (what the project leader sees for
// this region, with the same suppression). Anyone else, and an unknown table, get 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? tableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const m = tableMonitorRequest(request, table);
  const report = monitorReport(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action: "monitor.table_view", actor: actorOf(user), objectType: "table", objectId: table.id, detail: monitorAuditDetail(m), origin: context.origin });
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
