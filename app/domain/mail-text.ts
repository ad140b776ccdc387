// The words of every mail. A mail leaves the portal's protection, so it never carries patient
// data: a case is named by its code at most, and the mail links to the page in the portal.

export type MailText = { subject: string; text: string };

const FOOTER = [
  "Dit bericht bevat bewust geen gegevens over de patiënt: u leest alles na inloggen in het portaal.",
  "U ontvangt dit bericht van het portaal van de regionale casuïstiektafels hoogcomplexe ggz.",
];

export function noticeMail(recipientName: string, title: string, link: string, preferencesLink: string, extra: string[] = []): MailText {
  return {
    subject: `Regiotafel: ${title}`,
    text: [
      `Beste ${recipientName},`,
      "",
      `${title}.`,
      ...extra,
      "",
      `Bekijk het in het portaal: ${link}`,
      "",
      `Of u zulke meldingen direct of in één dagelijks overzicht ontvangt, kiest u op ${preferencesLink}`,
      "",
      ...FOOTER,
    ].join("\n"),
  };
}

export function digestMail(recipientName: string, items: { title: string; link: string }[], preferencesLink: string): MailText {
  return {
    subject: `Regiotafel: ${items.length === 1 ? "1 nieuwe melding" : `${items.length} nieuwe meldingen`}`,
    text: [
      `Beste ${recipientName},`,
      "",
      "Sinds het vorige overzicht is dit voor u in het portaal gebeurd:",
      "",
      ...items.map((i) => `- ${i.title}: ${i.link}`),
      "",
      `U ontvangt één overzicht per dag. Liever elke melding direct? Dat kiest u op ${preferencesLink}`,
      "",
      ...FOOTER,
    ].join("\n"),
  };
}

/** An outside contact (a municipality) without an account: a plain alert, no link to a case. */
export function contactMail(contactName: string, subject: string, lines: string[]): MailText {
  return {
    subject: `Regiotafel: ${subject}`,
    text: [`Beste ${contactName},`, "", ...lines, "", "Dit bericht bevat bewust geen gegevens over de patiënt.", FOOTER[1]].join("\n"),
  };
}

/** A chain head of the audit log, mailed so a copy exists outside the server (NEN 7513, issue 13). */
export function auditAnchorMail(anchor: { eventId: number; hash: string; when: string }, origin: string): MailText {
  return {
    subject: `Regiotafel: anker van het auditlog (regel ${anchor.eventId})`,
    text: [
      `Dit is het nieuwste anker van het auditlog van het portaal ${origin}, vastgelegd op ${anchor.when}.`,
      "Bewaar dit bericht: ontbreekt deze regel later in het log, of heeft zij een andere hash, dan is er met het log geknoeid.",
      "",
      `Regel: ${anchor.eventId}`,
      `Hash: ${anchor.hash}`,
      "",
      "Controleren: npm run audit:verify op de server, of vergelijk regel en hash met het auditlog.",
      FOOTER[1],
    ].join("\n"),
  };
}

export function activationMail(name: string, link: string, hours: number): MailText {
  return {
    subject: "Regiotafel: activeer uw account",
    text: [
      `Beste ${name},`,
      "",
      "Er is voor u een account aangemaakt in het portaal van de regionale casuïstiektafels hoogcomplexe ggz.",
      `Kies via deze link uw wachtwoord; daarna stelt u een tweede factor in. De link werkt één keer en ${hours} uur lang:`,
      "",
      link,
      "",
      "Verwachtte u dit bericht niet? Dan kunt u het negeren.",
    ].join("\n"),
  };
}

export function resetMail(name: string, link: string, minutes: number): MailText {
  return {
    subject: "Regiotafel: nieuw wachtwoord instellen",
    text: [
      `Beste ${name},`,
      "",
      `Er is gevraagd om een nieuw wachtwoord voor uw account. Via deze link kiest u het; de link werkt één keer en ${minutes} minuten lang:`,
      "",
      link,
      "",
      "Vroeg u dit niet aan? Dan kunt u dit bericht negeren: uw wachtwoord blijft dan hetzelfde.",
    ].join("\n"),
  };
}
