import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters, PrintHint } from "~/components/monitor-filters";
import { MonitorReportView, SuppressionNote } from "~/components/monitor-report";
import { filterQuery, parseMonitorFilter } from "~/domain/monitor";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { listRegions, monitorReport } from "~/models/monitor.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Landelijke monitor – Regiotafel" }];

// The national monitor, for the project leader only (others 403). Everything on it comes from the
// query layer already suppressed: aggregates per period and region, never a patient or a case.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const filter = parseMonitorFilter(new URL(request.url).searchParams);
  const regions = listRegions(db);
  const region = filter.regio === "alle" ? null : (regions.find((r) => r.slug === filter.regio) ?? null);
  const values = { ...filter.values, regio: region ? region.slug : "alle" };
  const error = filter.error ?? (filter.regio !== "alle" && !region ? "Onbekende regio; alle regio's worden getoond." : null);
  const report = monitorReport(db, { period: filter.period, tableIds: region ? [region.id] : null });
  audit(db, { action: "monitor.view", actor: actorOf(user), objectType: "monitor", detail: `${filter.period.from}..${filter.period.to} ${values.regio}`, origin: context.origin });
  const query = filterQuery(values);
  return {
    report,
    values,
    error,
    regions: regions.map((r) => ({ slug: r.slug, name: r.name })),
    csvHref: `/monitor.csv?${query}`,
    capacityHref: `/monitor/capaciteit?${query}`,
  };
}

export default function Monitor() {
  const { report, values, error, regions, csvHref, capacityHref } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Landelijke monitor</h1>
      <p className="lead">
        {report.period.label} ({report.period.from} t/m {report.period.to}) · {report.region ? `Tafel ${report.region.name}` : "Alle regio's"}
      </p>
      {error ? <div className="alert alert--warn" role="alert">{error}</div> : null}
      <MonitorFilters values={values} regions={regions} action="/monitor" />
      <p className="actions no-print">
        <a className="button button--secondary" href={csvHref} download>Downloaden als CSV</a>
        <Link to={capacityHref}>Capaciteitstekorten per tafel naast elkaar</Link>
      </p>
      <PrintHint />
      <SuppressionNote />
      <MonitorReportView report={report} capacityLink={capacityHref} />
    </>
  );
}
