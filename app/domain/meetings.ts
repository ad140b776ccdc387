// Table meetings (bijeenkomsten): pure rules for when they take place, how cases fit on the
// agenda, when people are double-booked and how long a guest expert keeps access.
// Times are stored as UTC instants (ISO 8601) and typed and read in Europe/Amsterdam.
import { addDays, addMonths, format, getDaysInMonth, parseISO } from "date-fns";
import { amsterdamDayEnd, isCalendarDate, TIME_ZONE } from "./amsterdam-time";

const MINUTE_MS = 60_000;

export const MEETING_MIN_MINUTES = 15;
export const MEETING_MAX_MINUTES = 480;
export const SERIES_MAX = 12;
export const AGENDA_ITEM_MIN_MINUTES = 5;
/** A guest expert keeps access this many days after the meeting ends, unless the chair chooses otherwise. */
export const GUEST_ACCESS_DAYS = 14;
/** The latest access end a chair may choose, counted from the meeting's end. */
export const GUEST_ACCESS_MAX_DAYS = 90;

// ── Amsterdam local time ↔ UTC ───────────────────────────────────────────────

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

type Local = { year: number; month: number; day: number; hour: number; minute: number };

function localParts(instant: number): Local {
  const p: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(instant))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

const two = (n: number) => String(n).padStart(2, "0");

/** True for "14:00" (and "14:00:00", which some browsers send), 00:00–23:59. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d(:00)?$/.test(value);
}

/**
 * The UTC instant of a wall-clock time in Amsterdam, or null when that time does not exist
 * (the hour skipped when summer time starts).
 */
export function amsterdamToUtc(date: string, time: string): string | null {
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offset = (instant: number) => {
    const p = localParts(instant);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  };
  let instant = wall - offset(wall);
  instant = wall - offset(instant);
  const check = localParts(instant);
  if (check.year !== year || check.month !== month || check.day !== day || check.hour !== hour || check.minute !== minute) return null;
  return new Date(instant).toISOString();
}

/** The Amsterdam calendar day of an instant, yyyy-mm-dd. */
export function amsterdamDate(iso: string): string {
  const p = localParts(new Date(iso).getTime());
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** The Amsterdam wall-clock time of an instant, "14:00". */
export function amsterdamTime(iso: string): string {
  const p = localParts(new Date(iso).getTime());
  return `${two(p.hour)}:${two(p.minute)}`;
}

const dayFormatter = new Intl.DateTimeFormat("nl-NL", { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** "dinsdag 8 december 2026" */
export function formatMeetingDay(iso: string): string {
  return dayFormatter.format(new Date(iso));
}

export const endOf = (startsAt: string, durationMinutes: number) => new Date(new Date(startsAt).getTime() + durationMinutes * MINUTE_MS).toISOString();

/** "dinsdag 8 december 2026, 14:00–16:00" (the end with its own date when it falls on another day). */
export function formatPeriod(startsAt: string, durationMinutes: number): string {
  const end = endOf(startsAt, durationMinutes);
  const sameDay = amsterdamDate(startsAt) === amsterdamDate(end);
  return `${formatMeetingDay(startsAt)}, ${amsterdamTime(startsAt)}–${sameDay ? "" : `${formatMeetingDay(end)} `}${amsterdamTime(end)}`;
}

/** "14:00–14:30" */
export function formatClockRange(startsAt: string, durationMinutes: number): string {
  return `${amsterdamTime(startsAt)}–${amsterdamTime(endOf(startsAt, durationMinutes))}`;
}

// ── Monthly series ───────────────────────────────────────────────────────────

/** Calendar arithmetic on a day at noon, so no time zone's midnight can shift the date. */
const calendarDay = (date: string) => parseISO(`${date}T12:00:00`);
const asDate = (d: Date) => format(d, "yyyy-MM-dd");

/** Which occurrence of its weekday in the month a day is: 1 for the first Tuesday, 5 for a fifth. */
export function weekdayOrdinal(date: string): number {
  return Math.ceil(Number(date.slice(8, 10)) / 7);
}

/**
 * The days of a monthly series: the same weekday-of-month as the first day ("every second
 * Tuesday"), `count` months in a row. A fifth weekday that a month does not have becomes
 * that month's last such weekday.
 */
export function monthlySeriesDates(firstDate: string, count: number): string[] {
  if (!isCalendarDate(firstDate)) throw new RangeError(`not a calendar date: ${firstDate}`);
  const first = calendarDay(firstDate);
  const weekday = first.getDay();
  const ordinal = weekdayOrdinal(firstDate);
  const dates: string[] = [];
  for (let k = 0; k < count; k++) {
    const monthStart = addMonths(calendarDay(`${firstDate.slice(0, 7)}-01`), k);
    const firstWeekday = 1 + ((weekday - monthStart.getDay() + 7) % 7);
    let day = firstWeekday + 7 * (ordinal - 1);
    if (day > getDaysInMonth(monthStart)) day -= 7;
    dates.push(asDate(addDays(monthStart, day - 1)));
  }
  return dates;
}

/**
 * The start instants (UTC) of a series at the same Amsterdam wall-clock time each month, so
 * 14:00 stays 14:00 across summer and winter time. Null when a date's time does not exist.
 */
export function monthlySeriesStarts(firstDate: string, time: string, count: number): string[] | null {
  const starts = monthlySeriesDates(firstDate, count).map((date) => amsterdamToUtc(date, time));
  return starts.every((s): s is string => s !== null) ? starts : null;
}

// ── Intervals, agenda slots and clashes ─────────────────────────────────────

export type Timed = { startsAt: string; durationMinutes: number };
export type Interval = { start: number; end: number };

export function intervalOf(t: Timed): Interval {
  const start = new Date(t.startsAt).getTime();
  return { start, end: start + t.durationMinutes * MINUTE_MS };
}

/** Half-open intervals: one ending at 15:00 and another starting at 15:00 do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export const timedOverlap = (a: Timed, b: Timed) => overlaps(intervalOf(a), intervalOf(b));

/**
 * Why a slot cannot go on a meeting's agenda (Dutch), or null when it fits: it must lie
 * within the meeting and may not overlap another item.
 */
export function slotProblem(meeting: Timed, items: readonly Timed[], slot: Timed): string | null {
  const m = intervalOf(meeting);
  const s = intervalOf(slot);
  if (slot.durationMinutes < AGENDA_ITEM_MIN_MINUTES) return `Een agendapunt duurt minstens ${AGENDA_ITEM_MIN_MINUTES} minuten.`;
  if (s.start < m.start || s.end > m.end) {
    return `Het agendapunt valt buiten de bijeenkomst. Kies een tijd tussen ${formatClockRange(meeting.startsAt, meeting.durationMinutes)}.`;
  }
  const clash = items.find((item) => overlaps(intervalOf(item), s));
  if (clash) return `Dit tijdslot overlapt met een ander agendapunt (${formatClockRange(clash.startsAt, clash.durationMinutes)}).`;
  return null;
}

/**
 * Where the next item of this length goes when items follow each other from the meeting's
 * start: the first gap that is long enough, or null when the meeting is full.
 */
export function nextFreeSlot(meeting: Timed, items: readonly Timed[], durationMinutes: number): string | null {
  const m = intervalOf(meeting);
  const length = durationMinutes * MINUTE_MS;
  let candidate = m.start;
  for (const item of [...items].map(intervalOf).sort((a, b) => a.start - b.start)) {
    if (candidate + length <= item.start) break;
    candidate = Math.max(candidate, item.end);
  }
  return candidate + length <= m.end ? new Date(candidate).toISOString() : null;
}

/** Another meeting a person is already expected at. */
export type Commitment = Timed & { personId: string; personName: string; label: string };
export type Clash = Commitment & { with: Timed };

/** Every commitment that overlaps one of the planned times (a warning, not a refusal). */
export function findClashes(planned: readonly Timed[], commitments: readonly Commitment[]): Clash[] {
  const clashes: Clash[] = [];
  for (const c of commitments) {
    const hit = planned.find((p) => timedOverlap(p, c));
    if (hit) clashes.push({ ...c, with: hit });
  }
  return clashes.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.personName.localeCompare(b.personName, "nl"));
}

// ── Guest experts ────────────────────────────────────────────────────────────

/** The day (Amsterdam) offered as the guest's last day of access: the meeting's end plus 14 days. */
export function defaultGuestAccessDate(meeting: Timed): string {
  return asDate(addDays(calendarDay(amsterdamDate(endOf(meeting.startsAt, meeting.durationMinutes))), GUEST_ACCESS_DAYS));
}

/** Access "up to and including" a day ends when the next Amsterdam day begins. */
export function guestAccessUntil(date: string): string {
  return amsterdamDayEnd(date).toISOString();
}

/** Why a chosen last day of access is not acceptable (Dutch), or null. */
export function guestAccessProblem(date: string, meeting: Timed, now: Date = new Date()): string | null {
  if (!isCalendarDate(date)) return "Vul een geldige datum in.";
  const until = new Date(guestAccessUntil(date)).getTime();
  const meetingEnd = intervalOf(meeting).end;
  if (until < meetingEnd) return "De toegang moet minstens tot het einde van de bijeenkomst lopen.";
  if (until <= now.getTime()) return "Kies een datum in de toekomst.";
  if (until > meetingEnd + (GUEST_ACCESS_MAX_DAYS + 1) * 24 * 60 * MINUTE_MS) {
    return `De toegang loopt hoogstens ${GUEST_ACCESS_MAX_DAYS} dagen na de bijeenkomst.`;
  }
  return null;
}

export function guestAccessActive(accessUntil: string | null, now: Date = new Date()): boolean {
  return accessUntil !== null && new Date(accessUntil).getTime() > now.getTime();
}

// ── Other small rules ───────────────────────────────────────────────────────

/** Video links must be https (no javascript:, no plain http). */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** "1 casus op de agenda", "3 casussen op de agenda": all a calendar may say about the agenda. */
export function agendaCountLabel(count: number): string {
  return count === 1 ? "1 casus op de agenda" : `${count} casussen op de agenda`;
}

export const RESPONSE_LABELS = { pending: "Nog niet gereageerd", accepted: "Komt", declined: "Komt niet" } as const;
export const INVITATION_KIND_LABELS = { member: "Tafellid", guest: "Gast-expert" } as const;
