// Allow-list schemas for the forms on /casussen/:caseId/verloop: one per intent, Dutch messages
// next to the field. A posted status, caseId or tableId is never read. Field names are unique
// across the page's forms (escalationReason, closeReason, …) so every input has its own id.
import { calendarDate, plainText, z } from "~/domain/dutch-errors";
import { CARE_FUNCTIONS, DEADLINE_KINDS, ESCALATION_LEVELS, FUNDING_TYPES } from "~/domain/vocabulary";

export const PROGRESS_INTENTS = ["escalate", "place", "start_follow_up", "close", "add_deadline", "deadline_met", "carry_over"] as const;
export type ProgressIntent = (typeof PROGRESS_INTENTS)[number];

export const ProgressIntentSchema = z.enum(PROGRESS_INTENTS, { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

import { CLOSURE_REASONS } from "~/domain/closure";
import type { EscalationRequestField } from "~/domain/escalation-request";

const requiredText = (message: string, max = 2000) => plainText({ multiline: true, required: message, max, tooLong: `Gebruik hoogstens ${max} tekens.` });

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { errorMap: () => ({ message }) });

const dateField = (message: string) => calendarDate(message, message);

const idField = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number);

export const EscalateSchema = z.object({
  level: choice(ESCALATION_LEVELS, "Kies het niveau waarnaar u opschaalt."),
  escalationReason: requiredText("Geef de reden van de opschaling."),
  // Level 4 only (checked in the domain): what goes to the national project leader.
  bottleneck: z.string().trim().max(40).optional().transform((v) => v || null),
  leaderQuestion: plainText({ multiline: true, max: 2000, tooLong: "Gebruik hoogstens 2000 tekens." }).optional().transform((v) => v ?? ""),
  confirmNoPatientData: z.string().optional().transform((v) => v === "on"),
});

/** The request's field names on the page (the domain names "question"). */
export function requestFieldErrors(problems: Partial<Record<EscalationRequestField, string>>): Record<string, string[]> {
  const names: Record<EscalationRequestField, string> = { bottleneck: "bottleneck", question: "leaderQuestion", confirmNoPatientData: "confirmNoPatientData" };
  return Object.fromEntries(Object.entries(problems).map(([field, message]) => [names[field as EscalationRequestField], [message as string]]));
}

export const PlaceSchema = z.object({
  organisationId: idField("Kies waar de patiënt geplaatst wordt."),
  careFunction: choice(CARE_FUNCTIONS, "Kies de zorgfunctie."),
  // Empty: the case's recorded funding.
  fundingType: z.preprocess((v) => (v === "" ? null : v), choice(FUNDING_TYPES, "Kies de financieringsvorm.").nullable()).optional(),
  placementStart: dateField("Vul een geldige startdatum in."),
  notes: plainText({ multiline: true, max: 2000, tooLong: "Gebruik hoogstens 2000 tekens." }).optional(),
});

export const CloseSchema = z.object({
  closeKind: choice(CLOSURE_REASONS, "Kies de reden waarom de casus wordt afgesloten."),
  closeReason: plainText({ multiline: true, max: 2000, tooLong: "Gebruik hoogstens 2000 tekens." }).optional(),
});

export const CarryOverSchema = z.object({
  deadlineId: idField("Deze termijn bestaat niet."),
  carryOverReason: requiredText("Geef aan aan wie de termijn wordt overgedragen en waarom."),
});

export const AddDeadlineSchema = z.object({
  kind: choice(DEADLINE_KINDS, "Kies welke termijn gaat lopen."),
  deadlineStart: dateField("Vul een geldige startdatum in."),
  // A checkbox: present ("on") when ticked, absent otherwise.
  needsWlz: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

export const DeadlineMetSchema = z.object({
  deadlineId: idField("Deze termijn bestaat niet."),
  metOn: dateField("Vul een geldige datum in."),
});
