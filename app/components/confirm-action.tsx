// Confirmation before an irreversible action. With JavaScript the trigger opens a modal
// <dialog>; without it the trigger is a link to the same page with ?bevestig=<id>, where the
// server renders the dialog open in the page: a confirmation page that needs no script.
// The form inside posts `bevestigd=ja` (checked on the server with isConfirmed) and, where the
// law or the log needs one, a required reason.
import { Form, Link, useLocation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { CONFIRM_FIELD, CONFIRM_PARAM, CONFIRM_VALUE } from "~/lib/confirmation";
import type { FieldErrors } from "~/lib/forms";

type Props = {
  /** Unique on the page; also the value of ?bevestig= without JavaScript. */
  id: string;
  /** The button that asks for confirmation ("Toestemming intrekken"). */
  trigger: string;
  title: string;
  children?: ReactNode;
  /** The button that does it ("Ja, intrekken"). */
  confirmLabel: string;
  intent?: string;
  /** Form action; the current page when left out. */
  action?: string;
  hidden?: Record<string, string | number>;
  /** A required reason, stored with the action. */
  reason?: { label: string; hint?: string; name?: string };
  /** Fields besides the reason (e.g. who asked). */
  fields?: ReactNode;
  /** Errors from the last attempt: the dialog opens again with them. */
  errors?: FieldErrors;
  formError?: string;
  values?: Record<string, string | string[]>;
  danger?: boolean;
  triggerClassName?: string;
};

export function ConfirmAction({
  id,
  trigger,
  title,
  children,
  confirmLabel,
  intent,
  action,
  hidden = {},
  reason,
  fields,
  errors,
  formError,
  values,
  danger = true,
  triggerClassName,
}: Props) {
  const location = useLocation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const params = new URLSearchParams(location.search);
  const failed = Boolean(formError || (errors && Object.keys(errors).length));
  const openOnServer = params.get(CONFIRM_PARAM) === id || failed;
  const dialogId = `bevestig-${id}`;
  params.set(CONFIRM_PARAM, id);
  const confirmHref = `${location.pathname}?${params.toString()}#${dialogId}`;
  params.delete(CONFIRM_PARAM);
  const cancelHref = `${location.pathname}${params.size ? `?${params.toString()}` : ""}`;
  const reasonName = reason?.name ?? "reason";
  const reasonError = errors?.[reasonName]?.[0];
  const typedReason = values?.[reasonName];

  return (
    <>
      <Link
        to={confirmHref}
        className={triggerClassName ?? `button ${danger ? "button--danger" : "button--secondary"}`}
        aria-haspopup="dialog"
        onClick={(event) => {
          const dialog = dialogRef.current;
          if (!dialog || typeof dialog.showModal !== "function") return;
          event.preventDefault();
          if (dialog.open) dialog.close();
          dialog.showModal();
        }}
      >
        {trigger}
      </Link>
      <dialog ref={dialogRef} id={dialogId} className="confirm" aria-labelledby={`${dialogId}-titel`} open={openOnServer || undefined}>
        <Form method="post" action={action} noValidate>
          <h2 id={`${dialogId}-titel`}>{title}</h2>
          {children}
          {formError ? <p className="alert alert--error" role="alert">{formError}</p> : null}
          {intent ? <input type="hidden" name="intent" value={intent} /> : null}
          <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
          {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={String(value)} />)}
          {fields}
          {reason ? (
            <div className={`field${reasonError ? " field--error" : ""}`}>
              <label htmlFor={`${dialogId}-reden`}>{reason.label} <span aria-hidden="true">*</span></label>
              {reason.hint ? <p className="hint" id={`${dialogId}-reden-hint`}>{reason.hint}</p> : null}
              <textarea
                id={`${dialogId}-reden`}
                name={reasonName}
                rows={3}
                required
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={[reason.hint ? `${dialogId}-reden-hint` : "", reasonError ? `${dialogId}-reden-fout` : ""].filter(Boolean).join(" ") || undefined}
                defaultValue={Array.isArray(typedReason) ? typedReason[0] : typedReason}
              />
              {reasonError ? <p className="field-error" id={`${dialogId}-reden-fout`}>{reasonError}</p> : null}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className={`button ${danger ? "button--danger" : ""}`}>{confirmLabel}</button>
            <Link
              to={cancelHref}
              className="button button--secondary"
              onClick={(event) => {
                const dialog = dialogRef.current;
                // A modal dialog just closes; the open-in-page version (no JavaScript) is left by the link.
                if (dialog?.matches(":modal")) {
                  event.preventDefault();
                  dialog.close();
                }
              }}
            >
              Annuleren
            </Link>
          </div>
        </Form>
      </dialog>
    </>
  );
}
