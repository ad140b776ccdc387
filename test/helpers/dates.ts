// Dates as the portal's people (and its rules) see them: in Amsterdam. A test that takes "today"
// from toISOString() is a day behind between midnight in Amsterdam and midnight UTC.
import { amsterdamToday } from "../../app/domain/amsterdam-time";

export { amsterdamToday };

/** The Amsterdam date `days` after today (negative: before). */
export function amsterdamInDays(days: number): string {
  const d = new Date(`${amsterdamToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
