// Consent after the referral: recording a new consent (the newest row is the one in force) and
// withdrawing it. Both are audited and take effect at once: pages and API read the newest
// consent on every request; the caller (the consent service) has the open case room checked again.
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { consents, organisations, users } from "#db/schema";
import { CONSENT_METHOD_LABELS, ORGANISATION_TYPE_LABELS, WITHDRAWAL_REQUESTER_LABELS, type WithdrawalRequester } from "~/domain/vocabulary";
import type { ConsentSchema } from "~/domain/referral-schema";
import type { z } from "~/domain/dutch-errors";
import { audit, type AuditActor, type AuditOrigin } from "./audit.server";
import type { Db } from "./db.server";
import { currentConsent } from "./cases.server";

export type ConsentInput = z.output<typeof ConsentSchema>;

export type ConsentActor = { userId: string; auditActor: AuditActor };
type CaseRef = { id: number; code: string; patientId: number };

const withdrawer = alias(users, "withdrawer");
const withdrawerOrganisation = alias(organisations, "withdrawer_organisation");

/** Every consent recorded for a case, oldest first, with who recorded it and who withdrew it. */
export function consentHistory(db: Db, caseId: number) {
  return db
    .select({
      consent: consents,
      recordedBy: users.name,
      recordedByOrganisation: organisations.name,
      withdrawnBy: withdrawer.name,
      withdrawnByOrganisation: withdrawerOrganisation.name,
    })
    .from(consents)
    .leftJoin(users, eq(consents.recordedByUserId, users.id))
    .leftJoin(organisations, eq(users.organisationId, organisations.id))
    .leftJoin(withdrawer, eq(consents.withdrawnByUserId, withdrawer.id))
    .leftJoin(withdrawerOrganisation, eq(withdrawer.organisationId, withdrawerOrganisation.id))
    .where(eq(consents.caseId, caseId))
    .orderBy(asc(consents.id))
    .all();
}

/** "Toestemming ingetrokken op verzoek van de patiënt zelf" and its reason, for histories. */
export const withdrawalStep = (requestedBy: WithdrawalRequester | null) =>
  `Toestemming ingetrokken${requestedBy ? ` – op verzoek van: ${WITHDRAWAL_REQUESTER_LABELS[requestedBy].toLowerCase()}` : ""}`;

/** The consent steps of a case (recorded, withdrawn) as entries of the case history. */
export function consentHistoryEntries(db: Db, caseId: number) {
  return consentHistory(db, caseId).flatMap(({ consent, recordedBy, recordedByOrganisation, withdrawnBy, withdrawnByOrganisation }) => [
    { key: `consent-${consent.id}`, at: consent.recordedAt, step: "Toestemming vastgelegd", actor: recordedBy, actorOrganisation: recordedByOrganisation, reason: null as string | null },
    ...(consent.withdrawnAt
      ? [
          {
            key: `consent-${consent.id}-withdrawn`,
            at: consent.withdrawnAt,
            step: withdrawalStep(consent.withdrawalRequestedBy),
            actor: withdrawnBy,
            actorOrganisation: withdrawnByOrganisation,
            reason: consent.withdrawalReason,
          },
        ]
      : []),
  ]);
}

/** What a consent lets see, for the audit log: kinds and organisations in words, never the excluded people's names. */
function scopeDetail(db: Db, input: Pick<ConsentInput, "scopeOrganisationTypes" | "scopeOrganisationIds" | "excludedPersons">) {
  const names = input.scopeOrganisationIds.length
    ? db.select({ name: organisations.name }).from(organisations).where(inArray(organisations.id, input.scopeOrganisationIds)).all().map((o) => o.name)
    : [];
  const kinds = input.scopeOrganisationTypes.map((t) => ORGANISATION_TYPE_LABELS[t]);
  return `soorten: ${kinds.join(", ") || "geen"}; organisaties: ${names.join(", ") || "geen"}; uitgesloten personen: ${input.excludedPersons.length}`;
}

/** A new consent for a case; it supersedes the one in force. */
export function recordConsent(db: Db, c: CaseRef, input: ConsentInput, actor: ConsentActor, origin: AuditOrigin): { consentId: number } {
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
    detail: `${c.code}: nieuwe toestemming (${input.givenBy === "patient" ? "patiënt" : "vertegenwoordiger"}, ${CONSENT_METHOD_LABELS[input.method].toLowerCase()}); ${scopeDetail(db, input)}`,
    origin,
  });
  return { consentId: id };
}

export type WithdrawResult = { ok: true } | { ok: false; error: string };

export type Withdrawal = { requestedBy: WithdrawalRequester; reason: string };

/**
 * Withdraws the consent in force: from now on only the chair's own organisation sees identity.
 * Who asked and why are kept with the consent and in the access log (the patient reads both).
 */
export function withdrawConsent(db: Db, c: CaseRef, withdrawal: Withdrawal, actor: ConsentActor, origin: AuditOrigin): WithdrawResult {
  const current = currentConsent(db, c.id);
  if (!current) return { ok: false, error: "Er is geen toestemming vastgelegd voor deze casus." };
  if (current.status === "withdrawn") return { ok: false, error: "De toestemming is al ingetrokken." };
  const at = new Date().toISOString();
  const updated = db
    .update(consents)
    .set({ status: "withdrawn", withdrawnAt: at, withdrawalRequestedBy: withdrawal.requestedBy, withdrawalReason: withdrawal.reason, withdrawnByUserId: actor.userId })
    .where(and(eq(consents.id, current.id), eq(consents.status, "active")))
    .run();
  if (updated.changes !== 1) return { ok: false, error: "De toestemming kon niet worden ingetrokken. Probeer het opnieuw." };
  audit(db, {
    action: "consent.withdraw",
    actor: actor.auditActor,
    objectType: "consent",
    objectId: current.id,
    patientId: c.patientId,
    detail: `${c.code}: toestemming ingetrokken op verzoek van ${WITHDRAWAL_REQUESTER_LABELS[withdrawal.requestedBy].toLowerCase()}; reden: ${withdrawal.reason}`,
    origin,
  });
  return { ok: true };
}

