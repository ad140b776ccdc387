import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseMonitorFilter } from "~/domain/monitor";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { listRegions, monitorCsv, monitorReport } from "~/models/monitor.server";

// The monitor as a spreadsheet (resource route): the same filter, the same suppressed values as
// the page, for the project leader only.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const filter = parseMonitorFilter(new URL(request.url).searchParams);
  const region = filter.regio === "alle" ? null : (listRegions(db).find((r) => r.slug === filter.regio) ?? null);
  const report = monitorReport(db, { period: filter.period, tableIds: region ? [region.id] : null });
  audit(db, { action: "monitor.export", actor: actorOf(user), objectType: "monitor", detail: `${filter.period.from}..${filter.period.to} ${region?.slug ?? "alle"}`, origin: context.origin });
  return new Response(monitorCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="monitor-${filter.period.from}-${filter.period.to}-${region?.slug ?? "alle"}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
