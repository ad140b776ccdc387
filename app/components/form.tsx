// Accessible form fields: a label, the value typed last time, and the error tied to the input.
import { useActionData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { FieldErrors, FormFailure } from "~/lib/forms";

/**
 * The id of a field's input: `veld-<name>`, or `veld-<scope>-<name>` when one page holds several
 * forms with the same field names (two "reason" fields, the chair's and the advisor's criteria).
 * The error summary links to it.
 */
export const fieldId = (name: string, scope?: string) => `veld-${scope ? `${scope}-` : ""}${name}`;

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
  defaultValue?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  /** Id of a <datalist> with suggestions (a searchable list that works without JavaScript). */
  list?: string;
  /** Prefix for the id when one page has several forms with this field name (see fieldId). */
  scope?: string;
  rows?: number;
  children?: ReactNode;
};

export function fieldValue(values: Record<string, string | string[]> | undefined, name: string, fallback = ""): string {
  const v = values?.[name];
  return Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback);
}

export function Field({ name, label, type = "text", errors, values, defaultValue, hint, required, autoComplete, list, scope, rows = 4, children }: FieldProps) {
  const error = errors?.[name]?.[0];
  const id = fieldId(name, scope);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, required };
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {children ? (
        <select {...common} defaultValue={fieldValue(values, name, defaultValue)}>{children}</select>
      ) : type === "textarea" ? (
        <textarea {...common} rows={rows} defaultValue={fieldValue(values, name, defaultValue)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} list={list} defaultValue={type === "password" ? undefined : fieldValue(values, name, defaultValue)} />
      )}
      {error ? <p className="field-error" id={`${id}-fout`}>{error}</p> : null}
    </div>
  );
}

/**
 * The one error summary every form shows above its fields: the general message, then each
 * field's error as a link to that field (ids are `veld-<name>`, as Field renders them). It takes
 * focus when it appears, so keyboard and screen-reader users start at what to fix. A form spread
 * over several pages (the referral wizard) passes `linkTo` and `labelOf` to point at another step.
 */
export function FormError({
  message,
  errors,
  scope,
  failure,
  linkTo = (name) => `#${fieldId(name, scope)}`,
  labelOf,
}: {
  message?: ReactNode;
  errors?: FieldErrors;
  scope?: string;
  failure?: FormFailure;
  linkTo?: (name: string) => string;
  labelOf?: (name: string) => string;
}) {
  message ??= failure?.formError;
  errors ??= failure?.fieldErrors;
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([name, messages]) => name !== "_form" && messages?.length);
  const shown = Boolean(message || entries.length);
  useEffect(() => {
    // Only the first summary on the page takes focus (a page can hold several forms).
    if (shown && ref.current && document.querySelector(".error-summary") === ref.current) ref.current.focus();
  }, [shown, message, entries.length]);
  if (!shown) return null;
  return (
    <div className="alert alert--error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <div className="error-summary__title">{message ?? "Controleer de velden met een foutmelding."}</div>
      {entries.length ? (
        <ul>
          {entries.map(([name, messages]) => (
            <li key={name}>
              <a href={linkTo(name)}>{labelOf ? `${labelOf(name)}: ${messages![0]}` : messages![0]}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A group of checkboxes or radios under one legend, with its error tied to the group the same way
 * Field ties one to an input (`veld-<name>`, so the summary's link lands on it).
 */
export function FieldGroup({ name, legend, errors, hint, scope, children }: { name: string; legend: ReactNode; errors?: FieldErrors; hint?: string; scope?: string; children: ReactNode }) {
  const error = errors?.[name]?.[0];
  const id = fieldId(name, scope);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} className={`field${error ? " field--error" : ""}`} aria-describedby={describedBy} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {children}
      {error ? <p className="field-error" id={`${id}-fout`}>{error}</p> : null}
    </fieldset>
  );
}

/**
 * One choice out of a few, as radio buttons: the first button carries the field's id so the
 * error summary's link lands on it; the error is tied to the group.
 */
export function ChoiceField({
  name,
  label,
  options,
  errors,
  values,
  defaultValue,
  scope,
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
  defaultValue?: string;
  scope?: string;
}) {
  const error = errors?.[name]?.[0];
  const id = fieldId(name, scope);
  const chosen = fieldValue(values, name, values ? "" : defaultValue);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <div role="radiogroup" aria-label={label} aria-describedby={error ? `${id}-fout` : undefined}>
        {options.map((option, i) => (
          <label key={option.value} className="checkbox">
            <input type="radio" id={i === 0 ? id : undefined} name={name} value={option.value} defaultChecked={chosen === option.value} aria-invalid={error ? true : undefined} />{" "}
            {option.label}
          </label>
        ))}
      </div>
      {error ? <p className="field-error" id={`${id}-fout`}>{error}</p> : null}
    </div>
  );
}

/**
 * The failed submission of the form with this intent (its hidden `intent` field), if the last
 * action answered one: a page with several forms shows errors and typed values only in the form
 * that was sent. `other` is a failure of an action without a form of its own (a button).
 */
export function useFormFailure() {
  const data = useActionData() as unknown;
  const failed = isFailure(data) ? data : undefined;
  return {
    failed,
    of: (intent: string) => (failed && failed.values.intent === intent ? failed : undefined),
    other: (formIntents: readonly string[]) => (failed && !formIntents.includes(String(failed.values.intent)) ? failed : undefined),
  };
}

const isFailure = (data: unknown): data is FormFailure =>
  typeof data === "object" && data !== null && (data as { ok?: unknown }).ok === false && typeof (data as { values?: unknown }).values === "object";

/** One checkbox with its label; its error is tied to it the way Field ties one (`veld-<name>`). */
export function CheckboxField({ name, label, errors, values, scope }: { name: string; label: ReactNode; errors?: FieldErrors; values?: Record<string, string | string[]>; scope?: string }) {
  const error = errors?.[name]?.[0];
  const id = fieldId(name, scope);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="checkbox" htmlFor={id}>
        <input type="checkbox" id={id} name={name} defaultChecked={fieldValue(values, name) === "on"} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-fout` : undefined} /> {label}
      </label>
      {error ? <p className="field-error" id={`${id}-fout`}>{error}</p> : null}
    </div>
  );
}
