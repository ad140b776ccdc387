// What the arrangements page's actions do, one function per intent: the chair proposes a
// maatwerk-arrangement (parties, components, period, cost) and records contract and end; the
// insurer's medical advisor approves or refuses it and records a conclusion; the chair presents
// the case to the advisor; chair or advisor record the funding. Each parses its fields, writes the
// change and its audit event, and answers the message to show once, or the form's failure.
// Who may use an intent: mayUseArrangementIntent (the route refuses the others, audited).
import { ADVISOR_CONCLUSION_LABELS } from "~/domain/advisor-conclusion";
import { formatEuros, partyErrors, type ArrangementEvent } from "~/domain/arrangement";
import { can } from "~/domain/permissions";
import { ARRANGEMENT_STATUS_LABELS } from "~/domain/vocabulary";
import {
  ArrangementIdSchema,
  CHECK_FIELDS,
  ConclusionSchema,
  filledComponentIndexes,
  FundingSchema,
  MAX_COMPONENT_ROWS,
  parseProposal,
  postedRowCount,
  RefuseSchema,
  type ArrangementIntent,
} from "~/lib/arrangement-forms";
import { failure, formValues, parseForm, type FieldErrors, type FormFailure } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";
import { changeArrangementStatus, organisationRefs, proposeArrangement } from "~/models/arrangements.server";
import { applyCaseEvent } from "~/models/cases.server";
import { recordConclusion, recordFunding } from "~/models/funding.server";
import { notifyAdvisorPresented, notifyArrangementDecision, notifyReturnedToTable } from "~/models/notifications.server";
import { actorIds, recordCaseChange, type CaseActionContext, type CaseActionHandler } from "./case-action.server";

/** A failed post: Dutch errors by field, what was typed, and how many component rows to show again. */
export type ArrangementFailure = FormFailure & { componentRows?: number };

/** Who may use each intent: the insurer's advisor decides; funding is the chair's or the advisor's; the rest the chair's. */
export const ARRANGEMENT_PERMISSION: Record<ArrangementIntent, "chair" | "advisor" | "chair_or_advisor"> = {
  add_component: "chair",
  propose: "chair",
  approve: "advisor",
  refuse: "advisor",
  contract: "chair",
  end: "chair",
  advisor_conclusion: "advisor",
  request_advisor_check: "chair",
  arrange_funding: "chair_or_advisor",
};

const page = (ctx: CaseActionContext, anchor = "") => `/casussen/${ctx.found.case.id}/arrangementen${anchor}`;
const roles = ({ user, found }: CaseActionContext) => ({
  isChair: can(user.principal, "case:screen", { tableId: found.case.tableId }),
  isInsurerAdvisor: can(user.principal, "advice:insured", { organisationId: found.case.insurerId }),
  userId: user.id,
});
/** Whether this user may use `intent` on the case (ARRANGEMENT_PERMISSION); table members and guests only read. */
export function mayUseArrangementIntent(ctx: CaseActionContext, intent: ArrangementIntent): boolean {
  const { isChair, isInsurerAdvisor } = roles(ctx);
  const role = ARRANGEMENT_PERMISSION[intent];
  return role === "advisor" ? isInsurerAdvisor : role === "chair_or_advisor" ? isChair || isInsurerAdvisor : isChair;
}
const onArrangement = (ctx: CaseActionContext, action: string, arrangementId: number, detail: string) => recordCaseChange(ctx, action, detail, { type: "arrangement", id: arrangementId });
const byField = (fieldErrors: Record<string, string> | undefined): FieldErrors => Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k, [v]]));

function proposalFailure(formData: FormData, fieldErrors: FieldErrors, componentRows: number, formError = CHECK_FIELDS): ArrangementFailure {
  return { ok: false, fieldErrors, formError, values: formValues(formData), componentRows };
}

/** "Nog een onderdeel" without JavaScript: the same form comes back with one more row. */
const addComponent: CaseActionHandler = (_ctx, formData) => {
  const rows = Math.min(MAX_COMPONENT_ROWS, postedRowCount(formData) + 1);
  const result: ArrangementFailure = { ok: false, fieldErrors: {}, values: formValues(formData), componentRows: rows };
  return result;
};

const propose: CaseActionHandler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const rows = postedRowCount(formData);
  const parsed = parseProposal(formData);
  if (!parsed.ok) return proposalFailure(formData, parsed.fieldErrors, rows, parsed.formError);
  const input = parsed.data;
  const refs = organisationRefs(db, [...input.providerIds, ...input.financierIds, ...input.components.flatMap((k) => [k.providerOrganisationId, k.financierOrganisationId])]);
  const problems = partyErrors(input, refs);
  if (Object.keys(problems).length) {
    // Component errors come back by position among the filled rows; show them on the row as typed.
    const formRows = filledComponentIndexes(formData);
    const errors: FieldErrors = {};
    for (const [key, messages] of Object.entries(problems)) {
      const m = /^components\.(\d+)\.(.+)$/.exec(key);
      errors[m ? `components.${formRows[Number(m[1])]}.${m[2]}` : key] = messages;
    }
    return proposalFailure(formData, errors, rows);
  }
  const proposed = proposeArrangement(db, ctx.found.case.id, input, ctx.user.id);
  if (!proposed.ok) return proposalFailure(formData, {}, rows, proposed.error);
  onArrangement(
    ctx,
    "arrangement.propose",
    proposed.arrangementId,
    `arrangement ${proposed.arrangementId} voorgesteld: ${input.components.length} onderdeel/onderdelen, ${input.periodStart} t/m ${input.periodEnd}, ${formatEuros(input.costEstimate)}`,
  );
  return {
    ok: true,
    message: "Het arrangement is voorgesteld. De medisch adviseur van de zorgverzekeraar kan het goedkeuren zodra de casus aan hem of haar is voorgelegd.",
    to: page(ctx, `#arrangement-${proposed.arrangementId}`),
  };
};

const STEP_DONE: Record<Exclude<ArrangementEvent, "refuse">, string> = {
  approve: "Het arrangement is goedgekeurd.",
  contract: "Het arrangement is als gecontracteerd vastgelegd.",
  end: "Het arrangement is beëindigd.",
};

const statusStep =
  (event: Exclude<ArrangementEvent, "refuse">): CaseActionHandler =>
  (ctx, formData) => {
    const parsed = parseForm(ArrangementIdSchema, formData);
    if (!parsed.ok) return failure("Dit arrangement bestaat niet (meer).", formData);
    const id = parsed.data.arrangementId;
    const step = changeArrangementStatus(ctx.context.services.db, ctx.found.case.id, id, event, roles(ctx));
    if (!step.ok) return failure(step.error, formData);
    onArrangement(ctx, `arrangement.${event}`, id, `arrangement ${id}: ${ARRANGEMENT_STATUS_LABELS[step.from]} → ${ARRANGEMENT_STATUS_LABELS[step.to]}${step.advisorAssessmentId ? ` (beoordeling ${step.advisorAssessmentId})` : ""}`);
    if (event === "approve") notifyArrangementDecision(notifier(ctx.context), ctx.found.case.id, true);
    return { ok: true, message: STEP_DONE[event], to: page(ctx, `#arrangement-${id}`) };
  };

const refuse: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(RefuseSchema, formData);
  if (!parsed.ok) return { ...parsed, formError: CHECK_FIELDS };
  const id = parsed.data.arrangementId;
  const step = changeArrangementStatus(ctx.context.services.db, ctx.found.case.id, id, "refuse", roles(ctx), { reason: parsed.data.refusalReason });
  if (!step.ok) return failure(step.error, formData);
  onArrangement(ctx, "arrangement.refuse", id, `arrangement ${id} afgewezen door medisch adviseur, reden vastgelegd`);
  notifyArrangementDecision(notifier(ctx.context), ctx.found.case.id, false);
  return { ok: true, message: "Het arrangement is afgewezen. De voorzitter ziet de reden.", to: page(ctx, `#arrangement-${id}`) };
};

const advisorConclusion: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(ConclusionSchema, formData);
  if (!parsed.ok) return { ...parsed, formError: CHECK_FIELDS };
  const result = recordConclusion(ctx.context.services.db, ctx.found.case.id, parsed.data, actorIds(ctx));
  if (!result.ok) return failure(result.error, formData, byField("fieldErrors" in result ? result.fieldErrors : undefined));
  recordCaseChange(ctx, "case.advisor_conclusion", `conclusie medisch adviseur: ${ADVISOR_CONCLUSION_LABELS[parsed.data.conclusion]}${result.returned ? ", teruggelegd bij de tafel" : ""}`);
  if (result.returned) notifyReturnedToTable(notifier(ctx.context), ctx.found.case.id);
  return { ok: true, message: result.returned ? "Uw conclusie is vastgelegd. De casus gaat met uw motivering terug naar de regiotafel." : "Uw conclusie is vastgelegd." };
};

const requestAdvisorCheck: CaseActionHandler = (ctx, formData) => {
  const step = applyCaseEvent(ctx.context.services.db, ctx.found.case.id, { event: "request_advisor_check" }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  recordCaseChange(ctx, "case.request_advisor_check", "voorgelegd aan medisch adviseur");
  notifyAdvisorPresented(notifier(ctx.context), ctx.found.case.id);
  return { ok: true, message: "De casus is voorgelegd aan de medisch adviseur van de zorgverzekeraar." };
};

const arrangeFunding: CaseActionHandler = (ctx, formData) => {
  const parsed = parseForm(FundingSchema, formData, ["sources"]);
  if (!parsed.ok) return { ...parsed, formError: CHECK_FIELDS };
  const result = recordFunding(ctx.context.services.db, ctx.found.case.id, { sources: parsed.data.sources, careOfficeId: parsed.data.careOfficeId ?? null }, actorIds(ctx));
  if (!result.ok) return failure(result.error, formData, byField("fieldErrors" in result ? result.fieldErrors : undefined));
  recordCaseChange(ctx, "case.arrange_funding", `financiering geregeld: ${result.label}`);
  return { ok: true, message: "De financiering is vastgelegd. De casus staat nu op ‘Financiering geregeld’." };
};

export const ARRANGEMENT_ACTIONS: Record<ArrangementIntent, CaseActionHandler> = {
  add_component: addComponent,
  propose,
  approve: statusStep("approve"),
  contract: statusStep("contract"),
  end: statusStep("end"),
  refuse,
  advisor_conclusion: advisorConclusion,
  request_advisor_check: requestAdvisorCheck,
  arrange_funding: arrangeFunding,
};
