// Withdrawing the consent in force: confirmed in a dialog, with who asked and why.
import { ConfirmAction } from "~/components/confirm-action";
import { FieldGroup } from "~/components/form";
import { WITHDRAWAL_REQUESTER_LABELS, WITHDRAWAL_REQUESTERS } from "~/domain/vocabulary";
import type { FormFailure } from "~/lib/forms";
import { textOf } from "./types";

export function ConsentWithdrawal({ withdrawFailed }: { withdrawFailed: FormFailure | null }) {
  return (
    <section className="card no-print" aria-labelledby="intrekken">
      <h2 id="intrekken">Toestemming intrekken</h2>
      <p>
        De patiënt (of diens vertegenwoordiger) kan de toestemming altijd intrekken. Vanaf dat moment ziet niemand buiten de
        organisatie van de voorzitter de identiteit van de patiënt: niet op de pagina's, niet in een geopend casusoverleg en niet via
        de koppeling.
      </p>
      <ConfirmAction
        id="intrekken"
        trigger="Toestemming intrekken"
        title="Toestemming intrekken?"
        confirmLabel="Ja, toestemming intrekken"
        intent="withdraw"
        reason={{ label: "Reden van de intrekking", hint: "Bijvoorbeeld wat de patiënt zei. De reden komt in de geschiedenis van de casus en in het inzageoverzicht." }}
        errors={withdrawFailed?.fieldErrors}
        formError={withdrawFailed?.formError}
        values={withdrawFailed?.values}
        fields={
          <FieldGroup name="requestedBy" legend={<>Wie vroeg om de intrekking? <span aria-hidden="true">*</span></>} errors={withdrawFailed?.fieldErrors}>
            {WITHDRAWAL_REQUESTERS.map((r) => (
              <label className="checkbox" key={r}>
                <input type="radio" name="requestedBy" value={r} required defaultChecked={textOf(withdrawFailed?.values ?? {}, "requestedBy") === r} />{" "}
                {WITHDRAWAL_REQUESTER_LABELS[r]}
              </label>
            ))}
          </FieldGroup>
        }
      >
        <p>
          Vanaf het moment van intrekken ziet niemand buiten de organisatie van de voorzitter de identiteit van de patiënt meer, ook
          niet in een geopend casusoverleg. Dit kan niet ongedaan worden gemaakt; een nieuwe toestemming kan wel later worden vastgelegd.
        </p>
      </ConfirmAction>
    </section>
  );
}
