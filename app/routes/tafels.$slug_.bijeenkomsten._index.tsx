import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, fieldValue, FormError } from "~/components/form";
import { Pager } from "~/components/pager";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import {
  amsterdamDate,
  formatClockRange,
  formatMeetingDay,
  formatPeriod,
  MEETING_MAX_MINUTES,
  MEETING_MIN_MINUTES,
  monthlySeriesStarts,
  RESPONSE_LABELS,
  SERIES_MAX,
} from "~/domain/meetings";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { CHECK_FIELDS, fieldFailure, PlanSchema, planCrossFieldErrors } from "~/lib/meeting-forms";
import { clashesFor, createMeetings, pastTableMeetings, tableParticipants, upcomingTableMeetings } from "~/models/meetings.server";
import { getTableBySlug } from "~/models/tables.server";
import { notifier } from "~/lib/notifier.server";
import { notifyMeetingsPlanned } from "~/models/notifications.server";
import { Badge } from "~/components/badge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bijeenkomsten tafel ${data.table.name} – Regiotafel` : "Bijeenkomsten – Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

function tableOf(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const slug = Slug.safeParse(params.slug);
  return slug.success ? getTableBySlug(context.services.db, slug.data) : null;
}

// A table's meetings, for its chair and members; another table's list answers 404 like a table
// that does not exist. The chair plans meetings here.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const table = tableOf(context, params);
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw new Response("Niet gevonden", { status: 404 });
  const isChair = can(user.principal, "table:chair", { tableId: table.id });
  const { db } = context.services;
  const row = (m: ReturnType<typeof upcomingTableMeetings>[number]) => ({
    id: m.id,
    title: m.title,
    when: formatPeriod(m.startsAt, m.durationMinutes),
    location: m.location,
    hasVideo: Boolean(m.videoUrl),
    cancelled: m.cancelled,
    agendaCount: m.agendaCount,
    myResponse: m.myResponse,
    inSeries: Boolean(m.seriesId),
  });
  const now = new Date();
  const past = pastTableMeetings(db, table.id, user.id, new URL(request.url), now);
  return {
    table: { slug: table.slug, name: table.name },
    isChair,
    upcoming: upcomingTableMeetings(db, table.id, user.id, now).map(row),
    past: { ...past, items: past.items.map(row) },
  };
}

/** How far ahead a chair may plan. */
const PLAN_AHEAD_YEARS = 3;

type Clash = { personName: string; when: string; label: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const table = tableOf(context, params);
  await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null });
  if (!table) throw new Response("Niet gevonden", { status: 404 });
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(PlanSchema, formData);
  const crossField = planCrossFieldErrors(formData);
  if (!parsed.ok) {
    const fieldErrors: FieldErrors = { ...crossField, ...parsed.fieldErrors };
    return { ...fieldFailure(formData, fieldErrors), clashes: [] as Clash[] };
  }
  if (Object.keys(crossField).length) return { ...fieldFailure(formData, crossField), clashes: [] as Clash[] };
  const input = parsed.data;
  if (new Date(`${input.date}T00:00:00Z`).getTime() > Date.now() + PLAN_AHEAD_YEARS * 366 * 24 * 60 * 60 * 1000) {
    return { ...fieldFailure(formData, { date: [`Plan hoogstens ${PLAN_AHEAD_YEARS} jaar vooruit.`] }), clashes: [] as Clash[] };
  }
  const count = input.series ? Number(input.occurrences) : 1;
  const starts = monthlySeriesStarts(input.date, input.startTime, count);
  if (!starts) {
    return { ...fieldFailure(formData, { startTime: ["Deze tijd bestaat niet op die dag (de klok gaat dan een uur vooruit). Kies een andere begintijd."] }), clashes: [] as Clash[] };
  }
  if (new Date(starts[0]).getTime() <= Date.now()) {
    return { ...fieldFailure(formData, { date: ["Kies een datum en tijd in de toekomst."] }), clashes: [] as Clash[] };
  }


  const planned = starts.map((startsAt) => ({ startsAt, durationMinutes: input.durationMinutes }));
  const participants = tableParticipants(db, table.id);
  const clashes = clashesFor(db, participants.map((p) => p.userId), planned);
  if (clashes.length && !input.confirmClash) {
    return {
      ok: false as const,
      fieldErrors: {} as FieldErrors,
      formError: undefined,
      values: fieldFailure(formData, {}).values,
      clashes: clashes.map((c) => ({ personName: c.personName, when: `${formatMeetingDay(c.startsAt)}, ${formatClockRange(c.startsAt, c.durationMinutes)}`, label: c.label })),
    };
  }

  const ids = createMeetings(db, {
    tableId: table.id,
    title: input.title,
    starts,
    durationMinutes: input.durationMinutes,
    location: input.location,
    videoUrl: input.videoUrl,
    createdByUserId: user.id,
  });
  ids.forEach((id, i) =>
    audit(db, {
      action: "meeting.create",
      actor: actorOf(user),
      objectType: "meeting",
      objectId: id,
      detail: `tafel ${table.slug}, ${amsterdamDate(starts[i])}${ids.length > 1 ? `, reeks ${i + 1}/${ids.length}` : ""}, ${participants.length} uitgenodigd${clashes.length ? `, ${clashes.length} overlap(pen) bevestigd` : ""}`,
      origin: context.origin,
    }),
  );
  notifyMeetingsPlanned(notifier(context), ids);
  const message = `${ids.length === 1 ? "De bijeenkomst is gepland." : `${ids.length} bijeenkomsten zijn gepland.`} Alle tafelleden zijn uitgenodigd.`;
  return redirectWithFlash(context, ids.length === 1 ? `/bijeenkomsten/${ids[0]}` : `/tafels/${table.slug}/bijeenkomsten`, message);
}

const PAST_NOUN = { one: "bijeenkomst", many: "bijeenkomsten" };

function MeetingList({ meetings, caption }: { meetings: ReturnType<typeof useLoaderData<typeof loader>>["upcoming"]; caption: string }) {
  return (
    <table className="data">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Wanneer</th>
          <th scope="col">Bijeenkomst</th>
          <th scope="col">Waar</th>
          <th scope="col">Agenda</th>
          <th scope="col">Uw reactie</th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <td>{m.when}</td>
            <td>
              <Link to={`/bijeenkomsten/${m.id}`}>{m.title}</Link>
              {m.inSeries ? <span className="muted"> (reeks)</span> : null}
              {m.cancelled ? <> <Badge tone="error">Geannuleerd</Badge></> : null}
            </td>
            <td>{[m.location, m.hasVideo ? "videoverbinding" : null].filter(Boolean).join(" en ")}</td>
            <td>{m.agendaCount === 1 ? "1 casus" : `${m.agendaCount} casussen`}</td>
            <td>{m.myResponse ? RESPONSE_LABELS[m.myResponse] : <span className="muted">Niet uitgenodigd</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function MeetingsPage() {
  const { table, isChair, upcoming, past } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const clashes = errors?.clashes ?? [];
  const values = errors?.values;
  const seriesChecked = values ? fieldValue(values, "series") === "on" : false;

  return (
    <>
      <p><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Bijeenkomsten tafel {table.name}</h1>

      <section className="card" aria-labelledby="komend">
        <h2 id="komend">Komende bijeenkomsten</h2>
        {upcoming.length ? <MeetingList meetings={upcoming} caption="Komende bijeenkomsten" /> : <p className="muted">Er zijn geen komende bijeenkomsten gepland.</p>}
      </section>

      {isChair ? (
        <section className="card" aria-labelledby="plannen">
          <h2 id="plannen">Bijeenkomst plannen</h2>
          <p>Alle tafelleden en de voorzitter worden automatisch uitgenodigd. Tijden zijn Nederlandse tijd.</p>
          <FormError message={errors && !clashes.length ? (errors.formError ?? CHECK_FIELDS) : undefined} />
          {clashes.length ? (
            <div className="alert alert--warn" role="alert">
              <p><strong>Let op: niet iedereen is dan beschikbaar.</strong> Deze deelnemers hebben op dat moment al een bijeenkomst:</p>
              <ul>
                {clashes.map((c, i) => (
                  <li key={i}>{c.personName}: {c.label}, {c.when}</li>
                ))}
              </ul>
              <p>Kies een ander moment, of vink ‘Toch plannen’ aan en sla opnieuw op.</p>
            </div>
          ) : null}
          <Form method="post">
            <Field name="title" label="Titel" required errors={errors?.fieldErrors} values={values} defaultValue="Casuïstiekbespreking" />
            <div className="form-grid">
              <Field name="date" label="Datum" type="date" required errors={errors?.fieldErrors} values={values} />
              <Field name="startTime" label="Begintijd" type="time" required errors={errors?.fieldErrors} values={values} hint="Bijvoorbeeld 14:00" />
              <Field name="durationMinutes" label="Duur (minuten)" type="number" required errors={errors?.fieldErrors} values={values} defaultValue="120" hint={`Van ${MEETING_MIN_MINUTES} tot ${MEETING_MAX_MINUTES} minuten`} />
            </div>
            <div className="form-grid">
              <Field name="location" label="Locatie" errors={errors?.fieldErrors} values={values} hint="Adres of zaal; vul een locatie, een videolink of allebei in." />
              <Field name="videoUrl" label="Videolink" type="url" errors={errors?.fieldErrors} values={values} hint="Begint met https://" />
            </div>
            <fieldset>
              <legend>Herhaling</legend>
              <label className="checkbox">
                <input type="checkbox" name="series" defaultChecked={seriesChecked} />
                <span>Maandelijkse reeks: elke maand op dezelfde weekdag van de maand (bijvoorbeeld elke tweede dinsdag)</span>
              </label>
              <Field name="occurrences" label="Aantal bijeenkomsten in de reeks" type="number" errors={errors?.fieldErrors} values={values} defaultValue="3" hint={`1 tot en met ${SERIES_MAX}. Bestaat een vijfde weekdag in een maand niet, dan wordt het de laatste.`} />
            </fieldset>
            {clashes.length ? (
              <label className="checkbox">
                <input type="checkbox" name="confirmClash" />
                <span>Toch plannen</span>
              </label>
            ) : null}
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>Bijeenkomst plannen</button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="eerder">
        <h2 id="eerder">Eerdere bijeenkomsten</h2>
        {past.items.length ? (
          <>
            <MeetingList meetings={past.items} caption="Eerdere bijeenkomsten" />
            <Pager page={past} label="eerdere bijeenkomsten" noun={PAST_NOUN} />
          </>
        ) : (
          <p className="muted">Nog geen eerdere bijeenkomsten.</p>
        )}
      </section>
    </>
  );
}
