// Publishing one shortfall of the table to the insurers and the national project leader: the
// chair confirms that nothing in it identifies a patient. Once out, the row says when, and how
// many financiers responded.
import { Form } from "@remix-run/react";
import { CheckboxField, FormError } from "~/components/form";

export function PublishShortfall(props: { id: number; publishedLabel: string | null; responses: number; canPublish: boolean; error?: string }) {
  if (props.publishedLabel) {
    return (
      <p className="muted">
        Gepubliceerd op {props.publishedLabel} · {props.responses === 1 ? "1 reactie" : `${props.responses} reacties`} van financiers
      </p>
    );
  }
  if (!props.canPublish) return <p className="muted">Niet gepubliceerd</p>;
  // The one form pattern: the summary at the top of the (row's) form, the checkbox as a field.
  return (
    <Form method="post" noValidate aria-label="Tekort publiceren">
      <FormError message={props.error} />
      <input type="hidden" name="intent" value="publish" />
      <input type="hidden" name="id" value={props.id} />
      <CheckboxField name="confirmNoPatientData" label="Bevat geen patiëntgegevens" scope={`publiceer-${props.id}`} />
      <button type="submit" className="button button--small">Publiceren voor zorgverzekeraars en projectleider</button>
    </Form>
  );
}
