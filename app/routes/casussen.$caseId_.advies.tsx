import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdviceCard } from "~/components/referrer-advice";
import { CaseNav } from "~/components/case-nav";
import { Field, FormError } from "~/components/form";
import { can } from "~/domain/permissions";
import { AdviceSchema } from "~/lib/advice-forms";
import { audit } from "~/models/audit.server";
import { actorOf, denyAccess, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { adviceViews, givenAdviceViews } from "~/lib/advice-view.server";
import { failure, parseForm } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";
import { notifyAdviceGiven } from "~/models/notifications.server";
import { recordAdvice } from "~/models/referrer-advice.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Advies ${data.code} – Regiotafel` : "Advies – Regiotafel" }];

// The table's advice back to the referrer after each discussion (MDT: by the end of the next
// working day). The chair writes it once; the table and the insurer's advisor read it here, the
// referrer on their referral page; everyone who may read it can download it as a letter.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "advice.view");
  const { db } = context.services;
  const c = found.case;
  const isChair = can(user.principal, "case:screen", { tableId: c.tableId });
  return {
    caseId: c.id,
    code: c.code,
    tableName: found.tableName,
    isChair,
    advices: isChair ? adviceViews(db, c.id) : givenAdviceViews(db, c.id),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case.action");
  const { db } = context.services;
  const c = found.case;
  const formData = await request.formData();
  if (!can(user.principal, "case:screen", { tableId: c.tableId })) {
    denyAccess(request, context, user, { status: 403, objectType: "case", objectId: c.id, patientId: c.patientId, detail: "advies vastleggen" });
  }
  const parsed = parseForm(AdviceSchema, formData);
  if (!parsed.ok) return parsed;
  const { adviceId, ...input } = parsed.data;
  const saved = recordAdvice(db, c.id, adviceId, input, user.id);
  if (!saved.ok) return failure(saved.error, formData, { questionAnswer: [saved.error] });
  audit(db, { action: "advice.record", actor: actorOf(user), objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${c.code}: advies aan de verwijzer gegeven`, origin: context.origin });
  notifyAdviceGiven(notifier(context), c.id);
  return redirect(`/casussen/${c.id}/advies?gegeven=1`);
}

export default function AdvicePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedId = failed ? Number(failed.values.adviceId) : null;
  return (
    <>
      <h1>Advies aan de verwijzer – casus {data.code}</h1>
      <CaseNav caseId={data.caseId} isChair={data.isChair} />
      <p className="lead">
        Na elke bespreking geeft regiotafel {data.tableName} de verwijzer advies, uiterlijk aan het eind van de eerstvolgende werkdag na de bijeenkomst.
      </p>
      {data.advices.length === 0 ? <p className="muted">Er is nog geen advies: een advies ontstaat zodra de casus in een bijeenkomst is besproken.</p> : null}
      {data.advices.map((a) =>
        a.recordedAt ? (
          <AdviceCard key={a.id} advice={a} pdfHref={`/casussen/${data.caseId}/advies/${a.id}/brief`} />
        ) : (
          <section key={a.id} className="card" aria-labelledby={`advies-${a.id}`}>
            <h2 id={`advies-${a.id}`}>Advies na {a.meetingTitle}</h2>
            <p>
              Besproken op {a.discussedLabel}. Uiterlijk te geven: <strong>{a.dueLabel}</strong>{" "}
              <span className={a.state === "overdue" ? "badge badge--error" : "badge badge--warn"}>{a.stateLabel}</span>
            </p>
            {data.isChair ? (
              <Form method="post" noValidate aria-labelledby={`advies-${a.id}`}>
                <input type="hidden" name="adviceId" value={a.id} />
                {failedId === a.id ? <FormError message={failed?.formError} errors={failed?.fieldErrors} /> : null}
                <Field name="questionAnswer" label="Antwoord op de vraag van de verwijzer" type="textarea" errors={failedId === a.id ? failed?.fieldErrors : undefined} values={failedId === a.id ? failed?.values : undefined} />
                <Field name="fittingOffer" label="Passend aanbod" type="textarea" errors={failedId === a.id ? failed?.fieldErrors : undefined} values={failedId === a.id ? failed?.values : undefined} />
                <Field name="planSummary" label="Samenvatting van het behandel- en zorgplan" type="textarea" errors={failedId === a.id ? failed?.fieldErrors : undefined} values={failedId === a.id ? failed?.values : undefined} />
                <Field name="nextSteps" label="Vervolgstappen" type="textarea" errors={failedId === a.id ? failed?.fieldErrors : undefined} values={failedId === a.id ? failed?.values : undefined} />
                <p className="hint">Het advies gaat naar de verwijzer en kan daarna niet meer worden gewijzigd.</p>
                <button type="submit" className="button">Advies geven</button>
              </Form>
            ) : null}
          </section>
        ),
      )}
      <p className="no-print"><Link to={`/casussen/${data.caseId}`}>← Casus {data.code}</Link></p>
    </>
  );
}
