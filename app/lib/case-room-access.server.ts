// What a case-room socket remembers of its access, and when it must ask again.
// Every write that can take access away raises one counter in the database (the "access" data
// version, db/data-versions.ts, kept by triggers: sessions ended, accounts, organisations, memberships, consents, overrides,
// a case moving table, guest invitations). A socket keeps its user and, per joined case, the
// access it was granted, each with the counter's value at the time; while the counter has not
// moved a message costs one tiny read instead of the session, account and case queries.
// Access that ends by the clock alone (a guest's invitation, a consent override) is never
// cached: it is checked on every event, as before.
import { can } from "~/domain/permissions";
import type { Visibility } from "~/domain/consent";
import { caseScope, type CaseCheck, type CaseViewer } from "./case-access.server";

/** A joined case as the socket holds it: what it may see, and what the audit event needs. */
export type RoomGrant = {
  visibility: Exclude<Visibility, "none">;
  patientId: number;
  code: string;
  viaOverride: boolean;
  /** The access counter when this was checked; null: time-limited access, checked every time. */
  version: number | null;
};

export function grantOf(check: Extract<CaseCheck, { ok: true }>, viewer: CaseViewer, version: number): RoomGrant {
  const { found } = check;
  // Through membership or organisation (not a guest invitation) and not through an override.
  const lasting = !check.viaOverride && can(viewer.principal, "case:read", caseScope("case:read", found.case));
  return { visibility: check.visibility, patientId: found.case.patientId, code: found.case.code, viaOverride: check.viaOverride, version: lasting ? version : null };
}

export const grantHolds = (grant: RoomGrant | undefined, version: number): grant is RoomGrant => grant?.version === version;
