import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "~/domain/dutch-errors";
import { formatDateTime as formatAmsterdam } from "~/domain/format";
import { MAIL_STATUSES, type MailStatus } from "~/domain/notification-kinds";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure } from "~/lib/forms";
import { listOutbox, outboxCounts, requeueMail } from "~/models/outbox.server";
import { Badge } from "~/components/badge";

export const meta: MetaFunction = () => [{ title: "E-mail – Beheer – Regiotafel" }];

const STATUS_LABELS: Record<MailStatus, string> = { queued: "In de wachtrij", sent: "Verzonden", failed: "Mislukt" };
const StatusFilter = z.enum(MAIL_STATUSES).nullable().catch(null);
const Requeue = z.object({ intent: z.literal("requeue"), mailId: z.coerce.number().int().positive() });

// Administrators: every mail the portal queued. Without SMTP_URL nothing leaves the outbox, so in
// development this is where you read what would have been sent; with SMTP, failures show here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const { db, config } = context.services;
  const status = StatusFilter.parse(new URL(request.url).searchParams.get("status"));
  return {
    smtpConfigured: config.mail.smtpUrl != null,
    status,
    counts: outboxCounts(db),
    mails: listOutbox(db, status).map((m) => ({ ...m, createdAt: formatAmsterdam(m.createdAt), nextAttemptAt: formatAmsterdam(m.nextAttemptAt), sentAt: m.sentAt ? formatAmsterdam(m.sentAt) : null })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "users:manage");
  const formData = await request.formData();
  const parsed = Requeue.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Deze handeling is niet mogelijk.", formData);
  if (!requeueMail(context.services.db, parsed.data.mailId)) return failure("Alleen een mislukte mail kan opnieuw worden verstuurd.", formData);
  audit(context.services.db, { action: "mail.requeue", actor: actorOf(user), objectType: "mail", objectId: parsed.data.mailId, origin: context.origin });
  return redirectWithFlash(context, "/beheer/mail", "De mail staat weer in de wachtrij.");
}

export default function Outbox() {
  const { smtpConfigured, status, counts, mails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>E-mail</h1>
      {smtpConfigured ? (
        <p>Mails gaan via de ingestelde SMTP-server. Een mislukte poging wordt later opnieuw geprobeerd, steeds met een langere pauze.</p>
      ) : (
        <div className="alert" role="note">
          Er is geen SMTP-server ingesteld (<code>SMTP_URL</code>): er wordt niets verzonden. Hier leest u wat het portaal zou versturen.
        </div>
      )}
      <p>
        <Link to="/beheer/mail">Alle</Link> ·{" "}
        {MAIL_STATUSES.map((s, i) => (
          <span key={s}>
            {i > 0 ? " · " : null}
            <Link to={`/beheer/mail?status=${s}`}>{STATUS_LABELS[s]} ({counts[s]})</Link>
          </span>
        ))}
      </p>
      <table className="data">
        <caption>{status ? STATUS_LABELS[status] : "Alle mails"} (nieuwste eerst)</caption>
        <thead>
          <tr>
            <th scope="col">Aangemaakt</th>
            <th scope="col">Aan</th>
            <th scope="col">Onderwerp</th>
            <th scope="col">Status</th>
            <th scope="col">Pogingen</th>
            <th scope="col">Laatste fout</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((m) => (
            <tr key={m.id}>
              <td>{m.createdAt}</td>
              <td>{m.toAddress}</td>
              <td><Link to={`/beheer/mail/${m.id}`}>{m.subject}</Link>{m.hasIcs ? " (met agenda-uitnodiging)" : ""}</td>
              <td>
                <Badge tone={m.status === "failed" ? "error" : m.status === "sent" ? "ok" : "neutral"}>{STATUS_LABELS[m.status]}</Badge>
                {m.status === "queued" && m.attempts > 0 ? <> volgende poging {m.nextAttemptAt}</> : null}
              </td>
              <td>{m.attempts}</td>
              <td>
                {m.lastError ?? ""}
                {m.status === "failed" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="requeue" />
                    <input type="hidden" name="mailId" value={m.id} />
                    <button type="submit" className="button button--small">Opnieuw versturen</button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
