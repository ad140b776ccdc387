import { formatDate } from "~/domain/format";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { InformationRequestList, OtherCases } from "~/components/case-details";
import { Field, FormError } from "~/components/form";
import { redirectWithFlash } from "~/lib/flash.server";
import { plainText } from "~/domain/dutch-errors";
import { audit } from "~/models/audit.server";
import { actorOf } from "~/lib/auth.server";
import { readUploadForm, storeAnswerAttachment } from "~/lib/attachments.server";
import { caseDetails } from "~/models/case-details.server";
import { AdviceCard } from "~/components/referrer-advice";
import { givenAdviceViews } from "~/lib/advice-view.server";
import { answerInformationRequest, openInformationRequest } from "~/models/information-requests.server";
import { notifyInformationAnswered } from "~/models/notifications.server";
import { notifier } from "~/lib/notifier.server";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_EVENT_LABELS, CASE_STATE_LABELS } from "~/domain/case-lifecycle";
import { REFERRAL_SOURCE_LABELS, URGENCY_LABELS } from "~/domain/vocabulary";
import { contentTypeLabel, formatSize } from "~/lib/attachment-format";
import { listAttachments } from "~/models/attachments.server";
import { requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { caseHistory, getPatient } from "~/models/cases.server";
import { listActiveTables, tableById } from "~/models/referral-drafts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Verwijzing ${data.code} – Regiotafel` : "Regiotafel" }];

// The referrer follows their own organisation's referral: where it is and what happened, with dates.
// The table's discussion and the screening's motivations are the table's, not shown here.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { found, visibility } = await requireCase(request, context, params.caseId, "referral:track", "referral.view");
  const { db } = context.services;
  const c = found.case;
  const patient = visibility === "identified" ? getPatient(db, c.patientId) : null;
  const tables = new Map(listActiveTables(db).map((t) => [t.id, t]));
  const tableName = (id: number | null) => {
    if (id == null) return null;
    const t = tables.get(id) ?? tableById(db, id);
    return t ? `${t.number}. ${t.name}` : null;
  };
  const history = caseHistory(db, c.id);
  const notIncluded = c.status === "not_included" ? [...history].reverse().find((h) => h.event.event === "not_include") : undefined;
  const viewer = { email: user.email, organisationId: user.organisationId, organisationType: user.organisationType };
  const details = caseDetails(db, found, viewer, visibility, { isChair: false });
  const redirects = history.filter((h) => h.event.event === "redirect");

  return {
    previousCodes: details.previousCodes.map((p) => p.code),
    // The table's advice after each discussion: given ones only.
    advices: givenAdviceViews(db, c.id),
    redirects: redirects.map((h) => ({ id: h.event.id, at: formatAmsterdam(h.event.at), from: tableName(h.event.fromTableId), to: tableName(h.event.toTableId), reason: h.event.reason })),
    informationRequests: details.informationRequests,
    openRequestId: openInformationRequest(db, c.id)?.id ?? null,
    otherCases: details.otherCases,
    code: c.code,
    patient: patient ? { name: patient.name, dateOfBirth: patient.dateOfBirth } : null,
    caseId: c.id,
    table: `${found.tableNumber}. ${found.tableName}`,
    proposedTable: c.proposedTableId !== c.tableId ? tableName(c.proposedTableId) : null,
    routingOverrideReason: c.routingOverrideReason,
    status: CASE_STATE_LABELS[c.status],
    source: REFERRAL_SOURCE_LABELS[c.source],
    viaVwsUnit: c.viaVwsUnit,
    urgency: URGENCY_LABELS[c.urgency],
    receivedAt: formatAmsterdam(c.receivedAt),
    notIncludedReason: notIncluded ? (notIncluded.event.reason ?? "Er is geen reden vastgelegd.") : null,
    history: history.map((h) => ({
      id: h.event.id,
      at: formatAmsterdam(h.event.at),
      event: CASE_EVENT_LABELS[h.event.event],
      status: CASE_STATE_LABELS[h.event.toState],
      toTable: h.event.event === "redirect" ? tableName(h.event.toTableId) : null,
      reason: h.event.event === "redirect" || h.event.event === "request_information" ? h.event.reason : null,
    })),
    attachments: listAttachments(db, { caseId: c.id }).map((a) => ({ ...a, uploadedAt: formatAmsterdam(a.uploadedAt) })),
  };
}

const AnswerSchema = plainText({ multiline: true, required: "Schrijf uw antwoord op de vraag van de regiotafel.", max: 5000, tooLong: "Gebruik hoogstens 5000 tekens." });
const MAX_ANSWER_FILES = 5;

// The referrer answers the table's open question: text and up to five files (a multipart post);
// then screening resumes. Only the referring organisation, only while a question is open.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "referral:track", "referral.action");
  const { db, config } = context.services;
  const c = found.case;
  const open = openInformationRequest(db, c.id);
  if (!open) return refused(409, { formError: "Er staat geen vraag van de regiotafel open." });
  const upload = await readUploadForm(request, { textFields: ["antwoord"], maxFiles: MAX_ANSWER_FILES });
  if (!upload.ok) return refused(upload.status, { field: "bestand", message: upload.error });
  const typed = String(upload.formData.get("antwoord") ?? "");
  const answer = AnswerSchema.safeParse(typed);
  if (!answer.success) return refused(400, { field: "antwoord", message: answer.error.issues[0].message }, typed);

  const files = upload.formData.getAll("bestand").filter((f): f is File => typeof f !== "string" && f.size > 0 && Boolean(f.name));
  for (const file of files) {
    const stored = await storeAnswerAttachment(db, config.uploadsPath, { file, caseId: c.id, informationRequestId: open.id, userId: user.id });
    if (!stored.ok) return refused(400, { field: "bestand", message: `${file.name}: ${stored.error}` }, typed);
    audit(db, { action: "attachment.upload", actor: actorOf(user), objectType: "attachment", objectId: stored.attachment.id, patientId: c.patientId, detail: `${c.code}: antwoord, ${stored.attachment.contentType}, ${stored.attachment.size} bytes`, origin: context.origin });
  }
  const step = answerInformationRequest(db, c.id, open.id, answer.data, { userId: user.id, organisationId: user.organisationId });
  if (!step.ok) return refused(409, { formError: step.error }, typed);
  notifyInformationAnswered(notifier(context), c.id);
  audit(db, { action: "referral.information_answer", actor: actorOf(user), objectType: "case", objectId: c.id, patientId: c.patientId, detail: `${c.code}: vraag beantwoord, ${files.length} bijlage(n)`, origin: context.origin });
  return redirectWithFlash(context, `/verwijzingen/${c.id}`, "Uw antwoord is naar de regiotafel gestuurd. De screening gaat verder.");
}

/** A refused answer: the message at the top (and at its field), what was typed kept. */
function refused(status: number, problem: { formError: string } | { field: "antwoord" | "bestand"; message: string }, antwoord = "") {
  const fieldErrors: Record<string, string[]> = "field" in problem ? { [problem.field]: [problem.message] } : {};
  return json({ ok: false as const, formError: "formError" in problem ? problem.formError : "Uw antwoord is nog niet verstuurd.", fieldErrors, values: { antwoord } }, { status });
}

export default function ReferralStatus() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const bestandError = actionData?.fieldErrors.bestand?.[0];
  return (
    <>
      <p><Link to="/verwijzingen">← Terug naar verwijzingen</Link></p>
      <h1>Verwijzing {data.code}</h1>
      <p className="no-print">
        <Link to={`/casussen/${data.caseId}/toestemming`}>Toestemming wijzigen of intrekken</Link>
      </p>
      <OtherCases cases={data.otherCases} />

      {data.advices.length ? (
        <section aria-labelledby="advies-kop" id="advies">
          <h2 id="advies-kop">Advies van de regiotafel</h2>
          {data.advices.map((a) => <AdviceCard key={a.id} advice={a} pdfHref={`/casussen/${data.caseId}/advies/${a.id}/brief`} />)}
        </section>
      ) : null}

      {data.openRequestId ? (
        <section className="card" aria-labelledby="vraag">
          <h2 id="vraag">De regiotafel vraagt meer informatie</h2>
          <InformationRequestList requests={data.informationRequests.filter((r) => r.id === data.openRequestId)} />
          <Form method="post" encType="multipart/form-data" noValidate aria-labelledby="vraag">
            <FormError message={actionData?.formError} errors={actionData?.fieldErrors} />
            <Field name="antwoord" label="Uw antwoord" type="textarea" required errors={actionData?.fieldErrors} values={actionData?.values} />
            <div className={`field${bestandError ? " field--error" : ""}`}>
              <label htmlFor="veld-bestand">Bijlagen (niet verplicht)</label>
              <p className="hint" id="veld-bestand-hint">Hoogstens {MAX_ANSWER_FILES} bestanden: PDF of afbeelding, elk hoogstens 10 MB.</p>
              <input type="file" id="veld-bestand" name="bestand" multiple accept=".pdf,application/pdf,image/png,image/jpeg,image/gif,image/webp,image/tiff,image/heic" aria-invalid={bestandError ? true : undefined} aria-describedby={bestandError ? "veld-bestand-hint veld-bestand-fout" : "veld-bestand-hint"} />
              {bestandError ? <p className="field-error" id="veld-bestand-fout">{bestandError}</p> : null}
            </div>
            <button type="submit" className="button" disabled={busy}>Antwoord versturen</button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="gegevens">
        <h2 id="gegevens">Gegevens</h2>
        <dl className="facts">
          <dt>Code</dt>
          <dd>
            {data.code}
            {data.previousCodes.map((code) => <span key={code} className="muted"> · eerder {code}</span>)}
          </dd>
          <dt>Patiënt</dt>
          <dd>{data.patient ? `${data.patient.name} (geboren ${formatDate(data.patient.dateOfBirth)})` : <span className="muted">Afgeschermd: er is geen geldige toestemming (meer)</span>}</dd>
          <dt>Regiotafel</dt><dd>{data.table}</dd>
          {data.proposedTable ? (<><dt>Voorgestelde regiotafel</dt><dd>{data.proposedTable}</dd></>) : null}
          {data.routingOverrideReason ? (<><dt>Reden andere regiotafel</dt><dd>{data.routingOverrideReason}</dd></>) : null}
          <dt>Status</dt><dd><strong>{data.status}</strong></dd>
          <dt>Aangemeld door</dt><dd>{data.source}{data.viaVwsUnit ? " (gemeld bij de VWS-unit complexe zorgvragen)" : ""}</dd>
          <dt>Urgentie</dt><dd>{data.urgency}</dd>
          <dt>Ontvangen</dt><dd>{data.receivedAt}</dd>
        </dl>
      </section>

      {data.redirects.length ? (
        <section className="card" aria-labelledby="doorverwezen">
          <h2 id="doorverwezen">Doorverwezen</h2>
          {data.redirects.map((r) => (
            <div key={r.id}>
              <p>
                Op {r.at} doorverwezen van regiotafel {r.from} naar <strong>regiotafel {r.to}</strong>.
              </p>
              <p className="alert alert--warn">Reden: {r.reason ?? "Er is geen reden vastgelegd."}</p>
            </div>
          ))}
        </section>
      ) : null}

      {data.informationRequests.some((r) => r.answeredAt) ? (
        <section className="card" aria-labelledby="vragen">
          <h2 id="vragen">Vragen van de regiotafel</h2>
          <InformationRequestList requests={data.informationRequests.filter((r) => r.answeredAt)} />
        </section>
      ) : null}

      {data.notIncludedReason ? (
        <section className="card" aria-labelledby="niet-geincludeerd">
          <h2 id="niet-geincludeerd">Niet geïncludeerd</h2>
          <p>De regiotafel heeft de patiënt niet geïncludeerd. Reden:</p>
          <p className="alert alert--warn pre-wrap">{data.notIncludedReason}</p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="verloop">
        <h2 id="verloop">Verloop</h2>
        <table className="data">
          <caption className="visually-hidden">Statuswijzigingen van verwijzing {data.code}</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Gebeurtenis</th>
              <th scope="col">Status daarna</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr key={h.id}>
                <td>{h.at}</td>
                <td>
                  {h.event}
                  {h.toTable ? `: naar ${h.toTable}` : ""}
                  {h.reason ? <span className="muted"> – {h.reason}</span> : null}
                </td>
                <td>{h.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="bijlagen">
        <h2 id="bijlagen">Bijlagen</h2>
        {data.attachments.length ? (
          <ul className="plain">
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/bijlagen/${a.id}`}>{a.fileName}</a> <span className="muted">({contentTypeLabel(a.contentType)}, {formatSize(a.size)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Er zijn geen bijlagen meegestuurd.</p>
        )}
      </section>
    </>
  );
}
