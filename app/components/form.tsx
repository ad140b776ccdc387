// Accessible form fields: a label, the value typed last time, and the error tied to the input.
import { useEffect, useRef, type ReactNode } from "react";
import type { FieldErrors } from "~/lib/forms";

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
  children?: ReactNode;
};

export function fieldValue(values: Record<string, string | string[]> | undefined, name: string, fallback = ""): string {
  const v = values?.[name];
  return Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback);
}

export function Field({ name, label, type = "text", errors, values, defaultValue, hint, required, autoComplete, list, children }: FieldProps) {
  const error = errors?.[name]?.[0];
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, required };
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {children ? (
        <select {...common} defaultValue={fieldValue(values, name, defaultValue)}>{children}</select>
      ) : type === "textarea" ? (
        <textarea {...common} rows={4} defaultValue={fieldValue(values, name, defaultValue)} />
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
  linkTo = (name) => `#veld-${name}`,
  labelOf,
}: {
  message?: ReactNode;
  errors?: FieldErrors;
  linkTo?: (name: string) => string;
  labelOf?: (name: string) => string;
}) {
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
      <div className="error-summary__title">{message ?? "Niet alles is goed ingevuld."}</div>
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
export function FieldGroup({ name, legend, errors, hint, children }: { name: string; legend: ReactNode; errors?: FieldErrors; hint?: string; children: ReactNode }) {
  const error = errors?.[name]?.[0];
  const id = `veld-${name}`;
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
