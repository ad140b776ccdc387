import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, Field, FieldGroup, FormError } from "~/components/form";
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { mayReceiveOverride, OVERRIDE_MAX_DAYS, OVERRIDE_REASON_MIN } from "~/domain/consent";
import { z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  REPRESENTATIVE_KINDS,
  REPRESENTATIVE_LABELS,
  WITHDRAWAL_REQUESTER_LABELS,
  WITHDRAWAL_REQUESTERS,
} from "~/domain/vocabulary";
import { ConfirmAction } from "~/components/confirm-action";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate } from "~/domain/format";
import { audit } from "~/models/audit.server";
import { actorOf, forbidden, requireUser, type CurrentUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import type { CaseActionResult } from "~/services/case-action.server";
import { CONSENT_ACTIONS } from "~/services/consent-changes.server";
import { CONSENT_INTENTS, EXTRA_EXCLUDED_ROWS, excludedField, MAX_EXCLUDED_ROWS, type ConsentIntent } from "~/lib/consent-form";
import { failure } from "~/lib/forms";
import { getPatient } from "~/models/cases.server";
import { consentHistory } from "~/models/consent.server";
import { consentOverrideHistory } from "~/models/consent-overrides.server";
import { listOrganisationRefs, organisationRegions, REGION_NONE } from "~/models/organisations.server";
import { OrganisationPicker } from "~/components/organisation-picker";
import { ConsentHistory, ConsentInForce } from "~/components/consent-record";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Toestemming ${data.code} – Regiotafel` : "Toestemming – Regiotafel" }];

/** Who may record or withdraw consent: the chair of the case's table, or the referring organisation's referrer. */
const CONSENT_PERMISSIONS = ["case:screen", "referral:track"] as const;

/** Who may reach the override intents at all; whether they may override is the "consent:override" permission (403 otherwise). */
const OVERRIDE_REACH = ["case:screen", "referral:track", "case:read"] as const;
const OVERRIDE_INTENTS = ["override_grant", "override_end"] as const;
type OverrideIntent = (typeof OVERRIDE_INTENTS)[number];
const isOverrideIntent = (value: unknown): value is OverrideIntent => (OVERRIDE_INTENTS as readonly unknown[]).includes(value);

const IntentSchema = z.enum(CONSENT_INTENTS, { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

type Values = Record<string, string | string[]>;

// Consent after the referral: the chair of the case's table or the referring organisation records
// a new consent (it supersedes the one in force) or withdraws it. Both take effect at once,
// for pages, the API and the live case room.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { user, found, visibility } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.view");
  const { db } = context.services;
  const identified = visibility === "identified";
  const history = consentHistory(db, found.case.id);
  const regions = organisationRegions(db);
  const organisations = listOrganisationRefs(db).map((o) => ({ ...o, region: regions.get(o.id) ?? REGION_NONE }));
  const pickable = (o: (typeof organisations)[number]) => ({ id: o.id, name: o.name, type: o.type, region: o.region });
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const current = history.at(-1)?.consent ?? null;
  const canOverride = can(user.principal, "consent:override", { tableId: found.case.tableId });
  const overrides = consentOverrideHistory(db, found.case.id);
  const namesOf = (ids: readonly number[]) => ids.map((id) => orgName.get(id) ?? `Organisatie ${id}`);

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

  // The referrer reaches this page from their referral page (the case page is not theirs).
  const backTo = can(user.principal, "case:screen", { tableId: found.case.tableId })
    ? { href: `/casussen/${found.case.id}`, label: `Casus ${found.case.code}` }
    : { href: `/verwijzingen/${found.case.id}`, label: `Verwijzing ${found.case.code}` };

  return {
    backTo,
    caseId: found.case.id,
    code: found.case.code,
    tableName: found.tableName,
    patientName: identified ? (getPatient(db, found.case.patientId)?.name ?? null) : null,
    identified,
    current: current
      ? {
          status: current.status,
          withdrawnAt: current.withdrawnAt ? formatAmsterdam(current.withdrawnAt) : null,
          withdrawalRequestedBy: current.withdrawalRequestedBy,
          withdrawalReason: current.withdrawalReason,
          givenBy: current.givenBy,
          representativeKind: current.representativeKind,
          representativeName: identified ? current.representativeName : null,
          patientIncompetent: current.patientIncompetent,
          method: current.method,
          givenOn: formatDate(current.givenOn),
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
        givenOn: formatDate(consent.givenOn),
        status: consent.status,
        withdrawnAt: consent.withdrawnAt ? formatAmsterdam(consent.withdrawnAt) : null,
        withdrawalRequestedBy: consent.withdrawalRequestedBy,
        withdrawalReason: consent.withdrawalReason,
      }))
      .reverse(),
    organisations: organisations.filter((o) => o.active || current?.scopeOrganisationIds.includes(o.id)).map(pickable),
    prefill,
    excludedRows: Math.min(MAX_EXCLUDED_ROWS, (identified ? (current?.excludedPersons.length ?? 0) : 0) + EXTRA_EXCLUDED_ROWS),
    today: formatAmsterdamSortable(new Date().toISOString()).slice(0, 10),
    // Which organisations see identity under a running override: for everyone on this page, so
    // "who sees identity" is never shown incomplete. Reasons and history: for the chair only.
    activeOverrides: overrides
      .filter((o) => o.status === "active")
      .map((o) => ({ id: o.id, organisations: namesOf(o.organisationIds), expiresAt: formatAmsterdam(o.expiresAt) })),
    canOverride,
    overrides: canOverride
      ? overrides.map((o) => ({
          id: o.id,
          organisations: namesOf(o.organisationIds),
          reason: o.reason,
          grantedBy: o.grantedBy,
          grantedAt: formatAmsterdam(o.grantedAt),
          grantedAtIso: o.grantedAt,
          expiresAt: formatAmsterdam(o.expiresAt),
          endedAt: o.endedAt ? formatAmsterdam(o.endedAt) : null,
          status: o.status,
        }))
      : [],
    // The chair's own organisation always sees identity: no need to choose it.
    overrideOrganisations: canOverride
      ? organisations.filter((o) => o.active && o.id !== found.leadOrganisationId && mayReceiveOverride(o)).map(pickable)
      : [],
  };
}

/**
 * Granting or ending an override: reachable for whoever may see the case (others get 404), but
 * only the chair of the case's table holds "consent:override"; anyone else gets 403 and the
 * attempt is logged. Checked here on the server, whatever the page showed.
 */
async function overrideAction(request: Request, context: ActionFunctionArgs["context"], rawCaseId: string | undefined, user: CurrentUser, formData: FormData, intent: OverrideIntent) {
  const { found } = await requireCase(request, context, rawCaseId, OVERRIDE_REACH, "consent.action");
  if (!can(user.principal, "consent:override", { tableId: found.case.tableId })) {
    const c = found.case;
    audit(context.services.db, {
      action: "consent.override_denied",
      outcome: "denied",
      actor: actorOf(user),
      objectType: "case",
      objectId: c.id,
      patientId: c.patientId,
      detail: `${c.code}: ${intent} zonder het recht consent:override`,
      origin: context.origin,
    });
    throw forbidden();
  }
  return answer(context, CONSENT_ACTIONS[intent]({ context, user, found }, formData), found.case.id, intent);
}

/** The page shows a failure in the form of its intent. */
function answer(context: ActionFunctionArgs["context"], result: CaseActionResult, caseId: number, intent: ConsentIntent | OverrideIntent | null) {
  return result.ok ? redirectWithFlash(context, result.to ?? `/casussen/${caseId}/toestemming`, result.message) : { ...result, intent };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await request.formData();
  const rawIntent = formData.get("intent");
  if (isOverrideIntent(rawIntent)) return overrideAction(request, context, params.caseId, user, formData, rawIntent);
  const { found } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.action");
  const intent = IntentSchema.safeParse(rawIntent);
  if (!intent.success) return answer(context, failure("Deze handeling is niet mogelijk.", formData), found.case.id, null);
  return answer(context, CONSENT_ACTIONS[intent.data]({ context, user, found }, formData), found.case.id, intent.data);
}

const listOf = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
const textOf = (values: Values, name: string) => listOf(values, name)[0] ?? "";

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const changeFailed = failed && failed.intent !== "withdraw" && !isOverrideIntent(failed.intent) ? failed : null;
  const withdrawFailed = failed?.intent === "withdraw" ? failed : null;
  const grantFailed = failed?.intent === "override_grant" ? failed : null;
  const endFailed = failed?.intent === "override_end" ? failed : null;
  const grantValues: Values = grantFailed?.values ?? {};
  const grantErrors = grantFailed?.fieldErrors;
  const values: Values = changeFailed ? changeFailed.values : data.prefill;
  const errors = changeFailed?.fieldErrors;
  const { current } = data;

  return (
    <>
      <p className="no-print"><Link to={data.backTo.href}>← {data.backTo.label}</Link></p>
      <h1>Toestemming casus {data.code}</h1>
      <p className="lead">
        Regiotafel {data.tableName}.{" "}
        {data.patientName ? <>Patiënt: {data.patientName}.</> : "De identiteit van de patiënt is voor u afgeschermd."}
      </p>

      <ConsentInForce current={current} activeOverrides={data.activeOverrides} />
      {current && current.status === "active" ? (
        <section className="card no-print" aria-labelledby="intrekken">
          <h2 id="intrekken">Toestemming intrekken</h2>
          <p>
            De patiënt (of diens vertegenwoordiger) kan de toestemming altijd intrekken. Vanaf dat moment ziet niemand buiten de
            organisatie van de voorzitter de identiteit van de patiënt: niet op de pagina's, niet in een geopend casusoverleg en niet via
            de koppeling.
          </p>
          <ConfirmAction
            id="intrekken"
            trigger="Toestemming intrekken"
            title="Toestemming intrekken?"
            confirmLabel="Ja, toestemming intrekken"
            intent="withdraw"
            reason={{ label: "Reden van de intrekking", hint: "Bijvoorbeeld wat de patiënt zei. De reden komt in de geschiedenis van de casus en in het inzageoverzicht." }}
            errors={withdrawFailed?.fieldErrors}
            formError={withdrawFailed?.formError}
            values={withdrawFailed?.values}
            fields={
              <FieldGroup name="requestedBy" legend={<>Wie vroeg om de intrekking? <span aria-hidden="true">*</span></>} errors={withdrawFailed?.fieldErrors}>
                {WITHDRAWAL_REQUESTERS.map((r) => (
                  <label className="checkbox" key={r}>
                    <input type="radio" name="requestedBy" value={r} required defaultChecked={textOf(withdrawFailed?.values ?? {}, "requestedBy") === r} />{" "}
                    {WITHDRAWAL_REQUESTER_LABELS[r]}
                  </label>
                ))}
              </FieldGroup>
            }
          >
            <p>
              Vanaf het moment van intrekken ziet niemand buiten de organisatie van de voorzitter de identiteit van de patiënt meer, ook
              niet in een geopend casusoverleg. Dit kan niet ongedaan worden gemaakt; een nieuwe toestemming kan wel later worden vastgelegd.
            </p>
          </ConfirmAction>
        </section>
      ) : null}

      <section className="card no-print" aria-labelledby="nieuw">
        <h2 id="nieuw">Nieuwe toestemming vastleggen</h2>
        <p className="hint">
          Een nieuwe toestemming vervangt de toestemming die nu geldt, bijvoorbeeld als de patiënt meer of minder organisaties toestaat of
          iemand niet meer betrokken wil hebben.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="change" />
          <FormError failure={changeFailed ?? undefined} />

          <FieldGroup name="givenBy" legend="Toestemming gegeven door" errors={errors}>
            <label className="checkbox">
              <input type="radio" name="givenBy" value="patient" defaultChecked={textOf(values, "givenBy") === "patient"} /> De patiënt zelf
            </label>
            <label className="checkbox">
              <input type="radio" name="givenBy" value="representative" defaultChecked={textOf(values, "givenBy") === "representative"} /> Een
              vertegenwoordiger (de patiënt is wilsonbekwaam ter zake)
            </label>
          </FieldGroup>

          {/* Shown unless "de patiënt zelf" is chosen (CSS :has, so also without JavaScript); the server ignores it then. */}
          <fieldset className="representative-block">
            <legend>Bij een vertegenwoordiger</legend>
            <p className="hint">Verplicht als een vertegenwoordiger de toestemming gaf.</p>
            <Field name="representativeKind" label="Soort vertegenwoordiger (in de wettelijke rangorde)" errors={errors} values={values}>
              <option value="">Kies…</option>
              {REPRESENTATIVE_KINDS.map((k) => (
                <option key={k} value={k}>{REPRESENTATIVE_LABELS[k]}</option>
              ))}
            </Field>
            <Field name="representativeName" label="Naam van de vertegenwoordiger" errors={errors} values={values} />
            <CheckboxField name="patientIncompetent" label="De patiënt is wilsonbekwaam ter zake" errors={errors} values={values} />
            <CheckboxField name="higherRanksUnavailable" label="Er is niemand hoger in de wettelijke rangorde die kan of wil optreden" errors={errors} values={values} />
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

          <FieldGroup name="scopeOrganisationTypes" legend="Soorten organisaties die de identiteit mogen zien" hint="De organisatie van de voorzitter ziet de identiteit altijd." errors={errors}>
            {ORGANISATION_TYPES.map((t) => (
              <label className="checkbox" key={t}>
                <input type="checkbox" name="scopeOrganisationTypes" value={t} defaultChecked={listOf(values, "scopeOrganisationTypes").includes(t)} />
                {ORGANISATION_TYPE_LABELS[t]}
              </label>
            ))}
          </FieldGroup>

          <OrganisationPicker
            name="scopeOrganisationIds"
            legend="Afzonderlijke organisaties die de identiteit mogen zien"
            organisations={data.organisations}
            checked={listOf(values, "scopeOrganisationIds")}
            errors={errors}
          />

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

      {data.canOverride ? (
        <section className="card" aria-labelledby="doorbreking">
          <h2 id="doorbreking">Doorbreking zonder toestemming (conflict van plichten)</h2>
          <div className="alert alert--warn no-print" role="note">
            <p>
              <strong>Let op: hiermee doorbreekt u het beroepsgeheim.</strong> Dat mag alleen bij een conflict van plichten: als er zonder
              doorbreking ernstig gevaar dreigt voor de patiënt of voor anderen (bijvoorbeeld acuut gevaar voor leven of gezondheid), toestemming
              vragen niet mogelijk is of niet wordt gegeven, en delen het enige middel is om dat gevaar af te wenden.
            </p>
            <p>
              Deel niet meer dan nodig: met zo weinig mogelijk organisaties en zo kort mogelijk (hoogstens {OVERRIDE_MAX_DAYS} dagen). Personen die
              de patiënt heeft uitgesloten, blijven ook nu uitgesloten. Elke inzage onder deze doorbreking wordt vastgelegd en is voor de patiënt
              zichtbaar in het inzageoverzicht. Leg uw afweging vast en informeer de patiënt achteraf zodra dat kan.
            </p>
          </div>
          <div className="no-print">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="override_grant" />
              <FormError failure={grantFailed ?? undefined} />
              <OrganisationPicker
                name="organisationIds"
                legend="Organisaties die de identiteit zonder toestemming mogen zien"
                hint="De organisatie van de voorzitter ziet de identiteit altijd."
                organisations={data.overrideOrganisations}
                checked={listOf(grantValues, "organisationIds")}
                errors={grantErrors}
              />
              <Field
                name="reason"
                type="textarea"
                label="Reden: welk gevaar dreigt, en waarom kan toestemming niet worden gevraagd?"
                hint={`Minstens ${OVERRIDE_REASON_MIN} tekens. De reden blijft bij de doorbreking bewaard.`}
                required
                errors={grantErrors}
                values={grantValues}
              />
              <Field
                name="days"
                type="number"
                label={`Duur in dagen (1 tot en met ${OVERRIDE_MAX_DAYS})`}
                hint="De doorbreking stopt daarna vanzelf. U kunt haar eerder beëindigen."
                required
                errors={grantErrors}
                values={grantValues}
                defaultValue="1"
              />
              <div className="actions">
                <button type="submit" className="button button--danger">Toestemming doorbreken</button>
              </div>
            </Form>
          </div>

          <h3>Lopende en eerdere doorbrekingen</h3>
          <FormError message={endFailed?.formError} errors={endFailed?.fieldErrors} />
          {data.overrides.length === 0 ? (
            <p className="muted">Voor deze casus is de toestemming nooit doorbroken.</p>
          ) : (
            <table className="data">
              <caption className="visually-hidden">Alle doorbrekingen van de toestemming, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Verleend</th>
                  <th scope="col">Door</th>
                  <th scope="col">Organisaties</th>
                  <th scope="col">Reden</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="no-print"><span className="visually-hidden">Handeling</span></th>
                </tr>
              </thead>
              <tbody>
                {data.overrides.map((o) => (
                  <tr key={o.id}>
                    <td><time dateTime={o.grantedAtIso}>{o.grantedAt}</time></td>
                    <td>{o.grantedBy}</td>
                    <td>{o.organisations.join(", ")}</td>
                    <td>{o.reason}</td>
                    <td>
                      {o.status === "active" ? (
                        <><span className="badge badge--warn">Loopt</span> tot {o.expiresAt}</>
                      ) : o.status === "ended" ? (
                        `Beëindigd op ${o.endedAt}`
                      ) : (
                        `Verlopen op ${o.expiresAt}`
                      )}
                    </td>
                    <td className="no-print">
                      {o.status === "active" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="override_end" />
                          <input type="hidden" name="overrideId" value={o.id} />
                          <button type="submit" className="button button--secondary button--small">Beëindigen</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      <ConsentHistory history={data.history} />
    </>
  );
}
