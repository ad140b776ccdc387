// What a chart may draw for a value that left the monitor's query layer: a number gets a bar,
// "onderdrukt" gets an open, dashed marker of fixed size (its length must not hint at a value),
// and "no data" gets nothing. Labels read exactly like the data table, the CSV and the PDF.
// Charts are server-rendered SVG without a DOM to measure text, so label room is computed from a
// conservative estimate of the text's width: a label never runs outside its SVG.
import type { Published } from "~/domain/disclosure";
import { displayValue, type Stat } from "~/domain/monitor";

export type ChartValue = Published | Stat;

/** Width of the "onderdrukt" marker in px: the same for every suppressed value, whatever the scale. */
export const SUPPRESSED_MARKER = 26;
export const FONT_SIZE = 12;

export const isShown = (v: ChartValue): v is number => typeof v === "number";
export const isSuppressed = (v: ChartValue) => v === "onderdrukt";
export const label = (v: ChartValue) => displayValue(v);

/** The largest shown number (at least 5, so the scale never suggests that a suppressed value is large). */
export function domainMax(values: readonly ChartValue[]): number {
  return Math.max(5, ...values.filter(isShown));
}

// Advance widths (in em) of a wide sans-serif face (DejaVu Sans, Verdana), rounded up: narrow, wide and the rest.
const NARROW = new Set("iljtfrI.,;:!|'()[] ".split(""));
const WIDE = new Set("mwMWÆŒ@%".split(""));

/** An upper estimate of the rendered width of a text in px (bold adds 8%). */
export function textWidth(text: string, fontSize = FONT_SIZE, bold = false): number {
  let em = 0;
  for (const ch of text) em += NARROW.has(ch) ? 0.36 : WIDE.has(ch) ? 0.98 : ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? 0.76 : 0.66;
  return Math.ceil(em * fontSize * (bold ? 1.1 : 1)) + 4;
}

/** Room for the widest of these labels, with a margin. */
export const labelRoom = (labels: readonly string[], fontSize = FONT_SIZE) => Math.max(40, ...labels.map((l) => textWidth(l, fontSize))) + 12;
