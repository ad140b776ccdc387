// Checkboxes and radio groups in the style of <Field>: a label, the state typed last time, and
// the Dutch error tied to the control with aria-describedby.
import type { ReactNode } from "react";
import type { FieldErrors } from "~/lib/forms";
import { fieldId, isChecked, listOf, textOf, type DraftValues } from "~/domain/referral-form";

type Common = { name: string; errors?: FieldErrors; values: DraftValues; hint?: ReactNode };

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? <p className="field-error" id={id}>{message}</p> : null;
}

export function CheckboxField({ name, label, errors, values, hint }: Common & { label: string }) {
  const id = fieldId(name);
  const error = errors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    // Not a ".field": its label style (block, bold) would override the checkbox layout.
    <div className={error ? "field--error" : undefined}>
      <label className="checkbox" htmlFor={id}>
        <input type="checkbox" id={id} name={name} value="on" defaultChecked={isChecked(values, name)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        <span>{label}</span>
      </label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <ErrorText id={`${id}-fout`} message={error} />
    </div>
  );
}

type Option = { value: string; label: string };

/** A radio group (one choice) or checkbox group (several) as a fieldset with a legend. */
export function ChoiceGroup({ name, legend, options, type, errors, values, hint, required }: Common & { legend: string; options: Option[]; type: "radio" | "checkbox"; required?: boolean }) {
  const id = fieldId(name);
  const error = errors?.[name]?.[0] ?? (type === "checkbox" ? Object.entries(errors ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1]?.[0] : undefined);
  const chosen = type === "radio" ? [textOf(values, name)] : listOf(values, name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={error ? "field--error" : undefined} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{legend}{required ? <span aria-hidden="true"> *</span> : null}</legend>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {options.map((option, i) => {
        const optionId = i === 0 ? id : `${id}-${option.value}`;
        return (
          <label className="checkbox" htmlFor={optionId} key={option.value}>
            <input type={type} id={optionId} name={name} value={option.value} defaultChecked={chosen.includes(option.value)} required={type === "radio" && required ? true : undefined} />
            <span>{option.label}</span>
          </label>
        );
      })}
      <ErrorText id={`${id}-fout`} message={error} />
    </fieldset>
  );
}
