// Dutch working days, for terms like the MDT rule "the outcome goes back to the referrer by the end
// of the next working day". Pure: no I/O; calendar days as yyyy-mm-dd, instants in Europe/Amsterdam.
//
// A working day is Monday to Friday that is not a generally recognised holiday in the sense of the
// Algemene termijnenwet (art. 3): Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag,
// Koningsdag, 5 mei (Bevrijdingsdag, every year for legal terms) and both Christmas days.
// date-holidays lists these as "public" except Bevrijdingsdag ("school"); Goede Vrijdag is a working day.
import Holidays from "date-holidays";
import { amsterdamDayEnd, formatAmsterdamSortable, isCalendarDate } from "./amsterdam-time";

const dutchHolidays = new Holidays("NL");

const holidaysByYear = new Map<number, Map<string, string>>();

/** The Dutch holidays of a year that stop the clock: date → Dutch name. */
function holidaysOf(year: number): Map<string, string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Map();
    for (const h of dutchHolidays.getHolidays(year)) {
      const date = h.date.slice(0, 10);
      if (h.type === "public" || date.endsWith("-05-05")) days.set(date, h.name);
    }
    holidaysByYear.set(year, days);
  }
  return days;
}

function checkDate(date: string) {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
}

/** The name of the Dutch public holiday on this day ("Tweede paasdag"), or null. */
export function dutchHoliday(date: string): string | null {
  checkDate(date);
  return holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
}

function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(date: string): boolean {
  checkDate(date);
  const day = weekday(date);
  return day !== 0 && day !== 6 && dutchHoliday(date) === null;
}

/** The first working day strictly after `date` (both yyyy-mm-dd). */
export function nextWorkingDay(date: string): string {
  checkDate(date);
  let candidate = addDays(date, 1);
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

/** The Amsterdam calendar day (yyyy-mm-dd) of an instant. */
export function amsterdamDate(instant: Date | string): string {
  const iso = typeof instant === "string" ? new Date(instant).toISOString() : instant.toISOString();
  return formatAmsterdamSortable(iso).slice(0, 10);
}

/**
 * The deadline "end of the next working day after X": the instant the next working day after
 * X's Amsterdam calendar day ends (exclusive: something done before it is on time). A meeting on
 * Friday 24 April 2026 → end of Tuesday 28 April (weekend, then Koningsdag on Monday 27th).
 */
export function endOfNextWorkingDay(instant: Date | string): Date {
  return amsterdamDayEnd(nextWorkingDay(amsterdamDate(instant)));
}

/** True when `doneAt` lies before the end of the next working day after `startedAt`. */
export function withinNextWorkingDay(startedAt: Date | string, doneAt: Date | string): boolean {
  return new Date(doneAt).getTime() < endOfNextWorkingDay(startedAt).getTime();
}
