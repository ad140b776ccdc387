import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdvisorAndFunding } from "~/components/arrangements/advisor-and-funding";
import { AdvisorConclusions, ConclusionForm } from "~/components/arrangements/advisor-conclusion";
import { ArrangementCard } from "~/components/arrangements/arrangement-card";
import { ProposalForm } from "~/components/arrangements/proposal-form";
import { Verdicts } from "~/components/arrangements/verdicts";
import { FormError } from "~/components/form";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { ArrangementIntent, CHECK_FIELDS } from "~/lib/arrangement-forms";
import { denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { failure } from "~/lib/forms";
import { arrangementsView } from "~/services/arrangements-view.server";
import { answerCaseAction } from "~/services/case-action.server";
import { ARRANGEMENT_ACTIONS, mayUseArrangementIntent, type ArrangementFailure } from "~/services/case-arrangements.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Arrangementen ${data.case.code} – Regiotafel` : "Arrangementen – Regiotafel" }];

// The maatwerk-arrangements of one case: the chair proposes them (parties, components, period,
// cost), the medical advisor of the patient's insurer approves them after recording their own
// assessment of the seven criteria, and the chair records the contract and the end. The two
// lifecycle steps around the advisor ("Voorleggen aan medisch adviseur", "Financiering geregeld")
// are here too. Everyone who may read the case reads this page (audited with the patient by
// requireCase); the page names the case by its code only.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "arrangement.view");
  return arrangementsView(context.services.db, user, found);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "arrangement.edit");
  const c = found.case;
  const formData = await request.formData();
  const intent = ArrangementIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData) as ArrangementFailure;
  // Approving is the insurer's advisor's; recording the funding the chair's or the advisor's;
  // everything else the chair's. Table members and guests only read.
  if (!mayUseArrangementIntent({ context, user, found }, intent.data)) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }
  return answerCaseAction(context, ARRANGEMENT_ACTIONS[intent.data]({ context, user, found }, formData), `/casussen/${c.id}/arrangementen`) as ArrangementFailure | Response;
}

export default function ArrangementsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ArrangementFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const { case: c } = data;
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors ? String(errors.values.intent ?? "") : "";
  const proposalErrors = errors && (errorIntent === "propose" || errorIntent === "add_component") ? errors : undefined;
  // Errors of the funding form show in that form while it is on the page, otherwise at the top.
  const fundingErrors = errors && errorIntent === "arrange_funding" && data.funding && !data.funding.problem ? errors : undefined;
  const conclusionErrors = errors && errorIntent === "advisor_conclusion" && data.canConclude ? errors : undefined;
  const generalError = errors && !proposalErrors && !fundingErrors && !conclusionErrors ? (errors.formError ?? CHECK_FIELDS) : undefined;

  return (
    <>
      <p><Link to={`/casussen/${c.id}`}>← Casus {c.code}</Link></p>
      <h1>Maatwerk-arrangementen {c.code}</h1>
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <span className="badge">{CASE_STATE_LABELS[c.status]}</span> ·{" "}
        <Link to={`/casussen/${c.id}/plan`}>Integraal plan</Link>
      </p>
      <FormError message={generalError} />

      {data.canRequestAdvisorCheck || data.funding ? <AdvisorAndFunding data={data} errors={fundingErrors} busy={busy} /> : null}

      {data.fundingInForce ? (
        <section className="card" aria-labelledby="financiering">
          <h2 id="financiering">Financiering</h2>
          <p>
            {data.fundingInForce.label}
            {data.fundingInForce.careOffice ? <> · zorgkantoor {data.fundingInForce.careOffice}</> : null}
          </p>
        </section>
      ) : null}

      {data.conclusions.length && (data.isChair || data.isAdvisor) ? <AdvisorConclusions conclusions={data.conclusions} /> : null}

      {data.canConclude ? <ConclusionForm current={data.conclusion} errors={conclusionErrors} busy={busy} /> : null}

      {data.arrangements.length ? (
        data.arrangements.map((a, i) => <ArrangementCard key={a.id} a={a} n={i + 1} data={data} busy={busy} />)
      ) : (
        <section className="card">
          <p className="muted">Er is nog geen maatwerk-arrangement voorgesteld.</p>
        </section>
      )}

      {data.isAdvisor && !data.arrangements.some((a) => a.status === "proposed") ? (
        <section className="card" aria-labelledby="beoordeling">
          <h2 id="beoordeling">Uw beoordeling van de inclusiecriteria</h2>
          {data.assessment ? (
            <Verdicts assessment={data.assessment} />
          ) : (
            <p>
              Nog niet vastgelegd. <Link to={`/casussen/${c.id}#beoordeling`}>Leg uw beoordeling vast op de casuspagina</Link>.
            </p>
          )}
        </section>
      ) : null}

      {data.isChair ? (
        data.proposeProblem ? (
          <p className="alert alert--warn">{data.proposeProblem}</p>
        ) : (
          // The key empties the form (also with JavaScript) once an arrangement was proposed.
          <ProposalForm key={`voorstel-${data.arrangements.length}`} data={data} errors={proposalErrors} busy={busy} />
        )
      ) : null}
    </>
  );
}
