// Receiving a referral: one function for the form and the API, so both follow the same rules
// (consent first, routing with a recorded override, a readable case code, an event, an audit line).
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { caseCodes, caseEvents, cases, consents, organisations, regionalTables } from "#db/schema";
import { NO_CONSENT_MESSAGE, type ReferralInput } from "~/domain/referral-schema";
import { audit, flushAudit, type AuditActor, type AuditOrigin } from "./audit.server";
import type { Db } from "./db.server";
import type { FieldErrors } from "~/domain/dutch-errors";
import { routeResidence } from "./municipalities.server";
import { linkPatient } from "./patients.server";

export type Referrer = {
  userId: string | null;
  organisationId: number;
  via: "form" | "api";
  auditActor: AuditActor;
};

export type CreateReferralResult =
  | { ok: true; caseId: number; code: string; tableId: number; patientId: number; routingRule: string | null; knownPatient: boolean }
  | { ok: false; formError?: string; fieldErrors: FieldErrors };

const nowIso = () => new Date().toISOString();

/** RT<table number>-<year>-<sequence>, e.g. RT2-2026-014: used wherever identity is not shown. */
export function nextCaseCode(db: Db, tableNumber: number, year: number): string {
  const prefix = `RT${tableNumber}-${year}-`;
  // Codes a case had before a redirect stay taken: they keep naming that case.
  const highest = (column: typeof cases.code | typeof caseCodes.code, table: typeof cases | typeof caseCodes) =>
    db
      .select({ max: sql<number | null>`max(cast(substr(${column}, ${prefix.length + 1}) as integer))` })
      .from(table)
      .where(like(column, `${prefix}%`))
      .get()?.max ?? 0;
  return `${prefix}${String(Math.max(highest(cases.code, cases), highest(caseCodes.code, caseCodes)) + 1).padStart(3, "0")}`;
}

export function createReferral(db: Db, input: ReferralInput, referrer: Referrer, origin: AuditOrigin): CreateReferralResult {
  if (!input.consent) return { ok: false, formError: NO_CONSENT_MESSAGE, fieldErrors: { consent: [NO_CONSENT_MESSAGE] } };
  const consent = input.consent;

  const referrerOrg = db.select().from(organisations).where(eq(organisations.id, referrer.organisationId)).get();
  if (!referrerOrg) return { ok: false, formError: "Onbekende verwijzende organisatie.", fieldErrors: {} };
  const fieldErrors: FieldErrors = {};
  if (input.source === "insurer_mediation" && referrerOrg.type !== "insurer") {
    fieldErrors.source = ["Alleen de zorgbemiddeling van een zorgverzekeraar meldt aan als zorgbemiddeling; kies ‘Zorgaanbieder’."];
  }
  if (input.source === "provider" && referrerOrg.type === "insurer") {
    fieldErrors.source = ["Een zorgverzekeraar meldt aan via zorgbemiddeling."];
  }
  if (input.viaVwsUnit && input.source !== "insurer_mediation") {
    fieldErrors.viaVwsUnit = ["Meldingen bij de VWS-unit complexe zorgvragen lopen via de zorgverzekeraar."];
  }

  const insurer = db
    .select()
    .from(organisations)
    .where(and(eq(organisations.type, "insurer"), eq(organisations.active, true), sql`lower(${organisations.name}) = lower(${input.patient.insurer})`))
    .get();
  if (!insurer) fieldErrors["patient.insurer"] = ["Onbekende zorgverzekeraar. Kies een zorgverzekeraar uit de lijst."];
  // Every insurer is responsible for its own insured: its zorgbemiddeling refers only those.
  else if (referrerOrg.type === "insurer" && insurer.id !== referrerOrg.id) {
    fieldErrors["patient.insurer"] = [
      `Als zorgbemiddeling van ${referrerOrg.name} meldt u alleen verzekerden van ${referrerOrg.name} aan. Deze patiënt is verzekerd bij ${insurer.name}: die zorgverzekeraar meldt de patiënt aan.`,
    ];
  }
  if (input.legalFramework !== "none" && !input.legalFrameworkEndDate) {
    fieldErrors.legalFrameworkEndDate = ["Vul de einddatum van de machtiging of het besluit (Wvggz/Wzd) in."];
  }

  if (consent.scopeOrganisationIds.length) {
    const found = db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, consent.scopeOrganisationIds)).all();
    if (found.length !== new Set(consent.scopeOrganisationIds).size) fieldErrors["consent.scopeOrganisationIds"] = ["Een gekozen organisatie bestaat niet."];
  }

  const residence = routeResidence(db, input.patient.municipality);
  if (!residence.ok) fieldErrors["patient.municipality"] = [residence.message];
  const proposedTableId = residence.ok ? (residence.decision?.tableId ?? null) : null;
  let tableId = proposedTableId;
  if (input.tableOverride) {
    const chosen = db.select().from(regionalTables).where(and(eq(regionalTables.slug, input.tableOverride.table), eq(regionalTables.active, true))).get();
    if (!chosen) fieldErrors["tableOverride.table"] = ["Onbekende regiotafel."];
    else tableId = chosen.id;
  }
  if (tableId == null && residence.ok) fieldErrors["patient.municipality"] = ["Voor deze woonplaats is geen regiotafel bekend. Kies zelf een regiotafel en geef de reden."];
  if (Object.keys(fieldErrors).length || !insurer || tableId == null || !residence.ok) return { ok: false, fieldErrors };

  const table = db.select().from(regionalTables).where(eq(regionalTables.id, tableId)).get()!;
  const at = nowIso();
  const created = db.transaction((tx) => {
    const t = tx as unknown as Db;
    // One patient per BSN: a known person is linked, never duplicated or silently renamed.
    const { patientId, known, conflicts } = linkPatient(t, {
      name: input.patient.name,
      bsn: input.patient.bsn,
      dateOfBirth: input.patient.dateOfBirth,
      address: input.patient.address ?? null,
      municipality: residence.municipality.name,
      municipalityCode: residence.municipality.code,
      province: residence.municipality.province,
      insurerId: insurer.id,
    });
    const code = nextCaseCode(t, table.number, new Date(at).getUTCFullYear());
    const { id: caseId } = tx
      .insert(cases)
      .values({
        code,
        patientId,
        tableId: table.id,
        proposedTableId,
        routingOverrideReason: input.tableOverride && tableId !== proposedTableId ? input.tableOverride.reason : null,
        source: input.source,
        viaVwsUnit: input.viaVwsUnit,
        referrerOrganisationId: referrer.organisationId,
        referrerUserId: referrer.userId,
        insurerId: insurer.id,
        currentProviders: input.currentProviders,
        treatmentHistory: input.treatmentHistory,
        careQuestion: input.careQuestion,
        problemDescription: input.problemDescription,
        priorAttempts: input.priorAttempts,
        urgency: input.urgency,
        mainDiagnoses: input.mainDiagnoses,
        legalFramework: input.legalFramework,
        legalFrameworkEndDate: input.legalFramework === "none" ? null : (input.legalFrameworkEndDate ?? null),
        livingSituation: input.livingSituation,
        generalPractitioner: input.generalPractitioner?.trim() || null,
        wlzIndication: input.wlzIndication,
        referrerCriteria: input.referrerCriteria,
        identityConflict: conflicts.length ? conflicts : null,
        contactName: input.contact.name,
        contactPhone: input.contact.phone,
        contactEmail: input.contact.email,
        submittedVia: referrer.via,
        receivedAt: at,
        updatedAt: at,
      })
      .returning({ id: cases.id })
      .get();
    tx.insert(consents)
      .values({
        caseId,
        givenBy: consent.givenBy,
        representativeKind: consent.givenBy === "representative" ? (consent.representativeKind ?? null) : null,
        representativeName: consent.givenBy === "representative" ? (consent.representativeName ?? null) : null,
        patientIncompetent: consent.givenBy === "representative" && consent.patientIncompetent,
        higherRanksUnavailable: consent.givenBy === "representative" && consent.higherRanksUnavailable,
        method: consent.method,
        givenOn: consent.givenOn,
        scopeOrganisationIds: consent.scopeOrganisationIds,
        scopeOrganisationTypes: consent.scopeOrganisationTypes,
        excludedPersons: consent.excludedPersons,
        recordedByUserId: referrer.userId,
        recordedAt: at,
      })
      .run();
    tx.insert(caseEvents)
      .values({
        caseId,
        event: "receive",
        fromState: null,
        toState: "received",
        actorUserId: referrer.userId,
        actorOrganisationId: referrer.organisationId,
        toTableId: table.id,
        reason: input.tableOverride && tableId !== proposedTableId ? `Andere regiotafel gekozen: ${input.tableOverride.reason}` : null,
        at,
      })
      .run();
    return { caseId, code, patientId, known, conflicts };
  });

  audit(db, {
    action: "referral.create",
    actor: referrer.auditActor,
    objectType: "case",
    objectId: created.caseId,
    patientId: created.patientId,
    detail: `${created.code} via ${referrer.via}, tafel ${table.number}${created.known ? ", bekende patiënt (BSN)" : ""}${created.conflicts.length ? `, afwijkend: ${created.conflicts.map((c) => c.field).join(", ")}` : ""}`,
    origin,
  });
  // The referral is committed: write its audit line now, not at the end of the request, so a crash
  // before the answer cannot leave a case that a retried request then acknowledges without it.
  flushAudit();
  return { ok: true, caseId: created.caseId, code: created.code, tableId: table.id, patientId: created.patientId, routingRule: residence.rule, knownPatient: created.known };
}
