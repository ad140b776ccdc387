import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { STEPS } from "~/domain/referral-form";
import { createDraft } from "~/models/referral-drafts.server";

export const meta: MetaFunction = () => [{ title: "Nieuwe verwijzing – Regiotafel" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "referral:create");
  return null;
}

// Starting a referral creates an empty draft of this user; the form saves into it step by step.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "referral:create");
  const { db } = context.services;
  const draftId = createDraft(db, user.id);
  audit(db, { action: "referral.draft_create", actor: actorOf(user), objectType: "referral_draft", objectId: draftId, origin: context.origin });
  return redirect(`/verwijzingen/concept/${draftId}?stap=1`);
}

export default function NewReferral() {
  return (
    <div className="narrow">
      <p><Link to="/verwijzingen">← Terug naar verwijzingen</Link></p>
      <h1>Nieuwe verwijzing</h1>
      <p>
        U meldt een patiënt aan bij een regiotafel voor hoogcomplexe ggz. Dat kan als de patiënt via de reguliere weg niet geplaatst kon worden.
        Het formulier heeft vier stappen; wat u invult wordt bij elke stap bewaard, u kunt later verder gaan.
      </p>
      <ol>
        {STEPS.map((s) => (
          <li key={s.number}>{s.title}</li>
        ))}
      </ol>
      <p>Houd bij de hand: de gegevens van de patiënt, de eerdere plaatsingspogingen en de toestemming van de patiënt (of diens vertegenwoordiger) voor overleg.</p>
      <Form method="post" className="actions">
        <button type="submit" className="button">Verwijzing starten</button>
        <Link to="/verwijzingen">Annuleren</Link>
      </Form>
    </div>
  );
}
