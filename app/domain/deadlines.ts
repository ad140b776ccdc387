// The terms that run for a case once something has been reported (gemeld) to a municipality or
// once medical necessity ends: how long each may take, when it falls due, and where it stands.
// Pure: dates in, dates out (yyyy-mm-dd calendar days, no time zone involved).
//
// Sources (in ../shared/seeds):
// - werkwijzer-medisch-noodzakelijk-verblijf.txt, p. 16 "Termijnen gemeente":
//   "Hiervoor heeft de gemeente wettelijk gezien 8 weken vanaf het moment van melding van een behoefte
//    aan maatschappelijke ondersteuning tot de beschikking; een redelijke termijn bij patiënten die
//    uitstromen uit de kliniek na kortdurend verblijf of een crisisopname is 4 weken (van melding tot
//    beschikking)."
//   "met urgentie: na melding is een redelijke termijn dat binnen 3 maanden een contingent woning
//    beschikbaar en aangeboden is; zonder urgentie: … binnen 6 maanden een huurwoning …"
//   "Een redelijke termijn voor het regelen van een uitkering, schuldhulpverlening of een briefadres
//    is 1 maand na melding."
//   Beschermd Wonen: "Na melding is er uiterlijk binnen 8 weken een beschikking." and "Een redelijke
//    termijn is plaatsing binnen uiterlijk 6 maanden na de melding."
// - werkwijzer, "Verblijf met rechtvaardigingsgrond (VMR) 1/2": "zorgverzekeraars vergoeden voor een
//   periode van maximaal zes maanden de VMR dagen" and "De termijn van zes maanden is aanvullend op de
//   duur van het medisch noodzakelijk verblijf" (so it starts when medical necessity ends; the
//   provider registers VMR "zodra er geen medische noodzaak meer is voor verblijf");
//   "Bij noodzaak van Wlz is VMR niet mogelijk." (also VMR 2/2: "Niet mogelijk bij noodzaak Wlz").
// - wederkerigheidsafspraken-eemland.txt: "vergoeden zorgverzekeraars voor een periode van maximaal
//   6 maanden de VMR dagen" and "Wanneer na 5 maanden nog geen passende plek is voor de inwoner dan
//   informeert het betreffende lokale (wijk)team de Gemeente Amersfoort" → the alert at 5 months.
import { addMonths, addWeeks, format } from "date-fns";
import { isCalendarDate } from "./amsterdam-time";
import type { DeadlineKind } from "./vocabulary";

export { DEADLINE_KINDS, type DeadlineKind } from "./vocabulary";

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  wmo_support: "Wmo-ondersteuning en dagbesteding: beschikking (8 weken)",
  wmo_support_short_stay: "Wmo-ondersteuning na kort verblijf of crisisopname: beschikking (4 weken)",
  housing_urgent: "Huisvesting met urgentie (3 maanden)",
  housing_regular: "Huisvesting zonder urgentie (6 maanden)",
  income_debt_address: "Uitkering, schuldhulpverlening of briefadres (1 maand)",
  sheltered_housing_decision: "Beschermd wonen: beschikking (8 weken)",
  sheltered_housing_placement: "Beschermd wonen: plaatsing (6 maanden)",
  vmr: "Verblijf met rechtvaardigingsgrond (VMR): vergoeding zorgverzekeraar (6 maanden)",
};

type Term = { weeks?: number; months?: number; alertMonths?: number };

const TERMS: Record<DeadlineKind, Term> = {
  wmo_support: { weeks: 8 },
  wmo_support_short_stay: { weeks: 4 },
  housing_urgent: { months: 3 },
  housing_regular: { months: 6 },
  income_debt_address: { months: 1 },
  sheltered_housing_decision: { weeks: 8 },
  sheltered_housing_placement: { months: 6 },
  vmr: { months: 6, alertMonths: 5 },
};

/** An existing calendar day written as yyyy-mm-dd: the portal's one rule for dates. */
export const isDateOnly = isCalendarDate;

// Local midnight, so date-fns' calendar arithmetic works on the day as written.
function toDate(value: string): Date {
  if (!isDateOnly(value)) throw new RangeError(`not a calendar date: ${value}`);
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y, m - 1, d);
}

const toDateOnly = (date: Date) => format(date, "yyyy-MM-dd");

function add(start: Date, weeks?: number, months?: number): Date {
  // addMonths keeps the day of the month, or takes the month's last day when it has fewer
  // (31 January + 1 month = 28 or 29 February).
  if (months) return addMonths(start, months);
  return addWeeks(start, weeks ?? 0);
}

export type DueDates = { dueDate: string; alertDate?: string };

/** When a term that started (melding, or end of medical necessity for VMR) on startDate falls due. */
export function dueDates(kind: DeadlineKind, startDate: string): DueDates {
  const term = TERMS[kind];
  if (!term) throw new RangeError(`unknown deadline kind: ${kind}`);
  const start = toDate(startDate);
  const dueDate = toDateOnly(add(start, term.weeks, term.months));
  return term.alertMonths ? { dueDate, alertDate: toDateOnly(addMonths(start, term.alertMonths)) } : { dueDate };
}

/** VMR is not possible when Wlz care is needed (werkwijzer: "Bij noodzaak van Wlz is VMR niet mogelijk"). */
export function vmrAllowed(needsWlz: boolean): boolean {
  return !needsWlz;
}

export const VMR_WLZ_MESSAGE =
  "VMR is niet mogelijk als Wlz-zorg nodig is. De Wlz-uitvoerder is dan verantwoordelijk voor passende zorg binnen redelijke termijn (werkwijzer medisch noodzakelijk verblijf).";

/** Why this term cannot be recorded, or null. */
export function deadlineProblem(kind: DeadlineKind, options: { needsWlz: boolean }): string | null {
  if (kind === "vmr" && !vmrAllowed(options.needsWlz)) return VMR_WLZ_MESSAGE;
  return null;
}

export type DeadlineState = "met" | "overdue" | "alert" | "running";

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  met: "Gehaald",
  overdue: "Verlopen",
  alert: "Signaal: termijn loopt bijna af",
  running: "Loopt",
};

export type DeadlineDates = { dueDate: string; alertDate?: string | null; metOn?: string | null };

/**
 * Where a term stands on `today` (yyyy-mm-dd). The due date is the last day of the term: it is
 * overdue from the day after. The alert applies from the alert date itself ("na 5 maanden").
 * Dates in yyyy-mm-dd compare correctly as strings.
 */
export function deadlineState(deadline: DeadlineDates, today: string): DeadlineState {
  if (deadline.metOn) return "met";
  if (today > deadline.dueDate) return "overdue";
  if (deadline.alertDate && today >= deadline.alertDate) return "alert";
  return "running";
}

const dayFormatter = new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** "28 maart 2026" for a calendar day yyyy-mm-dd (the day as written, no time zone shift). */
export function formatDay(value: string): string {
  if (!isDateOnly(value)) return value;
  const [y, m, d] = value.split("-").map(Number);
  return dayFormatter.format(new Date(Date.UTC(y, m - 1, d)));
}
