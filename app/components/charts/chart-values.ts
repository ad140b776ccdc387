// What a chart may draw for a value that left the monitor's query layer: a number gets a bar,
// "<5" gets an open, dashed marker of fixed size (its length must not hint at 1, 2, 3 or 4),
// and "no data" gets nothing. Labels read exactly like the data table and the CSV.
import { displayValue, type Count, type Stat } from "~/domain/monitor";

export type ChartValue = Count | Stat;

/** Width of the "<5" marker in px: the same for every suppressed value, whatever the scale. */
export const SUPPRESSED_MARKER = 26;

export const isShown = (v: ChartValue): v is number => typeof v === "number";
export const label = (v: ChartValue) => displayValue(v);

/** The largest shown number (at least 5, so the scale never suggests that a suppressed value is large). */
export function domainMax(values: readonly ChartValue[]): number {
  return Math.max(5, ...values.filter(isShown));
}
