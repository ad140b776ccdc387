import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, StatusBadge } from "~/components/badge";
import { ConfirmAction } from "~/components/confirm-action";
import { Field, FieldGroup, FormError } from "~/components/form";
import { requireUser } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure } from "~/lib/forms";
import { meetingAccess, requireMeetingChair } from "~/lib/meeting-access.server";
import { CHECK_FIELDS, MeetingIntent } from "~/lib/meeting-forms";
import { CHAIR_ACTIONS, respond, type MeetingActionResult } from "~/services/meeting-actions.server";
import { meetingView } from "~/services/meeting-view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} – Bijeenkomst – Regiotafel` : "Bijeenkomst – Regiotafel" }];


// One meeting: details, agenda and participants. Chair and members of its table see all of it;
// an invited guest expert only the agenda items they were invited to, while their access lasts.
// Agenda items show the case code, never the patient's name.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return meetingView(context, user, meetingAccess(request, context, user, params.meetingId));
}

// Answering the invitation is for whoever is invited; everything else is the chair's, one service
// function per intent (app/services/meeting-actions.server.ts).
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const access = meetingAccess(request, context, user, params.meetingId);
  const formData = await request.formData();
  const intent = MeetingIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  const ctx = { context, user, access };
  if (intent.data === "respond") return answer(context, respond(ctx, formData), access.meeting.id);
  requireMeetingChair(request, context, user, access, intent.data);
  if (access.meeting.cancelled) return failure("Deze bijeenkomst is geannuleerd en kan niet meer worden gewijzigd.", formData);
  return answer(context, CHAIR_ACTIONS[intent.data](ctx, formData), access.meeting.id);
}

const answer = (context: ActionFunctionArgs["context"], result: MeetingActionResult, meetingId: number) =>
  result.ok ? redirectWithFlash(context, `/bijeenkomsten/${meetingId}`, result.message) : result;

export default function MeetingPage() {
  const { meeting, kind, isChair, myResponse, myClashes, items, participants, chair } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const errorIntent = errors?.values.intent;
  const errorsFor = (intent: string) => (errors && errorIntent === intent ? errors : undefined);
  const formIntents = ["add_item", "invite_guest"];
  const generalError = errors && !formIntents.includes(String(errorIntent)) ? (errors.formError ?? Object.values(errors.fieldErrors).flat()[0] ?? CHECK_FIELDS) : undefined;
  const addErrors = errorsFor("add_item");
  const guestErrors = errorsFor("invite_guest");
  const chosenItems = guestErrors ? [guestErrors.values.itemIds ?? []].flat() : [];
  const editable = isChair && !meeting.cancelled;

  return (
    <>
      <p>
        {kind === "table" ? <Link to={`/tafels/${meeting.tableSlug}/bijeenkomsten`}>← Bijeenkomsten tafel {meeting.tableName}</Link> : <Link to="/agenda/abonnement">← Mijn bijeenkomsten</Link>}
      </p>
      <h1>{meeting.title}</h1>
      <p className="lead">
        Bijeenkomst van tafel {meeting.tableName}
        {meeting.cancelled ? <> · <Badge tone="error">Geannuleerd</Badge></> : null}
      </p>
      <FormError message={generalError} />

      <section className="card" aria-labelledby="gegevens">
        <h2 id="gegevens">Gegevens</h2>
        <dl className="facts">
          <dt>Wanneer</dt>
          <dd>{meeting.when} (Nederlandse tijd){meeting.inSeries ? " · maandelijkse reeks" : ""}</dd>
          {meeting.location ? (<><dt>Locatie</dt><dd>{meeting.location}</dd></>) : null}
          {meeting.videoUrl ? (<><dt>Videoverbinding</dt><dd><a href={meeting.videoUrl} rel="noopener noreferrer">{meeting.videoUrl}</a></dd></>) : null}
        </dl>
        <p><a href={`/bijeenkomsten/${meeting.id}/ics`} download>In mijn agenda zetten (.ics)</a></p>
      </section>

      {myResponse ? (
        <section className="card" aria-labelledby="reactie">
          <h2 id="reactie">Uw reactie</h2>
          <p>U heeft {myResponse === "pending" ? "nog niet gereageerd" : myResponse === "accepted" ? "laten weten dat u komt" : "laten weten dat u niet komt"}.</p>
          {myClashes.length ? (
            <div className="alert alert--warn" role="status">
              <p>Let op: u heeft op dat moment al een andere bijeenkomst:</p>
              <ul>{myClashes.map((c, i) => <li key={i}>{c}</li>)}</ul>
            </div>
          ) : null}
          {!meeting.cancelled ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="respond" />
              <button type="submit" name="response" value="accepted" className="button" disabled={busy || myResponse === "accepted"}>Ik kom</button>
              <button type="submit" name="response" value="declined" className="button button--secondary" disabled={busy || myResponse === "declined"}>Ik kom niet</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="agenda">
        <h2 id="agenda">Agenda</h2>
        {kind === "guest" ? <p className="muted">U ziet alleen de agendapunten waarvoor u bent uitgenodigd.</p> : null}
        {items.length ? (
          <table className="data">
            <caption className="visually-hidden">Agenda van de bijeenkomst</caption>
            <thead>
              <tr>
                <th scope="col">Tijd</th>
                <th scope="col">Casus</th>
                <th scope="col">Status</th>
                <th scope="col">Verslag</th>
                {editable ? <th scope="col"><span className="visually-hidden">Acties</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.time}</td>
                  <td><Link to={`/casussen/${item.caseId}`}>{item.code}</Link></td>
                  <td>{item.closed ? <Badge tone="ok">Besproken</Badge> : <StatusBadge status={item.status} />}</td>
                  <td><Link to={`/bijeenkomsten/${meeting.id}/agendapunt/${item.id}`}>{item.closed ? "Verslag lezen" : isChair ? "Verslag maken" : "Verslag"}<span className="visually-hidden"> {item.code}</span></Link></td>
                  {editable ? (
                    <td>
                      {!item.closed ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove_item" />
                          <input type="hidden" name="itemId" value={item.id} />
                          <button type="submit" className="button button--secondary button--small" disabled={busy}>Van de agenda halen<span className="visually-hidden"> {item.code}</span></button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er staan nog geen casussen op de agenda.</p>
        )}

        {editable && chair && !meeting.over ? (
          <>
            <h3 id="agenderen">Casus agenderen</h3>
            {chair.cases.length ? (
              <Form method="post" aria-labelledby="agenderen">
                <input type="hidden" name="intent" value="add_item" />
                <FormError message={addErrors ? (addErrors.formError ?? CHECK_FIELDS) : undefined} errors={addErrors?.fieldErrors} />
                <div className="form-grid">
                  <Field name="caseId" label="Casus" required errors={addErrors?.fieldErrors} values={addErrors?.values}>
                    <option value="">Kies een geïncludeerde casus</option>
                    {chair.cases.map((c) => <option key={c.id} value={c.id}>{c.code}</option>)}
                  </Field>
                  <Field name="startTime" label="Begintijd" type="time" required errors={addErrors?.fieldErrors} values={addErrors?.values} defaultValue={chair.defaultStart} hint={`Binnen de bijeenkomst (${meeting.range})`} />
                  <Field name="durationMinutes" label="Duur (minuten)" type="number" required errors={addErrors?.fieldErrors} values={addErrors?.values} defaultValue="30" />
                </div>
                <div className="actions">
                  <button type="submit" className="button" disabled={busy}>Op de agenda zetten</button>
                </div>
              </Form>
            ) : (
              <p className="muted">Er zijn geen geïncludeerde casussen die nog geagendeerd moeten worden.</p>
            )}
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="deelnemers">
        <h2 id="deelnemers">Deelnemers</h2>
        <table className="data">
          <caption className="visually-hidden">Deelnemers en hun reactie</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Als</th>
              <th scope="col">Reactie</th>
              {kind === "table" ? <th scope="col">Gast bij</th> : null}
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.id}>
                <td>{p.name}{p.isMe ? " (u)" : ""}</td>
                <td>{p.organisation}</td>
                <td>{p.kind}</td>
                <td>{p.response}</td>
                {kind === "table" ? <td>{p.guestItems.length ? `${p.guestItems.join(", ")} (toegang tot en met ${p.accessUntil})` : ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>

        {editable && chair && items.length ? (
          <>
            <h3 id="gast">Gast-expert uitnodigen</h3>
            <p>Een gast-expert van een andere organisatie ziet alleen de gekozen agendapunten en de casussen daarvan, tot en met de gekozen datum.</p>
            <Form method="post" aria-labelledby="gast">
              <input type="hidden" name="intent" value="invite_guest" />
              <FormError message={guestErrors ? (guestErrors.formError ?? CHECK_FIELDS) : undefined} errors={guestErrors?.fieldErrors} />
              <Field name="email" label="E-mailadres van de gast-expert" type="email" required errors={guestErrors?.fieldErrors} values={guestErrors?.values} hint="De gast moet een account in het portaal hebben." />
              <FieldGroup name="itemIds" legend="Agendapunten" errors={guestErrors?.fieldErrors}>
                {items.filter((i) => !i.closed).map((item) => (
                  <label className="checkbox" key={item.id}>
                    <input type="checkbox" name="itemIds" value={item.id} defaultChecked={chosenItems.includes(String(item.id))} />
                    <span>{item.time} · {item.code}</span>
                  </label>
                ))}
              </FieldGroup>
              <Field name="accessUntil" label="Toegang tot en met" type="date" required errors={guestErrors?.fieldErrors} values={guestErrors?.values} defaultValue={chair.defaultAccessUntil} hint="Standaard twee weken na de bijeenkomst." />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>Gast uitnodigen</button>
              </div>
            </Form>
          </>
        ) : null}
      </section>

      {editable ? (
        <section className="card" aria-labelledby="verplaatsen">
          <h2 id="verplaatsen">Bijeenkomst verplaatsen</h2>
          <p>De agendapunten schuiven mee. Iedere deelnemer krijgt een bijgewerkte agenda-uitnodiging.</p>
          <Form method="post" noValidate>
            <FormError message={errorsFor("move")?.formError} />
            <input type="hidden" name="intent" value="move" />
            <Field name="date" label="Nieuwe datum" type="date" required errors={errorsFor("move")?.fieldErrors} values={errorsFor("move")?.values} />
            <Field name="startTime" label="Nieuwe begintijd" type="time" required errors={errorsFor("move")?.fieldErrors} values={errorsFor("move")?.values} />
            <button type="submit" className="button button--secondary" disabled={busy}>Verplaatsen</button>
          </Form>
        </section>
      ) : null}

      {editable ? (
        <section className="card" aria-labelledby="annuleren">
          <h2 id="annuleren">Bijeenkomst annuleren</h2>
          <p>Casussen op de agenda gaan terug naar ‘Geïncludeerd’ en kunnen voor een andere bijeenkomst worden geagendeerd.</p>
          <ConfirmAction
            id="annuleren"
            trigger="Bijeenkomst annuleren"
            title="Bijeenkomst annuleren?"
            confirmLabel="Ja, annuleren"
            intent="cancel"
            formError={errorsFor("cancel")?.formError}
          >
            <p>Alle genodigden krijgen een afzegging. {items.length ? `${items.length} ${items.length === 1 ? "casus gaat" : "casussen gaan"} terug naar ‘Geïncludeerd’.` : "Er staan geen casussen op de agenda."} Dit kan niet ongedaan worden gemaakt.</p>
          </ConfirmAction>
        </section>
      ) : null}
    </>
  );
}
