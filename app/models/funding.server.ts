// How a case is funded and the advisor's conclusion that opens insurer funding. The rules are in
// ~/domain/funding and ~/domain/advisor-conclusion; here they meet the database.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { advisorConclusions, arrangementComponents, arrangements, caseFundings, cases, organisations } from "#db/schema";
import { ADVISOR_CONCLUSION_LABELS, conclusionProblems, returnsToTable, type AdvisorConclusion, type ConclusionProblems } from "~/domain/advisor-conclusion";
import { fundingProblem } from "~/domain/arrangement";
import { fundingLabel, fundingProblems, type FundingInput, type FundingProblems, type FundingSource } from "~/domain/funding";
import type { Db } from "./db.server";
import { conclusionOn, insurerAdvisorAssessment } from "./arrangements.server";
import { applyCaseEvent, type CaseActor } from "./cases.server";

/** Thrown inside a transaction to undo it; the caller turns it into a Dutch refusal. */
class Refusal extends Error {}

function refusable<T extends { ok: boolean }>(run: () => T): T | { ok: false; error: string } {
  try {
    return run();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/** Active zorgkantoren, by name: the parties a Wlz path may name. */
export function careOffices(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.type, "care_office"), eq(organisations.active, true)))
    .orderBy(asc(organisations.name))
    .all();
}

/** The funding in force for a case (the newest record), with the zorgkantoor's name. */
export function currentFunding(db: Db, caseId: number) {
  const row = db
    .select({ f: caseFundings, careOffice: organisations.name })
    .from(caseFundings)
    .leftJoin(organisations, eq(caseFundings.careOfficeId, organisations.id))
    .where(eq(caseFundings.caseId, caseId))
    .orderBy(desc(caseFundings.id))
    .limit(1)
    .get();
  return row ? { sources: row.f.sources, careOfficeId: row.f.careOfficeId, careOffice: row.careOffice, at: row.f.at, label: fundingLabel(row.f.sources) } : null;
}

/**
 * The advisor's conclusion that stands: the newest one on the current assessment of the insurer's
 * advisor. A new assessment without a conclusion means there is none (yet).
 */
export function currentConclusion(db: Db, caseId: number) {
  const assessment = insurerAdvisorAssessment(db, caseId);
  return assessment ? conclusionOn(db, assessment.id) : null;
}

/** Every conclusion on a case, newest first (the chair reads why a case came back). */
export function conclusionsOf(db: Db, caseId: number) {
  return db.select().from(advisorConclusions).where(eq(advisorConclusions.caseId, caseId)).orderBy(desc(advisorConclusions.id)).all();
}

export type ConclusionOutcome = { ok: true; id: number; returned: boolean } | { ok: false; error: string; fieldErrors?: ConclusionProblems };

/**
 * The advisor concludes their assessment. Only while the case is with them; "voldoet niet" and
 * "meer informatie nodig" return the case to the table with the motivation as the reason.
 */
export function recordConclusion(
  db: Db,
  caseId: number,
  input: { conclusion: AdvisorConclusion; motivation: string },
  actor: CaseActor & { userId: string },
): ConclusionOutcome {
  return refusable(() => db.transaction((tx) => {
    const t = tx as unknown as Db;
    const c = t.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
    if (!c) return { ok: false as const, error: "Casus niet gevonden." };
    if (c.status !== "advisor_check") return { ok: false as const, error: "U kunt alleen een conclusie vastleggen als de casus aan u is voorgelegd." };
    const assessment = insurerAdvisorAssessment(t, caseId);
    if (!assessment) return { ok: false as const, error: "Leg eerst uw beoordeling van de zeven inclusiecriteria vast." };
    const problems = conclusionProblems(input, assessment.verdicts);
    if (Object.keys(problems).length) return { ok: false as const, error: "Controleer de velden met een foutmelding.", fieldErrors: problems };
    const { id } = t
      .insert(advisorConclusions)
      .values({ caseId, assessmentId: assessment.id, conclusion: input.conclusion, motivation: input.motivation.trim(), advisorUserId: actor.userId, at: new Date().toISOString() })
      .returning({ id: advisorConclusions.id })
      .get();
    const returned = returnsToTable(input.conclusion);
    if (returned) {
      const step = applyCaseEvent(t, caseId, { event: "return_to_table", reason: `${ADVISOR_CONCLUSION_LABELS[input.conclusion]}: ${input.motivation.trim()}` }, actor);
      if (!step.ok) throw new Refusal(step.error);
    }
    return { ok: true as const, id, returned };
  }));
}

export type FundingOutcome = { ok: true; label: string } | { ok: false; error: string; fieldErrors?: FundingProblems };

/** Records the funding ("Financiering geregeld") when it fits the case's arrangements and conclusion. */
export function recordFunding(db: Db, caseId: number, input: FundingInput, actor: CaseActor & { userId: string }): FundingOutcome {
  return refusable(() => db.transaction((tx) => {
    const t = tx as unknown as Db;
    const c = t.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
    if (!c) return { ok: false as const, error: "Casus niet gevonden." };
    const stateProblem = fundingProblem(c.status);
    if (stateProblem) return { ok: false as const, error: stateProblem };
    const rows = t.select({ id: arrangements.id, status: arrangements.status }).from(arrangements).where(eq(arrangements.caseId, caseId)).all();
    const components = rows.length
      ? t.select({ arrangementId: arrangementComponents.arrangementId, legalDomain: arrangementComponents.legalDomain }).from(arrangementComponents).where(inArray(arrangementComponents.arrangementId, rows.map((r) => r.id))).all()
      : [];
    const careOfficeValid = input.careOfficeId != null && careOffices(t).some((o) => o.id === input.careOfficeId);
    const problems = fundingProblems(input, {
      arrangements: rows.map((r) => ({ status: r.status, legalDomains: components.filter((k) => k.arrangementId === r.id).map((k) => k.legalDomain) })),
      advisorConclusion: currentConclusion(t, caseId)?.conclusion ?? null,
      careOfficeValid,
    });
    if (Object.keys(problems).length) return { ok: false as const, error: "Controleer de velden met een foutmelding.", fieldErrors: problems };
    const label = fundingLabel(input.sources);
    const at = new Date().toISOString();
    t.insert(caseFundings).values({ caseId, sources: [...input.sources] as FundingSource[], careOfficeId: input.careOfficeId ?? null, recordedByUserId: actor.userId, at }).run();
    const step = applyCaseEvent(t, caseId, { event: "arrange_funding", reason: label }, actor);
    if (!step.ok) throw new Refusal(step.error);
    return { ok: true as const, label };
  }));
}
