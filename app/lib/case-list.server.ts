// A case list page's loader work in one call: read the query string, fetch one page through the
// model, and write the access log (the search without its text, and one line per patient shown
// with identity, NEN 7513). The route has checked the permission for the scope before.
import { filterValuesOf, isFiltered, parseCaseListQuery, type ParseOptions } from "~/domain/case-list-query";
import { caseListPage, type CaseListScope } from "~/models/case-lists.server";
import type { Db } from "~/models/db.server";
import { audit, auditPatientsShown, type AuditOrigin } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "./auth.server";

export type CaseListAudit = {
  /** Where the list is, e.g. "inbox rotterdam" or "verwijzingenlijst". */
  label: string;
  /** The per-patient access-log action. */
  shownAction: string;
  /** The object the list belongs to (table, organisation, insurer). */
  objectType: string;
  objectId: number;
};

export function loadCaseList(db: Db, request: Request, origin: AuditOrigin, user: CurrentUser, scope: CaseListScope, options: ParseOptions, log: CaseListAudit) {
  const url = new URL(request.url);
  const { query, problems } = parseCaseListQuery(url.searchParams, options);
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const page = caseListPage(db, scope, viewer, query, url);
  const actor = actorOf(user);
  const named = page.items.filter((r) => r.identified);
  if (query.search) {
    audit(db, {
      action: "case.search",
      actor,
      objectType: log.objectType,
      objectId: log.objectId,
      detail: `${log.label}: zoekopdracht (${query.search.kind === "bsn" ? "BSN" : query.search.kind === "code" ? "casuscode" : "tekst"}), ${page.total?.capped ? "meer dan " : ""}${page.total?.count ?? page.items.length} gevonden`,
      origin,
    });
  }
  auditPatientsShown(db, { action: log.shownAction, actor, detail: log.label, origin, shown: named.map((r) => ({ patientId: r.patientId, caseId: r.id, code: r.code })) });
  audit(db, {
    action: "case.list",
    actor,
    objectType: log.objectType,
    objectId: log.objectId,
    detail: `${log.label}: ${page.items.length} casussen, ${named.length} met naam`,
    origin,
  });
  return { page, problems, filters: filterValuesOf(query), filtered: isFiltered(query, options), query };
}
