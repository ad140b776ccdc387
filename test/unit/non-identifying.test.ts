import { describe, expect, it } from "vitest";
import { requestUpdateProblem } from "../../app/domain/escalation-request";
import { identifyingTextProblem } from "../../app/domain/non-identifying";
import { publishProblem } from "../../app/domain/shortfall-publication";

describe("text that leaves the table", () => {
  it("catches a BSN and a date of birth, not ordinary numbers", () => {
    expect(identifyingTextProblem("Patiënt met bsn 111222333 wacht")).toMatch(/burgerservicenummer/);
    expect(identifyingTextProblem("bsn 111.222.333")).toMatch(/burgerservicenummer/);
    expect(identifyingTextProblem("geboren 03-04-1988")).toMatch(/geboortedatum/);
    expect(identifyingTextProblem("geboren 1988-04-03")).toMatch(/geboortedatum/);
    expect(identifyingTextProblem("12 wachtenden, 26 weken wachttijd, 123456789 euro")).toBeNull();
    expect(identifyingTextProblem("In 2026 geen KIB-plek in de regio")).toBeNull();
  });

  it("publishing needs the chair's confirmation and clean text", () => {
    expect(publishProblem({ confirmedNoPatientData: false, justification: "x", alreadyPublished: false })).toMatch(/Bevestig/);
    expect(publishProblem({ confirmedNoPatientData: true, justification: "bsn 111222333", alreadyPublished: false })).toMatch(/burgerservicenummer/);
    expect(publishProblem({ confirmedNoPatientData: true, justification: "Geen KIB", alreadyPublished: true })).toMatch(/al gepubliceerd/);
    expect(publishProblem({ confirmedNoPatientData: true, justification: "Geen KIB", alreadyPublished: false })).toBeNull();
  });

  it("the project leader answers before marking a request answered or closed", () => {
    expect(requestUpdateProblem({ status: "in_progress", response: "" })).toBeNull();
    expect(requestUpdateProblem({ status: "answered", response: " " })).toMatch(/antwoord/);
    expect(requestUpdateProblem({ status: "closed", response: "Opgelost via VWS" })).toBeNull();
  });
});
