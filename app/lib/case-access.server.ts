// The guard for everything about one case: permission for that case's table/insurer/referrer,
// then the consent decision (identified, de-identified, or nothing). Unknown and forbidden
// cases both answer 404, so guessing ids reveals nothing. Every pass is audited.
import type { AppLoadContext } from "@remix-run/node";
import { can, type Permission } from "~/domain/permissions";
import { caseVisibility, type Visibility } from "~/domain/consent";
import { consentScopeOf, currentConsent, findCase } from "~/models/cases.server";
import { hasGuestAccess } from "~/models/guest-access.server";
import { audit } from "./audit.server";
import { actorOf, notFound, requireUser, type CurrentUser } from "./auth.server";

export type CasePermission = Extract<Permission, "case:read" | "case:screen" | "referral:track" | "advice:insured">;

export type CaseAccess = {
  user: CurrentUser;
  found: NonNullable<ReturnType<typeof findCase>>;
  consent: ReturnType<typeof currentConsent>;
  visibility: Exclude<Visibility, "none">;
};

export function parseId(raw: string | undefined): number | null {
  return raw && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
}

export function caseScope(permission: CasePermission, c: { tableId: number; insurerId: number; referrerOrganisationId: number }) {
  return {
    tableId: c.tableId,
    insurerId: c.insurerId,
    organisationId: permission === "referral:track" ? c.referrerOrganisationId : permission === "advice:insured" ? c.insurerId : null,
  };
}

export async function requireCase(
  request: Request,
  context: AppLoadContext,
  rawCaseId: string | undefined,
  permission: CasePermission,
  auditAction: string,
): Promise<CaseAccess> {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const caseId = parseId(rawCaseId);
  const found = caseId ? findCase(db, caseId) : undefined;
  const consent = found ? currentConsent(db, found.case.id) : null;
  const allowed =
    found &&
    (can(user.principal, permission, caseScope(permission, found.case)) ||
      (permission === "case:read" && hasGuestAccess(db, user.id, found.case.id)));
  const visibility = found
    ? caseVisibility(
        { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType },
        consentScopeOf(consent),
        { leadOrganisationId: found.leadOrganisationId, referrerOrganisationId: found.case.referrerOrganisationId },
      )
    : "none";
  if (!found || !allowed || visibility === "none") {
    audit(db, {
      action: "case.denied",
      outcome: "denied",
      actor: actorOf(user),
      objectType: "case",
      objectId: rawCaseId?.slice(0, 20),
      patientId: found?.case.patientId,
      detail: `${permission} ${new URL(request.url).pathname}`,
      origin: context.origin,
    });
    throw notFound();
  }
  audit(db, {
    action: auditAction,
    actor: actorOf(user),
    objectType: "case",
    objectId: found.case.id,
    patientId: found.case.patientId,
    detail: `${found.case.code} (${visibility === "identified" ? "met identiteit" : "zonder identiteit"})`,
    origin: context.origin,
  });
  return { user, found, consent, visibility };
}
