// How a case is summarised on lists and pages: pure helpers (no I/O), so the de-identified
// summary and the inbox order are the same everywhere and easy to test.
import type { Urgency } from "./vocabulary";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since an instant (never negative). */
export function daysSince(iso: string, now: Date = new Date()): number {
  const ms = now.getTime() - new Date(iso).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / DAY_MS) : 0;
}

/** "1 dag", "3 dagen". */
export function daysLabel(days: number): string {
  return days === 1 ? "1 dag" : `${days} dagen`;
}

/** Age in completed years on `today` (yyyy-mm-dd) for a date of birth (yyyy-mm-dd); null if unreadable. */
export function ageInYears(dateOfBirth: string, today: string): number | null {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!birth || !now) return null;
  const [by, bm, bd] = birth.slice(1).map(Number);
  const [ny, nm, nd] = now.slice(1).map(Number);
  let age = ny - by;
  if (nm < bm || (nm === bm && nd < bd)) age--;
  return age >= 0 ? age : null;
}

/**
 * The age as a five-year band ("30–34 jaar"): enough for the table to weigh a case,
 * too coarse to recognise a person by.
 */
export function ageBand(dateOfBirth: string, today: string): string {
  const age = ageInYears(dateOfBirth, today);
  if (age == null) return "Leeftijd onbekend";
  const low = Math.floor(age / 5) * 5;
  return `${low}–${low + 4} jaar`;
}

const URGENCY_ORDER: Record<Urgency, number> = { crisis: 0, high: 1, regular: 2 };

/** Inbox order: the most urgent first, and within the same urgency the one waiting longest. */
export function byUrgencyThenAge<T extends { urgency: Urgency; receivedAt: string }>(a: T, b: T): number {
  return URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || a.receivedAt.localeCompare(b.receivedAt);
}

/** Badge class per urgency: crisis and high stand out. */
export const URGENCY_BADGE: Record<Urgency, string> = {
  crisis: "badge badge--error",
  high: "badge badge--warn",
  regular: "badge",
};
