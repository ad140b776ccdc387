// What the consent page's actions do, one function per intent: record a new consent, withdraw
// it (confirmed, with who asked and why), grant or end a consent override. Each parses its fields,
// calls the consent model (which stores and audits), has the live case room checked again, and
// answers the message to show once, or the form's failure. Who may reach which intent is the route's
// decision; whether they may override is mayOverride's.
import { plainText, z } from "~/domain/dutch-errors";
import { can } from "~/domain/permissions";
import { WITHDRAWAL_REQUESTERS } from "~/domain/vocabulary";
import { actorOf } from "~/lib/auth.server";
import { applyConsentToRoom, roomServer, type RoomServer } from "~/lib/case-room.server";
import { confirmationReason, isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { parseConsentForm, type OverrideIntent } from "~/lib/consent-form";
import { failure, formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { audit } from "~/models/audit.server";
import { recordConsent, withdrawConsent } from "~/models/consent.server";
import { endConsentOverride, grantConsentOverride } from "~/models/consent-overrides.server";
import type { Db } from "~/models/db.server";
import type { CaseActionContext, CaseActionHandler } from "./case-action.server";

const Id = z.string().regex(/^[1-9]\d{0,9}$/, "Kies een van de organisaties.").transform(Number);
/** The shape of the grant form; the rules (reason, duration, organisations) are the domain's, checked in the model. */
const GrantFormSchema = z.object({
  organisationIds: z.array(Id).max(500, "Kies minder organisaties."),
  reason: plainText({ multiline: true, max: 10_000, tooLong: "Vul hoogstens 10000 tekens in." }).default(""),
  days: z.string().max(10, "Vul een aantal dagen in.").default(""),
});
const EndFormSchema = z.object({ overrideId: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number) });

/** Withdrawal: who asked and why (kept with the consent, in the case history and in inzage). */
const WithdrawFormSchema = z.object({
  requestedBy: z.enum(WITHDRAWAL_REQUESTERS, { errorMap: () => ({ message: "Kies wie om de intrekking vroeg." }) }),
  reason: confirmationReason("Vul de reden van de intrekking in."),
});

const parts = ({ context, user, found }: CaseActionContext) => ({
  db: context.services.db,
  io: roomServer(context.services.io),
  c: { id: found.case.id, code: found.case.code, patientId: found.case.patientId },
  actor: { userId: user.id, auditActor: actorOf(user) },
  origin: context.origin,
});

/**
 * When an override runs out by itself, the open case room is checked again as after a consent
 * change, so nobody keeps the name on screen. In-process (at most OVERRIDE_MAX_DAYS ahead, within
 * setTimeout's range) and unref'd; pages and every socket event check the expiry themselves anyway.
 */
function recheckRoomAt(io: RoomServer | null, db: Db, caseId: number, expiresAt: string) {
  if (!io) return;
  const delay = Math.max(0, Date.parse(expiresAt) - Date.now()) + 1000;
  const timer = setTimeout(() => {
    try {
      applyConsentToRoom(io, db, caseId);
    } catch {
      // The portal was closed in the meantime: there is no room left to check.
    }
  }, delay);
  timer.unref?.();
}

const change: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  const parsed = parseConsentForm(formData);
  if (!parsed.ok) return parsed;
  recordConsent(db, c, parsed.data, actor, origin);
  applyConsentToRoom(io, db, c.id);
  return { ok: true, message: "De nieuwe toestemming is vastgelegd en geldt vanaf nu, ook in een geopend casusoverleg." };
};

const withdraw: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  if (!isConfirmed(formData)) return failure(NOT_CONFIRMED, formData);
  const parsed = parseForm(WithdrawFormSchema, formData);
  if (!parsed.ok) return { ...parsed, formError: parsed.formError ?? "Vul in wie om de intrekking vroeg en waarom." };
  const result = withdrawConsent(db, c, parsed.data, actor, origin);
  if (!result.ok) return failure(result.error, formData);
  applyConsentToRoom(io, db, c.id);
  return {
    ok: true,
    message: "De toestemming is ingetrokken. Vanaf nu ziet niemand buiten de organisatie van de voorzitter de identiteit van de patiënt, ook niet in een geopend casusoverleg.",
  };
};

const grantOverride: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  const parsed = parseForm(GrantFormSchema, formData, ["organisationIds"]);
  if (!parsed.ok) return parsed;
  const { organisationIds, reason, days } = parsed.data;
  const result = grantConsentOverride(db, c, { organisationIds, reason, days: /^\s*\d{1,3}\s*$/.test(days) ? Number(days) : Number.NaN }, actor, origin);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors as FieldErrors, formError: result.formError, values: formValues(formData) };
  recheckRoomAt(io, db, c.id, result.expiresAt);
  applyConsentToRoom(io, db, c.id);
  return {
    ok: true,
    message:
      "De toestemming is doorbroken. De gekozen organisaties zien de identiteit van de patiënt vanaf nu tot het einde van de termijn, ook in een geopend casusoverleg. Elke inzage wordt als doorbreking vastgelegd.",
  };
};

const endOverride: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  const parsed = EndFormSchema.safeParse({ overrideId: formData.get("overrideId") });
  if (!parsed.success) return failure("Deze doorbreking bestaat niet.", formData);
  const result = endConsentOverride(db, c, parsed.data.overrideId, actor, origin);
  if (!result.ok) return failure(result.error, formData);
  applyConsentToRoom(io, db, c.id);
  return { ok: true, message: "De doorbreking is beëindigd. Vanaf nu geldt weer alleen de toestemming van de patiënt, ook in een geopend casusoverleg." };
};

export const CONSENT_ACTIONS = { change, withdraw, override_grant: grantOverride, override_end: endOverride } satisfies Record<string, CaseActionHandler>;

/**
 * Whether this user may grant or end a consent override on the case: only the chair of the case's
 * table holds "consent:override". Anyone else's attempt is logged here; the route answers 403.
 */
export function mayOverride({ context, user, found }: CaseActionContext, intent: OverrideIntent): boolean {
  if (can(user.principal, "consent:override", { tableId: found.case.tableId })) return true;
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
  return false;
}
