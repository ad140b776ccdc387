import type { LoaderFunctionArgs } from "@remix-run/node";
import { monitorPdf } from "~/lib/monitor-pdf.server";
import { nationalReportFor } from "~/lib/monitor-request.server";
import { pdfResponse } from "~/lib/pdf.server";

// The monitor as a PDF report to send on (resource route): the same filter and the same suppressed
// report as the page, made on the server with pdfmake; for the project leader only.
export async function loader(args: LoaderFunctionArgs) {
  const { m, report } = await nationalReportFor(args, "monitor.export_pdf");
  const pdf = await monitorPdf(report, { title: "Landelijke monitor hoogcomplexe ggz" });
  return pdfResponse(pdf, `monitor-${m.period.from}-${m.period.to}-${m.regionSlug}.pdf`);
}
