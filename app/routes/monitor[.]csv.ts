import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { monitorAuditDetail, nationalMonitorRequest } from "~/lib/monitor-request.server";
import { monitorCsv, monitorReport } from "~/models/monitor.server";

// The monitor as a spreadsheet (resource route): the same filter, the same suppressed values as
// the page, for the project leader only.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const m = nationalMonitorRequest(db, request);
  const report = monitorReport(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action: "monitor.export", actor: actorOf(user), objectType: "monitor", detail: monitorAuditDetail(m), origin: context.origin });
  return new Response(monitorCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="monitor-${m.period.from}-${m.period.to}-${m.regionSlug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
