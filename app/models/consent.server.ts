// Consent after the referral: recording a new consent (the newest row is the one in force) and
// withdrawing it. Both are audited and take effect at once: pages and API read the newest
// consent on every request, and the open case room is checked again here.
import { asc, eq } from "drizzle-orm";
import { consents, users } from "#db/schema";
import type { ConsentSchema } from "~/domain/referral-schema";
import type { z } from "~/domain/dutch-errors";
import { audit, type AuditActor, type AuditOrigin } from "~/lib/audit.server";
import { applyConsentToRoom, type RoomRefresh, type RoomServer } from "~/lib/case-room.server";
import type { Db } from "~/lib/db.server";
import { currentConsent } from "./cases.server";

export type ConsentInput = z.output<typeof ConsentSchema>;

export type ConsentActor = { userId: string; auditActor: AuditActor };
type CaseRef = { id: number; code: string; patientId: number };

/** Every consent recorded for a case, oldest first, with who recorded it. */
export function consentHistory(db: Db, caseId: number) {
  return db
    .select({ consent: consents, recordedBy: users.name })
    .from(consents)
    .leftJoin(users, eq(consents.recordedByUserId, users.id))
    .where(eq(consents.caseId, caseId))
    .orderBy(asc(consents.id))
    .all();
}

/** What a consent lets see, for the audit log: kinds and counts, never the names. */
function scopeDetail(input: Pick<ConsentInput, "scopeOrganisationTypes" | "scopeOrganisationIds" | "excludedPersons">) {
  return `soorten: ${input.scopeOrganisationTypes.join(", ") || "geen"}; organisaties: ${input.scopeOrganisationIds.join(", ") || "geen"}; uitgesloten personen: ${input.excludedPersons.length}`;
}

/** A new consent for a case; it supersedes the one in force. Returns what the live room did. */
export function recordConsent(
  db: Db,
  io: RoomServer | null,
  c: CaseRef,
  input: ConsentInput,
  actor: ConsentActor,
  origin: AuditOrigin,
): { consentId: number; room: RoomRefresh } {
  const representative = input.givenBy === "representative";
  const { id } = db
    .insert(consents)
    .values({
      caseId: c.id,
      givenBy: input.givenBy,
      representativeKind: representative ? (input.representativeKind ?? null) : null,
      representativeName: representative ? (input.representativeName ?? null) : null,
      patientIncompetent: representative && input.patientIncompetent,
      higherRanksUnavailable: representative && input.higherRanksUnavailable,
      method: input.method,
      givenOn: input.givenOn,
      scopeOrganisationIds: input.scopeOrganisationIds,
      scopeOrganisationTypes: input.scopeOrganisationTypes,
      excludedPersons: input.excludedPersons.map((p) => ({ name: p.name, email: p.email ? p.email.toLowerCase() : null })),
      recordedByUserId: actor.userId,
      recordedAt: new Date().toISOString(),
    })
    .returning({ id: consents.id })
    .get();
  audit(db, {
    action: "consent.change",
    actor: actor.auditActor,
    objectType: "consent",
    objectId: id,
    patientId: c.patientId,
    detail: `${c.code}: nieuwe toestemming (${input.givenBy === "patient" ? "patiënt" : "vertegenwoordiger"}, ${input.method}); ${scopeDetail(input)}`,
    origin,
  });
  return { consentId: id, room: applyConsentToRoom(io, db, c.id) };
}

export type WithdrawResult = { ok: true; room: RoomRefresh } | { ok: false; error: string };

/** Withdraws the consent in force: from now on only the chair's own organisation sees identity. */
export function withdrawConsent(db: Db, io: RoomServer | null, c: CaseRef, actor: ConsentActor, origin: AuditOrigin): WithdrawResult {
  const current = currentConsent(db, c.id);
  if (!current) return { ok: false, error: "Er is geen toestemming vastgelegd voor deze casus." };
  if (current.status === "withdrawn") return { ok: false, error: "De toestemming is al ingetrokken." };
  const at = new Date().toISOString();
  const updated = db.update(consents).set({ status: "withdrawn", withdrawnAt: at }).where(eq(consents.id, current.id)).run();
  if (updated.changes !== 1) return { ok: false, error: "De toestemming kon niet worden ingetrokken. Probeer het opnieuw." };
  audit(db, {
    action: "consent.withdraw",
    actor: actor.auditActor,
    objectType: "consent",
    objectId: current.id,
    patientId: c.patientId,
    detail: `${c.code}: toestemming ingetrokken`,
    origin,
  });
  return { ok: true, room: applyConsentToRoom(io, db, c.id) };
}

