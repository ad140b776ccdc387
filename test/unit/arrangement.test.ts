// Maatwerk-arrangements (domain.md): the status flow proposed → approved (only the insurer's medical
// advisor, after their own assessment) → contracted → ended (the chair), refused steps with their
// Dutch message, and the checks on a proposal (amount, period, parties, financier per law).
import {
  ARRANGEMENT_CASE_STATES,
  arrangementTransition,
  formatEuros,
  fundingProblem,
  nextArrangementEvent,
  parseEuros,
  partiesOf,
  partyErrors,
  periodProblem,
  proposeProblem,
  type ArrangementActor,
  type OrganisationRef,
} from "~/domain/arrangement";
import { CASE_STATES } from "~/domain/case-lifecycle";
import { ARRANGEMENT_STATUSES, type ArrangementStatus } from "~/domain/vocabulary";

const CHAIR: ArrangementActor = { isChair: true, isInsurerAdvisor: false };
const ADVISOR: ArrangementActor = { isChair: false, isInsurerAdvisor: true };
const MEMBER: ArrangementActor = { isChair: false, isInsurerAdvisor: false };

describe("arrangementTransition", () => {
  it("follows proposed → approved → contracted → ended with the right person at each step", () => {
    expect(arrangementTransition("proposed", { event: "approve", caseStatus: "advisor_check", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion: "meets" })).toEqual({ ok: true, to: "approved" });
    expect(arrangementTransition("approved", { event: "contract", caseStatus: "advisor_check", actor: CHAIR })).toEqual({ ok: true, to: "contracted" });
    expect(arrangementTransition("contracted", { event: "end", caseStatus: "placed", actor: CHAIR })).toEqual({ ok: true, to: "ended" });
  });

  it("lets only the insurer's medical advisor approve", () => {
    for (const actor of [CHAIR, MEMBER]) {
      expect(arrangementTransition("proposed", { event: "approve", caseStatus: "advisor_check", actor, hasAdvisorAssessment: true, advisorConclusion: "meets" })).toEqual({
        ok: false,
        error: "Alleen de medisch adviseur van de zorgverzekeraar van de patiënt kan een arrangement goedkeuren.",
      });
    }
  });

  it("needs the advisor's own assessment of the seven criteria before approval", () => {
    expect(arrangementTransition("proposed", { event: "approve", caseStatus: "advisor_check", actor: ADVISOR, hasAdvisorAssessment: false })).toEqual({
      ok: false,
      error: "Leg eerst uw beoordeling van de zeven inclusiecriteria voor deze casus vast.",
    });
  });

  it("approves only with the conclusion 'voldoet aan de criteria'", () => {
    for (const advisorConclusion of ["does_not_meet", "more_information", null] as const) {
      const result = arrangementTransition("proposed", { event: "approve", caseStatus: "advisor_check", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion });
      expect(result.ok, String(advisorConclusion)).toBe(false);
    }
    expect(arrangementTransition("proposed", { event: "approve", caseStatus: "advisor_check", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion: "does_not_meet" })).toEqual({
      ok: false,
      error: 'Goedkeuren kan alleen met de conclusie "Voldoet aan de criteria"; uw conclusie is "Voldoet niet aan de criteria".',
    });
  });

  it("lets the advisor refuse a proposal with a reason", () => {
    expect(arrangementTransition("proposed", { event: "refuse", caseStatus: "advisor_check", actor: ADVISOR, reason: "Zvw dekt dit niet" })).toEqual({ ok: true, to: "refused" });
    expect(arrangementTransition("proposed", { event: "refuse", caseStatus: "advisor_check", actor: ADVISOR, reason: "  " })).toEqual({ ok: false, error: "Geef de reden van de afwijzing." });
    expect(arrangementTransition("proposed", { event: "refuse", caseStatus: "advisor_check", actor: CHAIR, reason: "x" }).ok).toBe(false);
    expect(arrangementTransition("approved", { event: "refuse", caseStatus: "advisor_check", actor: ADVISOR, reason: "x" }).ok).toBe(false);
  });

  it("approves only once the chair has put the case before the advisor", () => {
    const result = arrangementTransition("proposed", { event: "approve", caseStatus: "plan_agreed", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion: "meets" });
    expect(result).toEqual({ ok: false, error: 'De voorzitter legt de casus eerst voor aan de medisch adviseur (status nu: "Plan vastgesteld").' });
    expect(arrangementTransition("proposed", { event: "approve", caseStatus: "funding_arranged", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion: "meets" }).ok).toBe(true);
  });

  it("lets only the chair contract and end", () => {
    for (const actor of [ADVISOR, MEMBER]) {
      expect(arrangementTransition("approved", { event: "contract", caseStatus: "advisor_check", actor })).toEqual({ ok: false, error: "Alleen de voorzitter van de tafel kan deze stap zetten." });
      expect(arrangementTransition("contracted", { event: "end", caseStatus: "placed", actor }).ok).toBe(false);
    }
  });

  it("refuses every step from the wrong status, in Dutch", () => {
    const who = { approve: ADVISOR, contract: CHAIR, end: CHAIR } as const;
    const valid: Record<string, ArrangementStatus> = { approve: "proposed", contract: "approved", end: "contracted" };
    // refuse is covered in its own test
    for (const event of ["approve", "contract", "end"] as const) {
      for (const from of ARRANGEMENT_STATUSES.filter((s) => s !== valid[event])) {
        const result = arrangementTransition(from, { event, caseStatus: "advisor_check", actor: who[event], hasAdvisorAssessment: true, advisorConclusion: "meets" });
        expect(result.ok, `${event} from ${from}`).toBe(false);
      }
    }
    expect(arrangementTransition("proposed", { event: "contract", caseStatus: "advisor_check", actor: CHAIR })).toEqual({
      ok: false,
      error: '"Gecontracteerd" kan niet bij een arrangement met status "Voorgesteld".',
    });
    expect(arrangementTransition("ended", { event: "end", caseStatus: "placed", actor: CHAIR })).toEqual({
      ok: false,
      error: '"Beëindigen" kan niet bij een arrangement met status "Beëindigd".',
    });
    expect(arrangementTransition("approved", { event: "approve", caseStatus: "advisor_check", actor: ADVISOR, hasAdvisorAssessment: true, advisorConclusion: "meets" }).ok).toBe(false);
  });

  it("on a closed case only allows ending", () => {
    expect(arrangementTransition("approved", { event: "contract", caseStatus: "closed", actor: CHAIR })).toEqual({
      ok: false,
      error: "Deze casus is afgesloten; een arrangement kan alleen nog worden beëindigd.",
    });
    expect(arrangementTransition("contracted", { event: "end", caseStatus: "closed", actor: CHAIR })).toEqual({ ok: true, to: "ended" });
  });

  it("names the next step per status", () => {
    expect(ARRANGEMENT_STATUSES.map(nextArrangementEvent)).toEqual(["approve", "contract", "end", null, null]);
  });
});

describe("proposeProblem and fundingProblem", () => {
  it("proposes from the discussion until closure", () => {
    for (const state of ARRANGEMENT_CASE_STATES) expect(proposeProblem(state), state).toBeNull();
    expect(CASE_STATES.filter((s) => proposeProblem(s) !== null).sort()).toEqual(["closed", "included", "information_requested", "not_included", "received", "scheduled", "screening"]);
    expect(proposeProblem("included")).toBe('Een arrangement kan pas worden voorgesteld als de casus is besproken (status nu: "Geïncludeerd").');
    expect(proposeProblem("closed")).toBe("Deze casus is afgesloten; er kan geen arrangement meer worden voorgesteld.");
  });

  it("records funding only with the advisor (whether an arrangement is needed is funding.ts's rule)", () => {
    expect(fundingProblem("advisor_check")).toBeNull();
    expect(fundingProblem("plan_agreed")).toBe(
      'Financiering kan alleen worden vastgelegd als de casus bij de medisch adviseur ligt (status nu: "Plan vastgesteld").',
    );
  });
});

describe("a proposal's figures", () => {
  it("reads whole euros as people type them", () => {
    expect(parseEuros("12500")).toEqual({ ok: true, value: 12500 });
    expect(parseEuros("12.500")).toEqual({ ok: true, value: 12500 });
    expect(parseEuros("€ 1.250.000")).toEqual({ ok: true, value: 1250000 });
    expect(parseEuros("0")).toEqual({ ok: true, value: 0 });
  });

  it("refuses negative, decimal and other amounts in Dutch", () => {
    expect(parseEuros("")).toEqual({ ok: false, error: "Vul de geschatte kosten in." });
    expect(parseEuros("-5")).toEqual({ ok: false, error: "De geschatte kosten kunnen niet negatief zijn." });
    expect(parseEuros("12,50")).toEqual({ ok: false, error: "Vul de kosten in hele euro's in, zonder centen." });
    expect(parseEuros("12.5")).toEqual({ ok: false, error: "Vul een bedrag in hele euro's in, bijvoorbeeld 12500." });
    expect(parseEuros("veel")).toEqual({ ok: false, error: "Vul een bedrag in hele euro's in, bijvoorbeeld 12500." });
    expect(parseEuros("99999999999").ok).toBe(false);
  });

  it("formats euros the Dutch way", () => {
    expect(formatEuros(0)).toBe("€ 0");
    expect(formatEuros(950)).toBe("€ 950");
    expect(formatEuros(76000)).toBe("€ 76.000");
    expect(formatEuros(1250000)).toBe("€ 1.250.000");
  });

  it("needs the period to end after it starts", () => {
    expect(periodProblem("2026-01-01", "2026-12-31")).toBeNull();
    expect(periodProblem("2026-01-01", "2026-01-01")).toBe("De einddatum moet na de begindatum liggen.");
    expect(periodProblem("2026-06-01", "2026-01-01")).toBe("De einddatum moet na de begindatum liggen.");
  });
});

describe("parties", () => {
  const orgs = new Map<number, OrganisationRef>([
    [1, { id: 1, type: "ggz_provider", active: true }],
    [2, { id: 2, type: "sheltered_housing", active: true }],
    [3, { id: 3, type: "insurer", active: true }],
    [4, { id: 4, type: "municipality", active: true }],
    [5, { id: 5, type: "care_office", active: true }],
    [6, { id: 6, type: "vws_unit", active: true }],
    [7, { id: 7, type: "ggz_provider", active: false }],
  ]);

  it("accepts care providers as providers and insurer, municipality and zorgkantoor as financiers", () => {
    const input = {
      providerIds: [1, 2],
      financierIds: [3, 4, 5],
      components: [
        { legalDomain: "zvw" as const, providerOrganisationId: 1, financierOrganisationId: 3 },
        { legalDomain: "wmo" as const, providerOrganisationId: 2, financierOrganisationId: 4 },
        { legalDomain: "wlz" as const, providerOrganisationId: 2, financierOrganisationId: 5 },
        { legalDomain: "jeugdwet" as const, providerOrganisationId: 1, financierOrganisationId: 4 },
      ],
    };
    expect(partyErrors(input, orgs)).toEqual({});
  });

  it("refuses a financier that is not an insurer, municipality or zorgkantoor", () => {
    const errors = partyErrors({ providerIds: [], financierIds: [1], components: [] }, orgs);
    expect(errors).toEqual({ financierIds: ["Een financier is een zorgverzekeraar, gemeente of zorgkantoor."] });
    expect(partyErrors({ providerIds: [], financierIds: [6], components: [] }, orgs).financierIds).toBeDefined();
    expect(partyErrors({ providerIds: [], financierIds: [999], components: [] }, orgs).financierIds).toBeDefined();
  });

  it("refuses a provider that is a financier, unknown or inactive", () => {
    for (const id of [3, 7, 999]) expect(partyErrors({ providerIds: [id], financierIds: [], components: [] }, orgs).providerIds, String(id)).toHaveLength(1);
  });

  it("checks each component's provider and that its financier is the one its law assigns", () => {
    const errors = partyErrors(
      {
        providerIds: [],
        financierIds: [],
        components: [
          { legalDomain: "zvw", providerOrganisationId: 3, financierOrganisationId: 3 },
          { legalDomain: "wmo", providerOrganisationId: 1, financierOrganisationId: 3 },
          { legalDomain: "wlz", providerOrganisationId: 1, financierOrganisationId: 4 },
          { legalDomain: "zvw", providerOrganisationId: 1, financierOrganisationId: 2 },
        ],
      },
      orgs,
    );
    expect(errors).toEqual({
      "components.0.providerOrganisationId": [expect.stringMatching(/^Kies een zorgaanbieder/)],
      "components.1.financierOrganisationId": ["Onder de Wmo 2015 is de financier een gemeente."],
      "components.2.financierOrganisationId": ["Onder de Wlz is de financier een zorgkantoor."],
      "components.3.financierOrganisationId": ["Een financier is een zorgverzekeraar, gemeente of zorgkantoor."],
    });
  });

  it("makes the components' organisations parties too, without duplicates", () => {
    const parties = partiesOf({
      providerIds: [1],
      financierIds: [4],
      components: [
        { legalDomain: "zvw", providerOrganisationId: 1, financierOrganisationId: 3 },
        { legalDomain: "wmo", providerOrganisationId: 2, financierOrganisationId: 4 },
      ],
    });
    expect(parties).toEqual([
      { organisationId: 1, role: "provider" },
      { organisationId: 2, role: "provider" },
      { organisationId: 4, role: "financier" },
      { organisationId: 3, role: "financier" },
    ]);
  });
});
