// Dutch default messages for zod, so every validation error a user sees is in Dutch.
import { z, ZodIssueCode, type ZodErrorMap } from "zod";
import { isCalendarDate } from "./amsterdam-time";

const dutchErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === "undefined" || issue.received === "null" ? "Dit veld is verplicht." : "Deze waarde is niet geldig." };
    case ZodIssueCode.too_small:
      if (issue.type === "string") return { message: issue.minimum === 1 ? "Dit veld is verplicht." : `Vul minstens ${issue.minimum} tekens in.` };
      if (issue.type === "array") return { message: issue.minimum === 1 ? "Kies minstens één optie." : `Kies minstens ${issue.minimum} opties.` };
      return { message: `De waarde moet minstens ${issue.minimum} zijn.` };
    case ZodIssueCode.too_big:
      if (issue.type === "string") return { message: `Vul hoogstens ${issue.maximum} tekens in.` };
      return { message: `De waarde mag hoogstens ${issue.maximum} zijn.` };
    case ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: "Vul een geldig e-mailadres in." };
      if (issue.validation === "url") return { message: "Vul een geldige webadres (URL) in." };
      return { message: "Deze waarde heeft niet de goede vorm." };
    case ZodIssueCode.invalid_enum_value:
      return { message: "Kies een van de mogelijke opties." };
    case ZodIssueCode.invalid_date:
      return { message: "Vul een geldige datum in." };
    case ZodIssueCode.unrecognized_keys:
      return { message: `Onbekend veld: ${issue.keys.join(", ")}. Laat ${issue.keys.length === 1 ? "dit veld" : "deze velden"} weg.` };
    default:
      return { message: ctx.defaultError };
  }
};

z.setErrorMap(dutchErrorMap);
export { z };

/** Dutch messages per field, keyed by the field's (dotted) name: what a form parser or a model refuses. */
export type FieldErrors = Record<string, string[] | undefined>;

// ── Free text and dates: one rule for every schema ───────────────────────────

/**
 * Control characters no stored text may hold: C0 (NUL, BEL, ESC …) except tab, newline and
 * carriage return, DEL, and C1 (U+0080–U+009F, never typed; a sign of wrongly decoded text).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** What one-line text may hold: no control character at all (so no tab or line break either). */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** What multi-line text may hold: tab, newline and carriage return, no other control character. */
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;

/**
 * Bidirectional controls (LRE/RLE/PDF/LRO/RLO, the isolates LRI/RLI/FSI/PDI, LRM/RLM, ALM): they
 * make text display in another order than it is stored ("factuur\u202Egnp.png" shows as
 * "factuurpng.png" reversed). No one needs them in Dutch free text or a file name.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NO_BIDI_CONTROLS = /^[^\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/;
export const BIDI_CONTROL_MESSAGE = "Dit veld bevat onzichtbare tekens die de leesrichting omdraaien. Verwijder die en probeer het opnieuw.";
export const hasBidiControls = (value: string) => BIDI_CONTROLS.test(value);

export const CONTROL_CHARACTER_MESSAGE = "Dit veld bevat onzichtbare stuurtekens. Verwijder die en probeer het opnieuw.";

export const hasControlCharacters = (value: string, options: { multiline?: boolean } = {}) => !(options.multiline ? MULTI_LINE : ONE_LINE).test(value);

/** The text without control characters (tab, newline and carriage return stay): for drafts, which keep what was typed. */
export const withoutControlCharacters = (value: string) => value.replace(CONTROL_CHARACTERS, "");

/** Control characters as visible pictures (NUL → ␀, ESC → ␛, DEL → ␡, C1 → �): for logs, which keep what was attempted. */
export const showControlCharacters = (value: string) =>
  value.replace(CONTROL_CHARACTERS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });

export type PlainTextOptions = {
  /** Tab, newline and carriage return allowed (a textarea); otherwise one line. */
  multiline?: boolean;
  /** Empty (after trimming) is refused with this message, or with "Dit veld is verplicht." for `true`. */
  required?: string | true;
  /** The most characters (after trimming). */
  max?: number;
  /** The message beyond `max` (default "Vul hoogstens … tekens in."). */
  tooLong?: string;
};

/**
 * Free text typed by a person or sent by a system: trimmed, refused when it holds control
 * characters (NUL, ESC, BEL, DEL …) or bidirectional controls (U+202E …) with a Dutch message. Stays a ZodString, so callers may add
 * `.email()`, `.min()`, `.optional()` and so on.
 */
export function plainText({ multiline = false, required, max, tooLong }: PlainTextOptions = {}): z.ZodString {
  const message = typeof required === "string" ? required : undefined;
  let schema = z
    .string(message ? { required_error: message, invalid_type_error: message } : undefined)
    .trim()
    .regex(multiline ? MULTI_LINE : ONE_LINE, CONTROL_CHARACTER_MESSAGE)
    .regex(NO_BIDI_CONTROLS, BIDI_CONTROL_MESSAGE);
  if (required) schema = schema.min(1, message);
  if (max !== undefined) schema = schema.max(max, tooLong);
  return schema;
}

/** Optional free text: blank is `null`. */
export const optionalPlainText = (options: Omit<PlainTextOptions, "required"> = {}) =>
  plainText(options)
    .optional()
    .transform((v) => v || null);

/** A date as <input type="date"> sends it (yyyy-mm-dd), of an existing calendar day. Blank says only `missing`. */
export const calendarDate = (missing: string, invalid = "Vul een geldige datum in.") =>
  z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .refine((v) => v === "" || isCalendarDate(v), invalid);
