import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { flushAudit } from "~/models/audit.server";
import { requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { INZAGE_EXPORT_LIMIT, inzageCsv, patientAccessLog } from "~/models/inzage.server";

// The patient's access log as a spreadsheet (resource route), for the chair of the case's table.
// The export is itself logged (and so appears in the next export).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:screen", "case.inzage_export");
  flushAudit(); // the export is written first, so it lists itself
  const { rows } = patientAccessLog(context.services.db, found.case.patientId, INZAGE_EXPORT_LIMIT);
  const stamp = formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);
  return new Response(inzageCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="inzage-${found.case.code}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
