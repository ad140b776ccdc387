import { formatDate } from "~/lib/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { CaseNav } from "~/components/case-nav";
import { OverrideBanner } from "~/components/override-banner";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { allowedEvents, CASE_EVENT_LABELS, CASE_STATE_LABELS, type CaseEvent } from "~/domain/case-lifecycle";
import { URGENCY_BADGE } from "~/domain/case-display";
import { can } from "~/domain/permissions";
import {
  CONSENT_METHOD_LABELS,
  INCLUSION_CRITERIA,
  ORGANISATION_TYPE_LABELS,
  REFERRAL_SOURCE_LABELS,
  REPRESENTATIVE_LABELS,
  URGENCY_LABELS,
  VERDICT_LABELS,
  VERDICTS,
  type Verdict,
} from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { actorOf, denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { failure, formValues, parseForm, type FieldErrors, type FormFailure } from "~/lib/forms";
import { CHAIR_INTENTS, CriteriaSchema, InformationRequestSchema, IntentSchema, motivationField, NotIncludeSchema, PartialCriteriaSchema, RedirectSchema, verdictField, type CaseIntent } from "~/lib/screening-forms";
import { AttachmentList, InformationRequestList, MinimumDataSetFacts, OtherCases } from "~/components/case-details";
import { advisorMayAssess, transition } from "~/domain/case-lifecycle";
import { notIncludedDecision } from "~/domain/screening";
import { caseDetails } from "~/models/case-details.server";
import { applyCaseEvent, latestAssessment, saveAssessment, screeningComplete } from "~/models/cases.server";
import { requestInformation } from "~/models/information-requests.server";
import { caseView, otherActiveTables } from "~/models/screening.server";
import { notifier } from "~/lib/notifier.server";
import { notifyInformationRequested, notifyReferralRedirected, notifyScreeningOutcome } from "~/models/notifications.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Casus ${data.case.code} – Regiotafel` : "Casus – Regiotafel" }];

const CHECK_FIELDS = "Controleer de velden met een foutmelding.";

const DONE: Record<string, string> = {
  "screening-gestart": "De screening is gestart.",
  "screening-opgeslagen": "De screening is opgeslagen.",
  geincludeerd: "De casus is geïncludeerd.",
  "niet-geincludeerd": "De casus is niet geïncludeerd. De verwijzer ziet de reden en de criteria waaraan niet is voldaan bij de verwijzing.",
  "informatie-gevraagd": "De vraag is naar de verwijzer gestuurd. De casus wacht op het antwoord.",
  "beoordeling-opgeslagen": "Uw beoordeling van de inclusiecriteria is opgeslagen.",
};

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

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case.action");
  const { db } = context.services;
  const c = found.case;
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);

  // Deciding is the chair's; the advisor records their own assessment. Table members only read.
  const permitted = CHAIR_INTENTS.includes(intent.data)
    ? can(user.principal, "case:screen", { tableId: c.tableId })
    : can(user.principal, "advice:insured", { organisationId: c.insurerId });
  if (!permitted) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }

  const actor = { userId: user.id, organisationId: user.organisationId };
  const record = (action: string, detail: string) =>
    audit(db, { action, actor: actorOf(user), objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${c.code}: ${detail}`, origin: context.origin });
  const page = `/casussen/${c.id}`;

  switch (intent.data) {
    case "start_screening": {
      const step = applyCaseEvent(db, c.id, { event: "start_screening" }, actor);
      if (!step.ok) return failure(step.error, formData);
      record("case.start_screening", "screening gestart");
      return redirect(`${page}?gelukt=screening-gestart`);
    }
    case "save_screening": {
      if (c.status !== "screening") {
        return failure(c.status === "received" ? "Start eerst de screening." : `De screening kan niet meer worden gewijzigd bij een casus met status "${CASE_STATE_LABELS[c.status]}".`, formData);
      }
      // Saved in part is fine: the chair finishes it later; deciding needs all seven.
      const parsed = parseForm(PartialCriteriaSchema, formData);
      if (!parsed.ok) return parsed;
      saveAssessment(db, c.id, "screening", user.id, parsed.data);
      record("case.screening_save", verdictSummary(parsed.data));
      return redirect(`${page}?gelukt=screening-opgeslagen#screening`);
    }
    case "include": {
      const step = applyCaseEvent(db, c.id, { event: "include" }, actor);
      if (!step.ok) return failure(step.error, formData);
      record("case.include", "geïncludeerd");
      notifyScreeningOutcome(notifier(context), c.id, true);
      return redirect(`${page}?gelukt=geincludeerd`);
    }
    case "not_include": {
      const parsed = parseForm(NotIncludeSchema, formData);
      if (!parsed.ok) return parsed;
      // Only on a complete screening (the state machine's rule), and the decision names the criteria not met.
      const allowed = transition(c.status, { event: "not_include", reason: parsed.data.reason, screeningComplete: screeningComplete(db, c.id) });
      if (!allowed.ok) return failure(allowed.error, formData);
      const decision = notIncludedDecision(latestAssessment(db, c.id, "screening")?.verdicts ?? [], parsed.data.reason);
      if (!decision.ok) return failure(decision.error, formData);
      const step = applyCaseEvent(db, c.id, { event: "not_include", reason: decision.reason }, actor);
      if (!step.ok) return failure(step.error, formData);
      record("case.not_include", `niet geïncludeerd, niet voldaan: criterium ${decision.notMet.join(", ")}`);
      notifyScreeningOutcome(notifier(context), c.id, false);
      return redirect(`${page}?gelukt=niet-geincludeerd`);
    }
    case "redirect": {
      const parsed = parseForm(RedirectSchema, formData);
      if (!parsed.ok) return parsed;
      const target = otherActiveTables(db, c.tableId).find((t) => t.id === parsed.data.targetTableId);
      if (!target) return fieldFailure(formData, { targetTableId: ["Kies een andere, actieve regiotafel."] });
      const step = applyCaseEvent(db, c.id, { event: "redirect", reason: parsed.data.reason, targetTableId: target.id }, actor);
      if (!step.ok) return failure(step.error, formData);
      record("case.redirect", `doorverwezen van tafel ${found.tableNumber} naar tafel ${target.number}`);
      notifyReferralRedirected(notifier(context), c.id);
      // The case now belongs to the other table: this chair can no longer open it.
      return redirect(`/tafels/${found.tableSlug}/inbox?gelukt=doorverwezen`);
    }
    case "request_information": {
      const parsed = parseForm(InformationRequestSchema, formData);
      if (!parsed.ok) return parsed;
      const step = requestInformation(db, c.id, parsed.data.question, { userId: user.id, organisationId: user.organisationId });
      if (!step.ok) return failure(step.error, formData);
      record("case.request_information", "meer informatie gevraagd aan de verwijzer");
      notifyInformationRequested(notifier(context), c.id);
      return redirect(`${page}?gelukt=informatie-gevraagd`);
    }
    case "advisor_assessment": {
      // The advisor checks the criteria on the table's outcome, not on a fresh referral.
      if (!advisorMayAssess(c.status)) {
        return failure(
          `U beoordeelt de criteria pas als de regiotafel de uitkomst aan u heeft voorgelegd (status "${CASE_STATE_LABELS.advisor_check}"). Deze casus heeft status "${CASE_STATE_LABELS[c.status]}".`,
          formData,
        );
      }
      const parsed = parseForm(CriteriaSchema, formData);
      if (!parsed.ok) return parsed;
      saveAssessment(db, c.id, "advisor", user.id, parsed.data);
      record("case.advisor_assessment", verdictSummary(parsed.data));
      return redirect(`${page}?gelukt=beoordeling-opgeslagen#beoordeling`);
    }
  }
}

function verdictSummary(verdicts: { verdict: Verdict }[]) {
  const count = (v: Verdict) => verdicts.filter((x) => x.verdict === v).length;
  return `${verdicts.length} criteria beoordeeld (${count("met")} voldaan, ${count("not_met")} niet voldaan, ${count("unknown")} onbekend)`;
}

const fieldFailure = (formData: FormData, fieldErrors: FieldErrors): FormFailure => ({ ok: false, fieldErrors, values: formValues(formData) });

// ── Page ──────────────────────────────────────────────────────────────────────

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Assessment = Data["screening"];

const VERDICT_BADGE: Record<Verdict, string> = { met: "badge badge--ok", not_met: "badge badge--error", unknown: "badge badge--warn" };

function Text({ children }: { children: string }) {
  return (
    <>
      {children.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

function CriteriaForm({
  prefix,
  intent,
  label,
  initial,
  errors,
  busy,
}: {
  prefix: string;
  intent: CaseIntent;
  label: string;
  initial: Assessment;
  errors?: FormFailure;
  busy: boolean;
}) {
  const value = (name: string, fallback: string) => {
    const v = errors?.values[name];
    return typeof v === "string" ? v : errors ? "" : fallback;
  };
  return (
    <Form method="post" noValidate aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      {errors ? <FormError message={errors.formError ?? CHECK_FIELDS} errors={errors?.fieldErrors} /> : null}
      {INCLUSION_CRITERIA.map((criterion) => {
        const n = criterion.number;
        const previous = initial?.verdicts.find((v) => v.criterion === n);
        const verdictName = verdictField(n);
        const motivationName = motivationField(n);
        const verdictError = errors?.fieldErrors[verdictName]?.[0];
        const motivationError = errors?.fieldErrors[motivationName]?.[0];
        const checked = value(verdictName, previous?.verdict ?? "");
        const motivationId = `${prefix}-${motivationName}`;
        return (
          <fieldset key={n} className={`field${verdictError || motivationError ? " field--error" : ""}`}>
            <legend>
              Criterium {n}: {criterion.label}
            </legend>
            <div role="radiogroup" aria-label={`Oordeel criterium ${n}`} aria-describedby={verdictError ? `${prefix}-${verdictName}-fout` : undefined}>
              {VERDICTS.map((verdict) => (
                <label key={verdict} className="checkbox">
                  <input type="radio" name={verdictName} value={verdict} defaultChecked={checked === verdict} aria-invalid={verdictError ? true : undefined} />{" "}
                  {VERDICT_LABELS[verdict]}
                </label>
              ))}
            </div>
            {verdictError ? <p className="field-error" id={`${prefix}-${verdictName}-fout`}>{verdictError}</p> : null}
            <label htmlFor={motivationId}>
              Motivering<span aria-hidden="true"> *</span>
            </label>
            <textarea
              id={motivationId}
              name={motivationName}
              rows={3}
              required
              defaultValue={value(motivationName, previous?.motivation ?? "")}
              aria-invalid={motivationError ? true : undefined}
              aria-describedby={motivationError ? `${motivationId}-fout` : undefined}
            />
            {motivationError ? <p className="field-error" id={`${motivationId}-fout`}>{motivationError}</p> : null}
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{label}</button>
      </div>
    </Form>
  );
}

function VerdictCell({ assessment, criterion }: { assessment: Assessment; criterion: number }) {
  const v = assessment?.verdicts.find((x) => x.criterion === criterion);
  if (!v) return <td className="muted">Nog niet beoordeeld</td>;
  return (
    <td>
      <span className={VERDICT_BADGE[v.verdict]}>{VERDICT_LABELS[v.verdict]}</span>
      <p>{v.motivation}</p>
    </td>
  );
}

function AssessedBy({ assessment, who }: { assessment: Assessment; who: string }) {
  if (!assessment) return <p className="muted">{who}: nog geen beoordeling.</p>;
  return (
    <p className="muted">
      {who}: {assessment.assessorName}, {formatAmsterdam(assessment.at)}
    </p>
  );
}

type HistoryEvent = {
  id: number;
  event: CaseEvent;
  at: string;
  actor: string | null;
  actorOrganisation: string | null;
  reason: string | null;
  fromTable: string | null;
  toTable: string | null;
};
type ConsentStep = { key: string; at: string; step: string; actor: string | null; actorOrganisation: string | null; reason: string | null };

/** Lifecycle steps and consent steps in one list, in time order. */
function historyRows(events: HistoryEvent[], consentSteps: ConsentStep[]): ConsentStep[] {
  const steps = events.map((h) => ({
    key: `event-${h.id}`,
    at: h.at,
    step: `${CASE_EVENT_LABELS[h.event]}${h.event === "redirect" && h.fromTable && h.toTable ? ` (van ${h.fromTable} naar ${h.toTable})` : ""}`,
    actor: h.actor,
    actorOrganisation: h.actorOrganisation,
    reason: h.reason,
  }));
  return [...steps, ...consentSteps].sort((a, b) => a.at.localeCompare(b.at));
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { case: c, identity, summary, consent, screening, advisor, history, isChair, isAdvisor } = data;
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors?.values.intent;
  const errorsFor = (intent: CaseIntent) => (errors && errorIntent === intent ? errors : undefined);
  const formIntents: string[] = ["save_screening", "not_include", "redirect", "request_information", "advisor_assessment"];
  const generalError = errors && !formIntents.includes(String(errorIntent)) ? (errors.formError ?? CHECK_FIELDS) : undefined;
  const done = !errors ? DONE[searchParams.get("gelukt") ?? ""] : undefined;
  const offers = (event: CaseEvent) => data.allowedEvents.includes(event);
  const notIncludeErrors = errorsFor("not_include");
  const informationErrors = errorsFor("request_information");
  const { details } = data;
  const redirectErrors = errorsFor("redirect");

  return (
    <>
      <p><Link to={data.back.to}>← {data.back.label}</Link></p>
      <h1>Casus {c.code}</h1>
      <CaseNav caseId={c.id} isChair={isChair} />
      <OverrideBanner show={data.viaOverride} />
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <span className="badge">{CASE_STATE_LABELS[c.status]}</span>{" "}
        <span className={URGENCY_BADGE[c.urgency]}>Urgentie: {URGENCY_LABELS[c.urgency]}</span>
      </p>
      {done ? <div className="alert alert--ok" role="status">{done}</div> : null}
      <FormError message={generalError} />
      <OtherCases cases={details.otherCases} />

      <section className="card" aria-labelledby="aanmelding">
        <h2 id="aanmelding">Aanmelding</h2>
        <dl className="facts">
          <dt>Casuscode</dt>
          <dd>
            {c.code}
            {details.previousCodes.map((p) => (
              <span key={p.code} className="muted"> · eerder {p.code} (tafel {p.tableNumber}. {p.tableName}, tot {formatAmsterdam(p.until)})</span>
            ))}
          </dd>
          <dt>Regiotafel</dt><dd>{c.tableNumber}. {c.tableName}</dd>
          <dt>Status</dt><dd>{CASE_STATE_LABELS[c.status]}</dd>
          <dt>Urgentie</dt><dd>{URGENCY_LABELS[c.urgency]}</dd>
          <dt>Ontvangen</dt><dd>{formatAmsterdam(c.receivedAt)} ({c.submittedVia === "api" ? "via de koppeling" : "via het formulier"})</dd>
          <dt>Aangemeld door</dt>
          <dd>{REFERRAL_SOURCE_LABELS[c.source]}{c.viaVwsUnit ? " via VWS-unit complexe zorgvragen" : ""} · {c.referrerOrganisation}</dd>
          <dt>Zorgverzekeraar</dt><dd>{c.insurer}</dd>
          <dt>Voorgestelde tafel</dt>
          <dd>
            {c.proposedTableName ?? "Geen (woonplaats niet gerouteerd)"}
            {details.routingRule ? <span className="muted"> · regel: {details.routingRule}</span> : null}
          </dd>
          {c.routingOverrideReason ? (
            <>
              <dt>Andere tafel gekozen</dt><dd>{c.routingOverrideReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="patient">
        <h2 id="patient">Patiënt</h2>
        {identity ? (
          <>
          <dl className="facts">
            <dt>Naam</dt><dd>{identity.name}</dd>
            <dt>BSN</dt><dd>{identity.bsn}</dd>
            <dt>Geboortedatum</dt><dd>{formatDate(identity.dateOfBirth)}</dd>
            <dt>Adres</dt><dd>{identity.address || <span className="muted">Niet opgegeven</span>}</dd>
            <dt>Gemeente</dt><dd>{identity.municipality}</dd>
            <dt>Provincie</dt><dd>{identity.province}</dd>
          </dl>
          {details.identityConflicts.length ? (
            <div className="alert alert--warn" role="note">
              <p><strong>Afwijkende gegevens bij dit BSN.</strong> Deze verwijzing noemt andere gegevens dan de bekende patiënt; de bekende gegevens zijn niet overschreven. Controleer ze bij de verwijzer.</p>
              <ul>
                {details.identityConflicts.map((conflict) => (
                  <li key={conflict.field}>
                    {conflict.field === "name" ? "Naam" : "Geboortedatum"}: bekend “{conflict.field === "name" ? conflict.known : formatDate(conflict.known)}”, in deze verwijzing “{conflict.field === "name" ? conflict.given : formatDate(conflict.given)}”
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          </>
        ) : (
          <>
            <p className="alert alert--warn">Identiteit afgeschermd: uw organisatie valt buiten de toestemming van de patiënt.</p>
            <dl className="facts">
              <dt>Leeftijd</dt><dd>{summary.ageBand}</dd>
              <dt>Provincie</dt><dd>{summary.province}</dd>
            </dl>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="inhoud-verwijzing">
        <h2 id="inhoud-verwijzing">Inhoud van de verwijzing</h2>
        <h3>Huidige zorgaanbieders</h3>
        <Text>{c.currentProviders}</Text>
        <h3>Behandelgeschiedenis</h3>
        <Text>{c.treatmentHistory}</Text>
        <h3>Zorgvraag aan de tafel</h3>
        <Text>{c.careQuestion}</Text>
        <h3>Probleembeschrijving</h3>
        <Text>{c.problemDescription}</Text>
        <h3>Eerdere plaatsingspogingen</h3>
        <table className="data">
          <caption className="visually-hidden">Eerdere plaatsingspogingen</caption>
          <thead>
            <tr><th scope="col">Wie</th><th scope="col">Wat</th><th scope="col">Wanneer</th><th scope="col">Waarom niet gelukt</th></tr>
          </thead>
          <tbody>
            {c.priorAttempts.map((a, i) => (
              <tr key={i}><td>{a.who}</td><td>{a.what}</td><td>{a.when}</td><td>{a.whyFailed}</td></tr>
            ))}
          </tbody>
        </table>
        <h3>Contactpersoon</h3>
        <p>{c.contact.name} · {c.contact.phone} · <a href={`mailto:${c.contact.email}`}>{c.contact.email}</a></p>
      </section>

      <section className="card" aria-labelledby="gegevensset">
        <h2 id="gegevensset">Minimale gegevensset</h2>
        <MinimumDataSetFacts data={details.minimumDataSet} />
      </section>

      <section className="card" aria-labelledby="bijlagen">
        <h2 id="bijlagen">Bijlagen</h2>
        <AttachmentList attachments={details.attachments} hidden={details.attachmentsHidden} />
      </section>

      {details.informationRequests.length ? (
        <section className="card" aria-labelledby="informatie">
          <h2 id="informatie">Vragen aan de verwijzer</h2>
          <InformationRequestList requests={details.informationRequests} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="toestemming">
        <h2 id="toestemming">Toestemming</h2>
        {consent ? (
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              {consent.status === "active" ? (
                <span className="badge badge--ok">Van kracht</span>
              ) : (
                <span className="badge badge--error">Ingetrokken{consent.withdrawnAt ? ` op ${formatAmsterdam(consent.withdrawnAt)}` : ""}</span>
              )}
            </dd>
            <dt>Gegeven door</dt>
            <dd>
              {consent.givenBy === "patient"
                ? "De patiënt zelf"
                : `${consent.representativeKind ? REPRESENTATIVE_LABELS[consent.representativeKind] : "Vertegenwoordiger"}${consent.representativeName ? `: ${consent.representativeName}` : ""}${consent.patientIncompetent ? " (patiënt wilsonbekwaam ter zake)" : ""}`}
            </dd>
            <dt>Hoe</dt><dd>{CONSENT_METHOD_LABELS[consent.method]}</dd>
            <dt>Wanneer</dt><dd>{formatDate(consent.givenOn)}</dd>
            <dt>Mogen de identiteit zien</dt>
            <dd>
              {consent.scopeTypes.length + consent.scopeOrganisations.length === 0 ? (
                <span className="muted">Alleen de organisatie van de voorzitter en de verwijzer</span>
              ) : (
                <ul className="plain">
                  {consent.scopeTypes.map((t) => <li key={t}>{ORGANISATION_TYPE_LABELS[t]}</li>)}
                  {consent.scopeOrganisations.map((name) => <li key={name}>{name}</li>)}
                </ul>
              )}
            </dd>
            <dt>Niet betrekken</dt>
            <dd>
              {consent.excludedCount === 0 ? (
                <span className="muted">Niemand genoemd</span>
              ) : consent.excludedNames ? (
                <ul className="plain">{consent.excludedNames.map((name, i) => <li key={i}>{name}</li>)}</ul>
              ) : (
                <span className="muted">De patiënt heeft personen genoemd die niet betrokken mogen worden; de voorzitter ziet wie.</span>
              )}
            </dd>
          </dl>
        ) : (
          <p className="alert alert--error">Er is geen toestemming vastgelegd.</p>
        )}
      </section>

      <section className="card" aria-labelledby="criteria">
        <h2 id="criteria">Inclusiecriteria</h2>
        <AssessedBy assessment={screening} who="Screening door de voorzitter" />
        <AssessedBy assessment={advisor} who="Beoordeling door de medisch adviseur" />
        <table className="data">
          <caption className="visually-hidden">Oordeel per criterium: screening en medisch adviseur naast elkaar</caption>
          <thead>
            <tr><th scope="col">Criterium</th><th scope="col">Screening voorzitter</th><th scope="col">Medisch adviseur</th></tr>
          </thead>
          <tbody>
            {INCLUSION_CRITERIA.map((criterion) => (
              <tr key={criterion.number}>
                <th scope="row">{criterion.number}. {criterion.label}</th>
                <VerdictCell assessment={screening} criterion={criterion.number} />
                <VerdictCell assessment={advisor} criterion={criterion.number} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {isChair ? (
        <section className="card" aria-labelledby="screening">
          <h2 id="screening">Screening door de voorzitter</h2>
          {c.status === "received" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start_screening" />
              <p>Start de screening om de zeven inclusiecriteria te beoordelen.</p>
              <button type="submit" className="button" disabled={busy}>Screening starten</button>
            </Form>
          ) : null}
          {c.status === "screening" ? (
            <>
              <p>Beoordeel elk criterium en motiveer uw oordeel. U kunt de screening ook deels opslaan en later afmaken. Includeren en niet includeren kan pas als alle zeven criteria met motivering zijn beoordeeld.</p>
              <CriteriaForm prefix="screening" intent="save_screening" label="Screening opslaan" initial={screening} errors={errorsFor("save_screening")} busy={busy} />
            </>
          ) : null}

          {offers("include") || offers("not_include") || offers("redirect") || offers("request_information") ? <h3>Besluit</h3> : null}
          {offers("include") ? (
            <Form method="post">
              <input type="hidden" name="intent" value="include" />
              <button type="submit" className="button" disabled={busy}>Includeren</button>
            </Form>
          ) : null}
          {offers("not_include") ? (
            <Form method="post" noValidate aria-labelledby="niet-includeren">
              <h4 id="niet-includeren">Niet includeren</h4>
              <input type="hidden" name="intent" value="not_include" />
              {notIncludeErrors ? <FormError message={notIncludeErrors.formError ?? CHECK_FIELDS} errors={notIncludeErrors?.fieldErrors} /> : null}
              <Field name="reason" label="Reden (de verwijzer krijgt deze te zien)" type="textarea" required errors={notIncludeErrors?.fieldErrors} values={notIncludeErrors?.values} />
              <button type="submit" className="button button--danger" disabled={busy}>Niet includeren</button>
            </Form>
          ) : null}
          {offers("request_information") ? (
            <Form method="post" noValidate aria-labelledby="meer-informatie">
              <h4 id="meer-informatie">Meer informatie nodig</h4>
              <p className="hint">De verwijzer ziet uw vraag bij de verwijzing en antwoordt met tekst en bijlagen. Tot dan wacht de casus; die tijd telt mee in de doorlooptijden.</p>
              <input type="hidden" name="intent" value="request_information" />
              {informationErrors ? <FormError message={informationErrors.formError ?? CHECK_FIELDS} /> : null}
              <Field name="question" label="Vraag aan de verwijzer" type="textarea" required errors={informationErrors?.fieldErrors} values={informationErrors?.values} />
              <button type="submit" className="button button--secondary" disabled={busy}>Vraag versturen</button>
            </Form>
          ) : null}
          {offers("redirect") ? (
            <Form method="post" noValidate aria-labelledby="doorverwijzen">
              <h4 id="doorverwijzen">Doorverwijzen naar een andere regiotafel</h4>
              <input type="hidden" name="intent" value="redirect" />
              {redirectErrors ? <FormError message={redirectErrors.formError ?? CHECK_FIELDS} errors={redirectErrors?.fieldErrors} /> : null}
              <div className="form-grid">
                <Field name="targetTableId" label="Regiotafel" required errors={redirectErrors?.fieldErrors} values={redirectErrors?.values}>
                  <option value="">Kies een regiotafel</option>
                  {data.redirectTargets.map((t) => (
                    <option key={t.id} value={t.id}>{t.number}. {t.name}</option>
                  ))}
                </Field>
              </div>
              <Field name="reason" label="Reden van de doorverwijzing" type="textarea" required errors={redirectErrors?.fieldErrors} values={redirectErrors?.values} />
              <button type="submit" className="button button--secondary" disabled={busy}>Doorverwijzen</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {isAdvisor ? (
        <section className="card" aria-labelledby="beoordeling">
          <h2 id="beoordeling">Uw beoordeling als medisch adviseur</h2>
          {data.advisorMayAssess ? (
            <>
              <p>De regiotafel heeft de uitkomst aan u voorgelegd. Toets de zeven inclusiecriteria voor deze verzekerde en motiveer elk oordeel.</p>
              <CriteriaForm prefix="adviseur" intent="advisor_assessment" label="Beoordeling opslaan" initial={advisor} errors={errorsFor("advisor_assessment")} busy={busy} />
            </>
          ) : (
            <p className="muted">
              U toetst de criteria zodra de regiotafel de uitkomst (het integraal plan) aan u voorlegt. Nu: {CASE_STATE_LABELS[c.status]}.
            </p>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="geschiedenis">
        <h2 id="geschiedenis">Geschiedenis</h2>
        <table className="data">
          <caption className="visually-hidden">Geschiedenis van de casus</caption>
          <thead>
            <tr><th scope="col">Wanneer</th><th scope="col">Stap</th><th scope="col">Door</th><th scope="col">Reden</th></tr>
          </thead>
          <tbody>
            {historyRows(history, data.consentSteps).map((h) => (
              <tr key={h.key}>
                <td>{formatAmsterdam(h.at)}</td>
                <td>{h.step}</td>
                <td>{h.actor ?? <span className="muted">Systeem</span>}{h.actorOrganisation ? <span className="muted"> · {h.actorOrganisation}</span> : null}</td>
                <td>{h.reason ?? <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
