import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import { BOTTLENECK_CATEGORIES, BOTTLENECK_CATEGORY_LABELS } from "~/domain/vocabulary";
import { audit } from "~/models/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { LessonSchema } from "~/lib/shortfall-forms";
import { tableBySlug } from "~/models/screening.server";
import { createLesson, listLessons } from "~/models/shortfalls.server";
import styles from "~/styles/monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Geleerde lessen tafel ${data.table.name} – Regiotafel` : "Geleerde lessen – Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

function tableOf(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const slug = Slug.safeParse(params.slug);
  return slug.success ? tableBySlug(context.services.db, slug.data) : null;
}

// Lessons learned the table shares with the other regions (shown in the national monitor).
// Members read, the chair adds; another table and an unknown table answer 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const table = tableOf(context, params);
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission
  return {
    table: { slug: table.slug, name: table.name },
    isChair: can(user.principal, "table:chair", { tableId: table.id }),
    lessons: listLessons(context.services.db, table.id).map((l) => ({ id: l.id, text: l.text, bottleneck: l.bottleneck, createdBy: l.createdBy, createdAt: formatAmsterdam(l.createdAt) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const table = tableOf(context, params);
  await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const formData = await request.formData();
  const parsed = parseForm(LessonSchema, formData);
  if (!parsed.ok) return parsed;
  const id = createLesson(context.services.db, table.id, user.id, parsed.data);
  audit(context.services.db, { action: "lesson.create", actor: actorOf(user), objectType: "lesson", objectId: id, detail: `${table.slug}: ${parsed.data.bottleneck}`, origin: context.origin });
  return redirectWithFlash(context, `/tafels/${table.slug}/lessen`, "De les is gedeeld.");
}

export default function Lessons() {
  const { table, isChair, lessons } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <p><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Geleerde lessen tafel {table.name}</h1>
      <p className="lead">
        Wat deze tafel leerde over waarom plaatsen vastliep. De lessen zijn zichtbaar voor de landelijk projectleider en de andere
        regio's. <Link to={`/tafels/${table.slug}/tekorten`}>Capaciteitstekorten</Link>
      </p>

      {isChair ? (
        <section className="card" aria-labelledby="les-formulier">
          <h2 id="les-formulier">Les delen</h2>
          <Form method="post" noValidate>
            <FormError message={failed ? (failed.formError ?? "Controleer de gemarkeerde velden.") : undefined} errors={failed?.fieldErrors} />
            <Field
              name="text"
              label="Les"
              type="textarea"
              errors={failed?.fieldErrors}
              values={failed?.values}
              required
              hint="Schrijf geen namen of andere gegevens waarmee een patiënt of hulpverlener herkenbaar is: de les gaat naar alle regio's en de landelijke monitor."
            />
            <Field name="bottleneck" label="Categorie knelpunt" errors={failed?.fieldErrors} values={failed?.values} required>
              <option value="">Kies…</option>
              {BOTTLENECK_CATEGORIES.map((b) => (
                <option key={b} value={b}>{BOTTLENECK_CATEGORY_LABELS[b]}</option>
              ))}
            </Field>
            <div className="actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>Les delen</button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="lessen-lijst">
        <h2 id="lessen-lijst">Gedeelde lessen ({lessons.length})</h2>
        {lessons.length ? (
          <ul className="plain lessons">
            {lessons.map((l) => (
              <li key={l.id}>
                <span className="badge">{BOTTLENECK_CATEGORY_LABELS[l.bottleneck]}</span> <span className="muted">{l.createdAt}{l.createdBy ? ` · ${l.createdBy}` : ""}</span>
                <blockquote>{l.text}</blockquote>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Deze tafel heeft nog geen lessen gedeeld.</p>
        )}
      </section>
    </>
  );
}
