// What the case page's actions do, one function per intent (as the Epic Stack's profile page
// dispatches its intents): the chair's screening and decision, the advisor's assessment. Each
// parses its own fields with the intent's zod schema, checks the case's state, writes the change
// and its audit event, and answers where to go with which message, or the form's failure.
// Who may use an intent is decided before, by the route (requireCase + the intent's permission).
import { advisorMayAssess, CASE_STATE_LABELS, transition } from "~/domain/case-lifecycle";
import { notIncludedDecision } from "~/domain/screening";
import type { Verdict } from "~/domain/vocabulary";
import { failure, formValues, parseForm } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";
import { CriteriaSchema, InformationRequestSchema, NotIncludeSchema, PartialCriteriaSchema, RedirectSchema, type CaseIntent } from "~/lib/screening-forms";
import { applyCaseEvent, latestAssessment, saveAssessment, screeningComplete } from "~/models/cases.server";
import { requestInformation } from "~/models/information-requests.server";
import { notifyInformationRequested, notifyReferralRedirected, notifyScreeningOutcome } from "~/models/notifications.server";
import { otherActiveTables } from "~/models/screening.server";
import { actorIds, recordCaseChange, type CaseActionContext, type CaseActionHandler } from "./case-action.server";

type Handler = CaseActionHandler;
const record = (ctx: CaseActionContext, action: string, detail: string) => recordCaseChange(ctx, action, detail);

function verdictSummary(verdicts: { verdict: Verdict }[]) {
  const count = (v: Verdict) => verdicts.filter((x) => x.verdict === v).length;
  return `${verdicts.length} criteria beoordeeld (${count("met")} voldaan, ${count("not_met")} niet voldaan, ${count("unknown")} onbekend)`;
}

const startScreening: Handler = (ctx, formData) => {
  const step = applyCaseEvent(ctx.context.services.db, ctx.found.case.id, { event: "start_screening" }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  record(ctx, "case.start_screening", "screening gestart");
  return { ok: true, message: "De screening is gestart." };
};

const saveScreening: Handler = (ctx, formData) => {
  const c = ctx.found.case;
  if (c.status !== "screening") {
    return failure(c.status === "received" ? "Start eerst de screening." : `De screening kan niet meer worden gewijzigd bij een casus met status "${CASE_STATE_LABELS[c.status]}".`, formData);
  }
  // Saved in part is fine: the chair finishes it later; deciding needs all seven.
  const parsed = parseForm(PartialCriteriaSchema, formData);
  if (!parsed.ok) return parsed;
  saveAssessment(ctx.context.services.db, c.id, "screening", ctx.user.id, parsed.data);
  record(ctx, "case.screening_save", verdictSummary(parsed.data));
  return { ok: true, message: "De screening is opgeslagen.", to: `/casussen/${c.id}#screening` };
};

const include: Handler = (ctx, formData) => {
  const step = applyCaseEvent(ctx.context.services.db, ctx.found.case.id, { event: "include" }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  record(ctx, "case.include", "geïncludeerd");
  notifyScreeningOutcome(notifier(ctx.context), ctx.found.case.id, true);
  return { ok: true, message: "De casus is geïncludeerd." };
};

const notInclude: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const c = ctx.found.case;
  const parsed = parseForm(NotIncludeSchema, formData);
  if (!parsed.ok) return parsed;
  // Only on a complete screening (the state machine's rule), and the decision names the criteria not met.
  const allowed = transition(c.status, { event: "not_include", reason: parsed.data.reason, screeningComplete: screeningComplete(db, c.id) });
  if (!allowed.ok) return failure(allowed.error, formData);
  const decision = notIncludedDecision(latestAssessment(db, c.id, "screening")?.verdicts ?? [], parsed.data.reason);
  if (!decision.ok) return failure(decision.error, formData);
  const step = applyCaseEvent(db, c.id, { event: "not_include", reason: decision.reason }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  record(ctx, "case.not_include", `niet geïncludeerd, niet voldaan: criterium ${decision.notMet.join(", ")}`);
  notifyScreeningOutcome(notifier(ctx.context), c.id, false);
  return { ok: true, message: "De casus is niet geïncludeerd. De verwijzer ziet de reden en de criteria waaraan niet is voldaan bij de verwijzing." };
};

const redirectCase: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { found } = ctx;
  const parsed = parseForm(RedirectSchema, formData);
  if (!parsed.ok) return parsed;
  const target = otherActiveTables(db, found.case.tableId).find((t) => t.id === parsed.data.targetTableId);
  if (!target) return { ok: false, fieldErrors: { targetTableId: ["Kies een andere, actieve regiotafel."] }, values: formValues(formData) };
  const step = applyCaseEvent(db, found.case.id, { event: "redirect", reason: parsed.data.reason, targetTableId: target.id }, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  record(ctx, "case.redirect", `doorverwezen van tafel ${found.tableNumber} naar tafel ${target.number}`);
  notifyReferralRedirected(notifier(ctx.context), found.case.id);
  // The case now belongs to the other table: this chair can no longer open it.
  return { ok: true, message: `De casus is doorverwezen naar regiotafel ${target.number}. ${target.name}. Deze tafel ziet de casus niet meer.`, to: `/tafels/${found.tableSlug}/inbox` };
};

const askInformation: Handler = (ctx, formData) => {
  const c = ctx.found.case;
  const parsed = parseForm(InformationRequestSchema, formData);
  if (!parsed.ok) return parsed;
  const step = requestInformation(ctx.context.services.db, c.id, parsed.data.question, actorIds(ctx));
  if (!step.ok) return failure(step.error, formData);
  record(ctx, "case.request_information", "meer informatie gevraagd aan de verwijzer");
  notifyInformationRequested(notifier(ctx.context), c.id);
  return { ok: true, message: "De vraag is naar de verwijzer gestuurd. De casus wacht op het antwoord." };
};

const advisorAssessment: Handler = (ctx, formData) => {
  const c = ctx.found.case;
  // The advisor checks the criteria on the table's outcome, not on a fresh referral.
  if (!advisorMayAssess(c.status)) {
    return failure(
      `U beoordeelt de criteria pas als de regiotafel de uitkomst aan u heeft voorgelegd (status "${CASE_STATE_LABELS.advisor_check}"). Deze casus heeft status "${CASE_STATE_LABELS[c.status]}".`,
      formData,
    );
  }
  const parsed = parseForm(CriteriaSchema, formData);
  if (!parsed.ok) return parsed;
  saveAssessment(ctx.context.services.db, c.id, "advisor", ctx.user.id, parsed.data);
  record(ctx, "case.advisor_assessment", verdictSummary(parsed.data));
  return { ok: true, message: "Uw beoordeling van de inclusiecriteria is opgeslagen.", to: `/casussen/${c.id}#beoordeling` };
};

export const CASE_ACTIONS: Record<CaseIntent, Handler> = {
  start_screening: startScreening,
  save_screening: saveScreening,
  include,
  not_include: notInclude,
  redirect: redirectCase,
  request_information: askInformation,
  advisor_assessment: advisorAssessment,
};
