import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/form";
import { z } from "~/domain/dutch-errors";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { endOf, formatPeriod, RESPONSE_LABELS } from "~/domain/meetings";
import { audit } from "~/models/audit.server";
import { actorOf, requireUser } from "~/lib/auth.server";
import { portalOrigin } from "~/lib/calendar.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure } from "~/lib/forms";
import { activeFeed, calendarMeetings, createFeed, revokeFeeds } from "~/models/meetings.server";

export const meta: MetaFunction = () => [{ title: "Mijn bijeenkomsten en agenda-abonnement – Regiotafel" }];

const Intent = z.enum(["create", "revoke"]);

// Any signed-in user: their coming meetings, and a secret address their calendar app can
// subscribe to. Only a hash of that address is stored, so it is shown once, when it is made.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const feed = activeFeed(db, user.id);
  const now = Date.now();
  return {
    feed: feed ? { createdAt: formatAmsterdam(feed.createdAt) } : null,
    meetings: calendarMeetings(db, user.id)
      .filter((m) => new Date(endOf(m.startsAt, m.durationMinutes)).getTime() >= now)
      .map((m) => ({ id: m.id, title: m.title, tableName: m.tableName, when: formatPeriod(m.startsAt, m.durationMinutes), response: RESPONSE_LABELS[m.response], guest: m.kind === "guest" })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const formData = await request.formData();
  const intent = Intent.safeParse(formData.get("intent"));
  if (!intent.success) return failure("Deze handeling is niet mogelijk.", formData);
  if (intent.data === "revoke") {
    const revoked = revokeFeeds(db, user.id);
    if (revoked) audit(db, { action: "calendar_feed.revoke", actor: actorOf(user), objectType: "calendar_feed", detail: `${revoked} link(s) ingetrokken`, origin: context.origin });
    return redirectWithFlash(context, "/agenda/abonnement", "De link is ingetrokken. Agenda’s die hem gebruikten krijgen geen bijeenkomsten meer.");
  }
  const { token, revoked } = createFeed(db, user.id);
  if (revoked) audit(db, { action: "calendar_feed.revoke", actor: actorOf(user), objectType: "calendar_feed", detail: `${revoked} link(s) vervangen`, origin: context.origin });
  audit(db, { action: "calendar_feed.create", actor: actorOf(user), objectType: "calendar_feed", origin: context.origin });
  return { ok: true as const, feedUrl: `${portalOrigin(request, context)}/agenda/feed/${token}.ics` };
}

export default function CalendarSubscription() {
  const { feed, meetings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const created = actionData?.ok ? actionData.feedUrl : null;
  const error = actionData && !actionData.ok ? actionData.formError : undefined;

  return (
    <>
      <h1>Mijn bijeenkomsten</h1>
      <FormError message={error} />

      <section className="card" aria-labelledby="komend">
        <h2 id="komend">Komende bijeenkomsten</h2>
        {meetings.length ? (
          <ul className="plain">
            {meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/bijeenkomsten/${m.id}`}>{m.title}</Link> · tafel {m.tableName} · {m.when}
                {m.guest ? " · als gast-expert" : ""} · <span className="muted">{m.response}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">U bent niet uitgenodigd voor komende bijeenkomsten.</p>
        )}
      </section>

      <section className="card" aria-labelledby="abonnement">
        <h2 id="abonnement">Agenda-abonnement</h2>
        <p>
          Met een persoonlijke link ziet u uw bijeenkomsten in uw eigen agenda (Outlook, Google Agenda, Apple Agenda). De agenda toont
          alleen tijd, plaats en het aantal casussen, nooit gegevens van patiënten. Deel de link met niemand: wie hem heeft, ziet uw bijeenkomsten.
        </p>
        {created ? (
          <div className="alert alert--ok" role="status">
            <p>Uw nieuwe link. Kopieer hem nu: om veiligheidsredenen tonen we hem maar één keer.</p>
            <p><label htmlFor="feed-url">Link voor uw agenda</label></p>
            <input id="feed-url" type="text" readOnly value={created} />
          </div>
        ) : feed ? (
          <p>U heeft een actieve link, gemaakt op {feed.createdAt}. Kwijt? Maak een nieuwe link; de oude werkt dan niet meer.</p>
        ) : (
          <p className="muted">U heeft nog geen link.</p>
        )}
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" className="button" disabled={busy}>{feed || created ? "Nieuwe link maken" : "Link maken"}</button>
          </Form>
          {feed || created ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button button--danger" disabled={busy}>Intrekken</button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}
