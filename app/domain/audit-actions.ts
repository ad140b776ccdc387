// What the access log's action codes mean, in the words a patient or an administrator reads.
// Codes stay English in the database; every page, CSV and mail shows them through auditActionLabel.
import { formatAmsterdam, formatAmsterdamDate } from "./amsterdam-time";

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: "Ingelogd",
  logout: "Uitgelogd",
  "login.failed": "Inloggen mislukt",
  "login.throttled": "Inloggen tijdelijk geblokkeerd",
  "access.denied": "Toegang geweigerd",
  "api.unauthorized": "Koppeling zonder geldige sleutel geweigerd",
  "api_token.issue": "Koppelingssleutel uitgegeven",
  "api_token.revoke": "Koppelingssleutel ingetrokken",
  "attachment.upload": "Bijlage toegevoegd",
  "attachment.download": "Bijlage geopend",
  "attachment.delete": "Bijlage verwijderd",
  "attachment.denied": "Toegang tot een bijlage geweigerd",
  "attachment.integrity_error": "Bijlage beschadigd aangetroffen",
  "audit.export": "Toegangslog gedownload",
  "audit.search": "Toegangslog doorzocht",
  "calendar_feed.create": "Agenda-abonnement aangemaakt",
  "calendar_feed.revoke": "Agenda-abonnement ingetrokken",
  "referral.create": "Aanmelding bij de regiotafel ingediend",
  "referral.api_replay": "Aanmelding via de koppeling opnieuw ontvangen",
  "referral.api_status": "Status van de aanmelding opgevraagd via de koppeling",
  "referral.list": "Overzicht van aanmeldingen bekeken",
  "referral.view": "Aanmelding bekeken",
  "referral.draft_create": "Concept-aanmelding begonnen",
  "referral.draft_save": "Concept-aanmelding opgeslagen",
  "referral.draft_delete": "Concept-aanmelding weggegooid",
  "case.view": "Casus bekeken",
  "case.action": "Handeling op de casus uitgevoerd",
  "case.denied": "Toegang tot de casus geweigerd",
  // case.list: one event per list page opened; case.list_view: one per patient named on it.
  "case.list": "Overzicht van casussen bekeken",
  "case.list_view": "Casus in een overzicht getoond",
  "case.start_screening": "Screening gestart",
  "case.screening_save": "Screening opgeslagen",
  "case.include": "Casus geïncludeerd",
  "case.not_include": "Casus niet geïncludeerd",
  "case.redirect": "Casus doorverwezen naar een andere regiotafel",
  "case.advisor_assessment": "Beoordeling door de medisch adviseur",
  "case.request_advisor_check": "Casus voorgelegd aan de medisch adviseur",
  "case.arrange_funding": "Financiering vastgelegd",
  "case.escalate": "Casus opgeschaald",
  "case.place": "Plaatsing vastgelegd",
  "case.follow_up": "Nazorg vastgelegd",
  "case.close": "Casus afgesloten",
  "case.deadline_add": "Termijn toegevoegd",
  "case.deadline_met": "Termijn gehaald",
  "case.progress_view": "Verloop van de casus bekeken",
  "case.attachment_access": "Bijlagen van de casus bekeken",
  "case.inzage": "Inzageoverzicht bekeken",
  "case.inzage_export": "Inzageoverzicht gedownload",
  "case_room.view": "Casusoverleg geopend",
  "case_room.join": "Deelgenomen aan het live casusoverleg",
  "case_room.message": "Bericht geplaatst in het casusoverleg",
  "case_room.denied": "Toegang tot het casusoverleg geweigerd",
  "consent.view": "Toestemming bekeken",
  "consent.change": "Nieuwe toestemming vastgelegd",
  "consent.withdraw": "Toestemming ingetrokken",
  "consent.action": "Handeling op de toestemming",
  "consent.override_grant": "Toestemming doorbroken: identiteit gedeeld zonder toestemming (conflict van plichten)",
  "consent.override_end": "Doorbreking van de toestemming beëindigd",
  "consent.override_denied": "Poging om de toestemming te doorbreken geweigerd",
  "escalation_request.list": "Opschalingen naar de landelijk projectleider bekeken",
  "escalation_request.update": "Opschaling door de landelijk projectleider bijgewerkt",
  "shortfall.publish": "Capaciteitstekort gepubliceerd voor zorgverzekeraars en projectleider",
  "shortfall.published_list": "Gepubliceerde capaciteitstekorten bekeken",
  "shortfall.respond": "Reactie op een gepubliceerd capaciteitstekort gegeven",
  "advice.view": "Advies aan de verwijzer bekeken",
  "advice.record": "Advies aan de verwijzer gegeven",
  "advice.download": "Adviesbrief gedownload",
  "plan.view": "Plan bekeken",
  "plan.edit": "Plan gewijzigd",
  "plan.agree": "Plan vastgesteld",
  "plan.version": "Nieuwe versie van het plan vastgelegd",
  "plan.versions_view": "Versies van het plan bekeken",
  "plan.goal_add": "Doel aan het plan toegevoegd",
  "plan.goal_edit": "Doel in het plan gewijzigd",
  "plan.goal_remove": "Doel uit het plan verwijderd",
  "plan.action_add": "Actie aan het plan toegevoegd",
  "plan.action_status": "Status van een actie gewijzigd",
  "arrangement.view": "Arrangementen bekeken",
  "arrangement.propose": "Maatwerk-arrangement voorgesteld",
  "arrangement.edit": "Maatwerk-arrangement gewijzigd",
  "meeting.view": "Bijeenkomst bekeken",
  "meeting.create": "Bijeenkomst gepland",
  "meeting.cancel": "Bijeenkomst geannuleerd",
  "meeting.move": "Bijeenkomst verplaatst",
  "mail.requeue": "Mislukte e-mail opnieuw in de wachtrij gezet",
  "agenda.add": "Casus op de agenda gezet",
  "agenda.remove": "Casus van de agenda gehaald",
  "agenda.close": "Agendapunt afgesloten",
  "agenda.minutes.view": "Verslag van een agendapunt bekeken",
  "agenda.minutes.edit": "Verslag van een agendapunt bewerkt",
  "agenda.minutes.save": "Verslag van een agendapunt opgeslagen",
  "agenda.action.remove": "Actie uit het verslag verwijderd",
  "guest.invite": "Gastdeskundige uitgenodigd",
  "invitation.respond": "Uitnodiging beantwoord",
  "lesson.create": "Geleerde les gedeeld",
  "shortfall.create": "Capaciteitstekort vastgelegd",
  "shortfall.update": "Capaciteitstekort bijgewerkt",
  "monitor.view": "Landelijke monitor bekeken",
  "monitor.export": "Landelijke monitor gedownload",
  "monitor.export_pdf": "Landelijke monitor als pdf gedownload",
  "monitor.capacity_view": "Capaciteitsrapportage bekeken",
  "monitor.table_view": "Rapportage van de tafel bekeken",
  "monitor.table_export": "Rapportage van de tafel gedownload",
  "monitor.table_export_pdf": "Rapportage van de tafel als pdf gedownload",
  "organisation.create": "Organisatie aangemaakt",
  "organisation.update": "Organisatie gewijzigd",
  "municipality.contact": "Contact van de gemeente vastgelegd",
  "municipality.contact_remove": "Contact van de gemeente verwijderd",
  "routing.exception": "Uitzondering in de verdeling over de tafels vastgelegd",
  "routing.exception_remove": "Uitzondering in de verdeling over de tafels verwijderd",
  "membership.add": "Rol toegekend",
  "membership.remove": "Rol ingetrokken",
  "user.create": "Gebruiker aangemaakt",
  "user.deactivate": "Gebruiker gedeactiveerd",
  "user.reactivate": "Gebruiker weer actief gemaakt",
  "user.password_reset": "Wachtwoord opnieuw ingesteld",
  "user.password_link": "Link voor een nieuw wachtwoord verstuurd",
  "user.password_reset_link": "Nieuw wachtwoord gekozen via een link",
  "user.activate": "Account geactiveerd",
  "password_reset.request": "Nieuw wachtwoord aangevraagd",
  "totp.enrol": "Tweede factor ingesteld",
  "totp.disable": "Tweede factor uitgezet",
  "totp.reset": "Tweede factor gereset door de beheerder",
  "passkey.add": "Passkey toegevoegd",
  "passkey.remove": "Passkey verwijderd",
  "recovery_codes.generate": "Herstelcodes aangemaakt",
  "recovery_code.use": "Herstelcode gebruikt",
  "login_throttle.release": "Vertraagde inlogpogingen vrijgegeven",
  "retention.purge": "Berichten verwijderd na de bewaartermijn",
};

/** Subjects and verbs, so a code added later still reads as Dutch ("plan.export" → "Plan: gedownload"). */
const AREA_LABELS: Record<string, string> = {
  case: "Casus",
  referral: "Aanmelding",
  consent: "Toestemming",
  case_room: "Casusoverleg",
  meeting: "Bijeenkomst",
  agenda: "Agenda",
  plan: "Plan",
  arrangement: "Arrangement",
  attachment: "Bijlage",
  user: "Gebruiker",
  organisation: "Organisatie",
  municipality: "Gemeente",
  membership: "Rol",
  monitor: "Monitor",
  shortfall: "Capaciteitstekort",
  lesson: "Geleerde les",
  audit: "Toegangslog",
  login: "Inloggen",
  totp: "Tweede factor",
  passkey: "Passkey",
  mail: "E-mail",
  notification: "Melding",
  advice: "Advies",
  escalation: "Opschaling",
  action: "Actie",
};

const VERB_LABELS: Record<string, string> = {
  view: "bekeken",
  list: "overzicht bekeken",
  create: "aangemaakt",
  add: "toegevoegd",
  edit: "gewijzigd",
  update: "gewijzigd",
  save: "opgeslagen",
  remove: "verwijderd",
  delete: "verwijderd",
  export: "gedownload",
  download: "gedownload",
  denied: "geweigerd",
  cancel: "geannuleerd",
  close: "afgesloten",
  send: "verstuurd",
  publish: "gepubliceerd",
  respond: "beantwoord",
  approve: "goedgekeurd",
  refuse: "afgewezen",
  reset: "gereset",
  enrol: "ingesteld",
  revoke: "ingetrokken",
  withdraw: "ingetrokken",
  status: "status gewijzigd",
};

/** "plan.view" → "Plan bekeken". Never returns the raw code. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const [area, ...rest] = action.split(".");
  const subject = AREA_LABELS[area] ?? "Handeling";
  const last = rest.at(-1) ?? "";
  const verb = VERB_LABELS[last] ?? VERB_LABELS[last.split("_").at(-1) ?? ""];
  return verb ? `${subject}: ${verb}` : `${subject}: handeling uitgevoerd`;
}

/** What kind of thing an event was about ("case" → "Casus"), for the log's object column. */
export const AUDIT_OBJECT_LABELS: Record<string, string> = {
  case: "Casus",
  session: "Sessie",
  consent: "Toestemming",
  consent_override: "Doorbreking toestemming",
  case_message: "Bericht casusoverleg",
  case_deadline: "Termijn",
  placement: "Plaatsing",
  escalation: "Opschaling",
  care_plan: "Plan",
  agenda_item: "Agendapunt",
  api_token: "Koppelingssleutel",
  attachment: "Bijlage",
  audit_log: "Toegangslog",
  calendar_feed: "Agenda-abonnement",
  insurer: "Zorgverzekeraar",
  lesson: "Geleerde les",
  meeting: "Bijeenkomst",
  monitor: "Monitor",
  organisation: "Organisatie",
  municipality: "Gemeente",
  referral_draft: "Concept-aanmelding",
  shortfall: "Capaciteitstekort",
  table: "Regiotafel",
  user: "Gebruiker",
  arrangement: "Arrangement",
};

export function auditObjectLabel(objectType: string | null, objectId: string | null): string {
  if (!objectType) return "";
  const kind = AUDIT_OBJECT_LABELS[objectType] ?? "Gegeven";
  return objectId ? `${kind} ${objectId}` : kind;
}

export const AUDIT_OUTCOME_LABELS = { success: "Gelukt", denied: "Geweigerd", failure: "Mislukt" } as const;

/** IPv4 as people know it: the server sees IPv4 clients as ::ffff:a.b.c.d. */
export function formatIpAddress(ip: string | null | undefined): string {
  return (ip ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

const ISO_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})(T[\d:.]+Z)?(?:\.\.(\d{4}-\d{2}-\d{2}))?\b/g;

/**
 * A logged description as people read it: the stored text (part of the hash chain, so never
 * rewritten) with its dates in Dutch ("2026-10-01..2026-12-31" reads "1 oktober 2026 t/m 31 december 2026").
 */
export function auditDetailText(detail: string | null | undefined): string {
  return (detail ?? "").replace(ISO_IN_TEXT, (_, day: string, time: string | undefined, until: string | undefined) => {
    const from = time ? formatAmsterdam(day + time) : formatAmsterdamDate(day);
    return until ? `${from} t/m ${formatAmsterdamDate(until)}` : from;
  });
}
