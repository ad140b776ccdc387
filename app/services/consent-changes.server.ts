// What the consent page's actions do, one function per intent: record a new consent, withdraw
// it (confirmed, with who asked and why), grant or end a consent override. Each parses its fields,
// calls the consent model (which audits, and tells the live case room), and answers the message
// to show once, or the form's failure. Who may use which intent is the route's decision.
import { plainText, z } from "~/domain/dutch-errors";
import { WITHDRAWAL_REQUESTERS } from "~/domain/vocabulary";
import { actorOf } from "~/lib/auth.server";
import { roomServer } from "~/lib/case-room.server";
import { confirmationReason, isConfirmed, NOT_CONFIRMED } from "~/lib/confirmation";
import { parseConsentForm } from "~/lib/consent-form";
import { failure, formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { recordConsent, withdrawConsent } from "~/models/consent.server";
import { endConsentOverride, grantConsentOverride } from "~/models/consent-overrides.server";
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

const change: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  const parsed = parseConsentForm(formData);
  if (!parsed.ok) return parsed;
  recordConsent(db, io, c, parsed.data, actor, origin);
  return { ok: true, message: "De nieuwe toestemming is vastgelegd en geldt vanaf nu, ook in een geopend casusoverleg." };
};

const withdraw: CaseActionHandler = (ctx, formData) => {
  const { db, io, c, actor, origin } = parts(ctx);
  if (!isConfirmed(formData)) return failure(NOT_CONFIRMED, formData);
  const parsed = parseForm(WithdrawFormSchema, formData);
  if (!parsed.ok) return { ...parsed, formError: parsed.formError ?? "Vul in wie om de intrekking vroeg en waarom." };
  const result = withdrawConsent(db, io, c, parsed.data, actor, origin);
  if (!result.ok) return failure(result.error, formData);
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
  const result = grantConsentOverride(db, io, c, { organisationIds, reason, days: /^\s*\d{1,3}\s*$/.test(days) ? Number(days) : Number.NaN }, actor, origin);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors as FieldErrors, formError: result.formError, values: formValues(formData) };
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
  const result = endConsentOverride(db, io, c, parsed.data.overrideId, actor, origin);
  if (!result.ok) return failure(result.error, formData);
  return { ok: true, message: "De doorbreking is beëindigd. Vanaf nu geldt weer alleen de toestemming van de patiënt, ook in een geopend casusoverleg." };
};

export const CONSENT_ACTIONS = { change, withdraw, override_grant: grantOverride, override_end: endOverride } satisfies Record<string, CaseActionHandler>;
