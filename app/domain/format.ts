// The one way the portal writes dates, times, periods, money and codes for people (pages, CSV,
// PDF, mail). Everything is Dutch and in Europe/Amsterdam: "1 december 2026", "14:02" (never
// seconds), "1 december 2026, 14:02". Safe in the browser: pure functions, no I/O.
import {
  formatAmsterdam,
  formatAmsterdamDate,
  formatAmsterdamSpreadsheet,
  formatAmsterdamTime,
  isCalendarDate,
} from "~/domain/amsterdam-time";
import { auditActionLabel, auditObjectLabel, AUDIT_OUTCOME_LABELS, formatIpAddress } from "~/domain/audit-actions";
import { formatClockRange, formatMeetingDay, formatPeriod as formatMeetingPeriod } from "~/domain/meetings";
import { formatEuros } from "~/domain/arrangement";
import { ORGANISATION_TYPE_LABELS, ROLE_LABELS, type OrganisationType, type Role } from "~/domain/vocabulary";

/** "1 december 2026": a calendar day (yyyy-mm-dd) as written, or the Amsterdam day of an instant. */
export const formatDate = (value: string | null | undefined): string => (value ? formatAmsterdamDate(value) : "");

/** "1 december 2026, 14:02" */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? formatAmsterdam(iso) : "");

/** "14:02" */
export const formatTime = (iso: string | null | undefined): string => (iso ? formatAmsterdamTime(iso) : "");

/** "01-12-2026 14:02" or "01-12-2026": for CSV files (Dutch spreadsheets read these as dates). */
export const formatSpreadsheetDate = (value: string | null | undefined): string => (value ? formatAmsterdamSpreadsheet(value) : "");

/**
 * A span of days: "1 t/m 31 december 2026", "28 november t/m 3 december 2026",
 * "1 december 2026 t/m 31 januari 2027"; an open end reads "vanaf 1 december 2026".
 */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return "";
  if (!end) return `vanaf ${formatDate(start)}`;
  if (!start) return `tot en met ${formatDate(end)}`;
  const from = formatDate(start);
  const to = formatDate(end);
  if (from === to) return from;
  const [fd, fm, fy] = from.split(" ");
  const [, tm, ty] = to.split(" ");
  if (fy === ty && fm === tm) return `${fd} t/m ${to}`;
  if (fy === ty) return `${fd} ${fm} t/m ${to}`;
  return `${from} t/m ${to}`;
}

/** "3 dagen", "1 dag" */
export const formatDays = (days: number): string => (days === 1 ? "1 dag" : `${formatNumber(days)} dagen`);

/** "1.234" */
export const formatNumber = (value: number): string => value.toLocaleString("nl-NL");

/** "€ 12.500" (whole euros). */
export const formatMoney = (amount: number): string => formatEuros(amount);

/** "dinsdag 8 december 2026" */
export const formatWeekday = (iso: string): string => formatMeetingDay(iso);

/** A meeting: "dinsdag 8 december 2026, 14:00–16:00". */
export const formatMeeting = (startsAt: string, durationMinutes: number): string => formatMeetingPeriod(startsAt, durationMinutes);

/** A slot: "14:00–14:30". */
export const formatSlot = (startsAt: string, durationMinutes: number): string => formatClockRange(startsAt, durationMinutes);

export const formatAuditAction = auditActionLabel;
export const formatAuditObject = auditObjectLabel;
export const formatAuditOutcome = (outcome: keyof typeof AUDIT_OUTCOME_LABELS): string => AUDIT_OUTCOME_LABELS[outcome];
export const formatIp = formatIpAddress;

export const formatRole = (role: string | null | undefined): string =>
  role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : "";

export const formatOrganisationType = (type: string | null | undefined): string =>
  type && type in ORGANISATION_TYPE_LABELS ? ORGANISATION_TYPE_LABELS[type as OrganisationType] : "";

/** An organisation by its name; its type in words when only that is known. */
export const formatOrganisation = (org: { name?: string | null; type?: string | null } | null | undefined): string =>
  org?.name ?? formatOrganisationType(org?.type) ?? "";

export { isCalendarDate };
