import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { parseForm } from "~/lib/forms";
import { AuditSearchSchema, SEARCH_LABELS, describeSearch, searchParamsAsFormData } from "~/domain/audit-search";
import { EXPORT_LIMIT, auditCsv, exportAuditEvents } from "~/models/audit-log.server";

// CSV export of the access log with the same filter as /beheer/audit (resource route).
// The export is itself an access to the log and is logged as such.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "audit:read");
  const { db } = context.services;
  const parsed = parseForm(AuditSearchSchema, searchParamsAsFormData(new URL(request.url).searchParams));
  if (!parsed.ok) {
    const problems = Object.entries(parsed.fieldErrors).map(
      ([field, messages]) => `${SEARCH_LABELS[field as keyof typeof SEARCH_LABELS] ?? field}: ${messages?.[0] ?? ""}`,
    );
    return new Response(["Het filter klopt niet; er is niets geëxporteerd.", ...problems].join("\n") + "\n", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  const rows = exportAuditEvents(db, parsed.data, EXPORT_LIMIT + 1);
  const more = rows.length > EXPORT_LIMIT;
  if (more) rows.pop();
  audit(db, {
    action: "audit.export",
    actor: actorOf(user),
    objectType: "audit_log",
    patientId: parsed.data.patient ?? null,
    detail: `${describeSearch(parsed.data)}; ${rows.length} van ${more ? `meer dan ${rows.length}` : rows.length} regels geëxporteerd`,
    origin: context.origin,
  });
  const stamp = formatAmsterdamSortable(new Date().toISOString()).replace(" ", "_").replaceAll(":", "");
  return new Response(auditCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="auditlog-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
