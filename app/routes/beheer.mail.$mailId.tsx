import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "~/domain/dutch-errors";
import { formatDateTime as formatAmsterdam } from "~/domain/format";
import { notFound, requirePermission } from "~/lib/auth.server";
import { getOutboxMail } from "~/models/outbox.server";

export const meta: MetaFunction = () => [{ title: "E-mail lezen – Beheer – Regiotafel" }];

const MailId = z.coerce.number().int().positive();

// Administrators read one queued or sent mail as it is (or would be) delivered.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "users:manage");
  const id = MailId.safeParse(params.mailId);
  const mail = id.success ? getOutboxMail(context.services.db, id.data) : null;
  if (!mail) throw notFound();
  return {
    mail: {
      id: mail.id,
      toAddress: mail.toAddress,
      subject: mail.subject,
      text: mail.text,
      ics: mail.ics,
      icsMethod: mail.icsMethod,
      status: mail.status,
      attempts: mail.attempts,
      lastError: mail.lastError,
      createdAt: formatAmsterdam(mail.createdAt),
      sentAt: mail.sentAt ? formatAmsterdam(mail.sentAt) : null,
    },
  };
}

export default function OutboxMail() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/beheer/mail">← Terug naar e-mail</Link></p>
      <h1>{mail.subject}</h1>
      <dl className="facts">
        <dt>Aan</dt>
        <dd>{mail.toAddress}</dd>
        <dt>Aangemaakt</dt>
        <dd>{mail.createdAt}</dd>
        <dt>Status</dt>
        <dd>{mail.status}{mail.sentAt ? `, verzonden ${mail.sentAt}` : ""} ({mail.attempts} poging(en))</dd>
        {mail.lastError ? (
          <>
            <dt>Laatste fout</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>Tekst</h2>
      <pre className="mail-body">{mail.text}</pre>
      {mail.ics ? (
        <>
          <h2>Agenda-bijlage ({mail.icsMethod})</h2>
          <pre className="mail-body">{mail.ics}</pre>
        </>
      ) : null}
    </>
  );
}
