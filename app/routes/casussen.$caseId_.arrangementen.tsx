import { formatDateRange } from "~/domain/format";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FieldGroup, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import {
  ARRANGEMENT_EVENT_LABELS,
  formatEuros,
  fundingProblem,
  nextArrangementEvent,
  proposeProblem,
  type ArrangementEvent,
} from "~/domain/arrangement";
import { ADVISOR_CONCLUSION_LABELS, ADVISOR_CONCLUSIONS } from "~/domain/advisor-conclusion";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES } from "~/domain/funding";
import { can } from "~/domain/permissions";
import {
  ARRANGEMENT_STATUS_LABELS,
  COMPONENT_KIND_LABELS,
  COMPONENT_KINDS,
  FUNDING_INSTRUMENT_LABELS,
  FUNDING_INSTRUMENTS,
  INCLUSION_CRITERIA,
  LEGAL_DOMAIN_LABELS,
  LEGAL_DOMAINS,
  VERDICT_LABELS,
  type ArrangementStatus,
  type Verdict,
} from "~/domain/vocabulary";
import {
  ArrangementIntent,
  CHECK_FIELDS,
  MAX_COMPONENT_ROWS,
} from "~/lib/arrangement-forms";
import { denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { failure, type FieldErrors } from "~/lib/forms";
import { arrangementOrganisations, arrangementsOf, insurerAdvisorAssessment } from "~/models/arrangements.server";
import { careOffices, conclusionsOf, currentConclusion, currentFunding } from "~/models/funding.server";
import { answerCaseAction } from "~/services/case-action.server";
import { ARRANGEMENT_ACTIONS, ARRANGEMENT_PERMISSION, type ArrangementFailure } from "~/services/case-arrangements.server";

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
  const { db } = context.services;
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

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "arrangement.edit");
  const c = found.case;
  const formData = await request.formData();
  const intent = ArrangementIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData) as ArrangementFailure;
  // Approving is the insurer's advisor's; recording the funding the chair's or the advisor's;
  // everything else the chair's. Table members and guests only read.
  const isChair = can(user.principal, "case:screen", { tableId: c.tableId });
  const isAdvisor = can(user.principal, "advice:insured", { organisationId: c.insurerId });
  const role = ARRANGEMENT_PERMISSION[intent.data];
  const permitted = role === "advisor" ? isAdvisor : role === "chair_or_advisor" ? isChair || isAdvisor : isChair;
  if (!permitted) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }
  return answerCaseAction(context, ARRANGEMENT_ACTIONS[intent.data]({ context, user, found }, formData), `/casussen/${c.id}/arrangementen`) as ArrangementFailure | Response;
}

// ── Page ──────────────────────────────────────────────────────────────────────

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Arrangement = Data["arrangements"][number];

const STATUS_BADGE: Record<ArrangementStatus, string> = {
  proposed: "badge badge--warn",
  approved: "badge badge--ok",
  contracted: "badge badge--ok",
  ended: "badge",
  refused: "badge badge--error",
};
const VERDICT_BADGE: Record<Verdict, string> = { met: "badge badge--ok", not_met: "badge badge--error", unknown: "badge badge--warn" };

function Verdicts({ assessment }: { assessment: NonNullable<Data["assessment"]> }) {
  return (
    <>
      <p className="muted">Beoordeling door {assessment.assessorName}, {assessment.at}</p>
      <table className="data">
        <caption className="visually-hidden">Oordeel van de medisch adviseur per inclusiecriterium</caption>
        <thead>
          <tr><th scope="col">Criterium</th><th scope="col">Oordeel</th><th scope="col">Motivering</th></tr>
        </thead>
        <tbody>
          {INCLUSION_CRITERIA.map((criterion) => {
            const v = assessment.verdicts.find((x) => x.criterion === criterion.number);
            return (
              <tr key={criterion.number}>
                <th scope="row">{criterion.number}. {criterion.label}</th>
                <td>{v ? <span className={VERDICT_BADGE[v.verdict]}>{VERDICT_LABELS[v.verdict]}</span> : <span className="muted">Niet beoordeeld</span>}</td>
                <td>{v?.motivation ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function StepButton({ arrangement, event, busy }: { arrangement: Arrangement; event: ArrangementEvent; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={event} />
      <input type="hidden" name="arrangementId" value={arrangement.id} />
      <button type="submit" className={event === "end" ? "button button--secondary" : "button"} disabled={busy}>
        {event === "approve" ? "Arrangement goedkeuren" : event === "contract" ? "Vastleggen als gecontracteerd" : "Arrangement beëindigen"}
      </button>
    </Form>
  );
}

function ArrangementCard({ a, n, data, busy }: { a: Arrangement; n: number; data: Data; busy: boolean }) {
  const next = nextArrangementEvent(a.status);
  const mayStep = next === "approve" ? data.isAdvisor : next ? data.isChair : false;
  const withAdvisor = ["advisor_check", "funding_arranged", "placed", "follow_up"].includes(data.case.status);
  return (
    <section className="card" id={`arrangement-${a.id}`} aria-labelledby={`arrangement-${a.id}-titel`}>
      <h2 id={`arrangement-${a.id}-titel`}>
        Arrangement {n} <span className={STATUS_BADGE[a.status]}>{ARRANGEMENT_STATUS_LABELS[a.status]}</span>
      </h2>
      <dl className="facts">
        <dt>Omschrijving</dt><dd>{a.description}</dd>
        <dt>Periode</dt><dd>{formatDateRange(a.periodStart, a.periodEnd)}</dd>
        <dt>Geschatte kosten</dt><dd>{a.cost}</dd>
        <dt>Aanbieders</dt><dd>{a.providers.length ? a.providers.join(", ") : <span className="muted">Geen</span>}</dd>
        <dt>Financiers</dt><dd>{a.financiers.length ? a.financiers.join(", ") : <span className="muted">Geen</span>}</dd>
        {a.approvedAt ? (
          <>
            <dt>Goedgekeurd</dt><dd>{a.approvedAt} door {a.approvedByName ?? "onbekend"}</dd>
          </>
        ) : null}
        {a.refusedAt ? (
          <>
            <dt>Afgewezen</dt><dd>{a.refusedAt}: {a.refusalReason}</dd>
          </>
        ) : null}
        {a.contractedAt ? (
          <>
            <dt>Gecontracteerd</dt><dd>{a.contractedAt}</dd>
          </>
        ) : null}
        {a.endedAt ? (
          <>
            <dt>Beëindigd</dt><dd>{a.endedAt}</dd>
          </>
        ) : null}
      </dl>
      <h3>Onderdelen</h3>
      <table className="data">
        <caption className="visually-hidden">Onderdelen van arrangement {n}</caption>
        <thead>
          <tr>
            <th scope="col">Soort</th>
            <th scope="col">Omschrijving</th>
            <th scope="col">Wettelijk domein</th>
            <th scope="col">Financieringsinstrument</th>
            <th scope="col">Aanbieder</th>
            <th scope="col">Financier</th>
          </tr>
        </thead>
        <tbody>
          {a.components.map((k) => (
            <tr key={k.id}>
              <td>{COMPONENT_KIND_LABELS[k.kind]}</td>
              <td>{k.description}</td>
              <td>{LEGAL_DOMAIN_LABELS[k.legalDomain]}</td>
              <td>{FUNDING_INSTRUMENT_LABELS[k.fundingInstrument]}</td>
              <td>{k.provider ?? <span className="muted">Geen</span>}</td>
              <td>{k.financier ?? <span className="muted">Geen</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {next === "approve" && data.isAdvisor ? (
        <section aria-labelledby={`goedkeuren-${a.id}`}>
          <h3 id={`goedkeuren-${a.id}`}>Goedkeuren als medisch adviseur</h3>
          {!withAdvisor ? (
            <p className="alert alert--warn">De voorzitter heeft de casus nog niet aan u voorgelegd. Daarna kunt u het arrangement goedkeuren.</p>
          ) : null}
          {data.assessment ? (
            <>
              <p>Uw goedkeuring wordt gekoppeld aan deze beoordeling van de zeven inclusiecriteria:</p>
              <Verdicts assessment={data.assessment} />
              {withAdvisor ? <StepButton arrangement={a} event="approve" busy={busy} /> : null}
            </>
          ) : (
            <p className="alert alert--warn">
              U heeft de zeven inclusiecriteria voor deze casus nog niet beoordeeld. Goedkeuren kan pas daarna.{" "}
              <Link to={`/casussen/${data.case.id}#beoordeling`}>Leg uw beoordeling vast op de casuspagina</Link>.
            </p>
          )}
        </section>
      ) : next === "approve" ? (
        <p className="muted">Wacht op goedkeuring door de medisch adviseur van de zorgverzekeraar.</p>
      ) : null}
      {next === "approve" && data.isAdvisor && withAdvisor ? (
        <Form method="post" noValidate aria-label={`Arrangement ${n} afwijzen`}>
          <input type="hidden" name="intent" value="refuse" />
          <input type="hidden" name="arrangementId" value={a.id} />
          <Field name="refusalReason" label="Reden van afwijzing" type="textarea" required />
          <button type="submit" className="button button--secondary" disabled={busy}>Arrangement afwijzen</button>
        </Form>
      ) : null}
      {next && next !== "approve" && mayStep ? (
        <div className="actions">
          <StepButton arrangement={a} event={next} busy={busy} />
          <span className="hint">Volgende stap: {ARRANGEMENT_EVENT_LABELS[next].toLowerCase()}.</span>
        </div>
      ) : null}
    </section>
  );
}

/** Checkboxes for several organisations, with the typed choice kept and the error tied to the group. */
function OrganisationChoice({
  name,
  legend,
  hint,
  options,
  errors,
  values,
}: {
  name: string;
  legend: string;
  hint: string;
  options: { id: number; name: string }[];
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
}) {
  const error = errors?.[name]?.[0];
  const raw = values?.[name];
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <FieldGroup name={name} legend={legend} hint={hint} errors={errors}>
      <ul className="plain columns">
        {options.map((o) => (
          <li key={o.id}>
            <label className="checkbox">
              <input type="checkbox" name={name} value={o.id} defaultChecked={chosen.has(String(o.id))} aria-invalid={error ? true : undefined} /> {o.name}
            </label>
          </li>
        ))}
      </ul>
    </FieldGroup>
  );
}

function ProposalForm({ data, errors, busy }: { data: Data; errors?: ArrangementFailure; busy: boolean }) {
  const rows = errors?.componentRows ?? 1;
  const fe = errors?.fieldErrors;
  const values = errors?.values;
  const { providers, financiers } = data.organisations;
  return (
    <Form method="post" noValidate className="card" aria-labelledby="voorstellen">
      <h2 id="voorstellen">Arrangement voorstellen</h2>
      <FormError message={errors?.formError} errors={errors?.fieldErrors} />
      <input type="hidden" name="componentRows" value={rows} />
      <Field name="description" label="Omschrijving" type="textarea" required errors={fe} values={values} />
      <div className="form-grid">
        <Field name="periodStart" label="Begindatum" type="date" required errors={fe} values={values} />
        <Field name="periodEnd" label="Einddatum" type="date" required errors={fe} values={values} hint="Na de begindatum." />
        <Field name="costEstimate" label="Geschatte kosten (hele euro's)" required errors={fe} values={values} hint="Bijvoorbeeld 12500 of 12.500." />
      </div>
      <OrganisationChoice
        name="providerIds"
        legend="Aanbieders"
        hint="De aanbieders van de onderdelen worden vanzelf als partij toegevoegd."
        options={providers}
        errors={fe}
        values={values}
      />
      <OrganisationChoice
        name="financierIds"
        legend="Financiers"
        hint="Een zorgverzekeraar, gemeente of zorgkantoor. De financiers van de onderdelen worden vanzelf als partij toegevoegd."
        options={financiers}
        errors={fe}
        values={values}
      />
      <h3>Onderdelen</h3>
      <p className="hint">Minstens één onderdeel. Lege regels worden overgeslagen.</p>
      {Array.from({ length: rows }, (_, i) => (
        <fieldset key={i}>
          <legend>Onderdeel {i + 1}</legend>
          <div className="form-grid">
            <Field name={`components.${i}.kind`} label="Soort" required errors={fe} values={values}>
              <option value="">Kies het soort</option>
              {COMPONENT_KINDS.map((k) => <option key={k} value={k}>{COMPONENT_KIND_LABELS[k]}</option>)}
            </Field>
            <Field name={`components.${i}.description`} label="Omschrijving" required errors={fe} values={values} />
            <Field name={`components.${i}.legalDomain`} label="Wettelijk domein" required errors={fe} values={values}>
              <option value="">Kies het domein</option>
              {LEGAL_DOMAINS.map((d) => <option key={d} value={d}>{LEGAL_DOMAIN_LABELS[d]}</option>)}
            </Field>
            <Field name={`components.${i}.fundingInstrument`} label="Financieringsinstrument" required errors={fe} values={values}>
              <option value="">Kies het instrument</option>
              {FUNDING_INSTRUMENTS.map((f) => <option key={f} value={f}>{FUNDING_INSTRUMENT_LABELS[f]}</option>)}
            </Field>
            <Field name={`components.${i}.providerOrganisationId`} label="Aanbieder" required errors={fe} values={values}>
              <option value="">Kies een aanbieder</option>
              {providers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Field>
            <Field name={`components.${i}.financierOrganisationId`} label="Financier" required errors={fe} values={values}>
              <option value="">Kies een financier</option>
              {financiers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Field>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        {rows < MAX_COMPONENT_ROWS ? (
          <button type="submit" name="intent" value="add_component" className="button button--secondary" disabled={busy}>Nog een onderdeel</button>
        ) : null}
        <button type="submit" name="intent" value="propose" className="button" disabled={busy}>Arrangement voorstellen</button>
      </div>
    </Form>
  );
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

      {data.canRequestAdvisorCheck || data.funding ? (
        <section className="card" aria-labelledby="medisch-adviseur">
          <h2 id="medisch-adviseur">Medisch adviseur en financiering</h2>
          {data.canRequestAdvisorCheck ? (
            <Form method="post">
              <input type="hidden" name="intent" value="request_advisor_check" />
              <p>Het plan is vastgesteld. Leg de casus voor aan de medisch adviseur van de zorgverzekeraar: die toetst de inclusiecriteria en keurt het arrangement goed.</p>
              <button type="submit" className="button" disabled={busy}>Voorleggen aan medisch adviseur</button>
            </Form>
          ) : null}
          {data.funding ? (
            data.funding.problem ? (
              <p className="alert alert--warn">{data.funding.problem}</p>
            ) : (
              <Form method="post" noValidate aria-label="Financiering geregeld">
                <input type="hidden" name="intent" value="arrange_funding" />
                <FormError message={fundingErrors?.formError} errors={fundingErrors?.fieldErrors} />
                <FieldGroup
                  name="sources"
                  legend="Hoe wordt de zorg gefinancierd?"
                  hint="Eén of meer bronnen. Een maatwerk-arrangement is alleen nodig als (een deel van) de financiering maatwerk is."
                  errors={fundingErrors?.fieldErrors}
                >
                  <ul className="plain">
                    {FUNDING_SOURCES.map((f) => {
                      const raw = fundingErrors?.values?.sources;
                      const chosen = Array.isArray(raw) ? raw.includes(f) : raw === f;
                      return (
                        <li key={f}>
                          <label className="checkbox">
                            <input type="checkbox" name="sources" value={f} defaultChecked={chosen} /> {FUNDING_SOURCE_LABELS[f]}
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </FieldGroup>
                <Field name="careOfficeId" label="Zorgkantoor (bij Wlz)" errors={fundingErrors?.fieldErrors} values={fundingErrors?.values} hint="Bij financiering uit de Wlz is het zorgkantoor van de regio partij.">
                  <option value="">Geen zorgkantoor</option>
                  {data.careOffices.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </Field>
                <button type="submit" className="button" disabled={busy}>Financiering geregeld</button>
              </Form>
            )
          ) : null}
        </section>
      ) : null}

      {data.fundingInForce ? (
        <section className="card" aria-labelledby="financiering">
          <h2 id="financiering">Financiering</h2>
          <p>
            {data.fundingInForce.label}
            {data.fundingInForce.careOffice ? <> · zorgkantoor {data.fundingInForce.careOffice}</> : null}
          </p>
        </section>
      ) : null}

      {data.conclusions.length && (data.isChair || data.isAdvisor) ? (
        <section className="card" aria-labelledby="conclusies">
          <h2 id="conclusies">Conclusies van de medisch adviseur</h2>
          <ul className="plain">
            {data.conclusions.map((k) => (
              <li key={k.id}>
                <span className={k.conclusion === "meets" ? "badge badge--ok" : "badge badge--warn"}>{ADVISOR_CONCLUSION_LABELS[k.conclusion]}</span> {k.at}: {k.motivation}
                {k.conclusion !== "meets" ? <span className="muted"> (teruggelegd bij de tafel)</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.canConclude ? (
        <Form method="post" noValidate className="card" aria-labelledby="conclusie">
          <h2 id="conclusie">Uw conclusie</h2>
          <input type="hidden" name="intent" value="advisor_conclusion" />
          <p>
            Sluit uw beoordeling van de zeven criteria af. ‘Voldoet niet’ en ‘Meer informatie nodig’ leggen de casus met uw motivering terug bij de tafel; goedkeuren van
            een arrangement en financiering door de zorgverzekeraar kan alleen na ‘Voldoet aan de criteria’.
          </p>
          {data.conclusion ? <p className="muted">Huidige conclusie: {ADVISOR_CONCLUSION_LABELS[data.conclusion.conclusion]} ({data.conclusion.at}).</p> : null}
          <Field name="conclusion" label="Conclusie" required errors={conclusionErrors?.fieldErrors} values={conclusionErrors?.values}>
            <option value="">Kies uw conclusie</option>
            {ADVISOR_CONCLUSIONS.map((k) => <option key={k} value={k}>{ADVISOR_CONCLUSION_LABELS[k]}</option>)}
          </Field>
          <Field name="motivation" label="Motivering" type="textarea" required errors={conclusionErrors?.fieldErrors} values={conclusionErrors?.values} />
          <button type="submit" className="button" disabled={busy}>Conclusie vastleggen</button>
        </Form>
      ) : null}

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
