import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError } from "~/components/form";
import { plainText, z } from "~/domain/dutch-errors";
import { ESCALATION_REQUEST_STATUSES, ESCALATION_REQUEST_STATUS_LABELS } from "~/domain/escalation-request";
import { BOTTLENECK_CATEGORY_LABELS, type BottleneckCategory } from "~/domain/vocabulary";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { formatDateTime } from "~/domain/format";
import { parseForm } from "~/lib/forms";
import { notifier } from "~/lib/notifier.server";
import { requestsForProjectLeader, updateRequest } from "~/models/escalation-requests.server";
import { notifyEscalationAnswered } from "~/models/notifications.server";
import { EscalationStatusBadge } from "~/components/badge";

export const meta: MetaFunction = () => [{ title: "Opschalingen naar de landelijk projectleider – Regiotafel" }];

// Level-4 escalations for the national project leader: table, case code, bottleneck and question —
// never a patient (the project leader has no route to the case itself). The project leader moves
// each request along and answers; the chair reads the answer on the case's progress page.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "escalation:respond", {}, { deniedStatus: 404 });
  const { db } = context.services;
  const requests = requestsForProjectLeader(db);
  audit(db, { action: "escalation_request.list", actor: actorOf(user), objectType: "escalation_request", detail: `${requests.length} verzoeken`, origin: context.origin });
  return {
    requests: requests.map((r) => ({
      ...r,
      bottleneckLabel: BOTTLENECK_CATEGORY_LABELS[r.bottleneck as BottleneckCategory] ?? r.bottleneck,
      createdLabel: formatDateTime(r.createdAt),
      respondedLabel: r.respondedAt ? formatDateTime(r.respondedAt) : null,
    })),
  };
}

const UpdateSchema = z.object({
  requestId: z.string({ required_error: "Dit verzoek bestaat niet (meer)." }).regex(/^[1-9]\d{0,9}$/, "Dit verzoek bestaat niet (meer).").transform(Number),
  status: z.enum(ESCALATION_REQUEST_STATUSES, { errorMap: () => ({ message: "Kies een status." }) }),
  response: plainText({ multiline: true, max: 4000, tooLong: "Gebruik hoogstens 4000 tekens." }).optional().transform((v) => v ?? ""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "escalation:respond", {}, { deniedStatus: 404 });
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(UpdateSchema, formData);
  if (!parsed.ok) return parsed;
  const { requestId, ...input } = parsed.data;
  const result = updateRequest(db, requestId, input, user.id);
  if (!result.ok) return { ok: false as const, fieldErrors: { response: [result.error] }, formError: result.error, values: { ...parsed.data, requestId: String(requestId) } };
  audit(db, { action: "escalation_request.update", actor: actorOf(user), objectType: "escalation_request", objectId: requestId, detail: `${result.caseCode}: ${ESCALATION_REQUEST_STATUS_LABELS[input.status]}`, origin: context.origin });
  if (input.response.trim()) notifyEscalationAnswered(notifier(context), result.caseId);
  return redirect(`/opschalingen?bijgewerkt=1#verzoek-${requestId}`);
}

export default function EscalationRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedId = failed ? Number(failed.values.requestId) : null;
  return (
    <>
      <h1>Opschalingen naar de landelijk projectleider</h1>
      <p className="lead">Verzoeken van de regiotafels die op het vierde niveau zijn opgeschaald. U ziet de tafel, de casuscode, het knelpunt en de vraag – nooit gegevens van de patiënt.</p>
      {searchParams.get("bijgewerkt") && !failed ? <p className="alert alert--ok" role="status">Het verzoek is bijgewerkt.</p> : null}
      {requests.length === 0 ? <p className="muted">Er zijn geen verzoeken.</p> : null}
      {requests.map((r) => {
        const own = failedId === r.id ? failed : null;
        // The error summary links to veld-response: only the refused form's field carries that id.
        const responseId = own ? "veld-response" : `antwoord-${r.id}`;
        const value = (name: string, fallback: string) => (own ? String(own.values[name as keyof typeof own.values] ?? fallback) : fallback);
        return (
          <section key={r.id} className="card" id={`verzoek-${r.id}`} aria-labelledby={`verzoek-${r.id}-kop`}>
            <h2 id={`verzoek-${r.id}-kop`}>Regiotafel {r.tableNumber}. {r.tableName} · casus {r.caseCode}</h2>
            <p>
              Knelpunt: {r.bottleneckLabel} · ontvangen {r.createdLabel} · <EscalationStatusBadge status={r.status} />
            </p>
            <p className="pre-wrap">{r.question}</p>
            {r.response ? <p className="alert alert--ok pre-wrap">Uw antwoord{r.respondedLabel ? ` (${r.respondedLabel})` : ""}: {r.response}</p> : null}
            <Form method="post" noValidate aria-label={`Verzoek ${r.caseCode} bijwerken`}>
              <input type="hidden" name="requestId" value={r.id} />
              {own ? <FormError message={own.formError} errors={own.fieldErrors} /> : null}
              <div className="field">
                <label htmlFor={`status-${r.id}`}>Status</label>
                <select id={`status-${r.id}`} name="status" defaultValue={value("status", r.status)}>
                  {ESCALATION_REQUEST_STATUSES.map((s) => (
                    <option key={s} value={s}>{ESCALATION_REQUEST_STATUS_LABELS[s]}</option>
                  ))}
                </select>
              </div>
              <div className={`field${own?.fieldErrors.response ? " field--error" : ""}`}>
                <label htmlFor={responseId}>Antwoord aan de regiotafel</label>
                <textarea
                  id={responseId}
                  name="response"
                  rows={3}
                  defaultValue={value("response", r.response ?? "")}
                  aria-invalid={own?.fieldErrors.response ? true : undefined}
                  aria-describedby={own?.fieldErrors.response ? `${responseId}-fout` : undefined}
                />
                {own?.fieldErrors.response ? <p className="field-error" id={`${responseId}-fout`}>{own.fieldErrors.response[0]}</p> : null}
              </div>
              <button type="submit" className="button">Bijwerken</button>
            </Form>
          </section>
        );
      })}
    </>
  );
}
