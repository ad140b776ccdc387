// Maatwerk-arrangements of a case: proposing one (parties and components), moving it along its
// status flow (the rules are in ~/domain/arrangement) and the organisations a proposal may name.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { advisorConclusions, arrangementComponents, arrangementParties, arrangements, cases, organisations, users } from "#db/schema";
import {
  arrangementTransition,
  FINANCIER_TYPES,
  isFinancierType,
  isProviderType,
  partiesOf,
  PROVIDER_TYPES,
  proposeProblem,
  type ArrangementActor,
  type ArrangementEvent,
  type OrganisationRef,
} from "~/domain/arrangement";
import type { ArrangementStatus } from "~/domain/vocabulary";
import type { Db } from "./db.server";
import type { ProposalInput } from "~/domain/arrangement-schema";
import { latestAssessment } from "./cases.server";

const nowIso = () => new Date().toISOString();

export type ArrangementOutcome<T = object> = ({ ok: true } & T) | { ok: false; error: string };

class Refusal extends Error {}

function refusable<T extends object>(run: () => T): ArrangementOutcome<T> {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/** Organisations a proposal may name, by role: active care providers and active financiers. */
export function arrangementOrganisations(db: Db) {
  const rows = db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.active, true), inArray(organisations.type, [...PROVIDER_TYPES, ...FINANCIER_TYPES])))
    .orderBy(asc(organisations.name))
    .all();
  return { providers: rows.filter((o) => isProviderType(o.type)), financiers: rows.filter((o) => isFinancierType(o.type)) };
}

/** Id → type and active flag of the organisations a proposal names, for the party checks. */
export function organisationRefs(db: Db, ids: number[]): Map<number, OrganisationRef> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = db.select({ id: organisations.id, type: organisations.type, active: organisations.active }).from(organisations).where(inArray(organisations.id, unique)).all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The arrangements of a case, oldest first, with parties, components and who approved. */
export function arrangementsOf(db: Db, caseId: number) {
  const rows = db
    .select({ a: arrangements, approvedByName: users.name })
    .from(arrangements)
    .leftJoin(users, eq(arrangements.approvedByUserId, users.id))
    .where(eq(arrangements.caseId, caseId))
    .orderBy(asc(arrangements.id))
    .all();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.a.id);
  const parties = db
    .select({ arrangementId: arrangementParties.arrangementId, role: arrangementParties.role, organisationId: organisations.id, name: organisations.name })
    .from(arrangementParties)
    .innerJoin(organisations, eq(arrangementParties.organisationId, organisations.id))
    .where(inArray(arrangementParties.arrangementId, ids))
    .orderBy(asc(organisations.name))
    .all();
  const components = db.select().from(arrangementComponents).where(inArray(arrangementComponents.arrangementId, ids)).orderBy(asc(arrangementComponents.id)).all();
  const names = new Map(db.select({ id: organisations.id, name: organisations.name }).from(organisations).all().map((o) => [o.id, o.name]));
  return rows.map(({ a, approvedByName }) => ({
    ...a,
    approvedByName,
    providers: parties.filter((p) => p.arrangementId === a.id && p.role === "provider").map((p) => p.name),
    financiers: parties.filter((p) => p.arrangementId === a.id && p.role === "financier").map((p) => p.name),
    components: components
      .filter((c) => c.arrangementId === a.id)
      .map((c) => ({
        ...c,
        provider: c.providerOrganisationId ? (names.get(c.providerOrganisationId) ?? null) : null,
        financier: c.financierOrganisationId ? (names.get(c.financierOrganisationId) ?? null) : null,
      })),
  }));
}

export type ArrangementView = ReturnType<typeof arrangementsOf>[number];

/** Stores a proposal with its parties (those chosen plus the components' organisations) and components. */
export function proposeArrangement(db: Db, caseId: number, input: ProposalInput, userId: string): ArrangementOutcome<{ arrangementId: number }> {
  return refusable(() =>
    db.transaction((tx) => {
      const c = tx.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
      if (!c) throw new Refusal("Casus niet gevonden.");
      const problem = proposeProblem(c.status);
      if (problem) throw new Refusal(problem);
      const at = nowIso();
      const { id } = tx
        .insert(arrangements)
        .values({
          caseId,
          description: input.description,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          costEstimate: input.costEstimate,
          status: "proposed",
          proposedByUserId: userId,
          createdAt: at,
        })
        .returning({ id: arrangements.id })
        .get();
      for (const party of partiesOf(input)) tx.insert(arrangementParties).values({ arrangementId: id, ...party }).run();
      for (const component of input.components) tx.insert(arrangementComponents).values({ arrangementId: id, ...component }).run();
      return { arrangementId: id };
    }),
  );
}

/**
 * The advisor assessment an approval links to: the newest one for the case, recorded by a medical
 * advisor of the patient's insurer. Null when there is none.
 */
export function insurerAdvisorAssessment(db: Db, caseId: number) {
  const c = db.select({ insurerId: cases.insurerId }).from(cases).where(eq(cases.id, caseId)).get();
  const assessment = latestAssessment(db, caseId, "advisor");
  if (!c || !assessment) return null;
  const assessor = db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, assessment.assessorUserId)).get();
  return assessor?.organisationId === c.insurerId ? assessment : null;
}

/** The advisor's newest conclusion on this assessment, or null. */
export function conclusionOn(db: Db, assessmentId: number) {
  return db.select().from(advisorConclusions).where(eq(advisorConclusions.assessmentId, assessmentId)).orderBy(desc(advisorConclusions.id)).limit(1).get() ?? null;
}

/**
 * One step of an arrangement (approve, contract, end) by this person. The domain decides; the update
 * is conditional on the status read, so two people acting at once cannot both win.
 */
export function changeArrangementStatus(
  db: Db,
  caseId: number,
  arrangementId: number,
  event: ArrangementEvent,
  actor: ArrangementActor & { userId: string },
  options: { reason?: string | null } = {},
): ArrangementOutcome<{ from: ArrangementStatus; to: ArrangementStatus; advisorAssessmentId: number | null }> {
  return refusable(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      const row = t.select().from(arrangements).where(and(eq(arrangements.id, arrangementId), eq(arrangements.caseId, caseId))).get();
      if (!row) throw new Refusal("Dit arrangement bestaat niet (meer).");
      const c = t.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get()!;
      const assessment = event === "approve" ? insurerAdvisorAssessment(t, caseId) : null;
      const step = arrangementTransition(row.status, {
        event,
        caseStatus: c.status,
        actor,
        hasAdvisorAssessment: assessment != null,
        advisorConclusion: assessment ? (conclusionOn(t, assessment.id)?.conclusion ?? null) : null,
        reason: options.reason,
      });
      if (!step.ok) throw new Refusal(step.error);
      const at = nowIso();
      const changes =
        event === "approve"
          ? { status: step.to, approvedByUserId: actor.userId, advisorAssessmentId: assessment!.id, approvedAt: at }
          : event === "refuse"
            ? { status: step.to, refusedByUserId: actor.userId, refusedAt: at, refusalReason: options.reason!.trim() }
            : event === "contract"
            ? { status: step.to, contractedAt: at }
            : { status: step.to, endedAt: at };
      const updated = t
        .update(arrangements)
        .set(changes)
        .where(and(eq(arrangements.id, row.id), eq(arrangements.status, row.status)))
        .run();
      if (updated.changes !== 1) throw new Refusal("Het arrangement is intussen door iemand anders gewijzigd. Laad de pagina opnieuw.");
      return { from: row.status, to: step.to, advisorAssessmentId: assessment?.id ?? null };
    }),
  );
}
