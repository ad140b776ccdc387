// Consent override (domain.md "Consent and privacy"; security.md "A consent override is a separate
// permission, checked on the server, logged"): what an active override adds to the consent
// decision, what it never adds, and the rules for granting one (app/domain/consent.ts).
import {
  caseVisibility,
  caseVisibilityWithBasis,
  consentOverrideProblems,
  OVERRIDE_MAX_DAYS,
  OVERRIDE_MESSAGES,
  OVERRIDE_REASON_MIN,
  overrideExpiresAt,
  overrideIsActive,
  type CaseParties,
  type ConsentOverrideWindow,
  type ConsentScope,
  type Viewer,
} from "~/domain/consent";

const NOW = new Date("2026-10-10T12:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

const PARTIES: CaseParties = { leadOrganisationId: 10, referrerOrganisationId: 1 };
const IRIS: Viewer = { email: "lid@iriszorg.test", organisationId: 30, organisationType: "addiction_care" };
const GEMEENTE: Viewer = { email: "lid@gemeente.test", organisationId: 40, organisationType: "municipality" };
const CHAIR: Viewer = { email: "voorzitter@parnassia.test", organisationId: 10, organisationType: "ggz_provider" };
const EXCLUDED: Viewer = { email: "Uitgesloten@IrisZorg.test", organisationId: 30, organisationType: "addiction_care" };

const scope = (status: ConsentScope["status"], extra: Partial<ConsentScope> = {}): ConsentScope => ({
  status,
  organisationIds: [],
  organisationTypes: [],
  excludedEmails: ["uitgesloten@iriszorg.test"],
  ...extra,
});
const WITHDRAWN = scope("withdrawn", { organisationTypes: ["addiction_care"] });
const override = (organisationIds: number[], expiresAt = at(24 * HOUR), endedAt: string | null = null): ConsentOverrideWindow => ({ organisationIds, expiresAt, endedAt });

describe("caseVisibilityWithBasis: an active override", () => {
  it("shows identity to its organisations after withdrawal, and says it was the override", () => {
    expect(caseVisibilityWithBasis(IRIS, WITHDRAWN, PARTIES, [], NOW)).toEqual({ visibility: "deidentified", viaOverride: false });
    expect(caseVisibilityWithBasis(IRIS, WITHDRAWN, PARTIES, [override([30])], NOW)).toEqual({ visibility: "identified", viaOverride: true });
  });

  it("shows identity without any consent recorded", () => {
    expect(caseVisibilityWithBasis(IRIS, null, PARTIES, [override([30, 40])], NOW)).toEqual({ visibility: "identified", viaOverride: true });
  });

  it("shows identity to an organisation outside an active consent's scope", () => {
    const active = scope("active", { organisationTypes: ["insurer"] });
    expect(caseVisibilityWithBasis(GEMEENTE, active, PARTIES, [], NOW).visibility).toBe("deidentified");
    expect(caseVisibilityWithBasis(GEMEENTE, active, PARTIES, [override([40])], NOW)).toEqual({ visibility: "identified", viaOverride: true });
  });

  it("adds nothing for an organisation it does not name", () => {
    expect(caseVisibilityWithBasis(GEMEENTE, WITHDRAWN, PARTIES, [override([30])], NOW)).toEqual({ visibility: "deidentified", viaOverride: false });
  });

  it("never reaches a person the patient named as not to be involved, whatever the consent status", () => {
    for (const consent of [WITHDRAWN, scope("active", { organisationIds: [30] })]) {
      expect(caseVisibilityWithBasis(EXCLUDED, consent, PARTIES, [override([30])], NOW)).toEqual({ visibility: "none", viaOverride: false });
      expect(caseVisibility(EXCLUDED, consent, PARTIES, [override([30])], NOW)).toBe("none");
    }
  });

  it("is not the basis where consent or the chair's organisation already gives identity", () => {
    const active = scope("active", { organisationTypes: ["addiction_care"] });
    expect(caseVisibilityWithBasis(IRIS, active, PARTIES, [override([30])], NOW)).toEqual({ visibility: "identified", viaOverride: false });
    expect(caseVisibilityWithBasis(CHAIR, WITHDRAWN, PARTIES, [override([10])], NOW)).toEqual({ visibility: "identified", viaOverride: false });
  });
});

describe("an override that does not run", () => {
  it("adds nothing once it expired, at its expiry exactly, or when it was ended", () => {
    for (const o of [override([30], at(-1)), override([30], at(0)), override([30], at(24 * HOUR), at(-HOUR)), override([30], "geen datum")]) {
      expect(overrideIsActive(o, NOW)).toBe(false);
      expect(caseVisibilityWithBasis(IRIS, WITHDRAWN, PARTIES, [o], NOW)).toEqual({ visibility: "deidentified", viaOverride: false });
    }
    expect(overrideIsActive(override([30], at(1)), NOW)).toBe(true);
  });

  it("one running override among ended ones is enough", () => {
    const overrides = [override([30], at(-HOUR)), override([30], at(HOUR), at(-1)), override([40, 30], at(HOUR))];
    expect(caseVisibilityWithBasis(IRIS, WITHDRAWN, PARTIES, overrides, NOW)).toEqual({ visibility: "identified", viaOverride: true });
  });
});

describe("caseVisibility keeps its signature for existing callers", () => {
  it("without overrides it is the consent's decision alone", () => {
    expect(caseVisibility(IRIS, WITHDRAWN, PARTIES)).toBe("deidentified");
    expect(caseVisibility(IRIS, scope("active", { organisationTypes: ["addiction_care"] }), PARTIES)).toBe("identified");
    expect(caseVisibility(EXCLUDED, WITHDRAWN, PARTIES)).toBe("none");
    expect(caseVisibility(CHAIR, WITHDRAWN, PARTIES)).toBe("identified");
  });

  it("with an active override it gives the same visibility as caseVisibilityWithBasis", () => {
    expect(caseVisibility(IRIS, WITHDRAWN, PARTIES, [override([30])], NOW)).toBe("identified");
  });
});

describe("the rules for granting an override", () => {
  const REASON = "Acuut suïcidegevaar; de crisisdienst moet nu weten wie dit is.";
  const valid = { organisationIds: [30], reason: REASON, days: 3 };

  it("a reason of at least 30 characters, one or more organisations, 1 to 7 days: no problems", () => {
    expect(REASON.length).toBeGreaterThanOrEqual(OVERRIDE_REASON_MIN);
    expect(consentOverrideProblems(valid)).toEqual({});
    expect(consentOverrideProblems({ ...valid, days: 1 })).toEqual({});
    expect(consentOverrideProblems({ ...valid, days: OVERRIDE_MAX_DAYS, organisationIds: [30, 40] })).toEqual({});
    expect(consentOverrideProblems({ ...valid, reason: "x".repeat(OVERRIDE_REASON_MIN) })).toEqual({});
  });

  it("refuses a reason shorter than 30 characters (spaces around it do not count), in Dutch", () => {
    expect(consentOverrideProblems({ ...valid, reason: "x".repeat(OVERRIDE_REASON_MIN - 1) })).toEqual({ reason: OVERRIDE_MESSAGES.reason });
    expect(consentOverrideProblems({ ...valid, reason: `   ${"x".repeat(OVERRIDE_REASON_MIN - 1)}      ` })).toEqual({ reason: OVERRIDE_MESSAGES.reason });
    expect(consentOverrideProblems({ ...valid, reason: "" })).toEqual({ reason: OVERRIDE_MESSAGES.reason });
    expect(OVERRIDE_MESSAGES.reason).toMatch(/minstens 30 tekens/);
  });

  it("refuses a reason over 2000 characters or with control characters; line breaks and tabs are fine", () => {
    expect(consentOverrideProblems({ ...valid, reason: "x".repeat(2001) })).toEqual({ reason: OVERRIDE_MESSAGES.reasonTooLong });
    for (const bad of ["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085"]) {
      expect(consentOverrideProblems({ ...valid, reason: `${REASON}${bad}` }), JSON.stringify(bad)).toEqual({ reason: OVERRIDE_MESSAGES.reasonControl });
    }
    expect(consentOverrideProblems({ ...valid, reason: `${REASON}\r\n\tVervolg op een nieuwe regel.` })).toEqual({});
  });

  it("refuses a duration outside 1–7 whole days", () => {
    for (const days of [0, -1, 8, 30, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(consentOverrideProblems({ ...valid, days }), String(days)).toEqual({ days: OVERRIDE_MESSAGES.days });
    }
    expect(OVERRIDE_MESSAGES.days).toMatch(/hoogstens 7 dagen/);
  });

  it("refuses no organisation, or an id that is not one", () => {
    expect(consentOverrideProblems({ ...valid, organisationIds: [] })).toEqual({ organisationIds: OVERRIDE_MESSAGES.organisationIds });
    expect(consentOverrideProblems({ ...valid, organisationIds: [30, 0] })).toEqual({ organisationIds: OVERRIDE_MESSAGES.organisationIds });
    expect(consentOverrideProblems({ ...valid, organisationIds: [Number.NaN] })).toEqual({ organisationIds: OVERRIDE_MESSAGES.organisationIds });
  });

  it("names every problem at once", () => {
    expect(Object.keys(consentOverrideProblems({ organisationIds: [], reason: "kort", days: 8 })).sort()).toEqual(["days", "organisationIds", "reason"]);
  });

  it("the expiry is the grant plus whole days, never more than 7", () => {
    expect(overrideExpiresAt(NOW, 1)).toBe("2026-10-11T12:00:00.000Z");
    expect(overrideExpiresAt(NOW, 7)).toBe("2026-10-17T12:00:00.000Z");
    expect(() => overrideExpiresAt(NOW, 8)).toThrow(RangeError);
    expect(() => overrideExpiresAt(NOW, 0)).toThrow(RangeError);
    expect(() => overrideExpiresAt(NOW, 2.5)).toThrow(RangeError);
  });
});
