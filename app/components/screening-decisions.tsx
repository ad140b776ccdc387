// The chair's part of the case page: start or save the screening, then decide (include, not
// include, ask the referrer, redirect). Only the steps the case's state allows are shown; every
// form uses the one pattern (FormError summary at the top of the form, Field with typed values).
import { Form } from "@remix-run/react";
import { CriteriaForm, type Assessment } from "~/components/criteria-form";
import { Field, FormError } from "~/components/form";
import type { CaseEvent, CaseState } from "~/domain/case-lifecycle";
import type { FormFailure } from "~/lib/forms";
import type { CaseIntent } from "~/lib/screening-forms";

export const DECISION_EVENTS: readonly CaseEvent[] = ["include", "not_include", "redirect", "request_information"];

/** Whether the chair has anything to do here: the section is not shown otherwise. */
export const chairHasWork = (status: CaseState, allowedEvents: readonly CaseEvent[]) =>
  status === "received" || status === "screening" || allowedEvents.some((e) => DECISION_EVENTS.includes(e));

export function ScreeningDecisions(props: {
  status: CaseState;
  allowedEvents: readonly CaseEvent[];
  screening: Assessment;
  redirectTargets: { id: number; number: number; name: string }[];
  failureOf: (intent: CaseIntent) => FormFailure | undefined;
  busy: boolean;
}) {
  const { status, busy, failureOf } = props;
  const offers = (event: CaseEvent) => props.allowedEvents.includes(event);
  const notInclude = failureOf("not_include");
  const information = failureOf("request_information");
  const redirect = failureOf("redirect");
  return (
    <>
      {status === "received" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start_screening" />
          <p>Start de screening om de zeven inclusiecriteria te beoordelen.</p>
          <button type="submit" className="button" disabled={busy}>Screening starten</button>
        </Form>
      ) : null}
      {status === "screening" ? (
        <>
          <p>Beoordeel elk criterium en motiveer uw oordeel. U kunt de screening ook deels opslaan en later afmaken. Includeren en niet includeren kan pas als alle zeven criteria met motivering zijn beoordeeld.</p>
          <CriteriaForm scope="screening" intent="save_screening" label="Screening opslaan" initial={props.screening} failed={failureOf("save_screening")} busy={busy} />
        </>
      ) : null}

      {DECISION_EVENTS.some(offers) ? <h3>Besluit</h3> : null}
      {offers("include") ? (
        <Form method="post">
          <input type="hidden" name="intent" value="include" />
          <button type="submit" className="button" disabled={busy}>Includeren</button>
        </Form>
      ) : null}
      {offers("not_include") ? (
        <Form method="post" noValidate aria-labelledby="niet-includeren">
          <h4 id="niet-includeren">Niet includeren</h4>
          <input type="hidden" name="intent" value="not_include" />
          <FormError failure={notInclude} scope="niet-includeren" />
          <Field name="reason" scope="niet-includeren" label="Reden (de verwijzer krijgt deze te zien)" type="textarea" required errors={notInclude?.fieldErrors} values={notInclude?.values} />
          <button type="submit" className="button button--danger" disabled={busy}>Niet includeren</button>
        </Form>
      ) : null}
      {offers("request_information") ? (
        <Form method="post" noValidate aria-labelledby="meer-informatie">
          <h4 id="meer-informatie">Meer informatie nodig</h4>
          <p className="hint">De verwijzer ziet uw vraag bij de verwijzing en antwoordt met tekst en bijlagen. Tot dan wacht de casus; die tijd telt mee in de doorlooptijden.</p>
          <input type="hidden" name="intent" value="request_information" />
          <FormError failure={information} />
          <Field name="question" label="Vraag aan de verwijzer" type="textarea" required errors={information?.fieldErrors} values={information?.values} />
          <button type="submit" className="button button--secondary" disabled={busy}>Vraag versturen</button>
        </Form>
      ) : null}
      {offers("redirect") ? (
        <Form method="post" noValidate aria-labelledby="doorverwijzen">
          <h4 id="doorverwijzen">Doorverwijzen naar een andere regiotafel</h4>
          <input type="hidden" name="intent" value="redirect" />
          <FormError failure={redirect} scope="doorverwijzen" />
          <div className="form-grid">
            <Field name="targetTableId" scope="doorverwijzen" label="Regiotafel" required errors={redirect?.fieldErrors} values={redirect?.values}>
              <option value="">Kies een regiotafel</option>
              {props.redirectTargets.map((t) => (
                <option key={t.id} value={t.id}>{t.number}. {t.name}</option>
              ))}
            </Field>
          </div>
          <Field name="reason" scope="doorverwijzen" label="Reden van de doorverwijzing" type="textarea" required errors={redirect?.fieldErrors} values={redirect?.values} />
          <button type="submit" className="button button--secondary" disabled={busy}>Doorverwijzen</button>
        </Form>
      ) : null}
    </>
  );
}
