import type { LoaderFunctionArgs } from "@remix-run/node";
import { nationalReportFor } from "~/lib/monitor-request.server";
import { monitorCsv } from "~/models/monitor.server";

// The monitor as a spreadsheet (resource route): the same filter, the same suppressed values as
// the page, for the project leader only.
export async function loader(args: LoaderFunctionArgs) {
  const { m, report } = await nationalReportFor(args, "monitor.export");
  return new Response(monitorCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="monitor-${m.period.from}-${m.period.to}-${m.regionSlug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
