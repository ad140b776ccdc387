// Meetings in time order (MDT practice: decisions are typed live during the meeting, not before).
// Minutes, decisions and actions can be recorded from the meeting's start; the case's "Besproken"
// takes the meeting's date, and the advice to the referrer is due at the end of the next working
// day after it. Pure.
import { formatAmsterdam } from "./amsterdam-time";
import { endOfNextWorkingDay } from "./working-days";

/** Why minutes cannot be recorded now, or null from the meeting's start on. */
export function minutesTimeProblem(meetingStartsAt: string, now: Date): string | null {
  if (now.getTime() >= new Date(meetingStartsAt).getTime()) return null;
  return `De bijeenkomst begint pas op ${formatAmsterdam(meetingStartsAt)}. Verslag, besluiten en acties kunnen vanaf de start van de bijeenkomst worden vastgelegd.`;
}

/** The deadline of the table's advice to the referrer after a discussion at this meeting. */
export const adviceDueAt = (meetingStartsAt: string): string => endOfNextWorkingDay(meetingStartsAt).toISOString();
