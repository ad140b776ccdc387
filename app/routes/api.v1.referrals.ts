// POST /api/v1/referrals: an insurer's or provider's system submits a referral (resource route, JSON only).
// Order of checks: token (401) → JSON content type (415) → Idempotency-Key (400) → size (413) →
// JSON (400) → same key seen before (200 / 422) → validation (422) → created (201).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { NO_CONSENT_MESSAGE, ReferralSchema } from "~/domain/referral-schema";
import { apiError, methodNotAllowed, requireApiClient } from "~/lib/api-auth.server";
import { audit } from "~/models/audit.server";
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from "~/domain/api-contract";
import { readJsonBody, requestHash, requireJsonContentType } from "~/lib/api-request.server";
import { fieldErrorsOf, type FieldErrors } from "~/lib/forms";
import { UNKNOWN_FIELD_MESSAGE, unknownFields } from "~/lib/unknown-fields";
import { referralReceipt, submitReferralOnce, type Validated } from "~/models/api-referrals.server";
import { notifier } from "~/lib/notifier.server";
import { notifyReferralReceived } from "~/models/notifications.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiClient(request, context);
  return methodNotAllowed("POST");
}

const VALIDATION_FAILED = "De verwijzing is niet volledig of niet juist ingevuld. Zie per veld wat er moet veranderen.";

function validate(body: unknown): Validated {
  const parsed = ReferralSchema.safeParse(body);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // Fields the document does not define are refused, not silently dropped.
  const unknown = unknownFields(ReferralSchema, body);
  for (const field of unknown) fieldErrors[field] = [UNKNOWN_FIELD_MESSAGE];
  if (parsed.success && unknown.length) return { ok: false, fieldErrors };
  // Consent is checked first by the portal too: without it nothing may be shared.
  const consent = body && typeof body === "object" ? (body as Record<string, unknown>).consent : undefined;
  if (consent == null) fieldErrors.consent = [NO_CONSENT_MESSAGE];
  if (!parsed.success || consent == null) return { ok: false, fieldErrors, formError: parsed.success ? NO_CONSENT_MESSAGE : undefined };
  return { ok: true, data: parsed.data };
}

const onlyMessages = (errors: FieldErrors): Record<string, string[]> =>
  Object.fromEntries(Object.entries(errors).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));

export async function action({ request, context }: ActionFunctionArgs) {
  const client = await requireApiClient(request, context);
  if (request.method !== "POST") return methodNotAllowed("POST");

  const wrongType = requireJsonContentType(request);
  if (wrongType) return wrongType;

  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key == null || key === "") {
    return apiError(400, "idempotency_key_missing", "Stuur een ‘Idempotency-Key’-header mee (bijvoorbeeld een UUID), zodat een herhaald verzoek nooit een tweede verwijzing maakt.");
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return apiError(400, "idempotency_key_invalid", "De ‘Idempotency-Key’ moet 1 tot 200 tekens lang zijn en mag alleen letters, cijfers en _ - : . bevatten.");
  }

  const body = await readJsonBody(request);
  if (!body.ok) return body.response;

  const { db } = context.services;
  const outcome = submitReferralOnce(db, {
    key,
    requestHash: requestHash(body.value),
    validate: () => validate(body.value),
    referrer: { userId: null, organisationId: client.organisationId, via: "api", auditActor: client.auditActor },
    origin: context.origin,
  });

  switch (outcome.kind) {
    case "key_reused":
      return apiError(422, "idempotency_key_reused", "Deze ‘Idempotency-Key’ is al gebruikt voor een andere verwijzing. Gebruik voor elke nieuwe verwijzing een nieuwe sleutel.");
    case "invalid": {
      const fields = onlyMessages(outcome.fieldErrors);
      return apiError(422, "validation_failed", outcome.formError ?? VALIDATION_FAILED, { fields });
    }
    case "replayed": {
      const receipt = referralReceipt(db, outcome.caseId);
      audit(db, { action: "referral.api_replay", actor: client.auditActor, objectType: "case", objectId: receipt.id, patientId: outcome.patientId, detail: `${receipt.code}: herhaald verzoek`, origin: context.origin });
      return json(receipt, { status: 200, headers: { Location: `/api/v1/referrals/${receipt.id}`, "Idempotent-Replayed": "true" } });
    }
    case "created": {
      notifyReferralReceived(notifier(context), outcome.caseId);
      const receipt = referralReceipt(db, outcome.caseId);
      return json(receipt, { status: 201, headers: { Location: `/api/v1/referrals/${receipt.id}` } });
    }
  }
}
