// What the arrangements page shows one viewer: the case's maatwerk-arrangements with their parties
// and components, the insurer's advisor's assessment and conclusions, and which forms this viewer
// gets (the chair proposes and presents, the advisor concludes and approves, either records the
// funding). The page names the case by its code only.
import { fundingProblem, formatEuros, proposeProblem } from "~/domain/arrangement";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { can } from "~/domain/permissions";
import type { CurrentUser } from "~/lib/auth.server";
import { arrangementOrganisations, arrangementsOf, insurerAdvisorAssessment } from "~/models/arrangements.server";
import type { Db } from "~/models/db.server";
import { careOffices, conclusionsOf, currentConclusion, currentFunding } from "~/models/funding.server";
import type { CaseActionContext } from "./case-action.server";

type Found = CaseActionContext["found"];

export function arrangementsView(db: Db, user: CurrentUser, found: Found) {
  const c = found.case;
  const isChair = can(user.principal, "case:screen", { tableId: c.tableId });
  const isAdvisor = can(user.principal, "advice:insured", { organisationId: c.insurerId });
  const list = arrangementsOf(db, c.id);
  const assessment = insurerAdvisorAssessment(db, c.id);
  const cannotPropose = proposeProblem(c.status);
  const funding = fundingProblem(c.status);
  const conclusion = currentConclusion(db, c.id);
  return {
    case: { id: c.id, code: c.code, status: c.status, tableName: found.tableName, tableNumber: found.tableNumber },
    arrangements: list.map((a) => ({
      id: a.id,
      description: a.description,
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      cost: formatEuros(a.costEstimate),
      status: a.status,
      approvedByName: a.approvedByName,
      approvedAt: a.approvedAt ? formatAmsterdam(a.approvedAt) : null,
      refusedAt: a.refusedAt ? formatAmsterdam(a.refusedAt) : null,
      refusalReason: a.refusalReason,
      contractedAt: a.contractedAt ? formatAmsterdam(a.contractedAt) : null,
      endedAt: a.endedAt ? formatAmsterdam(a.endedAt) : null,
      advisorAssessmentId: a.advisorAssessmentId,
      providers: a.providers,
      financiers: a.financiers,
      components: a.components.map((k) => ({
        id: k.id,
        kind: k.kind,
        description: k.description,
        legalDomain: k.legalDomain,
        fundingInstrument: k.fundingInstrument,
        provider: k.provider,
        financier: k.financier,
      })),
    })),
    assessment: assessment
      ? { id: assessment.id, assessorName: assessment.assessorName, at: formatAmsterdam(assessment.at), verdicts: assessment.verdicts.map((v) => ({ criterion: v.criterion, verdict: v.verdict, motivation: v.motivation })) }
      : null,
    isChair,
    isAdvisor,
    proposeProblem: isChair ? cannotPropose : null,
    organisations: isChair && !cannotPropose ? arrangementOrganisations(db) : { providers: [], financiers: [] },
    canRequestAdvisorCheck: isChair && c.status === "plan_agreed",
    funding: (isChair || isAdvisor) && c.status === "advisor_check" ? { problem: funding } : null,
    careOffices: (isChair || isAdvisor) && c.status === "advisor_check" ? careOffices(db) : [],
    fundingInForce: currentFunding(db, c.id),
    conclusion: conclusion ? { conclusion: conclusion.conclusion, motivation: conclusion.motivation, at: formatAmsterdam(conclusion.at) } : null,
    /** Why the advisor sent the case back: for the chair and the advisor. */
    conclusions: conclusionsOf(db, c.id).map((k) => ({ id: k.id, conclusion: k.conclusion, motivation: k.motivation, at: formatAmsterdam(k.at) })),
    canConclude: isAdvisor && c.status === "advisor_check" && assessment != null,
  };
}
