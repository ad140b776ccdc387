// What the portal tells people, and how urgently. Pure data and rules: no I/O.

export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const ACCOUNT_TOKEN_PURPOSES = ["activation", "reset"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export const NOTICE_KINDS = [
  "referral_received",
  "referral_redirected",
  "screening_outcome",
  "information_requested",
  "information_answered",
  "meeting_planned",
  "meeting_moved",
  "meeting_cancelled",
  "case_on_agenda",
  "advisor_presented",
  "arrangement_approved",
  "arrangement_refused",
  "returned_to_table",
  "term_due",
  "actions_overdue",
  "guest_invited",
  "advice_given",
  "shortfall_published",
  "escalation_requested",
  "escalation_answered",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Urgent kinds are mailed at once whatever the user chose: a referral must be screened, an outcome
 * goes back to the referrer by the end of the next working day, and a calendar invitation is only
 * useful before the meeting. The rest may wait for the daily digest.
 */
const URGENT: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
  "referral_received",
  "referral_redirected",
  "screening_outcome",
  "information_requested",
  "information_answered",
  "meeting_planned",
  "meeting_moved",
  "meeting_cancelled",
  "guest_invited",
  "returned_to_table",
  "advice_given",
]);

export const isUrgent = (kind: NoticeKind) => URGENT.has(kind);

/** Whether a notice of this kind is mailed now (else it waits for the user's daily digest). */
export const mailAtOnce = (kind: NoticeKind, digest: boolean) => !digest || isUrgent(kind);

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  referral_received: "Nieuwe verwijzing",
  referral_redirected: "Doorverwezen verwijzing",
  screening_outcome: "Uitkomst screening",
  information_requested: "Verzoek om informatie",
  information_answered: "Antwoord van de verwijzer",
  meeting_planned: "Bijeenkomst gepland",
  meeting_moved: "Bijeenkomst verplaatst",
  meeting_cancelled: "Bijeenkomst afgelast",
  case_on_agenda: "Casus op de agenda",
  advisor_presented: "Casus voorgelegd aan medisch adviseur",
  arrangement_approved: "Arrangement goedgekeurd",
  arrangement_refused: "Arrangement afgewezen",
  returned_to_table: "Teruggelegd door medisch adviseur",
  term_due: "Termijn loopt af",
  actions_overdue: "Acties over de datum",
  guest_invited: "Uitnodiging als gastdeskundige",
  advice_given: "Advies van de regiotafel",
  shortfall_published: "Capaciteitstekort gepubliceerd",
  escalation_requested: "Opschaling naar de landelijk projectleider",
  escalation_answered: "Antwoord van de landelijk projectleider",
};

/**
 * Retry delay after the n-th failed attempt (n ≥ 1): doubling from `baseMs`, capped at `maxMs`.
 * With a one-minute base: 1, 2, 4, 8 … minutes, at most six hours apart.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs = 6 * 3_600_000): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
