import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { Pager } from "~/components/pager";
import { checkAnchors, latestAnchor } from "~/lib/audit-anchors.server";
import { audit } from "~/models/audit.server";
import { unresolvedBreak, verifyAuditSinceCheckpoint } from "~/lib/audit-verification.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { formValues, parseForm } from "~/lib/forms";
import { AuditSearchSchema, SEARCH_LABELS, describeSearch, searchParamsAsFormData, searchQuery } from "~/domain/audit-search";
import { formatTotal } from "~/domain/pagination";
import { EXPORT_LIMIT, auditActions, findAuditEvents, presentAuditEvent } from "~/models/audit-log.server";
import { listOrganisationRefs } from "~/models/organisations.server";
import { auditActionLabel } from "~/domain/audit-actions";

export const meta: MetaFunction = () => [{ title: "Auditlog – Regiotafel" }];

// The NEN 7513 access log for administrators: search (a GET form, so it works without
// JavaScript and a search can be bookmarked), the chain's state, and the export link.
// Looking at the log is itself an access that is logged.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "audit:read");
  const { db } = context.services;
  const url = new URL(request.url);
  const formData = searchParamsAsFormData(url.searchParams);
  const parsed = parseForm(AuditSearchSchema, formData);
  // Only what is new since the last verified checkpoint (bounded: a backlog is caught up over
  // several views); the full verification is `npm run audit:verify`.
  // A break found earlier (e.g. by the nightly full verification) stays shown until a full one passes.
  const earlier = unresolvedBreak(db);
  const fresh = verifyAuditSinceCheckpoint(db, { maxEvents: VERIFY_PER_VIEW });
  const verdict = fresh.ok && earlier ? { ...fresh, ok: false as const, brokenId: earlier.eventId, reason: earlier.brokenReason! } : fresh;
  const anchor = latestAnchor(context.services.config.audit.anchorDir);
  const chain = { ...verdict, anchor, anchorProblem: anchor ? (checkAnchors(db, [anchor])[0]?.reason ?? null) : null };
  const base = { chain, actions: auditActions(db), values: formValues(formData), exportLimit: EXPORT_LIMIT };
  if (!parsed.ok) return { ...base, fieldErrors: parsed.fieldErrors, result: null };

  const page = findAuditEvents(db, parsed.data, url);
  const organisationNames = new Map(listOrganisationRefs(db).map((o) => [o.id, o.name]));
  audit(db, {
    action: "audit.search",
    actor: actorOf(user),
    objectType: "audit_log",
    patientId: parsed.data.patient ?? null,
    detail: `${describeSearch(parsed.data)}; ${formatTotal(page.total!)} regels gevonden`,
    origin: context.origin,
  });
  return {
    ...base,
    fieldErrors: {},
    result: { page: { ...page, items: page.items.map((row) => presentAuditEvent(row, organisationNames)) }, exportHref: `/beheer/audit/export${searchQuery(parsed.data)}` },
  };
}

const VERIFY_PER_VIEW = 20_000;

const NOUN = { one: "regel", many: "regels" };

const OUTCOME_BADGE = { success: "badge badge--ok", denied: "badge badge--error", failure: "badge badge--warn" } as const;

function ChainStatus({ chain }: { chain: ReturnType<typeof useLoaderData<typeof loader>>["chain"] }) {
  if (!chain.ok || chain.truncated || chain.anchorProblem) {
    return (
      <div className="alert alert--error" role="alert">
        {!chain.ok ? (
          <><strong>Keten verbroken bij regel {chain.brokenId}</strong>: {chain.reason}.</>
        ) : chain.truncated ? (
          <><strong>Keten ingekort na regel {chain.truncated.lastId}</strong>: regels tot en met {chain.truncated.issued} zijn uitgegeven.</>
        ) : (
          <><strong>Keten klopt niet met het anker</strong>: {chain.anchorProblem}.</>
        )}{" "}
        Het auditlog is buiten het portaal om gewijzigd: meld dit direct bij de security officer.
      </div>
    );
  }
  const scope = chain.from ? `sinds controlepunt regel ${chain.from}` : "vanaf de eerste regel";
  return (
    <p>
      Auditketen: <span className="badge badge--ok">keten intact</span>{" "}
      <span className="muted">
        ({chain.checked} {chain.checked === 1 ? "nieuwe regel" : "nieuwe regels"} gecontroleerd {scope}
        {chain.complete ? "" : "; de rest volgt bij het volgende bezoek"}
        {chain.anchor ? `; laatste anker: regel ${chain.anchor.eventId}` : ""}. Volledige controle: <code>npm run audit:verify</code>)
      </span>
    </p>
  );
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  const errors = data.fieldErrors;
  const selectedAction = typeof data.values.action === "string" ? data.values.action : "";
  const actions = selectedAction && !data.actions.includes(selectedAction) ? [selectedAction, ...data.actions] : data.actions;
  return (
    <>
      <h1>Auditlog</h1>
      <p className="lead">
        Wie heeft wanneer welke gegevens ingezien of gewijzigd (NEN 7513). Tijden in Nederlandse tijd. Ook elke zoekopdracht en
        export hier wordt vastgelegd.
      </p>
      <ChainStatus chain={data.chain} />

      <Form method="get" action="/beheer/audit" className="card" noValidate aria-labelledby="zoeken">
        <h2 id="zoeken">Zoeken</h2>
        {data.result ? null : <FormError message="Het filter klopt niet; verbeter de gemarkeerde velden. Er is niet gezocht." errors={errors} />}
        <div className="filters">
          <Field name="user" label={SEARCH_LABELS.user} hint="Het hele adres of het begin, bijv. lid.brabant" errors={errors} values={data.values} />
          <Field name="patient" label={SEARCH_LABELS.patient} errors={errors} values={data.values} />
          <Field name="action" label={SEARCH_LABELS.action} errors={errors} values={data.values}>
            <option value="">Alle acties</option>
            {actions.map((action) => (
              <option key={action} value={action}>{auditActionLabel(action)}</option>
            ))}
          </Field>
          <Field name="from" label={SEARCH_LABELS.from} type="date" errors={errors} values={data.values} />
          <Field name="to" label={SEARCH_LABELS.to} type="date" errors={errors} values={data.values} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{busy ? "Bezig met zoeken…" : "Zoeken"}</button>
          <Link to="/beheer/audit">Filter wissen</Link>
        </div>
      </Form>

      {data.result ? (
        <section aria-labelledby="resultaten">
          <h2 id="resultaten">Resultaten</h2>
          {data.result.page.total?.count ? (
            <p className="actions">
              <a className="button button--secondary button--small" href={data.result.exportHref} download>Exporteren als CSV</a>
              <span className="hint">Hetzelfde filter, maximaal {data.exportLimit.toLocaleString("nl-NL")} regels.</span>
            </p>
          ) : null}
          <Pager page={data.result.page} label="auditregels" noun={NOUN} />
          {data.result.page.items.length > 0 ? (
            <table className="data">
              <caption className="visually-hidden">Auditregels, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Regel</th>
                  <th scope="col">Tijd</th>
                  <th scope="col">Gebruiker</th>
                  <th scope="col">Rol</th>
                  <th scope="col">Organisatie</th>
                  <th scope="col">Actie</th>
                  <th scope="col">Uitkomst</th>
                  <th scope="col">Object</th>
                  <th scope="col">Patiënt</th>
                  <th scope="col">IP-adres</th>
                  <th scope="col">Toestemming doorbroken</th>
                </tr>
              </thead>
              <tbody>
                {data.result.page.items.map((row) => (
                  <tr key={row.id} id={`regel-${row.id}`}>
                    <td>{row.id}</td>
                    <td><time dateTime={row.at}>{row.time}</time></td>
                    <td>
                      {row.user || <span className="muted">onbekend</span>}
                      {row.responsibleUserId ? <><br /><span className="muted">namens {row.responsibleUserId}</span></> : null}
                    </td>
                    <td>{row.role}</td>
                    <td>{row.organisation}</td>
                    <td>{row.actionLabel}</td>
                    <td><span className={OUTCOME_BADGE[row.outcome]}>{row.outcomeLabel}</span></td>
                    <td>
                      {row.object}
                      {row.detail ? <><br /><span className="muted">{row.detail}</span></> : null}
                    </td>
                    <td>{row.patientId}</td>
                    <td>{row.ip}</td>
                    <td>{row.consentOverride ? <span className="badge badge--warn">ja</span> : "nee"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {data.result.page.items.length > 10 ? <Pager page={data.result.page} label="auditregels (onder de tabel)" noun={NOUN} /> : null}
        </section>
      ) : null}
    </>
  );
}
