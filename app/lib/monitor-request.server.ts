// What every monitor route reads from its URL: the period and the region (national monitor) or the
// chair's own table, resolved against the regions that exist. One place, so the page, the CSV, the
// PDF and the capacity report always show the same slice of the same protected tables.
import { filterQuery, parseMonitorFilter, periodChoices, type MonitorFilterInput, type Period } from "~/domain/monitor";
import type { Db } from "~/lib/db.server";
import { listRegions } from "~/models/monitor.server";

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
export function nationalMonitorRequest(db: Db, request: Request): MonitorRequest {
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
export function tableMonitorRequest(request: Request, table: { id: number; slug: string }): MonitorRequest {
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
export const monitorAuditDetail = (m: MonitorRequest) => `${m.period.from}..${m.period.to} ${m.regionSlug}`;
