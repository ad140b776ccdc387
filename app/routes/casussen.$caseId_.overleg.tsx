import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CaseRoom } from "~/components/case-room";
import { OverrideBanner } from "~/components/override-banner";
import { requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { caseSummary, MessageFormSchema, postMessage, recentMessages } from "~/lib/case-room.server";
import { failure, parseForm } from "~/lib/forms";
import styles from "~/styles/case-room.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// The title carries the case code only: a browser's history and tabs are no place for a name.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Overleg ${data.summary.code} – Regiotafel` : "Overleg – Regiotafel" }];

// The case room: everyone who may read the case (chair and members of its table, the insurer's
// medical advisor, invited guests) discusses it here. The history is on the page, so it works
// without JavaScript; with it, the room is live over socket.io. The patient's name shows only
// when the consent in force allows it for this viewer.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const access = await requireCase(request, context, params.caseId, "case:read", "case_room.view");
  const { db } = context.services;
  return {
    summary: caseSummary(db, { ok: true, ...access }),
    visibility: access.visibility,
    viaOverride: access.viaOverride,
    messages: recentMessages(db, access.found.case.id),
    // A hidden id per rendered form: posting the same form twice stores one message.
    clientMessageId: randomUUID(),
  };
}

// A message without JavaScript: the same storing (and de-duplication) as the live room, and
// whoever has the room open sees it at once.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, "case:read", "case_room.message");
  const formData = await request.formData();
  const parsed = parseForm(MessageFormSchema, formData);
  if (!parsed.ok) return parsed;
  const stored = postMessage(context.services, { caseId: found.case.id, authorUserId: user.id, clientMessageId: parsed.data.clientMessageId, body: parsed.data.body });
  if (!stored.ok) return failure(stored.error, formData);
  return redirect(`/casussen/${found.case.id}/overleg#bericht-${stored.message.id}`);
}

export default function CaseRoomPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const typed = failed?.values.body;
  return (
    <>
      <p className="no-print">
        <Link to={`/casussen/${data.summary.caseId}`}>← Casus {data.summary.code}</Link>
      </p>
      <h1>Overleg casus {data.summary.code}</h1>
      <OverrideBanner show={data.viaOverride} />
      <p className="lead">
        Het casusoverleg van regiotafel {data.summary.tableName}. Berichten worden bewaard bij de casus; wie ze leest en plaatst, staat in het toegangslog.
      </p>
      <CaseRoom
        summary={data.summary}
        visibility={data.visibility}
        messages={data.messages}
        formClientMessageId={data.clientMessageId}
        formError={failed?.formError}
        bodyError={failed?.fieldErrors.body?.[0] ?? failed?.fieldErrors.clientMessageId?.[0]}
        typedBody={typeof typed === "string" ? typed : undefined}
      />
    </>
  );
}
