// Consent overrides (doorbreking van het beroepsgeheim bij conflict van plichten / acuut gevaar):
// the chair of the case's table lets named organisations see identity without consent, for at
// most OVERRIDE_MAX_DAYS, with a written reason. Granting and ending are audited (flagged as a
// consent override) and take effect at once: pages read the active overrides on every request;
// the caller (the consent service) has the open case room checked again, as after a consent change.
import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { consentOverrides, organisations, users } from "#db/schema";
import { formatDateTime } from "~/domain/format";
import { consentOverrideProblems, mayReceiveOverride, overrideExpiresAt, overrideIsActive, type ConsentOverrideField } from "~/domain/consent";
import { audit, type AuditActor, type AuditOrigin } from "./audit.server";
import type { Db } from "./db.server";

type CaseRef = { id: number; code: string; patientId: number };
export type OverrideActor = { userId: string; auditActor: AuditActor };

export type OverrideInput = { organisationIds: number[]; reason: string; days: number };
export type GrantResult =
  | { ok: true; overrideId: number; expiresAt: string }
  | { ok: false; fieldErrors: Partial<Record<ConsentOverrideField, string[]>>; formError: string };

const UNKNOWN_ORGANISATION = "Kies alleen bestaande, actieve organisaties.";
const NO_OVERRIDE_FOR_NATIONAL = "Het landelijk projectbureau en de VWS-unit krijgen nooit de identiteit van een patiënt: kies een zorgorganisatie, gemeente of zorgverzekeraar.";

/** "Parnassia Groep en IrisZorg": organisations by name for the access log, never by id. */
function organisationNames(db: Db, ids: number[]): string {
  const names = db.select({ name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(organisations.name).all().map((o) => o.name);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} en ${names.at(-1)}` : (names[0] ?? "geen organisatie");
}

/**
 * Grants an override. The rules (reason, duration, organisations) are checked here again, so a
 * post that skips the form cannot widen them; the expiry is computed here, never taken from input.
 */
export function grantConsentOverride(
  db: Db,
  c: CaseRef,
  input: OverrideInput,
  actor: OverrideActor,
  origin: AuditOrigin,
  now: Date = new Date(),
): GrantResult {
  const organisationIds = [...new Set(input.organisationIds)];
  const problems = consentOverrideProblems({ ...input, organisationIds });
  const fieldErrors: Partial<Record<ConsentOverrideField, string[]>> = {};
  for (const [field, message] of Object.entries(problems) as [ConsentOverrideField, string][]) fieldErrors[field] = [message];
  if (!problems.organisationIds) {
    const known = db
      .select({ id: organisations.id, type: organisations.type })
      .from(organisations)
      .where(and(inArray(organisations.id, organisationIds), eq(organisations.active, true)))
      .all();
    if (known.length !== organisationIds.length) fieldErrors.organisationIds = [UNKNOWN_ORGANISATION];
    else if (!known.every(mayReceiveOverride)) fieldErrors.organisationIds = [NO_OVERRIDE_FOR_NATIONAL];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors, formError: "Controleer de velden met een foutmelding." };

  const grantedAt = now.toISOString();
  const expiresAt = overrideExpiresAt(now, input.days);
  const { id } = db
    .insert(consentOverrides)
    .values({ caseId: c.id, organisationIds, reason: input.reason.trim(), grantedByUserId: actor.userId, grantedAt, expiresAt, endedAt: null })
    .returning({ id: consentOverrides.id })
    .get();
  audit(db, {
    action: "consent.override_grant",
    actor: actor.auditActor,
    objectType: "consent_override",
    objectId: id,
    patientId: c.patientId,
    // The reason stays in the override itself; the log says who may see what, and until when.
    detail: `${c.code}: toestemming doorbroken voor ${organisationNames(db, organisationIds)}, ${input.days} ${input.days === 1 ? "dag" : "dagen"}, tot ${formatDateTime(expiresAt)}`,
    consentOverride: true,
    origin,
  });
  return { ok: true, overrideId: id, expiresAt };
}

export type EndResult = { ok: true } | { ok: false; error: string };

/** Ends a running override of this case early ("Beëindigen"). */
export function endConsentOverride(
  db: Db,
  c: CaseRef,
  overrideId: number,
  actor: OverrideActor,
  origin: AuditOrigin,
  now: Date = new Date(),
): EndResult {
  const at = now.toISOString();
  const updated = db
    .update(consentOverrides)
    .set({ endedAt: at })
    .where(
      and(
        eq(consentOverrides.id, overrideId),
        eq(consentOverrides.caseId, c.id),
        isNull(consentOverrides.endedAt),
        gt(consentOverrides.expiresAt, at),
      ),
    )
    .run();
  if (updated.changes !== 1) return { ok: false, error: "Deze doorbreking loopt niet (meer): ze is al beëindigd of verlopen." };
  audit(db, {
    action: "consent.override_end",
    actor: actor.auditActor,
    objectType: "consent_override",
    objectId: overrideId,
    patientId: c.patientId,
    detail: `${c.code}: doorbreking van de toestemming beëindigd`,
    consentOverride: true,
    origin,
  });
  return { ok: true };
}

export type OverrideStatus = "active" | "expired" | "ended";

/** Every override of a case, newest first, with who granted it and its status now. */
export function consentOverrideHistory(db: Db, caseId: number, now: Date = new Date()) {
  return db
    .select({ override: consentOverrides, grantedBy: users.name })
    .from(consentOverrides)
    .leftJoin(users, eq(consentOverrides.grantedByUserId, users.id))
    .where(eq(consentOverrides.caseId, caseId))
    .orderBy(desc(consentOverrides.id))
    .all()
    .map(({ override, grantedBy }) => ({
      ...override,
      grantedBy: grantedBy ?? "Onbekend",
      status: (override.endedAt ? "ended" : overrideIsActive(override, now) ? "active" : "expired") as OverrideStatus,
    }));
}
