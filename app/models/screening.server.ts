// Queries behind the case page and the medical advisor's list (the lists themselves are in
// case-lists.server.ts). What a viewer sees is the one consent rule's call (caseVisibility).
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { caseEvents, criteriaAssessments, organisations, regionalTables, users } from "#db/schema";
import type { Visibility } from "~/domain/consent";
import type { Db } from "./db.server";
import { ageBand } from "~/domain/case-display";
import { caseHistory, currentConsent, findCase, getPatient, latestAssessment } from "./cases.server";
import { consentHistoryEntries } from "./consent.server";

export type TableRef = { id: number; slug: string; name: string; number: number; leadOrganisationId: number };

export function tableBySlug(db: Db, slug: string): TableRef | null {
  return (
    db
      .select({ id: regionalTables.id, slug: regionalTables.slug, name: regionalTables.name, number: regionalTables.number, leadOrganisationId: regionalTables.leadOrganisationId })
      .from(regionalTables)
      .where(eq(regionalTables.slug, slug))
      .get() ?? null
  );
}

/** The tables a case can be redirected to: every active table but its own. */
export function otherActiveTables(db: Db, tableId: number) {
  return db
    .select({ id: regionalTables.id, name: regionalTables.name, number: regionalTables.number })
    .from(regionalTables)
    .where(and(eq(regionalTables.active, true), ne(regionalTables.id, tableId)))
    .orderBy(asc(regionalTables.number))
    .all();
}

export function tableNames(db: Db): Map<number, string> {
  return new Map(db.select({ id: regionalTables.id, name: regionalTables.name }).from(regionalTables).all().map((t) => [t.id, t.name]));
}

export function organisationNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  return new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, [...new Set(ids)]))
      .all()
      .map((o) => [o.id, o.name]),
  );
}

/** For the advisor's lists: when each case was presented for their check (the newest request_advisor_check) and their newest assessment. */
export function advisorProgress(db: Db, caseIds: readonly number[]) {
  const ids = [...caseIds];
  const assessments = ids.length
    ? db
        .select({ caseId: criteriaAssessments.caseId, at: criteriaAssessments.at, assessorName: users.name })
        .from(criteriaAssessments)
        .innerJoin(users, eq(criteriaAssessments.assessorUserId, users.id))
        .where(and(inArray(criteriaAssessments.caseId, ids), eq(criteriaAssessments.kind, "advisor")))
        .orderBy(asc(criteriaAssessments.id))
        .all()
    : [];
  const presented = ids.length
    ? db
        .select({ caseId: caseEvents.caseId, at: caseEvents.at })
        .from(caseEvents)
        .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.event, "request_advisor_check")))
        .orderBy(asc(caseEvents.id))
        .all()
    : [];
  // Ascending ids: the last one written per case wins.
  const presentedAt = new Map(presented.map((p) => [p.caseId, p.at]));
  const assessment = new Map(assessments.map((a) => [a.caseId, { at: a.at, assessorName: a.assessorName }]));
  return (caseId: number) => ({ presentedAt: presentedAt.get(caseId) ?? null, assessment: assessment.get(caseId) ?? null });
}

// ── The case page ───────────────────────────────────────────────────────────

type FoundCase = NonNullable<ReturnType<typeof findCase>>;

/** Everything the case page shows, cut to what this viewer may see: identity only when identified. */
export function caseView(
  db: Db,
  found: FoundCase,
  consent: ReturnType<typeof currentConsent>,
  visibility: Exclude<Visibility, "none">,
  options: { isChair: boolean; today: string },
) {
  const c = found.case;
  const patient = getPatient(db, c.patientId);
  const tables = tableNames(db);
  const orgs = organisationNames(db, [c.referrerOrganisationId, c.insurerId, ...(consent?.scopeOrganisationIds ?? [])]);
  const identified = visibility === "identified";
  return {
    visibility,
    case: {
      id: c.id,
      code: c.code,
      status: c.status,
      urgency: c.urgency,
      source: c.source,
      viaVwsUnit: c.viaVwsUnit,
      receivedAt: c.receivedAt,
      submittedVia: c.submittedVia,
      tableId: c.tableId,
      tableName: found.tableName,
      tableNumber: found.tableNumber,
      tableSlug: found.tableSlug,
      proposedTableName: c.proposedTableId != null ? (tables.get(c.proposedTableId) ?? null) : null,
      routingOverrideReason: c.routingOverrideReason,
      referrerOrganisation: orgs.get(c.referrerOrganisationId) ?? "",
      insurer: orgs.get(c.insurerId) ?? "",
      currentProviders: c.currentProviders,
      treatmentHistory: c.treatmentHistory,
      careQuestion: c.careQuestion,
      problemDescription: c.problemDescription,
      priorAttempts: c.priorAttempts,
      contact: { name: c.contactName, phone: c.contactPhone, email: c.contactEmail },
    },
    identity:
      identified && patient
        ? {
            name: patient.name,
            bsn: patient.bsn,
            dateOfBirth: patient.dateOfBirth,
            address: patient.address,
            municipality: patient.municipality,
            province: patient.province,
          }
        : null,
    summary: { ageBand: patient ? ageBand(patient.dateOfBirth, options.today) : "Leeftijd onbekend", province: patient?.province ?? "" },
    consent: consent
      ? {
          givenBy: consent.givenBy,
          representativeKind: consent.representativeKind,
          // The representative's name would point at the patient: only with identity.
          representativeName: identified ? consent.representativeName : null,
          patientIncompetent: consent.patientIncompetent,
          method: consent.method,
          givenOn: consent.givenOn,
          status: consent.status,
          withdrawnAt: consent.withdrawnAt,
          scopeTypes: consent.scopeOrganisationTypes,
          scopeOrganisations: consent.scopeOrganisationIds.map((id) => orgs.get(id) ?? `Organisatie ${id}`),
          excludedCount: consent.excludedPersons.length,
          // Who must not be involved is for the chair, who keeps them out.
          excludedNames: options.isChair ? consent.excludedPersons.map((p) => p.name) : null,
        }
      : null,
    screening: latestAssessment(db, c.id, "screening"),
    advisor: latestAssessment(db, c.id, "advisor"),
    history: caseHistory(db, c.id).map(({ event, actorName, actorOrganisation }) => ({
      id: event.id,
      event: event.event,
      at: event.at,
      actor: actorName,
      actorOrganisation,
      reason: event.reason,
      fromState: event.fromState,
      toState: event.toState,
      fromTable: event.fromTableId != null ? (tables.get(event.fromTableId) ?? null) : null,
      toTable: event.toTableId != null ? (tables.get(event.toTableId) ?? null) : null,
    })),
    /** Consent recorded and withdrawn (with who asked and why), shown in the same history. */
    consentSteps: consentHistoryEntries(db, c.id),
  };
}
