import type { LoaderFunctionArgs } from "@remix-run/node";
import { monitorPdf } from "~/lib/monitor-pdf.server";
import { chairTableReport } from "~/lib/monitor-request.server";
import { pdfResponse } from "~/lib/pdf.server";

// The chair's report as a PDF to send on: the same suppressed report as the page, own table only.
export async function loader(args: LoaderFunctionArgs) {
  const { table, m, report } = await chairTableReport(args, "monitor.table_export_pdf");
  const pdf = await monitorPdf(report, { title: `Rapportage tafel ${table.name}` });
  return pdfResponse(pdf, `rapportage-${table.slug}-${m.period.from}-${m.period.to}.pdf`);
}
