// What every monitor route reads from its URL: the period and the region (national monitor) or the
// chair's own table, resolved against the regions that exist. One place, so the page, the CSV, the
// PDF and the capacity report always show the same slice of the same protected tables.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/domain/dutch-errors";
import { filterQuery, parseMonitorFilter, periodChoices, type MonitorFilterInput, type Period } from "~/domain/monitor";
import { audit } from "~/models/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import type { Db } from "~/models/db.server";
import { listRegions, monitorReport, type MonitorReport } from "~/models/monitor.server";
import { tableBySlug } from "~/models/screening.server";

export type MonitorRequest = {
  period: Period;
  /** null = all regions. */
  tableIds: number[] | null;
  regionSlug: string;
  values: MonitorFilterInput;
  error: string | null;
  regions: { slug: string; name: string }[];
  choices: ReturnType<typeof periodChoices>;
  query: string;
};

/** The national monitor's filter: any period, all regions or one. */
function nationalMonitorRequest(db: Db, request: Request): MonitorRequest {
  const filter = parseMonitorFilter(new URL(request.url).searchParams);
  const regions = listRegions(db);
  const region = filter.regio === "alle" ? null : (regions.find((r) => r.slug === filter.regio) ?? null);
  const values = { ...filter.values, regio: region ? region.slug : "alle" };
  const error = filter.error ?? (filter.regio !== "alle" && !region ? "Onbekende regio; alle regio's worden getoond." : null);
  return {
    period: filter.period,
    tableIds: region ? [region.id] : null,
    regionSlug: values.regio,
    values,
    error,
    regions: regions.map((r) => ({ slug: r.slug, name: r.name })),
    choices: periodChoices(),
    query: filterQuery(values),
  };
}

/** A chair's report: any period, their own table only. */
function tableMonitorRequest(request: Request, table: { id: number; slug: string }): MonitorRequest {
  const filter = parseMonitorFilter(new URL(request.url).searchParams);
  const values = { ...filter.values, regio: table.slug };
  return {
    period: filter.period,
    tableIds: [table.id],
    regionSlug: table.slug,
    values,
    error: filter.error,
    regions: [],
    choices: periodChoices(),
    query: filterQuery(values, { withRegion: false }),
  };
}

/** The audit detail of a monitor request: period and region, never anything about a case. */
const monitorAuditDetail = (m: MonitorRequest) => `${m.period.from}..${m.period.to} ${m.regionSlug}`;

type ReportOf<R> = (db: Db, scope: { period: Period; tableIds: number[] | null }) => R;

/** A national report (the monitor unless `build` says otherwise) for the URL's filter: the project leader only (others 403), audited as `action`. */
export async function nationalReportFor<R = MonitorReport>(
  { request, context }: LoaderFunctionArgs,
  action: `monitor.${string}`,
  build: ReportOf<R> = monitorReport as ReportOf<R>,
): Promise<{ m: MonitorRequest; report: R }> {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const m = nationalMonitorRequest(db, request);
  const report = build(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action, actor: actorOf(user), objectType: "monitor", detail: monitorAuditDetail(m), origin: context.origin });
  return { m, report };
}

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** A chair's report on their own table (the URL's slug): 404 for anyone else and for an unknown table; audited as `action`. */
export async function chairTableReport(
  { request, context, params }: LoaderFunctionArgs,
  action: `monitor.${string}`,
): Promise<{ table: { id: number; slug: string; name: string; number: number }; m: MonitorRequest; report: MonitorReport }> {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? tableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const m = tableMonitorRequest(request, table);
  const report = monitorReport(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action, actor: actorOf(user), objectType: "table", objectId: table.id, detail: monitorAuditDetail(m), origin: context.origin });
  return { table, m, report };
}
