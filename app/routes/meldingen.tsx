import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "~/domain/dutch-errors";
import { formatDateTime as formatAmsterdam } from "~/domain/format";
import { NOTICE_KIND_LABELS } from "~/domain/notification-kinds";
import { requireUser } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure } from "~/lib/forms";
import { safeRedirect } from "~/lib/safe-redirect";
import { digestPreference, listNotices, markNoticesRead, setDigestPreference } from "~/models/notifications.server";

export const meta: MetaFunction = () => [{ title: "Meldingen – Regiotafel" }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), noticeId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read_all") }),
  z.object({ intent: z.literal("preference"), delivery: z.enum(["immediate", "digest"]) }),
]);

// Every signed-in user: their own notices, and whether non-urgent ones are mailed at once or daily.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  return {
    digest: digestPreference(db, user.id),
    notices: listNotices(db, user.id).map((n) => ({ ...n, kindLabel: NOTICE_KIND_LABELS[n.kind], createdAt: formatAmsterdam(n.createdAt) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = ActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Deze handeling is niet mogelijk.", formData);
  switch (parsed.data.intent) {
    case "open": {
      // Only the user's own notice: another id finds nothing and stays here.
      const path = markNoticesRead(db, user.id, parsed.data.noticeId);
      return redirect(path ? safeRedirect(path) : "/meldingen");
    }
    case "read_all":
      markNoticesRead(db, user.id, null);
      return redirect("/meldingen");
    case "preference":
      setDigestPreference(db, user.id, parsed.data.delivery === "digest");
      return redirectWithFlash(context, "/meldingen", "Uw voorkeur is opgeslagen.");
  }
}

export default function Notices() {
  const { notices, digest } = useLoaderData<typeof loader>();
  const unread = notices.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>Meldingen</h1>
      {notices.length === 0 ? (
        <p>U heeft nog geen meldingen.</p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read_all" />
              <button type="submit" className="button button--secondary button--small">Alles als gelezen markeren</button>
            </Form>
          ) : null}
          <ul className="notice-list">
            {notices.map((n) => (
              <li key={n.id} className={n.readAt ? "notice notice--read" : "notice"}>
                <Form method="post">
                  <input type="hidden" name="intent" value="open" />
                  <input type="hidden" name="noticeId" value={n.id} />
                  {!n.readAt ? <span className="badge badge--warn">Nieuw</span> : null} <span className="muted">{n.kindLabel} · {n.createdAt}</span>
                  <br />
                  <button type="submit" className="button--link">{n.title}</button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
      <section className="card" aria-labelledby="voorkeur">
        <h2 id="voorkeur">Meldingen per e-mail</h2>
        <p>
          Dringende meldingen (een nieuwe verwijzing, de uitkomst van een screening, een verzoek om informatie en uitnodigingen voor
          bijeenkomsten) krijgt u altijd direct. De overige kunt u ook in één dagelijks overzicht ontvangen.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="preference" />
          <fieldset>
            <legend>Overige meldingen</legend>
            <label><input type="radio" name="delivery" value="immediate" defaultChecked={!digest} /> Direct per e-mail</label>
            <label><input type="radio" name="delivery" value="digest" defaultChecked={digest} /> Eén dagelijks overzicht</label>
          </fieldset>
          <button type="submit" className="button">Voorkeur opslaan</button>
        </Form>
      </section>
      <p><Link to="/">Terug naar het overzicht</Link></p>
    </>
  );
}
