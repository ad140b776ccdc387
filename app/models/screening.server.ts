// Queries behind the chair's inbox, the case page and the medical advisor's list. Every list
// decides per row, with the one consent rule (caseVisibility), what this viewer may see.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { caseEvents, cases, criteriaAssessments, organisations, patients, regionalTables, users } from "#db/schema";
import { isOpen, type CaseState } from "~/domain/case-lifecycle";
import { caseVisibility, type Viewer, type Visibility } from "~/domain/consent";
import type { Db } from "~/lib/db.server";
import { ageBand } from "~/domain/case-display";
import { caseHistory, casesAtTables, consentScopeOf, currentConsent, findCase, getPatient, latestAssessment } from "./cases.server";
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

function patientNames(db: Db, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  return new Map(db.select({ id: patients.id, name: patients.name }).from(patients).where(inArray(patients.id, ids)).all().map((p) => [p.id, p.name]));
}

function patientBsns(db: Db, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  return new Map(db.select({ id: patients.id, bsn: patients.bsn }).from(patients).where(inArray(patients.id, ids)).all().map((p) => [p.id, p.bsn]));
}

type CaseRow = typeof cases.$inferSelect;

/** A case with what this viewer may see of it; rows of people excluded by the patient are left out. */
function visibleRows(db: Db, rows: CaseRow[], viewer: Viewer, leadOrganisationOf: (row: CaseRow) => number) {
  const seen: { row: CaseRow; visibility: Exclude<Visibility, "none"> }[] = [];
  for (const row of rows) {
    const visibility = caseVisibility(viewer, consentScopeOf(currentConsent(db, row.id)), {
      leadOrganisationId: leadOrganisationOf(row),
      referrerOrganisationId: row.referrerOrganisationId,
    });
    if (visibility !== "none") seen.push({ row, visibility });
  }
  return seen;
}

const NEW_STATES: CaseState[] = ["received", "screening"];

/**
 * The chair's inbox of one table: new referrals (received, in screening) and the table's other
 * open cases. A patient's name is only there where this viewer may see identity.
 */
export function tableInbox(db: Db, table: TableRef, viewer: Viewer) {
  const all = casesAtTables(db, [table.id]).filter((c) => isOpen(c.status));
  const rows = visibleRows(db, all, viewer, () => table.leadOrganisationId);
  const names = patientNames(
    db,
    rows.filter((r) => r.visibility === "identified").map((r) => r.row.patientId),
  );
  const bsns = patientBsns(db, rows.filter((r) => r.visibility === "identified").map((r) => r.row.patientId));
  const referrers = organisationNames(db, rows.map((r) => r.row.referrerOrganisationId));
  const present = ({ row, visibility }: (typeof rows)[number]) => ({
    id: row.id,
    code: row.code,
    status: row.status,
    urgency: row.urgency,
    source: row.source,
    viaVwsUnit: row.viaVwsUnit,
    referrer: referrers.get(row.referrerOrganisationId) ?? "",
    receivedAt: row.receivedAt,
    patientId: row.patientId,
    patientName: visibility === "identified" ? (names.get(row.patientId) ?? null) : null,
    // Only for matching a search on the server; never sent to the page.
    patientBsn: visibility === "identified" ? (bsns.get(row.patientId) ?? null) : null,
  });
  return {
    incoming: rows.filter((r) => NEW_STATES.includes(r.row.status)).map(present),
    others: rows.filter((r) => !NEW_STATES.includes(r.row.status)).map(present),
  };
}

/** Cases of one insurer's insured at every table, with the newest advisor assessment (for the medical advisor). */
export function insuredCases(db: Db, insurerId: number, viewer: Viewer) {
  const rows = db
    .select({ case: cases, tableName: regionalTables.name, tableNumber: regionalTables.number, leadOrganisationId: regionalTables.leadOrganisationId })
    .from(cases)
    .innerJoin(regionalTables, eq(cases.tableId, regionalTables.id))
    .where(eq(cases.insurerId, insurerId))
    .orderBy(desc(cases.receivedAt))
    .all();
  const lead = new Map(rows.map((r) => [r.case.id, r.leadOrganisationId]));
  const table = new Map(rows.map((r) => [r.case.id, r.tableName]));
  const visible = visibleRows(db, rows.map((r) => r.case), viewer, (c) => lead.get(c.id)!);
  const ids = visible.map((v) => v.row.id);
  const assessments = ids.length
    ? db
        .select({ caseId: criteriaAssessments.caseId, at: criteriaAssessments.at, assessorName: users.name })
        .from(criteriaAssessments)
        .innerJoin(users, eq(criteriaAssessments.assessorUserId, users.id))
        .where(and(inArray(criteriaAssessments.caseId, ids), eq(criteriaAssessments.kind, "advisor")))
        .orderBy(desc(criteriaAssessments.id))
        .all()
    : [];
  // When the table's outcome went to the advisor (the newest request_advisor_check): their queue and waiting time.
  const presented = ids.length
    ? db
        .select({ caseId: caseEvents.caseId, at: caseEvents.at })
        .from(caseEvents)
        .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.event, "request_advisor_check")))
        .orderBy(asc(caseEvents.id))
        .all()
    : [];
  const presentedAt = new Map(presented.map((p) => [p.caseId, p.at]));
  return visible.map(({ row }) => {
    const latest = assessments.find((a) => a.caseId === row.id) ?? null;
    return {
      id: row.id,
      code: row.code,
      patientId: row.patientId,
      tableName: table.get(row.id) ?? "",
      status: row.status,
      urgency: row.urgency,
      receivedAt: row.receivedAt,
      presentedAt: presentedAt.get(row.id) ?? null,
      assessment: latest ? { at: latest.at, assessorName: latest.assessorName } : null,
    };
  });
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
