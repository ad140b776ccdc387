import type { LoaderFunctionArgs } from "@remix-run/node";
import { chairTableReport } from "~/lib/monitor-request.server";
import { monitorCsv } from "~/models/monitor.server";

// The chair's report as a spreadsheet: the same suppressed values as the page, own table only.
export async function loader(args: LoaderFunctionArgs) {
  const { table, m, report } = await chairTableReport(args, "monitor.table_export");
  return new Response(monitorCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rapportage-${table.slug}-${m.period.from}-${m.period.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
