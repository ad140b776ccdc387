import { formatDate } from "~/lib/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { can } from "~/domain/permissions";
import { isOverdue, planEditProblem, planReadyToAgree } from "~/domain/plan";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, LIFE_DOMAIN_LABELS, LIFE_DOMAINS, type ActionStatus } from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { actorOf, denyAccess, requireUser } from "~/lib/auth.server";
import { parseId, requireCase } from "~/lib/case-access.server";
import { failure, formValues, parseForm, type FieldErrors, type FormFailure } from "~/lib/forms";
import { ActionSchema, ActionStatusSchema, CHECK_FIELDS, EditGoalSchema, GoalSchema, PlanIntent, RemoveGoalSchema, NewVersionSchema } from "~/lib/plan-forms";
import { PlanAgreement } from "~/components/plan-agreement";
import { fixNewVersion, versionState } from "~/models/plan-versions.server";
import { addAction, addGoal, agreePlan, ownerOrganisations, planOf, removeGoal, setActionStatus, updateGoal } from "~/models/plan.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Plan ${data.case.code} – Regiotafel` : "Plan – Regiotafel" }];

const DONE: Record<string, string> = {
  "doel-toegevoegd": "Het doel is toegevoegd.",
  "doel-gewijzigd": "Het doel is gewijzigd.",
  "doel-verwijderd": "Het doel is verwijderd. Acties bij dit doel staan nu zonder doel in het plan.",
  "actie-toegevoegd": "De actie is toegevoegd.",
  "status-gewijzigd": "De status van de actie is gewijzigd.",
  vastgesteld: "Het plan is vastgesteld. De casus staat nu op ‘Plan vastgesteld’.",
  "nieuwe-versie": "De wijzigingen zijn vastgelegd als nieuwe versie van het plan.",
};

/** Today in Dutch local time (yyyy-mm-dd): deadlines are calendar days. */
const today = () => formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);

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
  const day = today();
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
  const { db } = context.services;
  const c = found.case;
  const formData = await request.formData();
  const intent = PlanIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);

  // Table members, guests and the advisor read the plan; changing it is the chair's.
  if (!can(user.principal, "case:screen", { tableId: c.tableId })) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${intent.data}` });
  }
  const problem = intent.data === "agree" ? null : planEditProblem(c.status);
  if (problem) return failure(problem, formData);

  const record = (action: string, detail: string) =>
    audit(db, { action, actor: actorOf(user), objectType: "care_plan", objectId: c.id, patientId: c.patientId, detail: `${c.code}: ${detail}`, origin: context.origin });
  const page = `/casussen/${c.id}/plan`;

  switch (intent.data) {
    case "add_goal": {
      const parsed = parseForm(GoalSchema, formData);
      if (!parsed.ok) return withCheck(parsed);
      const { goalId } = addGoal(db, c.id, parsed.data);
      record("plan.goal_add", `doel ${goalId} toegevoegd (${LIFE_DOMAIN_LABELS[parsed.data.lifeDomain]})`);
      return redirect(`${page}?gelukt=doel-toegevoegd#doelen`);
    }
    case "edit_goal": {
      const parsed = parseForm(EditGoalSchema, formData);
      if (!parsed.ok) return withCheck(parsed);
      if (!updateGoal(db, c.id, parsed.data.goalId, { lifeDomain: parsed.data.lifeDomain, goal: parsed.data.goal })) {
        return failure("Dit doel bestaat niet (meer).", formData);
      }
      record("plan.goal_edit", `doel ${parsed.data.goalId} gewijzigd (${LIFE_DOMAIN_LABELS[parsed.data.lifeDomain]})`);
      return redirect(`${page}?gelukt=doel-gewijzigd#doelen`);
    }
    case "remove_goal": {
      const parsed = parseForm(RemoveGoalSchema, formData);
      const removed = parsed.ok ? removeGoal(db, c.id, parsed.data.goalId) : null;
      if (!parsed.ok || !removed) return failure("Dit doel bestaat niet (meer).", formData);
      record("plan.goal_remove", `doel ${parsed.data.goalId} verwijderd, ${removed.unlinked} actie(s) zonder doel`);
      return redirect(`${page}?gelukt=doel-verwijderd#doelen`);
    }
    case "add_action": {
      const parsed = parseForm(ActionSchema, formData);
      if (!parsed.ok) return withCheck(parsed);
      const errors: FieldErrors = {};
      if (parsed.data.dueDate < today()) errors.dueDate = ["Kies een datum vanaf vandaag."];
      if (!ownerOrganisations(db).some((o) => o.id === parsed.data.ownerOrganisationId)) errors.ownerOrganisationId = ["Kies een organisatie uit de lijst."];
      if (Object.keys(errors).length) return fieldFailure(formData, errors);
      const added = addAction(db, c.id, parsed.data);
      if (!added.ok) return fieldFailure(formData, { goalId: [added.error] });
      record("plan.action_add", `actie ${added.actionId} toegevoegd, organisatie ${parsed.data.ownerOrganisationId}, uiterlijk ${parsed.data.dueDate}`);
      return redirect(`${page}?gelukt=actie-toegevoegd#acties`);
    }
    case "action_status": {
      const parsed = parseForm(ActionStatusSchema, formData);
      if (!parsed.ok) return withCheck(parsed);
      const changed = setActionStatus(db, c.id, parsed.data.actionId, parsed.data.status);
      if (!changed) return failure("Deze actie bestaat niet (meer).", formData);
      record("plan.action_status", `actie ${parsed.data.actionId}: ${ACTION_STATUS_LABELS[changed.from]} → ${ACTION_STATUS_LABELS[parsed.data.status]}`);
      return redirect(`${page}?gelukt=status-gewijzigd#acties`);
    }
    case "new_version": {
      const parsed = parseForm(NewVersionSchema, formData);
      if (!parsed.ok) return { ...parsed, formError: parsed.fieldErrors.versionReason?.[0] ?? CHECK_FIELDS };
      const fixed = fixNewVersion(db, c.id, parsed.data.versionReason, user.id);
      if (!fixed.ok) return failure(fixed.error, formData);
      record("plan.version", `versie ${fixed.version} vastgelegd`);
      return redirect(`${page}?gelukt=nieuwe-versie`);
    }
    case "agree": {
      const agreed = agreePlan(db, c.id, { userId: user.id, organisationId: user.organisationId });
      if (!agreed.ok) return failure(agreed.error, formData);
      record("plan.agree", `plan vastgesteld${agreed.meetingId ? ` (bijeenkomst ${agreed.meetingId})` : ""}`);
      return redirect(`${page}?gelukt=vastgesteld`);
    }
  }
}

const withCheck = (f: FormFailure): FormFailure => ({ ...f, formError: f.formError ?? CHECK_FIELDS });
const fieldFailure = (formData: FormData, fieldErrors: FieldErrors): FormFailure => ({ ok: false, fieldErrors, formError: CHECK_FIELDS, values: formValues(formData) });

// ── Page ──────────────────────────────────────────────────────────────────────

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const STATUS_BADGE: Record<ActionStatus, string> = { open: "badge", in_progress: "badge badge--warn", done: "badge badge--ok", cancelled: "badge" };

function GoalForm({
  intent,
  goal,
  errors,
  busy,
  idPrefix,
}: {
  intent: "add_goal" | "edit_goal";
  goal?: Data["goals"][number];
  errors?: FormFailure;
  busy: boolean;
  idPrefix: string;
}) {
  const err = errors?.fieldErrors;
  const value = (name: string, fallback: string) => {
    const v = errors?.values[name];
    return typeof v === "string" ? v : fallback;
  };
  const domainError = err?.lifeDomain?.[0];
  const goalError = err?.goal?.[0];
  return (
    <Form method="post" noValidate aria-label={intent === "add_goal" ? "Doel toevoegen" : "Doel wijzigen"}>
      <input type="hidden" name="intent" value={intent} />
      {goal ? <input type="hidden" name="goalId" value={goal.id} /> : null}
      <div className={`field${domainError ? " field--error" : ""}`}>
        <label htmlFor={`${idPrefix}-domein`}>Levensdomein<span aria-hidden="true"> *</span></label>
        <select
          id={`${idPrefix}-domein`}
          name="lifeDomain"
          required
          defaultValue={value("lifeDomain", goal?.lifeDomain ?? "")}
          aria-invalid={domainError ? true : undefined}
          aria-describedby={domainError ? `${idPrefix}-domein-fout` : undefined}
        >
          <option value="">Kies een levensdomein</option>
          {LIFE_DOMAINS.map((d) => <option key={d} value={d}>{LIFE_DOMAIN_LABELS[d]}</option>)}
        </select>
        {domainError ? <p className="field-error" id={`${idPrefix}-domein-fout`}>{domainError}</p> : null}
      </div>
      <div className={`field${goalError ? " field--error" : ""}`}>
        <label htmlFor={`${idPrefix}-doel`}>Doel<span aria-hidden="true"> *</span></label>
        <textarea
          id={`${idPrefix}-doel`}
          name="goal"
          rows={3}
          required
          defaultValue={value("goal", goal?.goal ?? "")}
          aria-invalid={goalError ? true : undefined}
          aria-describedby={goalError ? `${idPrefix}-doel-fout` : undefined}
        />
        {goalError ? <p className="field-error" id={`${idPrefix}-doel-fout`}>{goalError}</p> : null}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{intent === "add_goal" ? "Doel toevoegen" : "Doel opslaan"}</button>
        {intent === "edit_goal" ? <Link to="?#doelen">Annuleren</Link> : null}
      </div>
    </Form>
  );
}

export default function PlanPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { case: c, plan, goals, actions, canEdit, organisations } = data;
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors ? String(errors.values.intent ?? "") : "";
  const errorsFor = (intent: string) => (errors && errorIntent === intent ? errors : undefined);
  const done = !errors ? DONE[searchParams.get("gelukt") ?? ""] : undefined;
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
  const formIntents = ["add_goal", "edit_goal", "add_action", "new_version"];
  const generalError = errors && !formIntents.includes(errorIntent) ? (errors.formError ?? CHECK_FIELDS) : undefined;
  const overdueCount = actions.filter((a) => a.overdue).length;

  return (
    <>
      <p><Link to={`/casussen/${c.id}`}>← Casus {c.code}</Link></p>
      <h1>Integraal behandel- en zorgplan {c.code}</h1>
      <p className="lead">
        Regiotafel {c.tableNumber}. {c.tableName} · <span className="badge">{CASE_STATE_LABELS[c.status]}</span> ·{" "}
        <Link to={`/casussen/${c.id}/arrangementen`}>Maatwerk-arrangementen</Link>
      </p>
      {done ? <div className="alert alert--ok" role="status">{done}</div> : null}
      <FormError message={generalError} />

      <PlanAgreement
        caseId={c.id}
        agreedAt={plan?.agreedAt ?? null}
        meeting={data.meeting}
        editProblem={data.editProblem}
        agree={data.agree}
        versions={data.versions}
        isChair={data.isChair}
        busy={busy}
        versionError={versionErrors ? { message: versionErrors.formError ?? CHECK_FIELDS, reason: String(versionErrors.values.versionReason ?? "") } : undefined}
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
                        <GoalForm intent="edit_goal" goal={g} errors={editErrors} busy={busy} idPrefix={`doel-${g.id}`} />
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
            <FormError message={addGoalErrors ? (addGoalErrors.formError ?? CHECK_FIELDS) : undefined} errors={addGoalErrors?.fieldErrors} />
            {/* The key empties the form (also with JavaScript) once a goal was added. */}
            <GoalForm key={`nieuw-doel-${goals.length}`} intent="add_goal" errors={addGoalErrors} busy={busy} idPrefix="nieuw-doel" />
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
                          <label className="visually-hidden" htmlFor={`status-${a.id}`}>Status van actie: {a.description}</label>
                          <select
                            id={`status-${a.id}`}
                            name="status"
                            defaultValue={a.status}
                            aria-invalid={statusError ? true : undefined}
                            aria-describedby={statusError ? `status-${a.id}-fout` : undefined}
                          >
                            {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
                          </select>{" "}
                          <button type="submit" className="button button--secondary button--small" disabled={busy}>
                            Opslaan<span className="visually-hidden"> status van actie: {a.description}</span>
                          </button>
                          {statusError ? <p className="field-error" id={`status-${a.id}-fout`}>{statusError}</p> : null}
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
            <FormError message={addActionErrors ? (addActionErrors.formError ?? CHECK_FIELDS) : undefined} errors={addActionErrors?.fieldErrors} />
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
