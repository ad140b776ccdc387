// The chair's consent override (conflict van plichten): the warning, the grant form, and every
// override of the case with a button to end a running one.
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { OrganisationPicker } from "~/components/organisation-picker";
import { OVERRIDE_MAX_DAYS, OVERRIDE_REASON_MIN } from "~/domain/consent";
import type { FormFailure } from "~/lib/forms";
import { listOf, type ConsentPageData, type Values } from "./types";

export function OverrideSection({ data, grantFailed, endFailed }: { data: ConsentPageData; grantFailed: FormFailure | null; endFailed: FormFailure | null }) {
  const grantValues: Values = grantFailed?.values ?? {};
  const grantErrors = grantFailed?.fieldErrors;
  return (
    <section className="card" aria-labelledby="doorbreking">
      <h2 id="doorbreking">Doorbreking zonder toestemming (conflict van plichten)</h2>
      <div className="alert alert--warn no-print" role="note">
        <p>
          <strong>Let op: hiermee doorbreekt u het beroepsgeheim.</strong> Dat mag alleen bij een conflict van plichten: als er zonder
          doorbreking ernstig gevaar dreigt voor de patiënt of voor anderen (bijvoorbeeld acuut gevaar voor leven of gezondheid), toestemming
          vragen niet mogelijk is of niet wordt gegeven, en delen het enige middel is om dat gevaar af te wenden.
        </p>
        <p>
          Deel niet meer dan nodig: met zo weinig mogelijk organisaties en zo kort mogelijk (hoogstens {OVERRIDE_MAX_DAYS} dagen). Personen die
          de patiënt heeft uitgesloten, blijven ook nu uitgesloten. Elke inzage onder deze doorbreking wordt vastgelegd en is voor de patiënt
          zichtbaar in het inzageoverzicht. Leg uw afweging vast en informeer de patiënt achteraf zodra dat kan.
        </p>
      </div>
      <div className="no-print">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="override_grant" />
          <FormError failure={grantFailed ?? undefined} />
          <OrganisationPicker
            name="organisationIds"
            legend="Organisaties die de identiteit zonder toestemming mogen zien"
            hint="De organisatie van de voorzitter ziet de identiteit altijd."
            organisations={data.overrideOrganisations}
            checked={listOf(grantValues, "organisationIds")}
            errors={grantErrors}
          />
          <Field
            name="reason"
            type="textarea"
            label="Reden: welk gevaar dreigt, en waarom kan toestemming niet worden gevraagd?"
            hint={`Minstens ${OVERRIDE_REASON_MIN} tekens. De reden blijft bij de doorbreking bewaard.`}
            required
            errors={grantErrors}
            values={grantValues}
          />
          <Field
            name="days"
            type="number"
            label={`Duur in dagen (1 tot en met ${OVERRIDE_MAX_DAYS})`}
            hint="De doorbreking stopt daarna vanzelf. U kunt haar eerder beëindigen."
            required
            errors={grantErrors}
            values={grantValues}
            defaultValue="1"
          />
          <div className="actions">
            <button type="submit" className="button button--danger">Toestemming doorbreken</button>
          </div>
        </Form>
      </div>

      <h3>Lopende en eerdere doorbrekingen</h3>
      <FormError message={endFailed?.formError} errors={endFailed?.fieldErrors} />
      {data.overrides.length === 0 ? (
        <p className="muted">Voor deze casus is de toestemming nooit doorbroken.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Alle doorbrekingen van de toestemming, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Verleend</th>
              <th scope="col">Door</th>
              <th scope="col">Organisaties</th>
              <th scope="col">Reden</th>
              <th scope="col">Status</th>
              <th scope="col" className="no-print"><span className="visually-hidden">Handeling</span></th>
            </tr>
          </thead>
          <tbody>
            {data.overrides.map((o) => (
              <tr key={o.id}>
                <td><time dateTime={o.grantedAtIso}>{o.grantedAt}</time></td>
                <td>{o.grantedBy}</td>
                <td>{o.organisations.join(", ")}</td>
                <td>{o.reason}</td>
                <td>
                  {o.status === "active" ? (
                    <><span className="badge badge--warn">Loopt</span> tot {o.expiresAt}</>
                  ) : o.status === "ended" ? (
                    `Beëindigd op ${o.endedAt}`
                  ) : (
                    `Verlopen op ${o.expiresAt}`
                  )}
                </td>
                <td className="no-print">
                  {o.status === "active" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="override_end" />
                      <input type="hidden" name="overrideId" value={o.id} />
                      <button type="submit" className="button button--secondary button--small">Beëindigen</button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
