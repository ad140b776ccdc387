// What the consent page shows one viewer: the consent in force and every earlier one, the form
// prefilled from the consent in force (names pointing at the patient only for who sees identity),
// the organisations to choose from, and for the chair the consent overrides. Who sees identity
// under a running override is shown to everyone on the page, so it is never shown incomplete.
import { formatAmsterdam, formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { mayReceiveOverride, type Visibility } from "~/domain/consent";
import { formatDate } from "~/domain/format";
import { can } from "~/domain/permissions";
import type { CurrentUser } from "~/lib/auth.server";
import { EXTRA_EXCLUDED_ROWS, excludedField, MAX_EXCLUDED_ROWS } from "~/lib/consent-form";
import { getPatient } from "~/models/cases.server";
import { consentHistory } from "~/models/consent.server";
import { consentOverrideHistory } from "~/models/consent-overrides.server";
import type { Db } from "~/models/db.server";
import { listOrganisationRefs, organisationRegions, REGION_NONE } from "~/models/organisations.server";
import type { CaseActionContext } from "./case-action.server";

type Values = Record<string, string | string[]>;

export function consentView(db: Db, user: CurrentUser, found: CaseActionContext["found"], visibility: Visibility) {
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
