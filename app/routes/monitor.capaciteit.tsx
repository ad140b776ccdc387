import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MonitorFilters, PrintHint } from "~/components/monitor-filters";
import { CapacityMatrix, SuppressionNote } from "~/components/monitor-report";
import { filterQuery, parseMonitorFilter } from "~/domain/monitor";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { capacityReport, listRegions } from "~/models/monitor.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Capaciteitstekorten per tafel – Regiotafel" }];

// Capacity shortfalls side by side: per table the missing functions × kind of shortfall, so
// insurers and the project leader see where extra care must be bought. Counts are suppressed.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const filter = parseMonitorFilter(new URL(request.url).searchParams);
  const regions = listRegions(db);
  const region = filter.regio === "alle" ? null : (regions.find((r) => r.slug === filter.regio) ?? null);
  const values = { ...filter.values, regio: region ? region.slug : "alle" };
  const error = filter.error ?? (filter.regio !== "alle" && !region ? "Onbekende regio; alle regio's worden getoond." : null);
  const report = capacityReport(db, { period: filter.period, tableIds: region ? [region.id] : null });
  audit(db, { action: "monitor.capacity_view", actor: actorOf(user), objectType: "monitor", detail: `${filter.period.from}..${filter.period.to} ${values.regio}`, origin: context.origin });
  return { report, values, error, regions: regions.map((r) => ({ slug: r.slug, name: r.name })), monitorHref: `/monitor?${filterQuery(values)}` };
}

export default function Capacity() {
  const { report, values, error, regions, monitorHref } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print"><Link to={monitorHref}>← Landelijke monitor</Link></p>
      <h1>Capaciteitstekorten per tafel</h1>
      <p className="lead">{report.period.label} ({report.period.from} t/m {report.period.to}) · tekorten die in deze periode openstonden of gemeld waren</p>
      {error ? <div className="alert alert--warn" role="alert">{error}</div> : null}
      <MonitorFilters values={values} regions={regions} action="/monitor/capaciteit" />
      <PrintHint />
      <SuppressionNote />
      <div className="capacity-grid">
        {report.tables.map((t) => (
          <CapacityMatrix key={t.slug} table={t} headingLevel={2} />
        ))}
      </div>
    </>
  );
}
