import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FieldGroup, FormError } from "~/components/form";
import { caseVisibility } from "~/domain/consent";
import {
  amsterdamDate,
  amsterdamTime,
  amsterdamToUtc,
  defaultGuestAccessDate,
  endOf,
  formatClockRange,
  formatMeetingDay,
  formatPeriod,
  guestAccessProblem,
  guestAccessUntil,
  INVITATION_KIND_LABELS,
  nextFreeSlot,
  RESPONSE_LABELS,
} from "~/domain/meetings";
import { can } from "~/domain/permissions";
import { audit } from "~/lib/audit.server";
import { actorOf, loadAccount, requireUser } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import { isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { ConfirmAction } from "~/components/confirm-action";
import { meetingAccess, requireMeetingChair } from "~/lib/meeting-access.server";
import { AddItemSchema, CHECK_FIELDS, fieldFailure, GuestSchema, MeetingIntent, MoveSchema, RemoveItemSchema, RespondSchema } from "~/lib/meeting-forms";
import { consentScopeOf, currentConsent, findCase } from "~/models/cases.server";
import {
  activeUserByEmail,
  addAgendaItem,
  agendaOf,
  cancelMeeting,
  clashesFor,
  invitationsOf,
  inviteGuest,
  moveMeeting,
  removeAgendaItem,
  respondToInvitation,
  schedulableCases,
} from "~/models/meetings.server";
import { notifier } from "~/lib/notifier.server";
import { notifyCaseOnAgenda, notifyGuestInvited, notifyMeetingCancelled, notifyMeetingMoved } from "~/models/notifications.server";
import { Badge, StatusBadge } from "~/components/badge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} – Bijeenkomst – Regiotafel` : "Bijeenkomst – Regiotafel" }];

const DONE = {
  geagendeerd: "De casus staat op de agenda.",
  verwijderd: "Het agendapunt is van de agenda gehaald. De casus kan opnieuw worden geagendeerd.",
  uitgenodigd: "De gast-expert is uitgenodigd.",
  verplaatst: "De bijeenkomst is verplaatst. De deelnemers krijgen een bijgewerkte agenda-uitnodiging.",
  geannuleerd: "De bijeenkomst is geannuleerd. De casussen op de agenda kunnen opnieuw worden geagendeerd.",
  aangenomen: "U heeft laten weten dat u komt.",
  afgeslagen: "U heeft laten weten dat u niet komt.",
} as const;

// One meeting: details, agenda and participants. Chair and members of its table see all of it;
// an invited guest expert only the agenda items they were invited to, while their access lasts.
// Agenda items show the case code, never the patient's name.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = meetingAccess(request, context, user, params.meetingId);
  const { db } = context.services;
  const { meeting, kind, isChair, invitation } = access;
  const allItems = agendaOf(db, meeting.id);
  const items = kind === "guest" ? allItems.filter((i) => access.guestItemIds.includes(i.id)) : allItems;
  const codeOf = new Map(allItems.map((i) => [i.id, i.code]));
  const participants = invitationsOf(db, meeting.id).map((p) => ({
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    kind: INVITATION_KIND_LABELS[p.kind],
    response: RESPONSE_LABELS[p.response],
    // Which cases a guest joins, and until when, is for the table only.
    guestItems: kind === "table" && p.kind === "guest" ? p.guestAgendaItemIds.map((id) => codeOf.get(id)).filter((c): c is string => Boolean(c)) : [],
    // Stored as the instant access ends; shown as the last day ("tot en met").
    accessUntil: kind === "table" && p.accessUntil ? formatMeetingDay(new Date(new Date(p.accessUntil).getTime() - 1).toISOString()) : null,
    isMe: p.userId === user.id,
  }));
  const endsAt = endOf(meeting.startsAt, meeting.durationMinutes);
  const over = new Date(endsAt).getTime() < Date.now();
  const myClashes =
    invitation && !meeting.cancelled && invitation.response !== "declined"
      ? clashesFor(db, [user.id], [meeting], meeting.id).map((c) => `${c.label}, ${formatMeetingDay(c.startsAt)}, ${formatClockRange(c.startsAt, c.durationMinutes)}`)
      : [];
  const freeSlot = isChair ? nextFreeSlot(meeting, allItems, 30) : null;
  // The agenda shows case codes, not identities: one line for the page, not one per patient.
  audit(db, {
    action: "meeting.view",
    actor: actorOf(user),
    objectType: "meeting",
    objectId: meeting.id,
    detail: `${kind === "guest" ? "als gast" : "als tafel"}, ${items.length} agendapunt(en)`,
    origin: context.origin,
  });
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      when: formatPeriod(meeting.startsAt, meeting.durationMinutes),
      range: formatClockRange(meeting.startsAt, meeting.durationMinutes),
      location: meeting.location,
      videoUrl: meeting.videoUrl,
      cancelled: meeting.cancelled,
      inSeries: Boolean(meeting.seriesId),
      over,
      tableName: meeting.tableName,
      tableSlug: meeting.tableSlug,
    },
    kind,
    isChair,
    myResponse: invitation ? invitation.response : null,
    myClashes,
    items: items.map((i) => ({
      id: i.id,
      caseId: i.caseId,
      code: i.code,
      status: i.status,
      time: formatClockRange(i.startsAt, i.durationMinutes),
      durationMinutes: i.durationMinutes,
      closed: Boolean(i.closedAt),
    })),
    participants,
    chair: isChair
      ? {
          cases: meeting.cancelled || over ? [] : schedulableCases(db, meeting.tableId),
          defaultStart: freeSlot ? amsterdamTime(freeSlot) : amsterdamTime(meeting.startsAt),
          defaultAccessUntil: defaultGuestAccessDate(meeting),
        }
      : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const access = meetingAccess(request, context, user, params.meetingId);
  const { db } = context.services;
  const { meeting } = access;
  const formData = await request.formData();
  const intent = MeetingIntent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  const page = `/bijeenkomsten/${meeting.id}`;
  const caseActor = { userId: user.id, organisationId: user.organisationId };
  const record = (action: string, detail: string, patientId?: number, objectType = "meeting", objectId: number = meeting.id) =>
    audit(db, { action, actor: actorOf(user), objectType, objectId, patientId, detail, origin: context.origin });

  if (intent.data === "respond") {
    const parsed = parseForm(RespondSchema, formData);
    if (!parsed.ok) return parsed;
    const invitation = access.invitation;
    if (!invitation) return failure("U bent niet uitgenodigd voor deze bijeenkomst.", formData);
    if (meeting.cancelled) return failure("Deze bijeenkomst is geannuleerd.", formData);
    respondToInvitation(db, invitation.id, parsed.data.response);
    record("invitation.respond", `${parsed.data.response} (${invitation.kind})`, undefined, "meeting_invitation", invitation.id);
    return redirectWithFlash(context, page, DONE[parsed.data.response === "accepted" ? "aangenomen" : "afgeslagen"]);
  }

  // Everything else is the chair's.
  requireMeetingChair(request, context, user, access, intent.data);
  if (meeting.cancelled) return failure("Deze bijeenkomst is geannuleerd en kan niet meer worden gewijzigd.", formData);

  switch (intent.data) {
    case "add_item": {
      const parsed = parseForm(AddItemSchema, formData);
      if (!parsed.ok) return parsed;
      if (new Date(endOf(meeting.startsAt, meeting.durationMinutes)).getTime() < Date.now()) {
        return failure("Deze bijeenkomst is al voorbij; agendeer de casus voor een volgende bijeenkomst.", formData);
      }
      // The slot is on the meeting's day; for a meeting past midnight a time before its start is the next day.
      let startsAt = amsterdamToUtc(amsterdamDate(meeting.startsAt), parsed.data.startTime);
      const endDate = amsterdamDate(endOf(meeting.startsAt, meeting.durationMinutes));
      if (startsAt && startsAt < meeting.startsAt && endDate !== amsterdamDate(meeting.startsAt)) startsAt = amsterdamToUtc(endDate, parsed.data.startTime);
      if (!startsAt) return fieldFailure(formData, { startTime: ["Deze tijd bestaat niet op die dag. Kies een andere begintijd."] });
      const added = addAgendaItem(db, meeting, parsed.data.caseId, { startsAt, durationMinutes: parsed.data.durationMinutes }, caseActor);
      if (!added.ok) return fieldFailure(formData, { [added.field ?? "caseId"]: [added.error] });
      record("agenda.add", `${added.code} ${formatClockRange(startsAt, parsed.data.durationMinutes)}`, added.patientId, "agenda_item", added.itemId);
      notifyCaseOnAgenda(notifier(context), meeting.id, parsed.data.caseId, added.itemId);
      return redirectWithFlash(context, page, DONE.geagendeerd);
    }
    case "remove_item": {
      const parsed = parseForm(RemoveItemSchema, formData);
      if (!parsed.ok) return failure(parsed.fieldErrors.itemId?.[0] ?? CHECK_FIELDS, formData);
      const removed = removeAgendaItem(db, meeting.id, parsed.data.itemId, caseActor);
      if (!removed.ok) return failure(removed.error, formData);
      record("agenda.remove", removed.code, removed.patientId, "agenda_item", parsed.data.itemId);
      return redirectWithFlash(context, page, DONE.verwijderd);
    }
    case "invite_guest": {
      const parsed = parseForm(GuestSchema, formData, ["itemIds"]);
      if (!parsed.ok) return parsed;
      const accessProblem = guestAccessProblem(parsed.data.accessUntil, meeting);
      if (accessProblem) return fieldFailure(formData, { accessUntil: [accessProblem] });
      const items = agendaOf(db, meeting.id);
      const chosen = items.filter((i) => parsed.data.itemIds.includes(i.id));
      if (chosen.length !== new Set(parsed.data.itemIds).size) return fieldFailure(formData, { itemIds: ["Kies een agendapunt uit de lijst."] });
      const guest = activeUserByEmail(db, parsed.data.email);
      if (!guest) return fieldFailure(formData, { email: ["Er is geen actieve gebruiker met dit e-mailadres."] });
      const account = loadAccount(db, guest.id);
      if (!account) return fieldFailure(formData, { email: ["Er is geen actieve gebruiker met dit e-mailadres."] });
      const principal = { userId: account.id, organisationId: account.organisationId, organisationType: account.organisationType, memberships: account.memberships };
      if (can(principal, "table:read", { tableId: meeting.tableId })) {
        return fieldFailure(formData, { email: ["Deze persoon zit al aan deze tafel en is als tafellid uitgenodigd."] });
      }
      // Someone the patient named as not to be involved is never invited to that case.
      for (const item of chosen) {
        const found = findCase(db, item.caseId)!;
        const visibility = caseVisibility(
          { email: account.email, organisationId: account.organisationId, organisationType: account.organisationType },
          consentScopeOf(currentConsent(db, item.caseId)),
          { leadOrganisationId: found.leadOrganisationId, referrerOrganisationId: found.case.referrerOrganisationId },
        );
        if (visibility === "none") return fieldFailure(formData, { itemIds: [`Volgens de toestemming van de patiënt mag deze persoon niet betrokken worden bij casus ${item.code}.`] });
      }
      const accessUntil = guestAccessUntil(parsed.data.accessUntil);
      const invited = inviteGuest(db, meeting.id, guest.id, chosen.map((i) => i.id), accessUntil);
      if (!invited.ok) return fieldFailure(formData, { email: [invited.error] });
      // Inviting a guest shares these cases with them: one line per patient.
      for (const item of chosen) {
        record("guest.invite", `${guest.email} bij ${item.code} tot ${parsed.data.accessUntil}${invited.renewed ? " (gewijzigd)" : ""}`, item.patientId, "meeting_invitation", invited.invitationId);
      }
      notifyGuestInvited(notifier(context), meeting.id, guest.id);
      return redirectWithFlash(context, page, DONE.uitgenodigd);
    }
    case "move": {
      const parsed = parseForm(MoveSchema, formData);
      if (!parsed.ok) return parsed;
      const startsAt = amsterdamToUtc(parsed.data.date, parsed.data.startTime);
      if (!startsAt) return fieldFailure(formData, { startTime: ["Deze tijd bestaat niet op die dag. Kies een andere begintijd."] });
      if (new Date(startsAt).getTime() < Date.now()) return fieldFailure(formData, { date: ["Kies een moment in de toekomst."] });
      const moved = moveMeeting(db, meeting.id, startsAt);
      if (!moved.ok) return fieldFailure(formData, { [moved.field ?? "date"]: [moved.error] });
      record("meeting.move", `${formatPeriod(moved.from, meeting.durationMinutes)} → ${formatPeriod(startsAt, meeting.durationMinutes)}`);
      notifyMeetingMoved(notifier(context), meeting.id);
      return redirectWithFlash(context, page, DONE.verplaatst);
    }
    case "cancel": {
      // Irreversible (invitations are cancelled, cases leave the agenda): only through the confirmation.
      if (!isConfirmed(formData)) return failure(NOT_CONFIRMED, formData);
      const cancelled = cancelMeeting(db, meeting, caseActor);
      if (!cancelled.ok) return failure(cancelled.error, formData);
      for (const r of cancelled.removed) record("agenda.remove", "bijeenkomst geannuleerd", r.patientId, "agenda_item", r.itemId);
      record("meeting.cancel", `${cancelled.removed.length} agendapunt(en) vervallen`);
      notifyMeetingCancelled(notifier(context), meeting.id);
      return redirectWithFlash(context, page, DONE.geannuleerd);
    }
  }
  return failure("Deze handeling is niet mogelijk.", formData);
}

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
