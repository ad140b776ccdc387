// Parsing a posted form with a zod schema, keeping what was typed when it fails so the
// page can show it again with the Dutch error next to each field.
import type { z } from "zod";
import type { FieldErrors } from "~/domain/dutch-errors";

// Defined in the domain so models can return field errors; most forms take it from here.
export type { FieldErrors };
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, string | string[]> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/**
 * Every field's values in order, in one pass over the form. (FormData.getAll() per key scans the
 * whole form each time: quadratic, which let one anonymous post of 60,000 fields stall the server.)
 */
export function groupFormData(formData: FormData): Map<string, FormDataEntryValue[]> {
  const grouped = new Map<string, FormDataEntryValue[]>();
  for (const [key, value] of formData) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

const onlyText = (values: FormDataEntryValue[]) => values.filter((v): v is string => typeof v === "string");

/** Typed values, never passwords: those are not sent back to the browser. */
export function formValues(formData: FormData, grouped = groupFormData(formData)): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, entries] of grouped) {
    if (/password|wachtwoord|token/i.test(key)) continue;
    const all = onlyText(entries);
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: string[] = []): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const grouped = groupFormData(formData);
  for (const [key, all] of grouped) raw[key] = arrayFields.includes(key) ? all : all[0];
  for (const key of arrayFields) raw[key] ??= [];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const flat = parsed.error.flatten();
  return { ok: false, fieldErrors: flat.fieldErrors, formError: flat.formErrors[0], values: formValues(formData, grouped) };
}

export const failure = (formError: string, formData: FormData, fieldErrors: FieldErrors = {}): FormFailure => ({
  ok: false,
  fieldErrors,
  formError,
  values: formValues(formData),
});

/** Zod issues keyed by dotted path ("patient.bsn", "priorAttempts.0.who"), as the form fields are named. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * Rebuilds a nested object from dotted field names: "patient.name" → { patient: { name } },
 * "priorAttempts.0.who" → { priorAttempts: [{ who }] }. Fields in `arrays` are always arrays,
 * fields in `booleans` are true when present with a truthy value.
 */
export function nestFormData(formData: FormData, options: { arrays?: string[]; booleans?: string[]; numberArrays?: string[] } = {}) {
  const root: Record<string, unknown> = {};
  const set = (path: string, value: unknown) => {
    const parts = path.split(".");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      const key = /^\d+$/.test(part) && Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Record<string, unknown>;
      }
    });
  };
  for (const [key, entries] of groupFormData(formData)) {
    const values = onlyText(entries);
    if (options.booleans?.includes(key)) set(key, values.some((v) => v === "on" || v === "true"));
    else if (options.numberArrays?.includes(key)) set(key, values.filter(Boolean).map(Number));
    else if (options.arrays?.includes(key)) set(key, values.filter(Boolean));
    else set(key, values[0]);
  }
  for (const key of [...(options.arrays ?? []), ...(options.numberArrays ?? [])]) if (!formData.has(key)) set(key, []);
  for (const key of options.booleans ?? []) if (!formData.has(key)) set(key, false);
  return root;
}
