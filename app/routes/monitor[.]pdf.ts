import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/lib/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { monitorPdf } from "~/lib/monitor-pdf.server";
import { monitorAuditDetail, nationalMonitorRequest } from "~/lib/monitor-request.server";
import { pdfResponse } from "~/lib/pdf.server";
import { monitorReport } from "~/models/monitor.server";

// The monitor as a PDF report to send on (resource route): the same filter and the same suppressed
// report as the page, made on the server with pdfmake; for the project leader only.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "monitor:read");
  const { db } = context.services;
  const m = nationalMonitorRequest(db, request);
  const report = monitorReport(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action: "monitor.export_pdf", actor: actorOf(user), objectType: "monitor", detail: monitorAuditDetail(m), origin: context.origin });
  const pdf = await monitorPdf(report, { title: "Landelijke monitor hoogcomplexe ggz" });
  return pdfResponse(pdf, `monitor-${m.period.from}-${m.period.to}-${m.regionSlug}.pdf`);
}
