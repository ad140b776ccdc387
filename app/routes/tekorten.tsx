import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { SUPPRESSED } from "~/domain/disclosure";
import { can } from "~/domain/permissions";
import { SHORTFALL_RESPONSE_KIND_LABELS, SHORTFALL_RESPONSE_KINDS, type ShortfallResponseKind } from "~/domain/shortfall-publication";
import { BOTTLENECK_CATEGORY_LABELS, CARE_FUNCTION_LABELS, SHORTFALL_KIND_LABELS, SHORTFALL_STATUS_LABELS } from "~/domain/vocabulary";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { formatDate, formatDateTime } from "~/domain/format";
import { failure, parseForm } from "~/lib/forms";
import { ShortfallResponseSchema } from "~/lib/shortfall-forms";
import { publishedByRegion, respondToShortfall } from "~/models/shortfall-publication.server";
import styles from "~/styles/monitor.css";
import { ShortfallStatusBadge } from "~/components/badge";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Gepubliceerde capaciteitstekorten – Regiotafel" }];

// The tables' published shortfalls, region by region side by side, with the financiers'
// responses: for the insurers' zorgbemiddeling and medical advisors (who respond) and the national
// project leader. No patient data: linked cases only as a count, suppressed when 1 to 4.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "shortfalls:published", {}, { deniedStatus: 404 });
  const { db } = context.services;
  const regions = publishedByRegion(db);
  audit(db, { action: "shortfall.published_list", actor: actorOf(user), objectType: "shortfall", detail: `${regions.reduce((n, r) => n + r.shortfalls.length, 0)} gepubliceerd`, origin: context.origin });
  return {
    canRespond: can(user.principal, "shortfall:respond"),
    organisation: user.organisationName,
    regions: regions.map((r) => ({
      ...r,
      shortfalls: r.shortfalls.map((s) => ({
        ...s,
        publishedLabel: formatDateTime(s.publishedAt!),
        responses: s.responses.map((x) => ({ ...x, kindLabel: SHORTFALL_RESPONSE_KIND_LABELS[x.kind as ShortfallResponseKind], responseDateLabel: formatDate(x.responseDate) })),
      })),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "shortfall:respond", {}, { deniedStatus: 404 });
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(ShortfallResponseSchema, formData);
  if (!parsed.ok) return parsed;
  const { shortfallId, ...input } = parsed.data;
  const saved = respondToShortfall(db, shortfallId, input, user);
  if (!saved.ok) return failure(saved.error, formData);
  audit(db, { action: "shortfall.respond", actor: actorOf(user), objectType: "shortfall", objectId: shortfallId, detail: `${user.organisationName}: ${SHORTFALL_RESPONSE_KIND_LABELS[input.kind]}`, origin: context.origin });
  return redirect(`/tekorten?gereageerd=1#tekort-${shortfallId}`);
}

export default function PublishedShortfalls() {
  const { regions, canRespond, organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedId = failed ? String(failed.values.shortfallId ?? "") : null;
  // One response form at a time (its fields have the page's only veld-… ids).
  const respondTo = failed ? null : searchParams.get("reageer");
  return (
    <>
      <h1>Gepubliceerde capaciteitstekorten</h1>
      <p className="lead">
        Wat de regiotafels missen, met hun onderbouwing, per regio naast elkaar – en wat de financiers daarop antwoorden. Aantallen casussen van 1 tot 4 worden niet getoond ({SUPPRESSED}).
      </p>
      {searchParams.get("gereageerd") && !failed ? <p className="alert alert--ok" role="status">Uw reactie is vastgelegd.</p> : null}
      <div className="capacity-grid">
        {regions.map((r) => (
          <section key={r.id} className="card" aria-labelledby={`regio-${r.id}`}>
            <h2 id={`regio-${r.id}`}>{r.number}. {r.name}</h2>
            {r.shortfalls.length === 0 ? <p className="muted">Geen gepubliceerde tekorten.</p> : null}
            {r.shortfalls.map((s) => {
              const own = failedId === String(s.id) ? failed : null;
              return (
                <article key={s.id} id={`tekort-${s.id}`} className="shortfall">
                  <h3>
                    {CARE_FUNCTION_LABELS[s.careFunction]}
                    {s.functionOther ? `: ${s.functionOther}` : ""}
                  </h3>
                  <dl className="facts">
                    <dt>Soort</dt><dd>{SHORTFALL_KIND_LABELS[s.kind]}</dd>
                    <dt>Knelpunt</dt><dd>{BOTTLENECK_CATEGORY_LABELS[s.bottleneck]}</dd>
                    <dt>Wachttijd</dt><dd>{s.waitingWeeks != null ? `${s.waitingWeeks} weken` : "–"}</dd>
                    <dt>Casussen</dt><dd>{s.linkedCases}</dd>
                    <dt>Status</dt><dd><ShortfallStatusBadge status={s.status} /> · gepubliceerd {s.publishedLabel}</dd>
                  </dl>
                  <p className="pre-wrap">{s.justification}</p>
                  <h4>Reacties van financiers</h4>
                  {s.responses.length ? (
                    <ul className="plain">
                      {s.responses.map((x) => (
                        <li key={x.id}>
                          <strong>{x.organisation}</strong> ({x.responseDateLabel}): {x.kindLabel} – <span className="pre-wrap">{x.text}</span> <span className="muted">Contact: {x.contact}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">Nog geen reacties.</p>
                  )}
                  {canRespond && (own || respondTo === String(s.id)) ? (
                    <div>
                      <h4>Reageren namens {organisation}</h4>
                      <Form method="post" noValidate aria-label={`Reactie op tekort ${CARE_FUNCTION_LABELS[s.careFunction]} ${r.name}`}>
                        <input type="hidden" name="shortfallId" value={s.id} />
                        {own ? <FormError message={own.formError} errors={own.fieldErrors} /> : null}
                        <Field name="kind" label="Soort reactie" required errors={own?.fieldErrors} values={own?.values}>
                          <option value="">Kies…</option>
                          {SHORTFALL_RESPONSE_KINDS.map((k) => (
                            <option key={k} value={k}>{SHORTFALL_RESPONSE_KIND_LABELS[k]}</option>
                          ))}
                        </Field>
                        <Field name="text" label="Toelichting" type="textarea" required errors={own?.fieldErrors} values={own?.values} />
                        <Field name="responseDate" label="Datum" type="date" required errors={own?.fieldErrors} values={own?.values} />
                        <Field name="contact" label="Contactpersoon" required errors={own?.fieldErrors} values={own?.values} />
                        <button type="submit" className="button">Reactie vastleggen</button>
                      </Form>
                    </div>
                  ) : canRespond ? (
                    <p><Link to={`?reageer=${s.id}#tekort-${s.id}`}>Reageren</Link></p>
                  ) : null}
                </article>
              );
            })}
          </section>
        ))}
      </div>
    </>
  );
}
