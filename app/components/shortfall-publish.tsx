// Publishing one shortfall of the table to the insurers and the national project leader: the
// chair confirms that nothing in it identifies a patient. Once out, the row says when, and how
// many financiers responded.
import { Form } from "@remix-run/react";

export function PublishShortfall(props: { id: number; publishedLabel: string | null; responses: number; canPublish: boolean; error?: string }) {
  if (props.publishedLabel) {
    return (
      <p className="muted">
        Gepubliceerd op {props.publishedLabel} · {props.responses === 1 ? "1 reactie" : `${props.responses} reacties`} van financiers
      </p>
    );
  }
  if (!props.canPublish) return <p className="muted">Niet gepubliceerd</p>;
  const errorId = `publiceer-${props.id}-fout`;
  return (
    <Form method="post" noValidate aria-label="Tekort publiceren">
      <input type="hidden" name="intent" value="publish" />
      <input type="hidden" name="id" value={props.id} />
      <label className="checkbox">
        <input type="checkbox" name="confirmNoPatientData" aria-describedby={props.error ? errorId : undefined} /> Bevat geen patiëntgegevens
      </label>{" "}
      <button type="submit" className="button button--small">Publiceren voor zorgverzekeraars en projectleider</button>
      {props.error ? <p className="field-error" id={errorId} role="alert">{props.error}</p> : null}
    </Form>
  );
}
