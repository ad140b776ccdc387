// Who may give consent (legal order of representatives) and what consent lets whom see (app/domain/consent.ts).
import { caseVisibility, consentGiverProblems, representativeRank, type ConsentScope, type Viewer } from "~/domain/consent";
import { REPRESENTATIVE_KINDS, type RepresentativeKind } from "~/domain/vocabulary";

const NOT_INCOMPETENT = "Een vertegenwoordiger geeft alleen toestemming als de patiënt wilsonbekwaam is ter zake; anders geeft de patiënt zelf toestemming.";
const NO_NAME = "Vul de naam van de vertegenwoordiger in.";
const HIGHER_RANK =
  "Een vertegenwoordiger lager in de wettelijke rangorde mag alleen optreden als er niemand hoger in de rangorde is (curator/mentor, dan schriftelijk gemachtigde, dan partner, dan ouder/kind/broer/zus). Bevestig dat.";

const representative = (kind: RepresentativeKind, patientIncompetent: boolean, higherRanksUnavailable: boolean, representativeName = "J. de Vries") =>
  ({ givenBy: "representative", representativeKind: kind, representativeName, patientIncompetent, higherRanksUnavailable }) as const;

describe("consentGiverProblems", () => {
  it("the patient may always consent", () => {
    expect(consentGiverProblems({ givenBy: "patient" })).toEqual([]);
  });

  it("ranks follow the legal order: curator/mentor, written authorised, partner, family", () => {
    expect(REPRESENTATIVE_KINDS.map(representativeRank)).toEqual([1, 2, 3, 4]);
  });

  describe.each(REPRESENTATIVE_KINDS.map((kind) => [kind, representativeRank(kind)] as const))("%s (rank %i)", (kind, rank) => {
    it("incompetent patient, higher ranks confirmed unavailable → no problems", () => {
      expect(consentGiverProblems(representative(kind, true, true))).toEqual([]);
    });

    it(`incompetent patient, higher ranks not confirmed → ${rank === 1 ? "fine for the highest rank" : "must confirm"}`, () => {
      expect(consentGiverProblems(representative(kind, true, false))).toEqual(rank === 1 ? [] : [HIGHER_RANK]);
    });

    it("competent patient → the representative may not consent", () => {
      expect(consentGiverProblems(representative(kind, false, true))).toEqual([NOT_INCOMPETENT]);
      expect(consentGiverProblems(representative(kind, false, false))).toEqual(rank === 1 ? [NOT_INCOMPETENT] : [NOT_INCOMPETENT, HIGHER_RANK]);
    });

    it("the representative's name is required", () => {
      expect(consentGiverProblems(representative(kind, true, true, "  "))).toEqual([NO_NAME]);
    });
  });
});

describe("caseVisibility", () => {
  const LEAD = 10; // the chair's own organisation (the table's lead provider)
  const REFERRER = 20;
  const parties = { leadOrganisationId: LEAD, referrerOrganisationId: REFERRER };
  const viewer = (organisationId: number, organisationType: Viewer["organisationType"] = "ggz_provider", email = "iemand@org.test"): Viewer => ({
    email,
    organisationId,
    organisationType,
  });
  const scope = (over: Partial<ConsentScope> = {}): ConsentScope => ({
    status: "active",
    organisationIds: [30],
    organisationTypes: ["sheltered_housing"],
    excludedEmails: [],
    ...over,
  });

  it("the chair's organisation always sees identity, also after withdrawal and without consent", () => {
    expect(caseVisibility(viewer(LEAD), scope(), parties)).toBe("identified");
    expect(caseVisibility(viewer(LEAD), scope({ status: "withdrawn" }), parties)).toBe("identified");
    expect(caseVisibility(viewer(LEAD), null, parties)).toBe("identified");
  });

  it("the referrer's organisation sees identity while consent is active", () => {
    expect(caseVisibility(viewer(REFERRER, "insurer"), scope(), parties)).toBe("identified");
    expect(caseVisibility(viewer(REFERRER, "insurer"), scope({ status: "withdrawn" }), parties)).toBe("deidentified");
  });

  it("an organisation named in the scope by id sees identity", () => {
    expect(caseVisibility(viewer(30, "addiction_care"), scope(), parties)).toBe("identified");
  });

  it("an organisation whose type is in the scope sees identity", () => {
    expect(caseVisibility(viewer(40, "sheltered_housing"), scope(), parties)).toBe("identified");
  });

  it("an organisation outside the scope sees a de-identified case", () => {
    expect(caseVisibility(viewer(40, "addiction_care"), scope(), parties)).toBe("deidentified");
    expect(caseVisibility(viewer(41, "insurer"), scope(), parties)).toBe("deidentified");
    expect(caseVisibility(viewer(41, "insurer"), null, parties)).toBe("deidentified");
  });

  it("after withdrawal nobody but the chair's organisation sees identity", () => {
    const withdrawn = scope({ status: "withdrawn" });
    expect(caseVisibility(viewer(30, "addiction_care"), withdrawn, parties)).toBe("deidentified");
    expect(caseVisibility(viewer(40, "sheltered_housing"), withdrawn, parties)).toBe("deidentified");
    expect(caseVisibility(viewer(REFERRER, "insurer"), withdrawn, parties)).toBe("deidentified");
    expect(caseVisibility(viewer(LEAD), withdrawn, parties)).toBe("identified");
  });

  it("a person the patient excluded sees nothing, matched case-insensitively, whatever their organisation", () => {
    const excluded = scope({ excludedEmails: ["Broer.Jansen@Example.nl"] });
    expect(caseVisibility(viewer(40, "addiction_care", "broer.jansen@example.nl"), excluded, parties)).toBe("none");
    expect(caseVisibility(viewer(30, "addiction_care", "BROER.JANSEN@EXAMPLE.NL"), excluded, parties)).toBe("none");
    expect(caseVisibility(viewer(LEAD, "ggz_provider", "broer.jansen@example.nl"), excluded, parties)).toBe("none");
    // A colleague at the same organisation is not excluded.
    expect(caseVisibility(viewer(30, "addiction_care", "collega@example.nl"), excluded, parties)).toBe("identified");
  });
});
