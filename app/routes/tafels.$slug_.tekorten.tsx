import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FieldGroup, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import {
  BOTTLENECK_CATEGORIES,
  BOTTLENECK_CATEGORY_LABELS,
  CARE_FUNCTION_LABELS,
  CARE_FUNCTIONS,
  SHORTFALL_KIND_LABELS,
  SHORTFALL_KINDS,
  SHORTFALL_STATUS_LABELS,
  SHORTFALL_STATUSES,
} from "~/domain/vocabulary";
import { audit } from "~/models/audit.server";
import { actorOf, notFound, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm, type FieldErrors } from "~/lib/forms";
import { IdSchema, JUSTIFICATION_MIN, ShortfallIntentSchema, ShortfallSchema } from "~/lib/shortfall-forms";
import { tableBySlug } from "~/models/screening.server";
import { publishIntent } from "~/lib/shortfall-publish.server";
import { responseCountsOf } from "~/models/shortfall-publication.server";
import { PublishShortfall } from "~/components/shortfall-publish";
import { Pager } from "~/components/pager";
import { formatTotal } from "~/domain/pagination";
import { createShortfall, foreignCaseIds, getShortfall, shortfallsPage, linkableCaseCodes, updateShortfall } from "~/models/shortfalls.server";
import styles from "~/styles/monitor.css";
import { ShortfallStatusBadge } from "~/components/badge";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Capaciteitstekorten tafel ${data.table.name} – Regiotafel` : "Capaciteitstekorten – Regiotafel" }];

const Slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

function tableOf(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const slug = Slug.safeParse(params.slug);
  return slug.success ? tableBySlug(context.services.db, slug.data) : null;
}

const DONE = {
  aangemaakt: "Het tekort is vastgelegd. Het telt mee in de landelijke monitor.",
  bijgewerkt: "Het tekort is bijgewerkt.",
} as const;

type Values = Record<string, string | string[]>;

// The table's register of capacity shortfalls: members read it, the chair records and edits.
// Another table's register and an unknown table answer 404. Linked cases appear by code only.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const table = tableOf(context, params);
  const user = await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const { db } = context.services;
  const isChair = can(user.principal, "table:chair", { tableId: table.id });
  const responseCounts = responseCountsOf(db, table.id);
  const page = shortfallsPage(db, table.id, new URL(request.url));
  const shortfalls = page.items.map((s) => ({
    id: s.id,
    careFunction: s.careFunction,
    functionOther: s.functionOther,
    kind: s.kind,
    bottleneck: s.bottleneck,
    waitingWeeks: s.waitingWeeks,
    peopleWaiting: s.peopleWaiting,
    justification: s.justification,
    status: s.status,
    cases: s.cases.map((c) => c.code),
    publishedLabel: s.publishedAt ? formatAmsterdam(s.publishedAt) : null,
    responses: responseCounts.get(s.id) ?? 0,
    updatedAt: formatAmsterdam(s.updatedAt),
    createdBy: s.createdBy,
  }));
  let editing: { id: number; values: Values } | null = null;
  const editId = IdSchema.safeParse(new URL(request.url).searchParams.get("bewerk") ?? "");
  if (isChair && editId.success) {
    const s = getShortfall(db, table.id, editId.data);
    if (s) {
      editing = {
        id: s.id,
        values: {
          careFunction: s.careFunction,
          functionOther: s.functionOther ?? "",
          kind: s.kind,
          bottleneck: s.bottleneck,
          waitingWeeks: s.waitingWeeks == null ? "" : String(s.waitingWeeks),
          peopleWaiting: s.peopleWaiting == null ? "" : String(s.peopleWaiting),
          justification: s.justification,
          status: s.status,
          caseIds: s.cases.map((c) => String(c.id)),
        },
      };
    }
  }
  return {
    table: { slug: table.slug, name: table.name, number: table.number },
    isChair,
    shortfalls,
    page: { ...page, items: [] },
    caseOptions: isChair ? linkableCaseCodes(db, table.id, [editing?.values.caseIds ?? []].flat().map(Number)).map((c) => ({ id: String(c.id), code: c.code })) : [],
    editing,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const table = tableOf(context, params);
  await requirePermission(request, context, "table:read", { tableId: table?.id ?? null }, { deniedStatus: 404 });
  const user = await requirePermission(request, context, "table:chair", { tableId: table?.id ?? null });
  if (!table) throw notFound(); // unreachable: no table, no permission
  const { db } = context.services;
  const formData = await request.formData();
  const intent = ShortfallIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return { ...failure("Deze handeling is niet mogelijk.", formData), intent: "create" as const };
  if (intent.data === "publish") return publishIntent(context, table, user, formData);
  const parsed = parseForm(ShortfallSchema, formData, ["caseIds"]);
  if (!parsed.ok) return { ...parsed, intent: intent.data };
  const foreign = foreignCaseIds(db, table.id, parsed.data.caseIds);
  if (foreign.length) {
    const fieldErrors: FieldErrors = { caseIds: ["Kies alleen casussen van deze tafel."] };
    return { ...failure("Controleer de gemarkeerde velden.", formData, fieldErrors), intent: intent.data };
  }
  const detail = `${parsed.data.careFunction} ${parsed.data.kind} ${parsed.data.status}, ${parsed.data.caseIds.length} casussen`;
  if (intent.data === "create") {
    const id = createShortfall(db, table.id, user.id, parsed.data);
    audit(db, { action: "shortfall.create", actor: actorOf(user), objectType: "shortfall", objectId: id, detail: `${table.slug}: ${detail}`, origin: context.origin });
    return redirectWithFlash(context, `/tafels/${table.slug}/tekorten`, DONE.aangemaakt);
  }
  const id = IdSchema.safeParse(formData.get("id"));
  const updated = id.success ? updateShortfall(db, table.id, id.data, parsed.data) : ({ ok: false, error: "Dit tekort bestaat niet (meer) bij deze tafel." } as const);
  if (!updated.ok) {
    const fieldErrors = "field" in updated && updated.field ? { [updated.field]: [updated.error] } : {};
    return { ...failure(updated.error, formData, fieldErrors), intent: intent.data };
  }
  audit(db, { action: "shortfall.update", actor: actorOf(user), objectType: "shortfall", objectId: id.data, detail: `${table.slug}: ${detail}`, origin: context.origin });
  return redirectWithFlash(context, `/tafels/${table.slug}/tekorten`, DONE.bijgewerkt);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ShortfallForm({ table, caseOptions, editing }: Pick<LoaderData, "table" | "caseOptions" | "editing">) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const values: Values = failed ? failed.values : (editing?.values ?? { status: "open" });
  const errors = failed?.fieldErrors;
  const checked = new Set([values.caseIds ?? []].flat());
  return (
    <section className="card" aria-labelledby="tekort-formulier">
      <h2 id="tekort-formulier">{editing ? "Tekort bewerken" : "Tekort vastleggen"}</h2>
      <Form method="post" noValidate key={editing?.id ?? "nieuw"}>
        <FormError message={failed?.formError ?? (failed ? "Controleer de gemarkeerde velden." : undefined)} errors={failed?.fieldErrors} />
        <input type="hidden" name="intent" value={editing ? "update" : "create"} />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <div className="form-grid">
          <Field name="careFunction" label="Ontbrekende functie" errors={errors} values={values} required>
            <option value="">Kies…</option>
            {CARE_FUNCTIONS.map((f) => (
              <option key={f} value={f}>{CARE_FUNCTION_LABELS[f]}</option>
            ))}
          </Field>
          <Field name="functionOther" label="Omschrijving functie (bij 'Anders')" errors={errors} values={values} hint="Verplicht als u 'Anders' kiest." />
          <Field name="kind" label="Soort tekort" errors={errors} values={values} required>
            <option value="">Kies…</option>
            {SHORTFALL_KINDS.map((k) => (
              <option key={k} value={k}>{SHORTFALL_KIND_LABELS[k]}</option>
            ))}
          </Field>
          <Field name="bottleneck" label="Categorie knelpunt" errors={errors} values={values} required>
            <option value="">Kies…</option>
            {BOTTLENECK_CATEGORIES.map((b) => (
              <option key={b} value={b}>{BOTTLENECK_CATEGORY_LABELS[b]}</option>
            ))}
          </Field>
          <Field name="waitingWeeks" label="Wachttijd in weken" type="number" errors={errors} values={values} hint="Bijvoorbeeld afgezet tegen de Treeknorm." />
          <Field
            name="peopleWaiting"
            label="Aantal mensen opgenomen zonder medische noodzaak, wachtend op een Wmo-plek"
            type="number"
            errors={errors}
            values={values}
            hint="Verplicht bij 'Uitstroom stokt'."
          />
          <Field name="status" label="Status" errors={errors} values={values} required>
            {SHORTFALL_STATUSES.map((s) => (
              <option key={s} value={s}>{SHORTFALL_STATUS_LABELS[s]}</option>
            ))}
          </Field>
        </div>
        <Field
          name="justification"
          label="Onderbouwing voor de zorgverzekeraars"
          type="textarea"
          errors={errors}
          values={values}
          required
          hint={`Een gedegen onderbouwing (minstens ${JUSTIFICATION_MIN} tekens): wat ontbreekt, voor welke doelgroep, sinds wanneer, wat het gevolg is. Noem geen namen van patiënten.`}
        />
        <FieldGroup name="caseIds" legend="Casussen waarbij dit tekort speelde" errors={failed?.fieldErrors} hint="De lopende casussen van deze tafel (de nieuwste 100) en de casussen die al gekoppeld zijn. Alleen de casuscode wordt getoond en bewaard bij het tekort.">
          {caseOptions.length ? (
            <div className="linked-cases">
              {caseOptions.map((c) => (
                <label key={c.id} className="checkbox">
                  <input type="checkbox" name="caseIds" value={c.id} defaultChecked={checked.has(c.id)} /> {c.code}
                </label>
              ))}
            </div>
          ) : (
            <p className="muted">Deze tafel heeft nog geen casussen.</p>
          )}
        </FieldGroup>
        <div className="actions">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>{editing ? "Wijzigingen opslaan" : "Tekort vastleggen"}</button>
          {editing ? <Link to={`/tafels/${table.slug}/tekorten`}>Annuleren</Link> : null}
        </div>
      </Form>
    </section>
  );
}

export default function Shortfalls() {
  const { table, isChair, shortfalls, page, caseOptions, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const publishError = actionData && !actionData.ok && actionData.intent === "publish" ? { id: String(actionData.values.id), error: actionData.formError } : null;
  return (
    <>
      <p><Link to={`/tafels/${table.slug}`}>← Tafel {table.name}</Link></p>
      <h1>Capaciteitstekorten tafel {table.name}</h1>
      <p className="lead">
        Welke zorg ontbrak, bij welke casussen, en de onderbouwing die zorgverzekeraars nodig hebben om extra zorg in te kopen.
        De aantallen tellen mee in de landelijke monitor. <Link to={`/tafels/${table.slug}/lessen`}>Geleerde lessen</Link>
      </p>

      {isChair ? <ShortfallForm table={table} caseOptions={caseOptions} editing={editing} /> : null}

      <section className="card" aria-labelledby="register">
        <h2 id="register">Register ({page.total ? formatTotal(page.total) : shortfalls.length})</h2>
        {shortfalls.length ? (
          <table className="data">
            <caption className="visually-hidden">Capaciteitstekorten van tafel {table.name}</caption>
            <thead>
              <tr>
                <th scope="col">Functie</th>
                <th scope="col">Soort</th>
                <th scope="col">Knelpunt</th>
                <th scope="col">Wachttijd</th>
                <th scope="col">Onderbouwing</th>
                <th scope="col">Casussen</th>
                <th scope="col">Status</th>
                {isChair ? <th scope="col"><span className="visually-hidden">Acties</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {shortfalls.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {CARE_FUNCTION_LABELS[s.careFunction]}
                    {s.functionOther ? `: ${s.functionOther}` : ""}
                  </th>
                  <td>
                    {SHORTFALL_KIND_LABELS[s.kind]}
                    {s.peopleWaiting != null ? <span className="muted"> · {s.peopleWaiting} wachtend op Wmo-plek</span> : null}
                  </td>
                  <td>{BOTTLENECK_CATEGORY_LABELS[s.bottleneck]}</td>
                  <td>{s.waitingWeeks != null ? `${s.waitingWeeks} weken` : <span className="muted">–</span>}</td>
                  <td>{s.justification}</td>
                  <td>{s.cases.length ? s.cases.join(", ") : <span className="muted">–</span>}</td>
                  <td>
                    <ShortfallStatusBadge status={s.status} />
                    <span className="muted"> · {s.updatedAt}</span>
                    <PublishShortfall id={s.id} publishedLabel={s.publishedLabel} responses={s.responses} canPublish={isChair} error={publishError?.id === String(s.id) ? publishError.error : undefined} />
                  </td>
                  {isChair ? (
                    <td><Link to={`?bewerk=${s.id}`} aria-label={`Tekort ${CARE_FUNCTION_LABELS[s.careFunction]} bewerken`}>Bewerken</Link></td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Er zijn nog geen tekorten vastgelegd.</p>
        )}
        <Pager page={page} label="capaciteitstekorten" noun={{ one: "tekort", many: "tekorten" }} />
      </section>
    </>
  );
}
