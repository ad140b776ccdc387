import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { z } from "~/domain/dutch-errors";
import {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  REPRESENTATIVE_KINDS,
  REPRESENTATIVE_LABELS,
} from "~/domain/vocabulary";
import { actorOf, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { roomServer } from "~/lib/case-room.server";
import { CONSENT_INTENTS, EXTRA_EXCLUDED_ROWS, excludedField, MAX_EXCLUDED_ROWS, parseConsentForm } from "~/lib/consent-form";
import { failure, type FieldErrors } from "~/lib/forms";
import { getPatient } from "~/models/cases.server";
import { consentHistory, recordConsent, withdrawConsent } from "~/models/consent.server";
import { listOrganisationRefs } from "~/models/organisations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Toestemming ${data.code} – Regiotafel` : "Toestemming – Regiotafel" }];

/** Who may record or withdraw consent: the chair of the case's table, or the referring organisation's referrer. */
const CONSENT_PERMISSIONS = ["case:screen", "referral:track"] as const;

const DONE: Record<string, string> = {
  vastgelegd: "De nieuwe toestemming is vastgelegd en geldt vanaf nu, ook in een geopend casusoverleg.",
  ingetrokken: "De toestemming is ingetrokken. Vanaf nu ziet niemand buiten de organisatie van de voorzitter de identiteit van de patiënt, ook niet in een geopend casusoverleg.",
};

const IntentSchema = z.enum(CONSENT_INTENTS, { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

type Values = Record<string, string | string[]>;

// Consent after the referral: the chair of the case's table or the referring organisation records
// a new consent (it supersedes the one in force) or withdraws it. Both take effect at once,
// for pages, the API and the live case room.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { found, visibility } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.view");
  const { db } = context.services;
  const identified = visibility === "identified";
  const history = consentHistory(db, found.case.id);
  const organisations = listOrganisationRefs(db);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const current = history.at(-1)?.consent ?? null;

  // The form starts from the consent in force, so a change is an edit. Names (representative,
  // excluded persons) point at the patient: only for who sees identity.
  const prefill: Values = {};
  if (current) {
    prefill.givenBy = current.givenBy;
    prefill.representativeKind = current.representativeKind ?? "";
    if (identified) prefill.representativeName = current.representativeName ?? "";
    if (current.patientIncompetent) prefill.patientIncompetent = "on";
    if (current.higherRanksUnavailable) prefill.higherRanksUnavailable = "on";
    prefill.method = current.method;
    prefill.scopeOrganisationTypes = [...current.scopeOrganisationTypes];
    prefill.scopeOrganisationIds = current.scopeOrganisationIds.map(String);
    if (identified) {
      current.excludedPersons.forEach((p, i) => {
        prefill[excludedField(i, "name")] = p.name;
        prefill[excludedField(i, "email")] = p.email ?? "";
      });
    }
  }

  return {
    caseId: found.case.id,
    code: found.case.code,
    tableName: found.tableName,
    patientName: identified ? (getPatient(db, found.case.patientId)?.name ?? null) : null,
    identified,
    current: current
      ? {
          status: current.status,
          withdrawnAt: current.withdrawnAt ? formatAmsterdam(current.withdrawnAt) : null,
          givenBy: current.givenBy,
          representativeKind: current.representativeKind,
          representativeName: identified ? current.representativeName : null,
          patientIncompetent: current.patientIncompetent,
          method: current.method,
          givenOn: current.givenOn,
          scopeTypes: current.scopeOrganisationTypes,
          scopeOrganisations: current.scopeOrganisationIds.map((id) => orgName.get(id) ?? `Organisatie ${id}`),
          excluded: identified ? current.excludedPersons.map((p) => p.name) : null,
          excludedCount: current.excludedPersons.length,
        }
      : null,
    history: history
      .map(({ consent, recordedBy }) => ({
        id: consent.id,
        recordedAt: formatAmsterdam(consent.recordedAt),
        recordedBy: recordedBy ?? "Onbekend",
        givenBy: consent.givenBy,
        method: consent.method,
        givenOn: consent.givenOn,
        status: consent.status,
        withdrawnAt: consent.withdrawnAt ? formatAmsterdam(consent.withdrawnAt) : null,
      }))
      .reverse(),
    organisations: organisations.filter((o) => o.active || current?.scopeOrganisationIds.includes(o.id)).map((o) => ({ id: o.id, name: o.name })),
    prefill,
    excludedRows: Math.min(MAX_EXCLUDED_ROWS, (identified ? (current?.excludedPersons.length ?? 0) : 0) + EXTRA_EXCLUDED_ROWS),
    today: formatAmsterdamSortable(new Date().toISOString()).slice(0, 10),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { found } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.action");
  const { db } = context.services;
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return { ...failure("Deze handeling is niet mogelijk.", formData), intent: null };
  const c = { id: found.case.id, code: found.case.code, patientId: found.case.patientId };
  const actor = { userId: user.id, auditActor: actorOf(user) };
  const io = roomServer(context.services.io);
  const page = `/casussen/${c.id}/toestemming`;

  if (intent.data === "withdraw") {
    const result = withdrawConsent(db, io, c, actor, context.origin);
    if (!result.ok) return { ...failure(result.error, formData), intent: intent.data };
    return redirect(`${page}?gelukt=ingetrokken`);
  }
  const parsed = parseConsentForm(formData);
  if (!parsed.ok) return { ...parsed, intent: intent.data };
  recordConsent(db, io, c, parsed.data, actor, context.origin);
  return redirect(`${page}?gelukt=vastgelegd`);
}

const listOf = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
const textOf = (values: Values, name: string) => listOf(values, name)[0] ?? "";

function ErrorText({ errors, name }: { errors?: FieldErrors; name: string }) {
  const message = errors?.[name]?.[0];
  return message ? <p className="field-error" id={`veld-${name}-fout`}>{message}</p> : null;
}

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("gelukt") ?? ""];
  const changeFailed = actionData && !actionData.ok && actionData.intent !== "withdraw" ? actionData : null;
  const withdrawFailed = actionData && !actionData.ok && actionData.intent === "withdraw" ? actionData : null;
  const values: Values = changeFailed ? changeFailed.values : data.prefill;
  const errors = changeFailed?.fieldErrors;
  const { current } = data;
  const describedBy = (name: string) => (errors?.[name]?.[0] ? `veld-${name}-fout` : undefined);

  return (
    <>
      <p className="no-print"><Link to={`/casussen/${data.caseId}`}>← Casus {data.code}</Link></p>
      <h1>Toestemming casus {data.code}</h1>
      <p className="lead">
        Regiotafel {data.tableName}.{" "}
        {data.patientName ? <>Patiënt: {data.patientName}.</> : "De identiteit van de patiënt is voor u afgeschermd."}
      </p>
      {done ? <div className="alert alert--ok" role="status">{done}</div> : null}

      <section className="card" aria-labelledby="van-kracht">
        <h2 id="van-kracht">Toestemming die nu geldt</h2>
        {current ? (
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              {current.status === "active" ? (
                <span className="badge badge--ok">Van kracht</span>
              ) : (
                <span className="badge badge--error">Ingetrokken{current.withdrawnAt ? ` op ${current.withdrawnAt}` : ""}</span>
              )}
            </dd>
            <dt>Gegeven door</dt>
            <dd>
              {current.givenBy === "patient"
                ? "De patiënt zelf"
                : `${current.representativeKind ? REPRESENTATIVE_LABELS[current.representativeKind] : "Vertegenwoordiger"}${current.representativeName ? `: ${current.representativeName}` : ""}${current.patientIncompetent ? " (patiënt wilsonbekwaam ter zake)" : ""}`}
            </dd>
            <dt>Hoe</dt>
            <dd>{CONSENT_METHOD_LABELS[current.method]}</dd>
            <dt>Datum</dt>
            <dd>{current.givenOn}</dd>
            <dt>Mogen de identiteit zien</dt>
            <dd>
              {current.status !== "active" ? (
                <span className="muted">Alleen de organisatie van de voorzitter (de toestemming is ingetrokken)</span>
              ) : current.scopeTypes.length + current.scopeOrganisations.length === 0 ? (
                <span className="muted">Alleen de organisatie van de voorzitter en de verwijzer</span>
              ) : (
                <ul className="plain">
                  {current.scopeTypes.map((t) => <li key={t}>{ORGANISATION_TYPE_LABELS[t]}</li>)}
                  {current.scopeOrganisations.map((name) => <li key={name}>{name}</li>)}
                </ul>
              )}
            </dd>
            <dt>Niet betrekken</dt>
            <dd>
              {current.excludedCount === 0 ? (
                <span className="muted">Niemand genoemd</span>
              ) : current.excluded ? (
                <ul className="plain">{current.excluded.map((name, i) => <li key={i}>{name}</li>)}</ul>
              ) : (
                <span className="muted">{current.excludedCount} {current.excludedCount === 1 ? "persoon" : "personen"} (namen afgeschermd)</span>
              )}
            </dd>
          </dl>
        ) : (
          <p className="alert alert--warn">Er is nog geen toestemming vastgelegd.</p>
        )}
      </section>

      {current && current.status === "active" ? (
        <section className="card no-print" aria-labelledby="intrekken">
          <h2 id="intrekken">Toestemming intrekken</h2>
          <p>
            De patiënt (of diens vertegenwoordiger) kan de toestemming altijd intrekken. Vanaf dat moment ziet niemand buiten de
            organisatie van de voorzitter de identiteit van de patiënt: niet op de pagina's, niet in een geopend casusoverleg en niet via
            de koppeling.
          </p>
          <FormError message={withdrawFailed?.formError} />
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button button--danger">Toestemming intrekken</button>
          </Form>
        </section>
      ) : null}

      <section className="card no-print" aria-labelledby="nieuw">
        <h2 id="nieuw">Nieuwe toestemming vastleggen</h2>
        <p className="hint">
          Een nieuwe toestemming vervangt de toestemming die nu geldt, bijvoorbeeld als de patiënt meer of minder organisaties toestaat of
          iemand niet meer betrokken wil hebben.
        </p>
        <FormError message={changeFailed?.formError} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="change" />

          <fieldset aria-describedby={describedBy("givenBy")}>
            <legend>Toestemming gegeven door</legend>
            <label className="checkbox">
              <input type="radio" name="givenBy" value="patient" defaultChecked={textOf(values, "givenBy") === "patient"} /> De patiënt zelf
            </label>
            <label className="checkbox">
              <input type="radio" name="givenBy" value="representative" defaultChecked={textOf(values, "givenBy") === "representative"} /> Een
              vertegenwoordiger (de patiënt is wilsonbekwaam ter zake)
            </label>
            <ErrorText errors={errors} name="givenBy" />
          </fieldset>

          <fieldset>
            <legend>Bij een vertegenwoordiger</legend>
            <Field name="representativeKind" label="Soort vertegenwoordiger (in de wettelijke rangorde)" errors={errors} values={values}>
              <option value="">Kies…</option>
              {REPRESENTATIVE_KINDS.map((k) => (
                <option key={k} value={k}>{REPRESENTATIVE_LABELS[k]}</option>
              ))}
            </Field>
            <Field name="representativeName" label="Naam van de vertegenwoordiger" errors={errors} values={values} />
            <label className="checkbox">
              <input type="checkbox" name="patientIncompetent" defaultChecked={textOf(values, "patientIncompetent") === "on"} aria-describedby={describedBy("patientIncompetent")} />
              De patiënt is wilsonbekwaam ter zake
            </label>
            <ErrorText errors={errors} name="patientIncompetent" />
            <label className="checkbox">
              <input
                type="checkbox"
                name="higherRanksUnavailable"
                defaultChecked={textOf(values, "higherRanksUnavailable") === "on"}
                aria-describedby={describedBy("higherRanksUnavailable")}
              />
              Er is niemand hoger in de wettelijke rangorde die kan of wil optreden
            </label>
            <ErrorText errors={errors} name="higherRanksUnavailable" />
          </fieldset>

          <div className="form-grid">
            <Field name="method" label="Hoe is de toestemming gegeven?" required errors={errors} values={values}>
              <option value="">Kies…</option>
              {CONSENT_METHODS.map((m) => (
                <option key={m} value={m}>{CONSENT_METHOD_LABELS[m]}</option>
              ))}
            </Field>
            <Field name="givenOn" label="Datum van de toestemming" type="date" required errors={errors} values={values} defaultValue={data.today} />
          </div>

          <fieldset aria-describedby={describedBy("scopeOrganisationTypes")}>
            <legend>Soorten organisaties die de identiteit mogen zien</legend>
            <p className="hint">De organisatie van de voorzitter ziet de identiteit altijd.</p>
            {ORGANISATION_TYPES.map((t) => (
              <label className="checkbox" key={t}>
                <input type="checkbox" name="scopeOrganisationTypes" value={t} defaultChecked={listOf(values, "scopeOrganisationTypes").includes(t)} />
                {ORGANISATION_TYPE_LABELS[t]}
              </label>
            ))}
            <ErrorText errors={errors} name="scopeOrganisationTypes" />
          </fieldset>

          <fieldset aria-describedby={describedBy("scopeOrganisationIds")}>
            <legend>Afzonderlijke organisaties die de identiteit mogen zien</legend>
            <ul className="plain columns">
              {data.organisations.map((o) => (
                <li key={o.id}>
                  <label className="checkbox">
                    <input type="checkbox" name="scopeOrganisationIds" value={o.id} defaultChecked={listOf(values, "scopeOrganisationIds").includes(String(o.id))} />
                    {o.name}
                  </label>
                </li>
              ))}
            </ul>
            <ErrorText errors={errors} name="scopeOrganisationIds" />
          </fieldset>

          <fieldset>
            <legend>Personen die niet betrokken mogen worden</legend>
            <p className="hint">
              Met een e-mailadres houdt het portaal deze persoon buiten de casus, ook als diens organisatie de casus wel ziet. Laat een rij leeg als
              die niet nodig is.
            </p>
            {Array.from({ length: data.excludedRows }, (_, i) => (
              <div className="form-grid" key={i}>
                <Field name={excludedField(i, "name")} label={`Persoon ${i + 1}: naam`} errors={errors} values={values} />
                <Field name={excludedField(i, "email")} label={`Persoon ${i + 1}: e-mailadres`} type="email" errors={errors} values={values} />
              </div>
            ))}
          </fieldset>

          <div className="actions">
            <button type="submit" className="button">Nieuwe toestemming vastleggen</button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="geschiedenis">
        <h2 id="geschiedenis">Eerder vastgelegd</h2>
        <table className="data">
          <caption className="visually-hidden">Alle vastgelegde toestemmingen, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Vastgelegd</th>
              <th scope="col">Door</th>
              <th scope="col">Gegeven door</th>
              <th scope="col">Hoe en wanneer</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h, i) => (
              <tr key={h.id}>
                <td>{h.recordedAt}</td>
                <td>{h.recordedBy}</td>
                <td>{h.givenBy === "patient" ? "Patiënt" : "Vertegenwoordiger"}</td>
                <td>{CONSENT_METHOD_LABELS[h.method]}, {h.givenOn}</td>
                <td>
                  {h.status === "withdrawn"
                    ? `Ingetrokken${h.withdrawnAt ? ` op ${h.withdrawnAt}` : ""}`
                    : i === 0
                      ? "Van kracht"
                      : "Vervangen"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
