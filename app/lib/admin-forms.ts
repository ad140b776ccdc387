// Allow-list schemas shared by the administrator pages. Only these fields are ever read from a post.
import { membershipProblem } from "~/domain/membership-rules";
import { plainText, z } from "~/domain/dutch-errors";
import { passwordProblem } from "~/domain/password-policy";
import { ORGANISATION_TYPES, ROLES } from "~/domain/vocabulary";
import { formValues, type FieldErrors, type FormFailure } from "./forms";

/** A positive database id posted as text (select value, hidden field). */
export const requiredId = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number);

/** The table select: "" means no table. */
export const optionalTableId = z
  .string()
  .trim()
  .regex(/^(|[1-9]\d{0,9})$/, "Kies een geldige tafel.")
  .optional()
  .transform((v) => (v ? Number(v) : null));

export const roleField = z.enum(ROLES, { errorMap: () => ({ message: "Kies een rol." }) });
export const organisationTypeField = z.enum(ORGANISATION_TYPES, { errorMap: () => ({ message: "Kies een soort organisatie." }) });

export const personName = plainText({ required: "Vul de naam in.", max: 200 });
export const emailAddress = plainText({ required: "Vul het e-mailadres in.", max: 254 }).toLowerCase().email();
export const organisationName = plainText({ required: "Vul de naam van de organisatie in.", max: 200 });
export const newPassword = z.string({ required_error: "Vul een wachtwoord in." }).min(1, "Vul een wachtwoord in.").max(1024, "Kies een wachtwoord van hoogstens 128 tekens.");

/** Words a password must not be guessable from: the person's name and e-mail address. */
export function passwordContext(name: string, email: string): string[] {
  return [name, ...name.split(/\s+/), email, email.split("@")[0], "regiotafel"].filter((w) => w.length > 0);
}

/** User ids in URLs are UUIDs (crypto.randomUUID); anything else is not found. */
export const userIdParam = z.string().uuid();

export const NewUserSchema = z
  .object({
    name: personName,
    email: emailAddress,
    organisationId: requiredId("Kies een organisatie."),
    role: roleField,
    tableId: optionalTableId,
  })
  .superRefine((data, ctx) => {
    const tableProblem = membershipProblem(data.role, data.tableId);
    if (tableProblem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["tableId"], message: tableProblem });
  });

/** A failure that points at fields only, keeping what was typed (never a password). */
export const fieldFailure = (formData: FormData, fieldErrors: FieldErrors): FormFailure => ({
  ok: false,
  fieldErrors,
  values: formValues(formData),
});

export const CHECK_FIELDS = "Controleer de velden met een foutmelding.";
