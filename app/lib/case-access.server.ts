// The guard for everything about one case: permission for that case's table/insurer/referrer,
// then the consent decision (identified, de-identified, or nothing). Unknown and forbidden
// cases both answer 404, so guessing ids reveals nothing. Every pass is audited.
// checkCaseAccess is the same decision without HTTP: the socket.io case room asks it on every
// event, and a consent change asks it again for everyone in the room.
// A consent override (doorbreking) adds identity for its organisations; when identity is shown
// only because of it, the check says so (viaOverride) and the audit event is flagged.
import type { AppLoadContext } from "@remix-run/node";
import { can, type Permission, type Principal } from "~/domain/permissions";
import { caseVisibilityWithBasis, type Visibility } from "~/domain/consent";
import type { OrganisationType } from "~/domain/vocabulary";
import { activeConsentOverrides, consentScopeOf, currentConsent, findCase } from "~/models/cases.server";
import { hasGuestAccess } from "~/models/guest-access.server";
import { audit } from "~/models/audit.server";
import { actorOf, notFound, requireUser, type CurrentUser } from "./auth.server";
import type { Db } from "~/models/db.server";

export type CasePermission = Extract<Permission, "case:read" | "case:screen" | "referral:track" | "advice:insured">;

type FoundCase = NonNullable<ReturnType<typeof findCase>>;

export type CaseAccess = {
  user: CurrentUser;
  found: FoundCase;
  consent: ReturnType<typeof currentConsent>;
  visibility: Exclude<Visibility, "none">;
  /** Identity is shown only because of an active consent override. */
  viaOverride: boolean;
};

/** Who is asking: what the permission rules and the consent decision need of a user. */
export type CaseViewer = {
  id: string;
  email: string;
  organisationId: number;
  organisationType: OrganisationType;
  principal: Principal;
};

export type CaseCheck =
  | { ok: true; found: FoundCase; consent: ReturnType<typeof currentConsent>; visibility: Exclude<Visibility, "none">; viaOverride: boolean }
  | { ok: false; found: FoundCase | undefined; consent: ReturnType<typeof currentConsent>; visibility: Visibility; viaOverride: false };

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

const permissionList = (permission: CasePermission | readonly CasePermission[]): readonly CasePermission[] =>
  typeof permission === "string" ? [permission] : permission;

/**
 * May this user reach this case with (any of) these permissions, and what does the consent in
 * force let them see? Reads the newest consent every time, so a change applies at once.
 */
export function checkCaseAccess(db: Db, user: CaseViewer, caseId: number | null, permission: CasePermission | readonly CasePermission[]): CaseCheck {
  const found = caseId ? findCase(db, caseId) : undefined;
  const consent = found ? currentConsent(db, found.case.id) : null;
  if (!found) return { ok: false, found, consent, visibility: "none", viaOverride: false };
  const allowed = permissionList(permission).some(
    (p) => can(user.principal, p, caseScope(p, found.case)) || (p === "case:read" && hasGuestAccess(db, user.id, found.case.id)),
  );
  const { visibility, viaOverride } = caseVisibilityWithBasis(
    { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType },
    consentScopeOf(consent),
    { leadOrganisationId: found.leadOrganisationId, referrerOrganisationId: found.case.referrerOrganisationId },
    allowed ? activeConsentOverrides(db, found.case.id) : [],
  );
  if (!allowed || visibility === "none") return { ok: false, found, consent, visibility: allowed ? visibility : "none", viaOverride: false };
  return { ok: true, found, consent, visibility, viaOverride };
}

export async function requireCase(
  request: Request,
  context: AppLoadContext,
  rawCaseId: string | undefined,
  permission: CasePermission | readonly CasePermission[],
  auditAction: string,
): Promise<CaseAccess> {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const check = checkCaseAccess(db, user, parseId(rawCaseId), permission);
  if (!check.ok) {
    audit(db, {
      action: "case.denied",
      outcome: "denied",
      actor: actorOf(user),
      objectType: "case",
      objectId: rawCaseId?.slice(0, 20),
      patientId: check.found?.case.patientId,
      detail: `${permissionList(permission).join("|")} ${new URL(request.url).pathname}`,
      origin: context.origin,
    });
    throw notFound();
  }
  const { found, consent, visibility, viaOverride } = check;
  audit(db, {
    action: auditAction,
    actor: actorOf(user),
    objectType: "case",
    objectId: found.case.id,
    patientId: found.case.patientId,
    detail: `${found.case.code} (${viaOverride ? "met identiteit, zonder toestemming op grond van een doorbreking" : visibility === "identified" ? "met identiteit" : "zonder identiteit"})`,
    consentOverride: viaOverride,
    origin: context.origin,
  });
  return { user, found, consent, visibility, viaOverride };
}
