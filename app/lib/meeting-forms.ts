// Allow-list schemas for the meeting pages. Only these fields are ever read from a post; every
// message is Dutch and names the field it belongs to.
import { calendarDate, optionalPlainText, plainText, z } from "~/domain/dutch-errors";
import {
  AGENDA_ITEM_MIN_MINUTES,
  isClockTime,
  isHttpsUrl,
  MEETING_MAX_MINUTES,
  MEETING_MIN_MINUTES,
  SERIES_MAX,
} from "~/domain/meetings";
import { formValues, type FieldErrors, type FormFailure } from "./forms";

export const CHECK_FIELDS = "Controleer de velden met een foutmelding.";

const required = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);

export const idField = (message: string) => required(message).regex(/^[1-9]\d{0,9}$/, message).transform(Number);

const timeField = (missing: string) => required(missing).refine(isClockTime, "Vul een geldige tijd in, bijvoorbeeld 14:00.").transform((t) => t.slice(0, 5));

const minutesField = (min: number, max: number) =>
  required("Vul de duur in minuten in.")
    .regex(/^\d{1,4}$/, "Vul de duur in hele minuten in.")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `De duur is minstens ${min} en hoogstens ${max} minuten.`);

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

export const PlanSchema = z.object({
  title: plainText({ required: "Vul een titel in.", max: 200 }),
  date: calendarDate("Vul een datum in."),
  startTime: timeField("Vul een begintijd in."),
  durationMinutes: minutesField(MEETING_MIN_MINUTES, MEETING_MAX_MINUTES),
  location: optionalPlainText({ max: 200 }),
  videoUrl: optionalPlainText({ max: 500 }).refine((v) => v === null || isHttpsUrl(v), "Vul een videolink in die met https:// begint."),
  series: checkbox,
  occurrences: z.string().trim().max(3).optional(),
  confirmClash: checkbox,
});

/** Checks across fields, run on the raw form so they show together with the field errors. */
export function planCrossFieldErrors(formData: FormData): FieldErrors {
  const errors: FieldErrors = {};
  const text = (name: string) => String(formData.get(name) ?? "").trim();
  if (!text("location") && !text("videoUrl")) errors.location = ["Vul een locatie of een videolink in (of allebei)."];
  if (formData.get("series") === "on") {
    const n = text("occurrences");
    if (!/^\d{1,2}$/.test(n) || Number(n) < 1 || Number(n) > SERIES_MAX) errors.occurrences = [`Kies een aantal van 1 tot en met ${SERIES_MAX}.`];
  }
  return errors;
}

/** Moving a meeting to another day or time; its agenda slots move along. */
export const MoveSchema = z.object({
  date: calendarDate("Vul een datum in."),
  startTime: timeField("Vul een begintijd in."),
});

export const MeetingIntent = z.enum(["respond", "add_item", "remove_item", "invite_guest", "cancel", "move"], {
  errorMap: () => ({ message: "Deze handeling is niet mogelijk." }),
});
export type MeetingIntentName = z.output<typeof MeetingIntent>;

export const RespondSchema = z.object({
  response: z.enum(["accepted", "declined"], { errorMap: () => ({ message: "Kies of u komt." }) }),
});

export const AddItemSchema = z.object({
  caseId: idField("Kies een casus."),
  startTime: timeField("Vul een begintijd in."),
  durationMinutes: minutesField(AGENDA_ITEM_MIN_MINUTES, MEETING_MAX_MINUTES),
});

export const RemoveItemSchema = z.object({ itemId: idField("Dit agendapunt bestaat niet (meer).") });

export const GuestSchema = z.object({
  email: plainText({ required: "Vul het e-mailadres in.", max: 254 }).toLowerCase().email(),
  itemIds: z
    .array(z.string().regex(/^[1-9]\d{0,9}$/, "Kies een agendapunt uit de lijst.").transform(Number))
    .min(1, "Kies minstens één agendapunt.")
    .max(50),
  accessUntil: calendarDate("Vul de datum in tot wanneer de gast toegang heeft."),
});

// ── Minutes ─────────────────────────────────────────────────────────────────

export const MinutesIntent = z.enum(["save", "close", "remove_action"], { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

export const MinutesTextSchema = z.object({
  discussion: optionalPlainText({ multiline: true, max: 10_000 }),
  decisions: optionalPlainText({ multiline: true, max: 10_000 }),
});

/** Blank action rows offered under the minutes; more appear after saving. */
export const ACTION_ROWS = 3;

const OWNER_MESSAGE = "Kies wie de actie uitvoert: een persoon of een organisatie.";
const ActionRowSchema = z
  .object({
    description: plainText({ required: "Beschrijf de actie.", max: 500 }),
    ownerOrganisationId: z.union([z.literal("").transform(() => null), idField(OWNER_MESSAGE)]),
    ownerUserId: z.union([z.literal("").transform(() => null), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Kies een persoon uit de lijst.")]),
    dueDate: calendarDate("Vul een uiterste datum in."),
  })
  .refine((a) => a.ownerOrganisationId != null || a.ownerUserId != null, { message: OWNER_MESSAGE, path: ["ownerOrganisationId"] });

export type ActionRow = z.output<typeof ActionRowSchema>;

/**
 * The action rows of the minutes form ("actions.0.description", …): empty rows are skipped,
 * a partly filled row gets errors on the fields it lacks.
 */
export function parseActionRows(formData: FormData, today: string): { rows: ActionRow[]; errors: FieldErrors } {
  const rows: ActionRow[] = [];
  const errors: FieldErrors = {};
  const indexes = new Set<number>();
  for (const key of formData.keys()) {
    const m = /^actions\.(\d{1,2})\.(description|ownerOrganisationId|ownerUserId|dueDate)$/.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const raw = {
      description: String(formData.get(`actions.${i}.description`) ?? ""),
      ownerOrganisationId: String(formData.get(`actions.${i}.ownerOrganisationId`) ?? ""),
      ownerUserId: String(formData.get(`actions.${i}.ownerUserId`) ?? ""),
      dueDate: String(formData.get(`actions.${i}.dueDate`) ?? ""),
    };
    if (!raw.description.trim() && !raw.ownerOrganisationId.trim() && !raw.ownerUserId.trim() && !raw.dueDate.trim()) continue;
    const parsed = ActionRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) (errors[`actions.${i}.${issue.path[0]}`] ??= []).push(issue.message);
      continue;
    }
    if (parsed.data.dueDate < today) {
      errors[`actions.${i}.dueDate`] = ["Kies een datum vanaf vandaag."];
      continue;
    }
    rows.push(parsed.data);
  }
  return { rows, errors };
}

export const RemoveActionSchema = z.object({ actionId: idField("Deze actie bestaat niet (meer).") });

/** A failure that points at fields, keeping what was typed. */
export const fieldFailure = (formData: FormData, fieldErrors: FieldErrors, formError = CHECK_FIELDS): FormFailure => ({
  ok: false,
  fieldErrors,
  formError,
  values: formValues(formData),
});
