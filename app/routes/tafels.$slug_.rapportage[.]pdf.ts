import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/domain/dutch-errors";
import { audit } from "~/lib/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import { monitorAuditDetail, tableMonitorRequest } from "~/lib/monitor-request.server";
import { monitorPdf } from "~/lib/monitor-pdf.server";
import { pdfResponse } from "~/lib/pdf.server";
import { monitorReport } from "~/models/monitor.server";
import { tableBySlug } from "~/models/screening.server";

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

// The chair's report as a PDF to send on: the same suppressed report as the page, own table only.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.services;
  const slug = Slug.safeParse(params.slug);
  const table = slug.success ? tableBySlug(db, slug.data) : null;
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const m = tableMonitorRequest(request, table);
  const report = monitorReport(db, { period: m.period, tableIds: m.tableIds });
  audit(db, { action: "monitor.table_export_pdf", actor: actorOf(user), objectType: "table", objectId: table.id, detail: monitorAuditDetail(m), origin: context.origin });
  const pdf = await monitorPdf(report, { title: `Rapportage tafel ${table.name}` });
  return pdfResponse(pdf, `rapportage-${table.slug}-${m.period.from}-${m.period.to}.pdf`);
}
