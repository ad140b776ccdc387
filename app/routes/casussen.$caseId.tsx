import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge, UrgencyBadge } from "~/components/badge";
import { AttachmentList, InformationRequestList, MinimumDataSetFacts, OtherCases } from "~/components/case-details";
import { CaseNav } from "~/components/case-nav";
import { CaseHistory, ConsentFacts, PatientFacts, ReferralContent, ReferralFacts, Section } from "~/components/case-overview";
import { CriteriaForm, CriteriaTable } from "~/components/criteria-form";
import { FormError, useFormFailure } from "~/components/form";
import { OverrideBanner } from "~/components/override-banner";
import { chairHasWork, ScreeningDecisions } from "~/components/screening-decisions";
import { SectionNav, type PageSection } from "~/components/section-nav";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { advisorMayAssess, allowedEvents, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { can } from "~/domain/permissions";
import { denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { failure } from "~/lib/forms";
import { CHAIR_INTENTS, IntentSchema, type CaseIntent } from "~/lib/screening-forms";
import { caseDetails } from "~/models/case-details.server";
import { caseView, otherActiveTables } from "~/models/screening.server";
import { answerCaseAction } from "~/services/case-action.server";
import { CASE_ACTIONS } from "~/services/case-screening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Casus ${data.case.code} – Regiotafel` : "Casus – Regiotafel" }];

// One case: the referral, what the patient's consent lets this viewer see, the two assessments
// of the seven criteria and the history. Who may open it is requireCase's decision (404 for
// everyone else, audited); what they may change is checked again per action.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found, consent, visibility, viaOverride } = await requireCase(request, context, params.caseId, "case:read", "case.view");
  const { db } = context.services;
  const isChair = can(user.principal, "case:screen", { tableId: found.case.tableId });
  const isAdvisor = can(user.principal, "advice:insured", { organisationId: found.case.insurerId });
  const today = formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  return {
    ...caseView(db, found, consent, visibility, { isChair, today }),
    details: caseDetails(db, found, viewer, visibility, { isChair }),
    advisorMayAssess: advisorMayAssess(found.case.status),
    isChair,
    viaOverride,
    isAdvisor,
    // Back to where this viewer came from: the table's inbox, or the advisor's list.
    back: can(user.principal, "table:read", { tableId: found.case.tableId })
      ? { to: `/tafels/${found.tableSlug}/inbox`, label: `Inbox tafel ${found.tableName}` }
      : { to: "/adviseur", label: "Casussen van verzekerden" },
    allowedEvents: isChair ? allowedEvents(found.case.status) : [],
    redirectTargets: isChair ? otherActiveTables(db, found.case.tableId) : [],
  };
}

// Deciding is the chair's; the advisor records their own assessment. Table members only read.
// Each intent is one function in the case-screening service; this only checks who may use it.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case.action");
  const c = found.case;
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  const permitted = CHAIR_INTENTS.includes(intent.data)
    ? can(user.principal, "case:screen", { tableId: c.tableId })
    : can(user.principal, "advice:insured", { organisationId: c.insurerId });
  if (!permitted) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }
  return answerCaseAction(context, CASE_ACTIONS[intent.data]({ context, user, found }, formData), `/casussen/${c.id}`);
}

const FORM_INTENTS: readonly CaseIntent[] = ["save_screening", "not_include", "redirect", "request_information", "advisor_assessment"];

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const failures = useFormFailure();
  const { case: c, details, isChair, isAdvisor } = data;
  const chairSection = isChair && chairHasWork(c.status, data.allowedEvents);
  const assessed = Boolean(data.screening || data.advisor);
  const sections: (PageSection | false)[] = [
    { id: "aanmelding", label: "Aanmelding" },
    { id: "patient", label: "Patiënt" },
    { id: "inhoud-verwijzing", label: "Verwijzing" },
    { id: "gegevensset", label: "Gegevensset" },
    (details.attachmentsHidden || details.attachments.length > 0) && { id: "bijlagen", label: "Bijlagen" },
    details.informationRequests.length > 0 && { id: "informatie", label: "Vragen" },
    { id: "toestemming", label: "Toestemming" },
    assessed && { id: "criteria", label: "Inclusiecriteria" },
    chairSection && { id: "screening", label: "Screening en besluit" },
    isAdvisor && { id: "beoordeling", label: "Uw beoordeling" },
    { id: "geschiedenis", label: "Geschiedenis" },
  ];
  const shown = sections.filter((s): s is PageSection => Boolean(s));
  const has = (id: string) => shown.some((s) => s.id === id);

  return (
    <>
      <p><Link to={data.back.to}>← {data.back.label}</Link></p>
      <h1>Casus {c.code}</h1>
      <CaseNav caseId={c.id} isChair={isChair} />
      <OverrideBanner show={data.viaOverride} />
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <StatusBadge status={c.status} /> <UrgencyBadge urgency={c.urgency} />
      </p>
      <FormError failure={failures.other(FORM_INTENTS)} />
      <OtherCases cases={details.otherCases} />
      <SectionNav sections={shown} />

      <Section id="aanmelding" title="Aanmelding"><ReferralFacts c={c} details={details} /></Section>
      <Section id="patient" title="Patiënt"><PatientFacts identity={data.identity} summary={data.summary} conflicts={details.identityConflicts} /></Section>
      <Section id="inhoud-verwijzing" title="Inhoud van de verwijzing"><ReferralContent c={c} /></Section>
      <Section id="gegevensset" title="Minimale gegevensset"><MinimumDataSetFacts data={details.minimumDataSet} /></Section>
      {has("bijlagen") ? <Section id="bijlagen" title="Bijlagen"><AttachmentList attachments={details.attachments} hidden={details.attachmentsHidden} /></Section> : null}
      {has("informatie") ? <Section id="informatie" title="Vragen aan de verwijzer"><InformationRequestList requests={details.informationRequests} /></Section> : null}
      <Section id="toestemming" title="Toestemming"><ConsentFacts consent={data.consent} /></Section>
      {has("criteria") ? <Section id="criteria" title="Inclusiecriteria"><CriteriaTable screening={data.screening} advisor={data.advisor} /></Section> : null}
      {chairSection ? (
        <Section id="screening" title="Screening door de voorzitter">
          <ScreeningDecisions status={c.status} allowedEvents={data.allowedEvents} screening={data.screening} redirectTargets={data.redirectTargets} failureOf={failures.of} busy={busy} />
        </Section>
      ) : null}
      {isAdvisor ? (
        <Section id="beoordeling" title="Uw beoordeling als medisch adviseur">
          {data.advisorMayAssess ? (
            <>
              <p>De regiotafel heeft de uitkomst aan u voorgelegd. Toets de zeven inclusiecriteria voor deze verzekerde en motiveer elk oordeel.</p>
              <CriteriaForm scope="adviseur" intent="advisor_assessment" label="Beoordeling opslaan" initial={data.advisor} failed={failures.of("advisor_assessment")} busy={busy} />
            </>
          ) : (
            <p className="muted">U toetst de criteria zodra de regiotafel de uitkomst (het integraal plan) aan u voorlegt. Nu: {CASE_STATE_LABELS[c.status]}.</p>
          )}
        </Section>
      ) : null}
      <Section id="geschiedenis" title="Geschiedenis"><CaseHistory history={data.history} consentSteps={data.consentSteps} /></Section>
    </>
  );
}
