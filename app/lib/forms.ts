// Parsing a posted form with a zod schema, keeping what was typed when it fails so the
// page can show it again with the Dutch error next to each field.
import type { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, string | string[]> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Typed values, never passwords: those are not sent back to the browser. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (/password|wachtwoord|token/i.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: string[] = []): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map((v) => (typeof v === "string" ? v : v));
    raw[key] = arrayFields.includes(key) ? all : all[0];
  }
  for (const key of arrayFields) raw[key] ??= [];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const flat = parsed.error.flatten();
  return { ok: false, fieldErrors: flat.fieldErrors, formError: flat.formErrors[0], values: formValues(formData) };
}

export const failure = (formError: string, formData: FormData, fieldErrors: FieldErrors = {}): FormFailure => ({
  ok: false,
  fieldErrors,
  formError,
  values: formValues(formData),
});
