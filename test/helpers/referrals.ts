// A referral created the way the form creates one (schema, model, audit), by a referrer account,
// for tests that need a case without going through the four form steps.
import { eq } from "drizzle-orm";
import { cases, users } from "#db/schema";
import { ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import type { Db } from "~/models/db.server";
import { createReferral } from "~/models/referrals.server";
import { uniqueBsn, validReferral, type DeepPartial } from "./referral-payload";

export function referThroughModel(db: Db, overrides: DeepPartial<ReferralPayload> = {}, referrerEmail = "zorgbemiddeling.vgz@regiotafel.test") {
  const referrer = db.select().from(users).where(eq(users.email, referrerEmail)).get()!;
  const input = ReferralSchema.parse(validReferral({ ...overrides, patient: { bsn: uniqueBsn(), ...overrides.patient } }));
  const result = createReferral(
    db,
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (!result.ok) throw new Error(`referral refused: ${JSON.stringify(result)}`);
  const row = db.select().from(cases).where(eq(cases.id, result.caseId)).get()!;
  return { ...result, patientId: row.patientId, code: row.code };
}
