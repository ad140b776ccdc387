import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, fieldValue, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { allowedEvents, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { DEADLINE_KINDS, DEADLINE_LABELS, DEADLINE_STATE_LABELS, formatDay, type DeadlineState } from "~/domain/deadlines";
import { EscalationSection } from "~/components/escalation-section";
import { ESCALATION_STATES, lastEscalation, selectableLevels } from "~/domain/escalation";
import { requestsOfCase } from "~/models/escalation-requests.server";
import { can } from "~/domain/permissions";
import { answerCaseAction } from "~/services/case-action.server";
import { PROGRESS_ACTIONS } from "~/services/case-progress.server";
import { CARE_FUNCTION_LABELS, CARE_FUNCTIONS, FUNDING_TYPE_LABELS, FUNDING_TYPES } from "~/domain/vocabulary";
import { denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { failure, type FormFailure } from "~/lib/forms";
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS } from "~/domain/closure";
import { ProgressIntentSchema, type ProgressIntent } from "~/lib/progress-forms";
import {
  amsterdamToday,
  listDeadlines,
  listEscalations,
  listPlacements,
  placementOrganisations,
  receiptDate,
} from "~/models/case-progress.server";
import { caseHistory } from "~/models/cases.server";
import { currentFunding } from "~/models/funding.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Verloop ${data.case.code} – Regiotafel` : "Verloop – Regiotafel" }];

const CHECK_FIELDS = "Controleer de velden met een foutmelding.";

// Escalation, placement, follow-up, closure and the terms that run for one case. Everyone who
// may read the case (requireCase: 404 otherwise, audited) sees it; only the chair of the case's
// table changes anything (403 for the others, audited). Cases are shown by code, never by name.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case.progress_view");
  const { db } = context.services;
  const c = found.case;
  const isChair = can(user.principal, "case:screen", { tableId: c.tableId });
  const today = amsterdamToday();
  const escalations = listEscalations(db, c.id);
  const events = isChair ? allowedEvents(c.status) : [];
  const closing = c.status === "closed" ? caseHistory(db, c.id).filter((h) => h.event.event === "close").at(-1) : undefined;
  return {
    case: {
      id: c.id,
      code: c.code,
      status: c.status,
      tableName: found.tableName,
      tableNumber: found.tableNumber,
      receivedDate: receiptDate(c),
    },
    today,
    isChair,
    escalations: escalations.map((e) => ({ ...e, at: formatAmsterdam(e.at) })),
    leaderRequests: requestsOfCase(db, c.id).map((r) => ({ ...r, respondedAt: r.respondedAt ? formatAmsterdam(r.respondedAt) : null })),
    currentLevel: lastEscalation(escalations)?.level ?? null,
    placements: listPlacements(db, c.id),
    funding: currentFunding(db, c.id),
    deadlines: listDeadlines(db, c.id, today),
    closing: closing ? { at: formatAmsterdam(closing.event.at), reason: closing.event.reason } : null,
    canEscalate: isChair && ESCALATION_STATES.includes(c.status),
    levels: isChair ? selectableLevels(escalations) : [],
    canPlace: isChair && c.status === "funding_arranged",
    organisations: isChair && c.status === "funding_arranged" ? placementOrganisations(db) : [],
    canFollowUp: events.includes("start_follow_up"),
    canClose: events.includes("close"),
    canAddDeadline: isChair && c.status !== "closed" && c.status !== "not_included",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case.action");
  const c = found.case;
  const formData = await request.formData();

  // Reading is for everyone at the table; every change is the chair's.
  if (!can(user.principal, "case:screen", { tableId: c.tableId })) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${String(formData.get("intent") ?? "").slice(0, 40)}` });
  }

  const intent = ProgressIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  return answerCaseAction(context, PROGRESS_ACTIONS[intent.data]({ context, user, found }, formData), `/casussen/${c.id}/verloop`);
}

// ── Page ──────────────────────────────────────────────────────────────────────

const STATE_BADGE: Record<DeadlineState, string> = {
  met: "badge badge--ok",
  overdue: "badge badge--error",
  alert: "badge badge--warn",
  running: "badge",
};

function Day({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">–</span>;
  return <time dateTime={value}>{formatDay(value)}</time>;
}

function Errors({ errors }: { errors?: FormFailure }) {
  return errors ? <FormError message={errors.formError ?? CHECK_FIELDS} errors={errors?.fieldErrors} /> : null;
}

export default function CaseProgressPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { case: c } = data;
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors ? fieldValue(errors.values, "intent") : undefined;
  const errorsFor = (intent: ProgressIntent) => (errors && errorIntent === intent ? errors : undefined);
  // Errors show on their own form; when that form is not on the page (any more), at the top.
  const shownForms: Partial<Record<ProgressIntent, boolean>> = {
    escalate: data.canEscalate,
    place: data.canPlace,
    close: data.canClose,
    add_deadline: data.canAddDeadline,
    deadline_met: true,
  };
  const generalError = errors && !shownForms[errorIntent as ProgressIntent] ? (errors.formError ?? CHECK_FIELDS) : undefined;

  const escalateErrors = errorsFor("escalate");
  const placeErrors = errorsFor("place");
  const closeErrors = errorsFor("close");
  const deadlineErrors = errorsFor("add_deadline");
  const metErrors = errorsFor("deadline_met");
  const metErrorsFor = (id: number) => (metErrors && fieldValue(metErrors.values, "deadlineId") === String(id) ? metErrors : undefined);
  // A refused "gehaald" shows in its row while the row still has its form; otherwise at the top.
  const metErrorsInRow = metErrors ? data.deadlines.some((d) => !d.metOn && String(d.id) === fieldValue(metErrors.values, "deadlineId")) : false;
  const needsWlzError = deadlineErrors?.fieldErrors.needsWlz?.[0];
  const needsWlzChecked = fieldValue(deadlineErrors?.values, "needsWlz") === "on";

  return (
    <>
      <p><Link to={`/casussen/${c.id}`}>← Casus {c.code}</Link></p>
      <h1>Verloop casus {c.code}</h1>
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <span className="badge">{CASE_STATE_LABELS[c.status]}</span>
      </p>
      <FormError message={generalError} />
      {metErrors && !metErrorsInRow ? <FormError message={metErrors.formError ?? metErrors.fieldErrors.deadlineId?.[0] ?? CHECK_FIELDS} errors={metErrors?.fieldErrors} /> : null}

      <section className="card" aria-labelledby="termijnen">
        <h2 id="termijnen">Termijnen</h2>
        <p className="muted">
          Termijnen volgens de werkwijzer medisch noodzakelijk verblijf ggz en de wederkerigheidsafspraken Eemland. De uiterste datum is de
          laatste dag van de termijn; daarna is de termijn verlopen.
        </p>
        {data.deadlines.length === 0 ? (
          <p>Er lopen nog geen termijnen voor deze casus.</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">Termijnen van casus {c.code}</caption>
            <thead>
              <tr>
                <th scope="col">Termijn</th>
                <th scope="col">Start</th>
                <th scope="col">Uiterlijk</th>
                <th scope="col">Signaal</th>
                <th scope="col">Stand</th>
                <th scope="col">Gehaald</th>
              </tr>
            </thead>
            <tbody>
              {data.deadlines.map((d) => {
                const rowErrors = metErrorsFor(d.id);
                const metError = rowErrors?.fieldErrors.metOn?.[0];
                const inputId = `gehaald-${d.id}`;
                return (
                  <tr key={d.id}>
                    <th scope="row">{d.label}</th>
                    <td><Day value={d.startDate} /></td>
                    <td><Day value={d.dueDate} /></td>
                    <td><Day value={d.alertDate} /></td>
                    <td>
                      <span className={STATE_BADGE[d.state]}>{DEADLINE_STATE_LABELS[d.state]}</span>
                    </td>
                    <td>
                      {d.metOn ? (
                        <>
                          <Day value={d.metOn} />
                          {d.metLate ? <span className="muted"> (na de uiterste datum)</span> : null}
                        </>
                      ) : d.carriedOverReason ? (
                        <span>Overgedragen: {d.carriedOverReason}</span>
                      ) : data.isChair ? (
                        <>
                        <Form method="post" noValidate aria-label={`${d.label} overdragen`}>
                          <input type="hidden" name="intent" value="carry_over" />
                          <input type="hidden" name="deadlineId" value={d.id} />
                          <Field name="carryOverReason" label="Overdragen aan (en waarom)" />
                          <button type="submit" className="button button--small button--secondary" disabled={busy}>Overdragen</button>
                        </Form>
                        <Form method="post" noValidate aria-label={`${d.label} als gehaald markeren`}>
                          <input type="hidden" name="intent" value="deadline_met" />
                          <input type="hidden" name="deadlineId" value={d.id} />
                          {rowErrors?.formError ? <FormError message={rowErrors.formError} errors={rowErrors?.fieldErrors} /> : null}
                          <div className={`field${metError ? " field--error" : ""}`}>
                            <label htmlFor={inputId}>Gehaald op</label>
                            <input
                              id={inputId}
                              name="metOn"
                              type="date"
                              required
                              max={data.today}
                              defaultValue={rowErrors ? fieldValue(rowErrors.values, "metOn") : data.today}
                              aria-invalid={metError ? true : undefined}
                              aria-describedby={metError ? `${inputId}-fout` : undefined}
                            />
                            {metError ? <p className="field-error" id={`${inputId}-fout`}>{metError}</p> : null}
                          </div>
                          <button type="submit" className="button button--small button--secondary" disabled={busy}>Markeer als gehaald</button>
                        </Form>
                        </>
                      ) : (
                        <span className="muted">Nog niet</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        {data.canAddDeadline ? (
          <Form method="post" noValidate aria-labelledby="termijn-toevoegen">
            <h3 id="termijn-toevoegen">Termijn toevoegen</h3>
            <input type="hidden" name="intent" value="add_deadline" />
            <Errors errors={deadlineErrors} />
            <div className="form-grid">
              <Field name="kind" label="Termijn" required errors={deadlineErrors?.fieldErrors} values={deadlineErrors?.values}>
                <option value="">Kies een termijn</option>
                {DEADLINE_KINDS.map((k) => (
                  <option key={k} value={k}>{DEADLINE_LABELS[k]}</option>
                ))}
              </Field>
              <Field
                name="deadlineStart"
                label="Startdatum"
                type="date"
                required
                hint="De datum van de melding; bij VMR de datum waarop de medische noodzaak voor verblijf eindigde."
                errors={deadlineErrors?.fieldErrors}
                values={deadlineErrors?.values}
              />
            </div>
            <div className={`field${needsWlzError ? " field--error" : ""}`}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="needsWlz"
                  defaultChecked={needsWlzChecked}
                  aria-invalid={needsWlzError ? true : undefined}
                  aria-describedby={`veld-needsWlz-hint${needsWlzError ? " veld-needsWlz-fout" : ""}`}
                />
                Wlz-zorg nodig
              </label>
              <p className="hint" id="veld-needsWlz-hint">Alleen van belang bij VMR: als de patiënt Wlz-zorg nodig heeft, is VMR niet mogelijk.</p>
              {needsWlzError ? <p className="field-error" id="veld-needsWlz-fout">{needsWlzError}</p> : null}
            </div>
            <button type="submit" className="button" disabled={busy}>Termijn toevoegen</button>
          </Form>
        ) : null}
      </section>

      <EscalationSection
        code={c.code}
        currentLevel={data.currentLevel}
        escalations={data.escalations}
        requests={data.leaderRequests}
        canEscalate={data.canEscalate}
        levels={data.levels}
        errors={escalateErrors}
        busy={busy}
      />

      <section className="card" aria-labelledby="plaatsing">
        <h2 id="plaatsing">Plaatsing, nazorg en afsluiting</h2>
        {data.placements.length ? (
          <table className="data">
            <caption className="visually-hidden">Plaatsingen van casus {c.code}</caption>
            <thead>
              <tr><th scope="col">Waar</th><th scope="col">Zorgfunctie</th><th scope="col">Financiering</th><th scope="col">Start</th><th scope="col">Toelichting</th></tr>
            </thead>
            <tbody>
              {data.placements.map((p) => (
                <tr key={p.id}>
                  <td>{p.organisationName}</td>
                  <td>{CARE_FUNCTION_LABELS[p.careFunction]}</td>
                  <td>{FUNDING_TYPE_LABELS[p.fundingType]}</td>
                  <td><Day value={p.startDate} /></td>
                  <td>{p.notes ?? <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Nog niet geplaatst. Plaatsen kan zodra de financiering is geregeld.</p>
        )}

        {data.canPlace ? (
          <Form method="post" noValidate aria-labelledby="plaatsen">
            <h3 id="plaatsen">Plaatsing vastleggen</h3>
            <input type="hidden" name="intent" value="place" />
            <Errors errors={placeErrors} />
            <div className="form-grid">
              <Field name="organisationId" label="Waar" required errors={placeErrors?.fieldErrors} values={placeErrors?.values}>
                <option value="">Kies een organisatie</option>
                {data.organisations.map((o) => (
                  <option key={o.id} value={o.id}>{o.name}</option>
                ))}
              </Field>
              <Field name="careFunction" label="Zorgfunctie" required errors={placeErrors?.fieldErrors} values={placeErrors?.values}>
                <option value="">Kies een zorgfunctie</option>
                {CARE_FUNCTIONS.map((f) => (
                  <option key={f} value={f}>{CARE_FUNCTION_LABELS[f]}</option>
                ))}
              </Field>
              <Field
                name="fundingType"
                label="Financiering"
                errors={placeErrors?.fieldErrors}
                values={placeErrors?.values}
                hint={data.funding ? `Vastgelegd: ${data.funding.label}. Leeg laten neemt die over.` : undefined}
              >
                <option value="">Zoals vastgelegd bij de casus</option>
                {FUNDING_TYPES.map((f) => (
                  <option key={f} value={f}>{FUNDING_TYPE_LABELS[f]}</option>
                ))}
              </Field>
              <Field
                name="placementStart"
                label="Startdatum"
                type="date"
                required
                hint={`Niet vóór de ontvangst van de verwijzing (${formatDay(c.receivedDate)}).`}
                errors={placeErrors?.fieldErrors}
                values={placeErrors?.values}
              />
            </div>
            <Field name="notes" label="Toelichting" type="textarea" errors={placeErrors?.fieldErrors} values={placeErrors?.values} />
            <button type="submit" className="button" disabled={busy}>Plaatsen</button>
          </Form>
        ) : null}

        {data.canFollowUp ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start_follow_up" />
            <p>De patiënt is geplaatst. Start de nazorg als de plaatsing loopt.</p>
            <button type="submit" className="button" disabled={busy}>Nazorg starten</button>
          </Form>
        ) : null}

        {data.canClose ? (
          <Form method="post" noValidate aria-labelledby="afsluiten">
            <h3 id="afsluiten">Casus afsluiten</h3>
            <input type="hidden" name="intent" value="close" />
            <Errors errors={closeErrors} />
            <Field name="closeKind" label="Reden van afsluiten" required errors={closeErrors?.fieldErrors} values={closeErrors?.values}>
              <option value="">Kies een reden</option>
              {CLOSURE_REASONS.map((r) => <option key={r} value={r}>{CLOSURE_REASON_LABELS[r]}</option>)}
            </Field>
            <Field name="closeReason" label="Toelichting" type="textarea" errors={closeErrors?.fieldErrors} values={closeErrors?.values} hint="Verplicht bij ‘Anders’." />
            <button type="submit" className="button button--danger" disabled={busy}>Casus afsluiten</button>
          </Form>
        ) : null}

        {data.closing ? (
          <dl className="facts">
            <dt>Afgesloten</dt><dd>{data.closing.at}</dd>
            <dt>Reden</dt><dd>{data.closing.reason ?? <span className="muted">–</span>}</dd>
          </dl>
        ) : null}
      </section>
    </>
  );
}
