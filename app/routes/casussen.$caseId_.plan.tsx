import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, fieldId, FormError, useFormFailure } from "~/components/form";
import { PlanAgreement } from "~/components/plan-agreement";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { can } from "~/domain/permissions";
import { isOverdue, planEditProblem, planReadyToAgree } from "~/domain/plan";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, LIFE_DOMAIN_LABELS, LIFE_DOMAINS, type ActionStatus } from "~/domain/vocabulary";
import { denyAccess, requireUser } from "~/lib/auth.server";
import { parseId, requireCase } from "~/lib/case-access.server";
import { formatDate } from "~/domain/format";
import { failure, type FormFailure } from "~/lib/forms";
import { PlanIntent } from "~/lib/plan-forms";
import { versionState } from "~/models/plan-versions.server";
import { ownerOrganisations, planOf } from "~/models/plan.server";
import { answerCaseAction } from "~/services/case-action.server";
import { changePlan, planToday } from "~/services/care-plan.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Plan ${data.case.code} – Regiotafel` : "Plan – Regiotafel" }];

// The integral treatment-and-care plan of one case: goals per life domain and actions with owner
// and deadline. Everyone who may read the case reads the plan (requireCase audits the view with
// the patient); only the chair of the case's table changes it. The page names the case by its
// code: the plan needs no identity.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "plan.view");
  const { db } = context.services;
  const c = found.case;
  const isChair = can(user.principal, "case:screen", { tableId: c.tableId });
  const { plan, goals, actions, meeting } = planOf(db, c.id);
  const day = planToday();
  const editProblem = planEditProblem(c.status);
  const canEdit = isChair && !editProblem;
  const editGoalId = canEdit ? parseId(new URL(request.url).searchParams.get("wijzig") ?? undefined) : null;
  return {
    case: { id: c.id, code: c.code, status: c.status, tableName: found.tableName, tableNumber: found.tableNumber },
    plan: plan ? { agreedAt: plan.agreedAt ? formatAmsterdam(plan.agreedAt) : null, updatedAt: formatAmsterdam(plan.updatedAt) } : null,
    meeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: formatAmsterdam(meeting.startsAt) } : null,
    goals,
    actions: actions.map((a) => ({ ...a, overdue: isOverdue(a, day) })),
    isChair,
    canEdit,
    editProblem: isChair ? editProblem : null,
    editGoalId: editGoalId && goals.some((g) => g.id === editGoalId) ? editGoalId : null,
    // "Plan vaststellen" is offered to the chair once the case has been discussed.
    agree:
      isChair && c.status === "discussed"
        ? planReadyToAgree({ caseStatus: c.status, goalCount: goals.length, actionCount: actions.length, agreedAt: plan?.agreedAt })
        : null,
    organisations: canEdit ? ownerOrganisations(db) : [],
    versions: (({ version, lastAt, lastBy, changed }) => ({ version, lastAt: lastAt ? formatAmsterdam(lastAt) : null, lastBy, changed }))(versionState(db, c.id)),
    today: day,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "plan.edit");
  const c = found.case;
  const formData = await request.formData();
  const intent = PlanIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  // Table members, guests and the advisor read the plan; changing it is the chair's.
  if (!can(user.principal, "case:screen", { tableId: c.tableId })) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }
  return answerCaseAction(context, changePlan({ context, user, found }, intent.data, formData), `/casussen/${c.id}/plan`);
}

// ── Page ──────────────────────────────────────────────────────────────────────

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const STATUS_BADGE: Record<ActionStatus, string> = { open: "badge", in_progress: "badge badge--warn", done: "badge badge--ok", cancelled: "badge" };

function GoalForm({ intent, goal, failed, busy, scope }: { intent: "add_goal" | "edit_goal"; goal?: Data["goals"][number]; failed?: FormFailure; busy: boolean; scope: string }) {
  const values = failed?.values ?? { lifeDomain: goal?.lifeDomain ?? "", goal: goal?.goal ?? "" };
  return (
    <Form method="post" noValidate aria-label={intent === "add_goal" ? "Doel toevoegen" : "Doel wijzigen"}>
      <input type="hidden" name="intent" value={intent} />
      {goal ? <input type="hidden" name="goalId" value={goal.id} /> : null}
      <FormError failure={failed} scope={scope} />
      <Field name="lifeDomain" label="Levensdomein" required scope={scope} errors={failed?.fieldErrors} values={values}>
        <option value="">Kies een levensdomein</option>
        {LIFE_DOMAINS.map((d) => <option key={d} value={d}>{LIFE_DOMAIN_LABELS[d]}</option>)}
      </Field>
      <Field name="goal" label="Doel" type="textarea" rows={3} required scope={scope} errors={failed?.fieldErrors} values={values} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{intent === "add_goal" ? "Doel toevoegen" : "Doel opslaan"}</button>
        {intent === "edit_goal" ? <Link to="?#doelen">Annuleren</Link> : null}
      </div>
    </Form>
  );
}

export default function PlanPage() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { case: c, plan, goals, actions, canEdit, organisations } = data;
  const failures = useFormFailure();
  const errorsFor = failures.of;
  const goalLabel = (id: number | null) => {
    const goal = id == null ? undefined : goals.find((g) => g.id === id);
    return goal ? `${LIFE_DOMAIN_LABELS[goal.lifeDomain]}: ${goal.goal}` : null;
  };
  const editErrors = errorsFor("edit_goal");
  const editingId = editErrors ? Number(editErrors.values.goalId) : data.editGoalId;
  const addGoalErrors = errorsFor("add_goal");
  const addActionErrors = errorsFor("add_action");
  const statusErrors = errorsFor("action_status");
  const versionErrors = errorsFor("new_version");
  // A status failure shows in its row; one for an action no longer on the page, at the top.
  const statusInRow = Boolean(statusErrors && actions.some((a) => String(a.id) === String(statusErrors.values.actionId)));
  const overdueCount = actions.filter((a) => a.overdue).length;

  return (
    <>
      <p><Link to={`/casussen/${c.id}`}>← Casus {c.code}</Link></p>
      <h1>Integraal behandel- en zorgplan {c.code}</h1>
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <span className="badge">{CASE_STATE_LABELS[c.status]}</span> ·{" "}
        <Link to={`/casussen/${c.id}/arrangementen`}>Maatwerk-arrangementen</Link>
      </p>
      <FormError failure={failures.other(["add_goal", "edit_goal", "add_action", "new_version", ...(statusInRow ? ["action_status"] : [])])} />

      <PlanAgreement
        caseId={c.id}
        agreedAt={plan?.agreedAt ?? null}
        meeting={data.meeting}
        editProblem={data.editProblem}
        agree={data.agree}
        versions={data.versions}
        isChair={data.isChair}
        busy={busy}
        versionFailed={versionErrors}
      />

      <section className="card" aria-labelledby="doelen">
        <h2 id="doelen">Doelen per levensdomein</h2>
        {LIFE_DOMAINS.map((domain) => {
          const own = goals.filter((g) => g.lifeDomain === domain);
          return (
            <section key={domain} aria-labelledby={`domein-${domain}`}>
              <h3 id={`domein-${domain}`}>{LIFE_DOMAIN_LABELS[domain]}</h3>
              {own.length ? (
                <ul>
                  {own.map((g) => (
                    <li key={g.id} id={`doel-${g.id}`}>
                      {canEdit && editingId === g.id ? (
                        <GoalForm intent="edit_goal" goal={g} failed={editErrors} busy={busy} scope={`doel-${g.id}`} />
                      ) : (
                        <>
                          {g.goal}
                          {canEdit ? (
                            <div className="actions">
                              <Link className="button button--secondary button--small" to={`?wijzig=${g.id}#doel-${g.id}`}>
                                Wijzigen<span className="visually-hidden"> doel: {g.goal}</span>
                              </Link>
                              <Form method="post">
                                <input type="hidden" name="intent" value="remove_goal" />
                                <input type="hidden" name="goalId" value={g.id} />
                                <button type="submit" className="button button--danger button--small" disabled={busy}>
                                  Verwijderen<span className="visually-hidden"> doel: {g.goal}</span>
                                </button>
                              </Form>
                            </div>
                          ) : null}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Geen doelen.</p>
              )}
            </section>
          );
        })}
        {canEdit ? (
          <>
            <h3>Nieuw doel</h3>
            {/* The key empties the form (also with JavaScript) once a goal was added. */}
            <GoalForm key={`nieuw-doel-${goals.length}`} intent="add_goal" failed={addGoalErrors} busy={busy} scope="nieuw-doel" />
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="acties">
        <h2 id="acties">Acties</h2>
        {overdueCount ? (
          <p className="alert alert--warn">{overdueCount === 1 ? "1 actie is over de uiterste datum." : `${overdueCount} acties zijn over de uiterste datum.`}</p>
        ) : null}
        {actions.length ? (
          <table className="data">
            <caption className="visually-hidden">Acties van het plan</caption>
            <thead>
              <tr>
                <th scope="col">Actie</th>
                <th scope="col">Doel</th>
                <th scope="col">Uitvoerende organisatie</th>
                <th scope="col">Uiterlijk</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => {
                const rowErrors = statusErrors && String(statusErrors.values.actionId) === String(a.id) ? statusErrors : undefined;
                const statusError = rowErrors?.fieldErrors.status?.[0];
                const statusId = fieldId("status", `actie-${a.id}`);
                return (
                  <tr key={a.id}>
                    <td>{a.description}</td>
                    <td>{goalLabel(a.goalId) ?? <span className="muted">Geen</span>}</td>
                    <td>{a.owner}</td>
                    <td>
                      {formatDate(a.dueDate)}
                      {a.overdue ? <> <span className="badge badge--error">Te laat</span></> : null}
                    </td>
                    <td>
                      {canEdit ? (
                        <Form method="post" aria-label={`Status van actie: ${a.description}`}>
                          <input type="hidden" name="intent" value="action_status" />
                          <input type="hidden" name="actionId" value={a.id} />
                          <FormError failure={rowErrors} scope={`actie-${a.id}`} />
                          <label className="visually-hidden" htmlFor={statusId}>Status van actie: {a.description}</label>
                          <select
                            id={statusId}
                            name="status"
                            defaultValue={a.status}
                            aria-invalid={statusError ? true : undefined}
                            aria-describedby={statusError ? `${statusId}-fout` : undefined}
                          >
                            {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
                          </select>{" "}
                          <button type="submit" className="button button--secondary button--small" disabled={busy}>
                            Opslaan<span className="visually-hidden"> status van actie: {a.description}</span>
                          </button>
                          {statusError ? <p className="field-error" id={`${statusId}-fout`}>{statusError}</p> : null}
                        </Form>
                      ) : (
                        <span className={STATUS_BADGE[a.status]}>{ACTION_STATUS_LABELS[a.status]}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er zijn nog geen acties.</p>
        )}
        {canEdit ? (
          <Form key={`nieuwe-actie-${actions.length}`} method="post" noValidate aria-labelledby="nieuwe-actie">
            <h3 id="nieuwe-actie">Nieuwe actie</h3>
            <input type="hidden" name="intent" value="add_action" />
            <FormError failure={addActionErrors} />
            <div className="form-grid">
              <Field name="description" label="Beschrijving" required errors={addActionErrors?.fieldErrors} values={addActionErrors?.values} />
              <Field name="ownerOrganisationId" label="Uitvoerende organisatie" required errors={addActionErrors?.fieldErrors} values={addActionErrors?.values}>
                <option value="">Kies een organisatie</option>
                {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </Field>
              <Field name="dueDate" label="Uiterlijk" type="date" required errors={addActionErrors?.fieldErrors} values={addActionErrors?.values} hint={`Vanaf ${formatDate(data.today)}`} />
              <Field name="goalId" label="Hoort bij doel" errors={addActionErrors?.fieldErrors} values={addActionErrors?.values} hint="Niet verplicht.">
                <option value="">Geen doel</option>
                {goals.map((g) => <option key={g.id} value={g.id}>{LIFE_DOMAIN_LABELS[g.lifeDomain]}: {g.goal.length > 80 ? `${g.goal.slice(0, 80)}…` : g.goal}</option>)}
              </Field>
            </div>
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>Actie toevoegen</button>
            </div>
          </Form>
        ) : null}
      </section>
    </>
  );
}
