// Demo cases across the tables, in several lifecycle states, made through the same services
// as real referrals (so they obey the same rules). Names and BSNs are fictitious.
import { eq } from "drizzle-orm";
import type { Db } from "../app/models/db.server";
import { isValidBsn } from "../app/domain/bsn";
import type { CaseEvent } from "../app/domain/case-lifecycle";
import { ReferralSchema, type ReferralPayload } from "../app/domain/referral-schema";
import { CRITERION_NUMBERS } from "../app/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "../app/models/cases.server";
import { createReferral } from "../app/models/referrals.server";
import { regionalTables, users } from "./schema";

/** The n-th nine-digit number from 100000000 up that passes the elfproef. */
export function demoBsn(n: number): string {
  let found = 0;
  for (let candidate = 100_000_000; ; candidate++) {
    if (isValidBsn(String(candidate)) && found++ === n) return String(candidate);
  }
}

export type DemoCase = {
  referrer: string;
  name: string;
  born: string;
  municipality: string;
  province: ReferralPayload["patient"]["province"];
  insurer: string;
  urgency: ReferralPayload["urgency"];
  careQuestion: string;
  steps: CaseEvent[];
  reason?: string;
  /** Criteria the chair's screening finds not met (a not-included case needs a full screening). */
  notMet?: number[];
};

const DEMO_CASES: DemoCase[] = [
  { referrer: "zorgbemiddeling.vgz", name: "Jan de Vries", born: "1988-04-12", municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ", urgency: "crisis", careQuestion: "Welke klinische intensieve behandeling kan binnen vier weken starten?", steps: [] },
  { referrer: "zorgbemiddeling.vgz", name: "Fatima El Amrani", born: "1995-09-30", municipality: "Den Haag", province: "Zuid-Holland", insurer: "VGZ", urgency: "high", careQuestion: "Passende woonvorm met intensieve begeleiding en verslavingsbehandeling.", steps: ["start_screening"] },
  { referrer: "zorgbemiddeling.zilverenkruis", name: "Kees Bakker", born: "1979-01-05", municipality: "Amsterdam", province: "Noord-Holland", insurer: "Zilveren Kruis", urgency: "regular", careQuestion: "Behandeling van vervlochten psychotische en verslavingsproblematiek na vier mislukte opnames.", steps: ["start_screening", "include"] },
  { referrer: "zorgbemiddeling.menzis", name: "Sanne Jansen", born: "2001-06-18", municipality: "Nijmegen", province: "Gelderland", insurer: "Menzis", urgency: "regular", careQuestion: "Is er een specialistische eetstoornisbehandeling met somatische bewaking?", steps: ["start_screening", "not_include"], notMet: [5, 7], reason: "Reguliere specialistische behandeling is beschikbaar en nog niet ingezet; verwijs via de zorgbemiddeling naar een topklinische afdeling." },
  { referrer: "zorgbemiddeling.cz", name: "Peter Willems", born: "1969-11-02", municipality: "Tilburg", province: "Noord-Brabant", insurer: "CZ", urgency: "high", careQuestion: "Beschermde woonplek met 24-uurs toezicht na langdurige opname zonder medische noodzaak.", steps: [] },
  { referrer: "zorgbemiddeling.cz", name: "Maria Hendriks", born: "1983-03-23", municipality: "Maastricht", province: "Limburg", insurer: "CZ", urgency: "regular", careQuestion: "Gecombineerde behandeling bij LVB en psychiatrische problematiek.", steps: ["start_screening", "include"] },
  { referrer: "zorgbemiddeling.zilverenkruis", name: "Ahmed Yilmaz", born: "1991-08-14", municipality: "Utrecht", province: "Utrecht", insurer: "Zilveren Kruis", urgency: "crisis", careQuestion: "Acute opname met uitzonderlijk behandelregime om gevaar af te wenden.", steps: ["start_screening"] },
  // Not included after a full screening: the monitor's "not included by criterion" counts these.
  { referrer: "zorgbemiddeling.vgz", name: "Henk Mulder", born: "1966-02-11", municipality: "Zoetermeer", province: "Zuid-Holland", insurer: "VGZ", urgency: "regular", careQuestion: "Langdurige begeleiding na een depressie zonder eerdere specialistische behandeling.", steps: ["start_screening", "not_include"], notMet: [1, 5], reason: "Eén aandoening en nog geen specialistische behandeling ingezet; de reguliere ggz kan dit oppakken." },
  { referrer: "zorgbemiddeling.zilverenkruis", name: "Eva de Boer", born: "1998-07-21", municipality: "Hilversum", province: "Noord-Holland", insurer: "Zilveren Kruis", urgency: "regular", careQuestion: "Passende plek voor angstbehandeling na wachtlijst.", steps: ["start_screening", "not_include"], notMet: [4, 5, 6], reason: "Geen dreiging van ernstig gevaar; reguliere behandeling na de wachtlijst is passend." },
  { referrer: "zorgbemiddeling.menzis", name: "Tom Smit", born: "1987-05-03", municipality: "Harderwijk", province: "Gelderland", insurer: "Menzis", urgency: "high", careQuestion: "Ambulante verslavingszorg met woonbegeleiding.", steps: ["start_screening", "not_include"], notMet: [5, 7], reason: "Reguliere verslavingszorg met beschermd wonen is beschikbaar en nog niet geprobeerd." },
  { referrer: "zorgbemiddeling.cz", name: "Ingrid Peeters", born: "1972-10-30", municipality: "Venlo", province: "Limburg", insurer: "CZ", urgency: "regular", careQuestion: "Dagbesteding en begeleiding bij stabiele bipolaire stoornis.", steps: ["start_screening", "not_include"], notMet: [2, 4, 5], reason: "Stabiel beeld zonder gevaar; gemeentelijke begeleiding volstaat." },
  { referrer: "zorgbemiddeling.cz", name: "Bram van Dijk", born: "1993-01-17", municipality: "Breda", province: "Noord-Brabant", insurer: "CZ", urgency: "regular", careQuestion: "Traumabehandeling na één mislukte aanmelding.", steps: ["start_screening", "not_include"], notMet: [5], reason: "Nog maar één behandeling geprobeerd; verwijzing naar een traumacentrum ligt eerst voor de hand." },
  { referrer: "verwijzer.parnassia", name: "Linda Visser", born: "1974-12-09", municipality: "Schiedam", province: "Zuid-Holland", insurer: "Menzis", urgency: "regular", careQuestion: "Uitstroom uit de kliniek vastgelopen: passende Wmo-woonplek gezocht.", steps: [] },
];

const userByEmail = (db: Db, prefix: string) => db.select().from(users).where(eq(users.email, `${prefix}@regiotafel.test`)).get()!;

/** One demo referral through the referral service, then the chair's steps: returns the case and its chair. */
export function referDemoCase(db: Db, demo: DemoCase, bsnIndex: number, viaVwsUnit = false) {
  const referrer = userByEmail(db, demo.referrer);
  const isInsurer = demo.referrer.startsWith("zorgbemiddeling");
  const input = ReferralSchema.parse({
    source: isInsurer ? "insurer_mediation" : "provider",
    viaVwsUnit,
    patient: { name: demo.name, bsn: demoBsn(bsnIndex), dateOfBirth: demo.born, municipality: demo.municipality, province: demo.province, insurer: demo.insurer },
    currentProviders: "Ambulant FACT-team; huisarts",
    treatmentHistory: "Meerdere klinische opnames sinds 2015, ambulante behandeling en crisisinterventies.",
    careQuestion: demo.careQuestion,
    problemDescription: "Meerdere vervlochten aandoeningen met problemen op het gebied van wonen, financiën en sociaal netwerk.",
    priorAttempts: [{ who: "Zorgbemiddeling", what: "Aanmelding bij drie klinieken in de regio", when: "Voorjaar 2026", whyFailed: "Geen plek of aanbod sluit niet aan op de combinatie van problemen." }],
    urgency: demo.urgency,
    mainDiagnoses: "Vervlochten psychiatrische aandoeningen (zie behandelgeschiedenis).",
    legalFramework: "none",
    livingSituation: "Woont zelfstandig met ambulante begeleiding; dreigt de woning kwijt te raken.",
    generalPractitioner: "Eigen huisarts in de woonplaats",
    wlzIndication: "no",
    referrerCriteria: [1, 3, 5],
    contact: { name: referrer.name, phone: "088 123 45 67", email: referrer.email },
    consent: { givenBy: "patient", method: "written", givenOn: "2026-10-01", scopeOrganisationTypes: ["ggz_provider", "addiction_care", "insurer"] },
  } satisfies ReferralPayload);
  const created = createReferral(db, input, { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } }, { ip: null, userAgent: "seed" });
  if (!created.ok) throw new Error(`demo case ${demo.name}: ${JSON.stringify(created.fieldErrors)}`);
  const table = db.select().from(regionalTables).where(eq(regionalTables.id, created.tableId)).get()!;
  const chair = userByEmail(db, `voorzitter.${table.slug}`);
  for (const event of demo.steps) {
    if (event === "include" || event === "not_include") {
      const notMet = demo.notMet ?? [];
      saveAssessment(
        db,
        created.caseId,
        "screening",
        chair.id,
        CRITERION_NUMBERS.map((criterion) =>
          notMet.includes(criterion)
            ? { criterion, verdict: "not_met" as const, motivation: "Blijkt niet uit de verwijzing; besproken met de verwijzer." }
            : { criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing en het overleg met de verwijzer." },
        ),
      );
    }
    const step = applyCaseEvent(db, created.caseId, { event, reason: demo.reason }, { userId: chair.id, organisationId: chair.organisationId });
    if (!step.ok) throw new Error(`demo case ${demo.name} ${event}: ${step.error}`);
  }
  return { caseId: created.caseId, code: created.code, patientId: created.patientId, table, chair, referrer };
}

export function seedDemoCases(db: Db) {
  DEMO_CASES.forEach((demo, i) => referDemoCase(db, demo, i, i === 6));
}
