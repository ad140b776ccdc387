// What the meeting page's actions do, one function per intent (as the case page's services):
// answering the invitation (anyone invited), and the chair's agenda, guests, moving and cancelling.
// Each parses its own fields, checks the meeting's state, writes the change and its audit lines,
// notifies, and answers with the one-time message, or the form's failure.
// Who may use an intent is decided before, by the route (meetingAccess + requireMeetingChair).
import type { AppLoadContext } from "@remix-run/node";
import { caseVisibility } from "~/domain/consent";
import { amsterdamDate, amsterdamToUtc, endOf, formatClockRange, formatPeriod, guestAccessProblem, guestAccessUntil } from "~/domain/meetings";
import { can } from "~/domain/permissions";
import { audit } from "~/models/audit.server";
import { actorOf, loadAccount, type CurrentUser } from "~/lib/auth.server";
import { isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import type { MeetingAccess } from "~/lib/meeting-access.server";
import { AddItemSchema, CHECK_FIELDS, fieldFailure, GuestSchema, MoveSchema, RemoveItemSchema, RespondSchema, type MeetingIntentName } from "~/lib/meeting-forms";
import { notifier } from "~/lib/notifier.server";
import { consentScopeOf, currentConsent, findCase } from "~/models/cases.server";
import { activeUserByEmail, addAgendaItem, agendaOf, cancelMeeting, inviteGuest, moveMeeting, removeAgendaItem, respondToInvitation } from "~/models/meetings.server";
import { notifyCaseOnAgenda, notifyGuestInvited, notifyMeetingCancelled, notifyMeetingMoved } from "~/models/notifications.server";

export type MeetingActionContext = { context: AppLoadContext; user: CurrentUser; access: MeetingAccess };
export type MeetingActionResult = { ok: true; message: string } | FormFailure;
type Handler = (ctx: MeetingActionContext, formData: FormData) => MeetingActionResult;

const done = (message: string) => ({ ok: true as const, message });
const caseActor = ({ user }: MeetingActionContext) => ({ userId: user.id, organisationId: user.organisationId });
function record({ context, user, access }: MeetingActionContext, action: string, detail: string, patientId?: number, objectType = "meeting", objectId: number = access.meeting.id) {
  audit(context.services.db, { action, actor: actorOf(user), objectType, objectId, patientId, detail, origin: context.origin });
}

export const respond: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
  const parsed = parseForm(RespondSchema, formData);
  if (!parsed.ok) return parsed;
  const invitation = ctx.access.invitation;
  if (!invitation) return failure("U bent niet uitgenodigd voor deze bijeenkomst.", formData);
  if (meeting.cancelled) return failure("Deze bijeenkomst is geannuleerd.", formData);
  respondToInvitation(db, invitation.id, parsed.data.response);
  record(ctx, "invitation.respond", `${parsed.data.response} (${invitation.kind})`, undefined, "meeting_invitation", invitation.id);
  return done(parsed.data.response === "accepted" ? "U heeft laten weten dat u komt." : "U heeft laten weten dat u niet komt.");
};

const addItem: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
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
  const added = addAgendaItem(db, meeting, parsed.data.caseId, { startsAt, durationMinutes: parsed.data.durationMinutes }, caseActor(ctx));
  if (!added.ok) return fieldFailure(formData, { [added.field ?? "caseId"]: [added.error] });
  record(ctx, "agenda.add", `${added.code} ${formatClockRange(startsAt, parsed.data.durationMinutes)}`, added.patientId, "agenda_item", added.itemId);
  notifyCaseOnAgenda(notifier(ctx.context), meeting.id, parsed.data.caseId, added.itemId);
  return done("De casus staat op de agenda.");
};

const removeItem: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
  const parsed = parseForm(RemoveItemSchema, formData);
  if (!parsed.ok) return failure(parsed.fieldErrors.itemId?.[0] ?? CHECK_FIELDS, formData);
  const removed = removeAgendaItem(db, meeting.id, parsed.data.itemId, caseActor(ctx));
  if (!removed.ok) return failure(removed.error, formData);
  record(ctx, "agenda.remove", removed.code, removed.patientId, "agenda_item", parsed.data.itemId);
  return done("Het agendapunt is van de agenda gehaald. De casus kan opnieuw worden geagendeerd.");
};

const invite: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
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
    record(ctx, "guest.invite", `${guest.email} bij ${item.code} tot ${parsed.data.accessUntil}${invited.renewed ? " (gewijzigd)" : ""}`, item.patientId, "meeting_invitation", invited.invitationId);
  }
  notifyGuestInvited(notifier(ctx.context), meeting.id, guest.id);
  return done("De gast-expert is uitgenodigd.");
};

const move: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
  const parsed = parseForm(MoveSchema, formData);
  if (!parsed.ok) return parsed;
  const startsAt = amsterdamToUtc(parsed.data.date, parsed.data.startTime);
  if (!startsAt) return fieldFailure(formData, { startTime: ["Deze tijd bestaat niet op die dag. Kies een andere begintijd."] });
  if (new Date(startsAt).getTime() < Date.now()) return fieldFailure(formData, { date: ["Kies een moment in de toekomst."] });
  const moved = moveMeeting(db, meeting.id, startsAt);
  if (!moved.ok) return fieldFailure(formData, { [moved.field ?? "date"]: [moved.error] });
  record(ctx, "meeting.move", `${formatPeriod(moved.from, meeting.durationMinutes)} → ${formatPeriod(startsAt, meeting.durationMinutes)}`);
  notifyMeetingMoved(notifier(ctx.context), meeting.id);
  return done("De bijeenkomst is verplaatst. De deelnemers krijgen een bijgewerkte agenda-uitnodiging.");
};

const cancel: Handler = (ctx, formData) => {
  const { db } = ctx.context.services;
  const { meeting } = ctx.access;
  // Irreversible (invitations are cancelled, cases leave the agenda): only through the confirmation.
  if (!isConfirmed(formData)) return failure(NOT_CONFIRMED, formData);
  const cancelled = cancelMeeting(db, meeting, caseActor(ctx));
  if (!cancelled.ok) return failure(cancelled.error, formData);
  for (const r of cancelled.removed) record(ctx, "agenda.remove", "bijeenkomst geannuleerd", r.patientId, "agenda_item", r.itemId);
  record(ctx, "meeting.cancel", `${cancelled.removed.length} agendapunt(en) vervallen`);
  notifyMeetingCancelled(notifier(ctx.context), meeting.id);
  return done("De bijeenkomst is geannuleerd. De casussen op de agenda kunnen opnieuw worden geagendeerd.");
};

/** The chair's intents (the route checks the chair, and that the meeting is not cancelled). */
export const CHAIR_ACTIONS: Record<Exclude<MeetingIntentName, "respond">, Handler> = {
  add_item: addItem,
  remove_item: removeItem,
  invite_guest: invite,
  move,
  cancel,
};
