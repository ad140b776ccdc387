// A referral that passes ReferralSchema and createReferral as it is, for tests of the form, the API
// and anything downstream. Override any part; nested objects merge, arrays are replaced, and a key
// set to undefined is left out (e.g. validReferral({ consent: undefined }) has no consent).
import type { ReferralPayload } from "../../app/domain/referral-schema";
import { amsterdamToday } from "./dates";

export type DeepPartial<T> = T extends readonly (infer _U)[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;

/** Today as ReferralSchema checks dates (Amsterdam), so "not in the future" holds and "not before" rules too. */
export const today = amsterdamToday;

/** A BSN that passes the elfproef. */
export const VALID_BSN = "111222333";

export function baseReferral(): ReferralPayload {
  return {
    source: "insurer_mediation",
    viaVwsUnit: false,
    patient: {
      name: "Test Patiënt",
      bsn: VALID_BSN,
      dateOfBirth: "1985-05-17",
      address: "Teststraat 1",
      municipality: "Rotterdam",
      province: "Zuid-Holland",
      insurer: "VGZ",
    },
    currentProviders: "FACT-team en huisarts",
    treatmentHistory: "Meerdere klinische opnames en ambulante behandeling sinds 2015.",
    careQuestion: "Welke intensieve behandeling met woonbegeleiding is binnen vier weken mogelijk?",
    problemDescription: "Vervlochten psychotische en verslavingsproblematiek met schulden en dreigende dakloosheid.",
    priorAttempts: [
      { who: "Zorgbemiddeling", what: "Aanmelding bij drie klinieken in de regio", when: "Voorjaar 2026", whyFailed: "Geen plek of aanbod sluit niet aan." },
    ],
    urgency: "high",
    mainDiagnoses: "Schizofrenie (F20.0); stoornis in het gebruik van middelen (cannabis, alcohol).",
    legalFramework: "wvggz",
    legalFrameworkEndDate: "2027-03-31",
    livingSituation: "Dakloos sinds twee maanden; slaapt afwisselend bij familie en in de nachtopvang.",
    generalPractitioner: "Huisartsenpraktijk De Linde, Rotterdam",
    wlzIndication: "no",
    referrerCriteria: [1, 3, 4, 5],
    contact: { name: "Zorgbemiddelaar Test", phone: "088 123 45 67", email: "zorgbemiddeling@example.test" },
    consent: {
      givenBy: "patient",
      method: "written",
      givenOn: today(),
      scopeOrganisationTypes: ["ggz_provider", "addiction_care"],
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = merge(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

export function validReferral(overrides: DeepPartial<ReferralPayload> = {}): ReferralPayload {
  return merge(baseReferral() as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as ReferralPayload;
}

let bsnCounter = 0;
/**
 * A fresh BSN that passes the elfproef, for tests that need different people: one BSN is one
 * patient, so referrals sharing VALID_BSN are cases of the same person. Starts above the demo BSNs.
 */
export function uniqueBsn(): string {
  for (;;) {
    const candidate = String(300_000_000 + bsnCounter++ * 7 + (process.pid % 7));
    const digits = [...candidate].map(Number);
    const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8];
    if (sum % 11 === 0) return candidate;
  }
}
