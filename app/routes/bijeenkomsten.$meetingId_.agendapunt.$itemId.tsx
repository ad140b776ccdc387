import { formatDate } from "~/domain/format";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { formatClockRange, formatMeetingDay } from "~/domain/meetings";
import { audit } from "~/models/audit.server";
import { actorOf, denyAccess, requireUser, type CurrentUser } from "~/lib/auth.server";
import { parseId, requireCase } from "~/lib/case-access.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import { meetingAccess, requireMeetingChair } from "~/lib/meeting-access.server";
import { ACTION_ROWS, CHECK_FIELDS, fieldFailure, MinutesIntent, MinutesTextSchema, parseActionRows, RemoveActionSchema } from "~/lib/meeting-forms";
import { actionsOf, activeOrganisations, agendaOf, removeAction, saveMinutes } from "~/models/meetings.server";
import { ownerPeople } from "~/models/plan.server";
import { minutesTimeProblem } from "~/domain/minutes";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Verslag ${data.item.code} – Regiotafel` : "Verslag – Regiotafel" }];

const DONE = {
  opgeslagen: "Het verslag is opgeslagen.",
  afgesloten: "Het agendapunt is afgesloten en de casus staat op ‘Besproken’.",
  "actie-verwijderd": "De actie is verwijderd.",
} as const;

const today = () => formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);

/** The agenda item in the URL, if this person may see it: table members all, a guest only theirs. */
function itemFor(request: Request, context: LoaderFunctionArgs["context"], user: CurrentUser, params: LoaderFunctionArgs["params"]) {
  const access = meetingAccess(request, context, user, params.meetingId);
  const itemId = parseId(params.itemId);
  const item = itemId ? agendaOf(context.services.db, access.meeting.id).find((i) => i.id === itemId) : undefined;
  if (!item || (access.kind === "guest" && !access.guestItemIds.includes(item.id))) {
    denyAccess(request, context, user, { status: 404, objectType: "agenda_item", objectId: params.itemId, detail: "agenda item" });
  }
  return { access, item };
}

// The minutes of one agenda item: what was discussed, the decisions and the actions with owner
// and date. Reading them is a view of patient data (audited with the patient by requireCase);
// the chair writes them and closes the item, after which they are read-only.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { access, item } = itemFor(request, context, user, params);
  await requireCase(request, context, String(item.caseId), "case:read", "agenda.minutes.view");
  const { db } = context.services;
  const { meeting } = access;
  const open = !item.closedAt;
  return {
    meeting: { id: meeting.id, title: meeting.title, day: formatMeetingDay(meeting.startsAt), tableName: meeting.tableName },
    item: {
      id: item.id,
      caseId: item.caseId,
      code: item.code,
      time: formatClockRange(item.startsAt, item.durationMinutes),
      discussion: item.discussion,
      decisions: item.decisions,
      closedAt: item.closedAt ? formatAmsterdam(item.closedAt) : null,
    },
    actions: actionsOf(db, item.id),
    canEdit: access.isChair && open,
    /** Minutes are typed live: from the meeting's start on. */
    startsAt: minutesTimeProblem(meeting.startsAt, new Date()),
    organisations: access.isChair && open ? activeOrganisations(db) : [],
    people: access.isChair && open ? ownerPeople(db, meeting.tableId) : [],
    today: today(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { access, item } = itemFor(request, context, user, params);
  const formData = await request.formData();
  const intent = MinutesIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  requireMeetingChair(request, context, user, access, intent.data);
  await requireCase(request, context, String(item.caseId), "case:read", "agenda.minutes.edit");
  const { db } = context.services;
  const page = `/bijeenkomsten/${access.meeting.id}/agendapunt/${item.id}`;
  if (item.closedAt) return failure("Dit agendapunt is al afgesloten en kan niet meer worden gewijzigd.", formData);
  const record = (action: string, detail: string) =>
    audit(db, { action, actor: actorOf(user), objectType: "agenda_item", objectId: item.id, patientId: item.patientId, detail, origin: context.origin });

  if (intent.data === "remove_action") {
    const parsed = parseForm(RemoveActionSchema, formData);
    if (!parsed.ok || !removeAction(db, item.id, parsed.data.actionId)) return failure("Deze actie bestaat niet (meer).", formData);
    record("agenda.action.remove", `${item.code} actie ${parsed.data.actionId}`);
    return redirectWithFlash(context, page, DONE["actie-verwijderd"]);
  }

  const text = parseForm(MinutesTextSchema, formData);
  const rows = parseActionRows(formData, today());
  const fieldErrors = { ...(text.ok ? {} : text.fieldErrors), ...rows.errors };
  if (!text.ok || Object.keys(rows.errors).length) return fieldFailure(formData, fieldErrors);
  const organisationIds = new Set(activeOrganisations(db).map((o) => o.id));
  const peopleIds = new Set(ownerPeople(db, access.meeting.tableId).map((p) => p.id));
  const unknownOwner = rows.rows.findIndex((r) => r.ownerOrganisationId != null && !organisationIds.has(r.ownerOrganisationId));
  if (unknownOwner >= 0) return fieldFailure(formData, { [`actions.${unknownOwner}.ownerOrganisationId`]: ["Kies een organisatie uit de lijst."] });
  const unknownPerson = rows.rows.findIndex((r) => r.ownerUserId != null && !peopleIds.has(r.ownerUserId));
  if (unknownPerson >= 0) return fieldFailure(formData, { [`actions.${unknownPerson}.ownerUserId`]: ["Kies een persoon uit de lijst."] });

  const close = intent.data === "close";
  const saved = saveMinutes(
    db,
    access.meeting.id,
    item.id,
    { discussion: text.data.discussion, decisions: text.data.decisions, actions: rows.rows },
    close ? { userId: user.id, actor: { userId: user.id, organisationId: user.organisationId } } : null,
  );
  if (!saved.ok) return failure(saved.error, formData);
  record(close ? "agenda.close" : "agenda.minutes.save", `${item.code}, ${rows.rows.length} nieuwe actie(s)`);
  return redirectWithFlash(context, page, DONE[close ? "afgesloten" : "opgeslagen"]);
}

/** Text as typed, one paragraph per line. */
function Paragraphs({ text }: { text: string | null }) {
  const lines = (text ?? "").split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return <p className="muted">Niet ingevuld.</p>;
  return <>{lines.map((line, i) => <p key={i}>{line}</p>)}</>;
}

export default function MinutesPage() {
  const { meeting, item, actions, canEdit: editable, startsAt, organisations, people, today } = useLoaderData<typeof loader>();
  const canEdit = editable && !startsAt;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const typedRows = errors ? Object.keys(errors.values).map((k) => /^actions\.(\d+)\./.exec(k)).filter(Boolean).map((m) => Number(m![1]) + 1) : [];
  const rowCount = Math.max(ACTION_ROWS, ...typedRows);

  return (
    <>
      <p><Link to={`/bijeenkomsten/${meeting.id}`}>← {meeting.title}, {meeting.day}</Link></p>
      <h1>Verslag agendapunt {item.code}</h1>
      <p className="lead">
        Tafel {meeting.tableName} · {item.time} · <Link to={`/casussen/${item.caseId}`}>Casus {item.code} openen</Link>
        {item.closedAt ? <> · <span className="badge badge--ok">Afgesloten op {item.closedAt}</span></> : null}
      </p>
      <FormError message={errors ? (errors.formError ?? CHECK_FIELDS) : undefined} errors={errors?.fieldErrors} />

      <section className="card" aria-labelledby="acties">
        <h2 id="acties">Afgesproken acties</h2>
        {actions.length ? (
          <table className="data">
            <caption className="visually-hidden">Acties bij dit agendapunt</caption>
            <thead>
              <tr>
                <th scope="col">Actie</th>
                <th scope="col">Door</th>
                <th scope="col">Uiterlijk</th>
                {canEdit ? <th scope="col"><span className="visually-hidden">Verwijderen</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.description}</td>
                  <td>{a.owner}</td>
                  <td>{formatDate(a.dueDate)}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove_action" />
                        <input type="hidden" name="actionId" value={a.id} />
                        <button type="submit" className="button button--secondary button--small" disabled={busy}>Verwijderen<span className="visually-hidden">: {a.description}</span></button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er zijn nog geen acties afgesproken.</p>
        )}
      </section>

      {editable && startsAt ? (
        <p className="alert" role="status">{startsAt}</p>
      ) : null}
      {canEdit ? (
        <Form method="post" className="card" aria-labelledby="verslag">
          <h2 id="verslag">Verslag</h2>
          <p>Leg het verslag tijdens de bespreking vast. Na ‘Agendapunt afsluiten’ kan het niet meer worden gewijzigd.</p>
          <Field name="discussion" label="Wat is besproken" type="textarea" errors={errors?.fieldErrors} values={errors?.values} defaultValue={item.discussion ?? ""} />
          <Field name="decisions" label="Besluiten" type="textarea" errors={errors?.fieldErrors} values={errors?.values} defaultValue={item.decisions ?? ""} />
          <h3>Nieuwe acties</h3>
          <p className="hint">Vul alleen de regels in die u nodig heeft; lege regels worden overgeslagen. Na opslaan komen er nieuwe lege regels bij.</p>
          {Array.from({ length: rowCount }, (_, i) => (
            <fieldset key={i}>
              <legend>Nieuwe actie {i + 1}</legend>
              <div className="form-grid">
                <Field name={`actions.${i}.description`} label="Beschrijving" errors={errors?.fieldErrors} values={errors?.values} />
                <Field name={`actions.${i}.ownerUserId`} label="Uitvoerende persoon" errors={errors?.fieldErrors} values={errors?.values} hint="Of kies hieronder een organisatie.">
                  <option value="">Geen persoon</option>
                  {people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.organisation})</option>)}
                </Field>
                <Field name={`actions.${i}.ownerOrganisationId`} label="Uitvoerende organisatie" errors={errors?.fieldErrors} values={errors?.values}>
                  <option value="">Kies een organisatie</option>
                  {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </Field>
                <Field name={`actions.${i}.dueDate`} label="Uiterlijk" type="date" errors={errors?.fieldErrors} values={errors?.values} hint={`Vanaf ${formatDate(today)}`} />
              </div>
            </fieldset>
          ))}
          <div className="actions">
            <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>Verslag opslaan</button>
            <button type="submit" name="intent" value="close" className="button" disabled={busy}>Agendapunt afsluiten</button>
          </div>
        </Form>
      ) : (
        <section className="card" aria-labelledby="verslag">
          <h2 id="verslag">Verslag</h2>
          <h3>Wat is besproken</h3>
          <Paragraphs text={item.discussion} />
          <h3>Besluiten</h3>
          <Paragraphs text={item.decisions} />
        </section>
      )}
    </>
  );
}
