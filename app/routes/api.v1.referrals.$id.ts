// GET /api/v1/referrals/:id: the status of a referral, for the organisation that sent it only.
// No identity and no discussion content: code, table, status and the steps with their times.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { apiError, methodNotAllowed, requireApiClient } from "~/lib/api-auth.server";
import { audit } from "~/models/audit.server";
import { referralStatusFor } from "~/models/api-referrals.server";

const NOT_FOUND = "Deze verwijzing bestaat niet of is niet door uw organisatie ingediend.";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const client = await requireApiClient(request, context);
  const { db } = context.services;
  const raw = params.id ?? "";
  const caseId = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
  const found = caseId == null ? null : referralStatusFor(db, client.organisationId, caseId);
  if (!found) {
    // Another organisation's referral and one that does not exist answer alike (no existence leak).
    audit(db, {
      action: "referral.api_status",
      outcome: "denied",
      actor: client.auditActor,
      objectType: "case",
      objectId: caseId ?? undefined,
      detail: caseId == null ? "ongeldig id" : "niet gevonden of niet van deze organisatie",
      origin: context.origin,
    });
    return apiError(404, "not_found", NOT_FOUND);
  }
  audit(db, {
    action: "referral.api_status",
    actor: client.auditActor,
    objectType: "case",
    objectId: found.status.id,
    patientId: found.patientId,
    detail: `${found.status.code}: status opgevraagd`,
    origin: context.origin,
  });
  return json(found.status);
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireApiClient(request, context);
  return methodNotAllowed("GET");
}
