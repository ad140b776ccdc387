// Turning what a referrer typed into a referral: saving a step into the draft (before any
// validation, so nothing typed is lost), rebuilding the nested object ReferralSchema expects,
// and checking one step or the whole referral with Dutch messages keyed by dotted field name.
import type { AppLoadContext } from "@remix-run/node";
import { ConsentSchema, NO_CONSENT_MESSAGE, ReferralSchema, type ReferralInput } from "~/domain/referral-schema";
import { withoutControlCharacters, z } from "~/domain/dutch-errors";
import type { OrganisationType, ReferralSource } from "~/domain/vocabulary";
import type { ResidenceRoute } from "~/models/municipalities.server";
import { findDraft, type DraftRow } from "~/models/referral-drafts.server";
import { denyAccess, type CurrentUser } from "./auth.server";
import { parseId } from "./case-access.server";
import { groupFormData } from "./forms";
import { fieldErrorsOf, nestFormData, type FieldErrors } from "./forms";
import { ROW_GROUPS, STEP_FIELDS, isChecked, listOf, textOf, type DraftValues, type RowGroup } from "~/domain/referral-form";

const MAX_VALUE_LENGTH = 10_000;

export const sourceFor = (organisationType: OrganisationType): ReferralSource => (organisationType === "insurer" ? "insurer_mediation" : "provider");

const belongsTo = (step: 1 | 2 | 3, key: string) => STEP_FIELDS[step].some((p) => p.test(key));

/** Renumbers a row group 0..n-1 in the order of its current indices. */
function reindexRows(data: DraftValues, group: RowGroup): DraftValues {
  const { prefix, fields, max } = ROW_GROUPS[group];
  const pattern = new RegExp(`^${prefix.replace(".", "\\.")}\\.(\\d+)\\.(\\w+)$`);
  const rows = new Map<number, Record<string, string>>();
  const rest: DraftValues = {};
  for (const [key, value] of Object.entries(data)) {
    const m = pattern.exec(key);
    if (!m) {
      rest[key] = value;
      continue;
    }
    if (!(fields as readonly string[]).includes(m[2])) continue;
    const row = rows.get(Number(m[1])) ?? {};
    row[m[2]] = Array.isArray(value) ? (value[0] ?? "") : value;
    rows.set(Number(m[1]), row);
  }
  [...rows.keys()]
    .sort((a, b) => a - b)
    .slice(0, max)
    .forEach((index, i) => {
      for (const field of fields) rest[`${prefix}.${i}.${field}`] = rows.get(index)![field] ?? "";
    });
  return rest;
}

/**
 * The draft after a post of one step: that step's fields are replaced by what was posted
 * (an unticked checkbox or a removed row disappears), other steps stay as they were. Control
 * characters (NUL, ESC …: invisible, never meant) are dropped, so the draft never keeps them.
 */
export function mergeStep(current: DraftValues, step: 1 | 2 | 3, formData: FormData, organisationType: OrganisationType): DraftValues {
  const data: DraftValues = {};
  for (const [key, value] of Object.entries(current)) if (!belongsTo(step, key)) data[key] = value;
  for (const [key, entries] of groupFormData(formData)) {
    if (!belongsTo(step, key)) continue;
    if (key === "viaVwsUnit" && organisationType !== "insurer") continue;
    const values = entries
      .filter((v): v is string => typeof v === "string")
      .map((v) => withoutControlCharacters(v).slice(0, MAX_VALUE_LENGTH));
    if (key === "consent.scopeOrganisationTypes") data[key] = [...new Set(values)].slice(0, 20);
    else if (key === "referrerCriteria") data[key] = [...new Set(values.filter((v) => /^[1-7]$/.test(v)))];
    else if (key === "consent.scopeOrganisationIds") data[key] = [...new Set(values.filter((v) => /^[1-9]\d{0,9}$/.test(v)))].slice(0, 200);
    else data[key] = values[0] ?? "";
  }
  return step === 2 ? reindexRows(data, "priorAttempts") : step === 3 ? reindexRows(data, "excludedPersons") : data;
}

export function addRow(data: DraftValues, group: RowGroup, count: number): { data: DraftValues; index: number | null } {
  const { prefix, fields, max } = ROW_GROUPS[group];
  if (count >= max) return { data, index: null };
  const next = { ...data };
  for (const field of fields) next[`${prefix}.${count}.${field}`] = "";
  return { data: next, index: count };
}

export function removeRow(data: DraftValues, group: RowGroup, index: number): DraftValues {
  const { prefix } = ROW_GROUPS[group];
  const next: DraftValues = {};
  for (const [key, value] of Object.entries(data)) if (!key.startsWith(`${prefix}.${index}.`)) next[key] = value;
  return reindexRows(next, group);
}

const CONSENT_TEXT_FIELDS = ["givenBy", "representativeKind", "representativeName", "method", "givenOn"];

/** Whether anything of the consent step was filled in: an untouched step means "no consent". */
export function consentStarted(data: DraftValues): boolean {
  return (
    CONSENT_TEXT_FIELDS.some((f) => textOf(data, `consent.${f}`).trim() !== "") ||
    isChecked(data, "consent.patientIncompetent") ||
    isChecked(data, "consent.higherRanksUnavailable") ||
    listOf(data, "consent.scopeOrganisationTypes").length > 0 ||
    listOf(data, "consent.scopeOrganisationIds").length > 0 ||
    Object.entries(data).some(([k, v]) => k.startsWith("consent.excludedPersons.") && typeof v === "string" && v.trim() !== "")
  );
}

type Nested = Record<string, unknown> & {
  patient?: Record<string, unknown>;
  priorAttempts?: Record<string, unknown>[];
  tableOverride?: Record<string, unknown> | null;
  consent?: (Record<string, unknown> & { excludedPersons?: Record<string, unknown>[] }) | null;
};

const blank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

/** The nested object ReferralSchema reads, from the draft's dotted fields. */
export function nestDraft(data: DraftValues, organisationType: OrganisationType): Nested {
  const formData = new FormData();
  for (const [key, value] of Object.entries(data)) for (const v of Array.isArray(value) ? value : [value]) formData.append(key, v);
  const nested = nestFormData(formData, {
    arrays: ["consent.scopeOrganisationTypes"],
    numberArrays: ["consent.scopeOrganisationIds", "referrerCriteria"],
    booleans: ["viaVwsUnit", "consent.patientIncompetent", "consent.higherRanksUnavailable"],
  }) as Nested;
  for (const key of ["legalFrameworkEndDate", "generalPractitioner"]) if (blank(nested[key])) nested[key] = null;
  if (nested.legalFramework === "none") nested.legalFrameworkEndDate = null;
  if (nested.patient) delete nested.patient.province;
  nested.source = sourceFor(organisationType);
  if (organisationType !== "insurer") nested.viaVwsUnit = false;
  if (nested.patient && blank(nested.patient.address)) nested.patient.address = null;
  // Empty rows (an added attempt left blank) are not attempts.
  nested.priorAttempts = (Array.isArray(nested.priorAttempts) ? nested.priorAttempts : []).filter(
    (row) => row && !ROW_GROUPS.priorAttempts.fields.every((f) => blank(row[f])),
  );
  const override = nested.tableOverride;
  nested.tableOverride = override && (!blank(override.table) || !blank(override.reason)) ? override : null;
  if (nested.consent) {
    const excluded = Array.isArray(nested.consent.excludedPersons) ? nested.consent.excludedPersons : [];
    nested.consent.excludedPersons = excluded
      .filter((row) => row && !(blank(row.name) && blank(row.email)))
      .map((row) => ({ name: row.name ?? "", email: blank(row.email) ? null : row.email }));
    if (blank(nested.consent.representativeKind)) nested.consent.representativeKind = null;
  }
  if (!consentStarted(data)) nested.consent = null;
  return nested;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; formError?: string };

/** Clearer words than "Dit veld is verplicht." where the field alone does not say what is missing. */
function refineMessages(errors: FieldErrors, nested: Nested): FieldErrors {
  const out: FieldErrors = { ...errors };
  if (out["tableOverride.reason"]) out["tableOverride.reason"] = ["Geef de reden waarom u een andere regiotafel kiest dan de voorgestelde."];
  if (out["tableOverride.table"] && blank(nested.tableOverride?.table)) out["tableOverride.table"] = ["Kies de regiotafel die u wilt in plaats van het voorstel, of laat de reden leeg."];
  return out;
}

export type StepContext = {
  organisationType: OrganisationType;
  insurerNames: string[];
  tableSlugs: string[];
  /** The residence as typed → municipality, table and rule (routeResidence over the CBS list). */
  route: (typed: string) => ResidenceRoute;
  /** The referrer's own insurer, for a zorgbemiddeling: it refers only its own insured. */
  ownInsurer: string | null;
};

const Step1Schema = ReferralSchema.pick({ source: true, viaVwsUnit: true, patient: true, tableOverride: true });
const Step2Schema = ReferralSchema.pick({
  currentProviders: true,
  treatmentHistory: true,
  careQuestion: true,
  problemDescription: true,
  priorAttempts: true,
  urgency: true,
  contact: true,
  mainDiagnoses: true,
  legalFramework: true,
  legalFrameworkEndDate: true,
  livingSituation: true,
  generalPractitioner: true,
  wlzIndication: true,
  referrerCriteria: true,
});
const Step3Schema = z.object({ consent: ConsentSchema });

/** Checks one step's fields of the draft; the other steps are not looked at. */
export function checkStep(step: 1 | 2 | 3, data: DraftValues, ctx: StepContext): Checked<unknown> {
  const nested = nestDraft(data, ctx.organisationType);
  if (step === 3) {
    // An untouched consent step is checked as empty, so every missing answer is pointed at.
    const consent = nested.consent ?? { patientIncompetent: false, higherRanksUnavailable: false, scopeOrganisationTypes: [], scopeOrganisationIds: [], excludedPersons: [] };
    const parsed = Step3Schema.safeParse({ consent });
    if (parsed.success) return { ok: true, data: parsed.data };
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), formError: nested.consent ? undefined : NO_CONSENT_MESSAGE };
  }
  const parsed = (step === 1 ? Step1Schema : Step2Schema).safeParse(nested);
  const errors: FieldErrors = parsed.success ? {} : refineMessages(fieldErrorsOf(parsed.error), nested);
  if (step === 1) Object.assign(errors, placeProblems(nested, ctx, errors));
  if (step === 2 && nested.legalFramework && nested.legalFramework !== "none" && blank(nested.legalFrameworkEndDate) && !errors.legalFrameworkEndDate) {
    errors.legalFrameworkEndDate = ["Vul de einddatum van de machtiging of het besluit (Wvggz/Wzd) in."];
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, data: parsed.success ? parsed.data : null };
}

/** Step 1's checks against the portal's data: a known insurer and a table to send to. */
function placeProblems(nested: Nested, ctx: StepContext, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  const patient = nested.patient ?? {};
  const insurer = typeof patient.insurer === "string" ? patient.insurer.trim().toLowerCase() : "";
  if (insurer && !errors["patient.insurer"] && !ctx.insurerNames.some((n) => n.toLowerCase() === insurer)) {
    out["patient.insurer"] = ["Kies een zorgverzekeraar uit de lijst."];
  } else if (insurer && ctx.ownInsurer && insurer !== ctx.ownInsurer.toLowerCase()) {
    out["patient.insurer"] = [`Als zorgbemiddeling van ${ctx.ownInsurer} meldt u alleen verzekerden van ${ctx.ownInsurer} aan.`];
  }
  const table = nested.tableOverride?.table;
  if (typeof table === "string" && table.trim() && !ctx.tableSlugs.includes(table.trim()) && !errors["tableOverride.table"]) {
    out["tableOverride.table"] = ["Kies een regiotafel uit de lijst."];
  }
  const municipality = typeof patient.municipality === "string" ? patient.municipality : "";
  if (municipality.trim() && !errors["patient.municipality"]) {
    const route = ctx.route(municipality);
    if (!route.ok) out["patient.municipality"] = [route.message];
    else if (!route.decision && !nested.tableOverride) out["patient.municipality"] = ["Voor deze woonplaats is geen regiotafel bekend. Kies zelf een regiotafel en geef de reden."];
  }
  return out;
}

/** The whole referral as it will be submitted; consent missing is reported with NO_CONSENT_MESSAGE. */
export function checkReferral(data: DraftValues, organisationType: OrganisationType): Checked<ReferralInput> {
  const nested = nestDraft(data, organisationType);
  const parsed = ReferralSchema.safeParse(nested);
  const formError = nested.consent ? undefined : NO_CONSENT_MESSAGE;
  if (!parsed.success) {
    const fieldErrors = refineMessages(fieldErrorsOf(parsed.error), nested);
    if (formError) fieldErrors.consent = [NO_CONSENT_MESSAGE];
    return { ok: false, fieldErrors, formError };
  }
  return { ok: true, data: parsed.data };
}

/**
 * The draft of the signed-in user, or 404: another user's draft and a draft that does not
 * exist answer alike. A refused attempt is written to the audit log.
 */
export function requireOwnDraft(request: Request, context: AppLoadContext, user: CurrentUser, rawDraftId: string | undefined): DraftRow {
  const { db } = context.services;
  const draftId = parseId(rawDraftId);
  const draft = draftId ? findDraft(db, draftId) : null;
  if (draft && draft.userId === user.id) return draft;
  return denyAccess(request, context, user, { status: 404, objectType: "referral_draft", objectId: rawDraftId, detail: "referral:create" });
}
