// Allow-list schemas for the plan page. Only these fields are read from a post; every message is
// Dutch and belongs to the field it names.
import { calendarDate, plainText, z } from "~/domain/dutch-errors";
import { ACTION_STATUSES, LIFE_DOMAINS } from "~/domain/vocabulary";

export const CHECK_FIELDS = "Controleer de velden met een foutmelding.";

const required = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);
const idField = (message: string) => required(message).regex(/^[1-9]\d{0,9}$/, message).transform(Number);

export const PlanIntent = z.enum(["add_goal", "edit_goal", "remove_goal", "add_action", "action_status", "agree", "new_version"], {
  errorMap: () => ({ message: "Deze handeling is niet mogelijk." }),
});
export type PlanIntent = z.output<typeof PlanIntent>;

const lifeDomain = z.enum(LIFE_DOMAINS, { errorMap: () => ({ message: "Kies een levensdomein." }) });
const goalText = plainText({ multiline: true, required: "Beschrijf het doel.", max: 1000 });

export const GoalSchema = z.object({ lifeDomain, goal: goalText });

export const EditGoalSchema = z.object({
  goalId: idField("Dit doel bestaat niet (meer)."),
  lifeDomain,
  goal: goalText,
});

export const RemoveGoalSchema = z.object({ goalId: idField("Dit doel bestaat niet (meer).") });

/** A new action: the due date may not lie in the past (checked against today by the caller). */
export const ActionSchema = z.object({
  description: plainText({ required: "Beschrijf de actie.", max: 500 }),
  ownerOrganisationId: idField("Kies de organisatie die de actie uitvoert."),
  dueDate: calendarDate("Vul een uiterste datum in."),
  goalId: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,9}$/.test(v), "Kies een doel uit de lijst.")
    .transform((v) => (v ? Number(v) : null)),
});

export const ActionStatusSchema = z.object({
  actionId: idField("Deze actie bestaat niet (meer)."),
  status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "Kies een status." }) }),
});

/** A new version of an agreed plan: why it changed. */
export const NewVersionSchema = z.object({
  versionReason: plainText({ multiline: true, required: "Geef de reden van de wijziging.", max: 2000, tooLong: "Gebruik hoogstens 2000 tekens." }),
});
