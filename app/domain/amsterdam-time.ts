// Times as the users read them: the portal stores UTC instants (ISO 8601), people think in
// Dutch local time. Pure helpers, no I/O: day boundaries and readable formats in Europe/Amsterdam.

export const TIME_ZONE = "Europe/Amsterdam";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

// One way people read dates in the portal: "1 december 2026" and "14:02" (no seconds).
const dateFormatter = new Intl.DateTimeFormat("nl-NL", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" });
const calendarDayFormatter = new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function localParts(instant: Date): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The earliest year of any date in the portal: the oldest patients' dates of birth lie after it. */
const FIRST_YEAR = 1900;

/**
 * True for an existing calendar day written as yyyy-mm-dd (what <input type="date"> sends), from
 * 1900 on: 2026-02-30, 2025-02-29 and 0000-00-00 are not days.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < FIRST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Offset of Amsterdam from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant at which a calendar day (yyyy-mm-dd) begins in Amsterdam. */
export function amsterdamDayStart(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [year, month, day] = date.split("-").map(Number);
  const localMidnightAsUtc = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset even next to a daylight-saving switch.
  let instant = localMidnightAsUtc - offsetAt(new Date(localMidnightAsUtc));
  instant = localMidnightAsUtc - offsetAt(new Date(instant));
  return new Date(instant);
}

/** The UTC instant at which the day after `date` begins in Amsterdam (exclusive end of "up to and including"). */
export function amsterdamDayEnd(date: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return amsterdamDayStart(next.toISOString().slice(0, 10));
}

const two = (n: number) => String(n).padStart(2, "0");

/** "14:02": the Amsterdam wall-clock time of an instant. */
export function formatAmsterdamTime(iso: string): string {
  const p = localParts(new Date(iso));
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** "23 november 2026": the Amsterdam day of an instant, or a calendar day (yyyy-mm-dd) as written. */
export function formatAmsterdamDate(value: string): string {
  if (isCalendarDate(value)) {
    const [y, m, d] = value.split("-").map(Number);
    return calendarDayFormatter.format(new Date(Date.UTC(y, m - 1, d)));
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : dateFormatter.format(instant);
}

/** "23 november 2026, 13:16": for people reading a page. */
export function formatAmsterdam(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return `${dateFormatter.format(instant)}, ${formatAmsterdamTime(iso)}`;
}

/** "23-11-2026 13:16" (or "23-11-2026" for a calendar day): what Dutch spreadsheets read as a date. */
export function formatAmsterdamSpreadsheet(value: string): string {
  if (isCalendarDate(value)) return value.split("-").reverse().join("-");
  const p = localParts(new Date(value));
  return `${two(p.day)}-${two(p.month)}-${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/** "2026-11-23 13:16:23": sortable, for computing (today's date, comparisons), not for people: see formatAmsterdamSpreadsheet. */
export function formatAmsterdamSortable(iso: string): string {
  const p = localParts(new Date(iso));
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Today's date (yyyy-mm-dd) in Amsterdam: the portal's "today" for every date a person enters. */
export const amsterdamToday = (now: Date = new Date()): string => formatAmsterdamSortable(now.toISOString()).slice(0, 10);
