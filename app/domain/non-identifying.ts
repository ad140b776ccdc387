// Text that leaves the table (a published shortfall, a request to the national project leader)
// must carry no patient data. The chair confirms that; this check catches the obvious slips
// a confirmation does not: a valid BSN or a date of birth typed into the text.
import { isValidBsn } from "./bsn";

const NINE_DIGITS = /(?<!\d)(\d[\s.-]?){8}\d(?!\d)/g;
const DATE = /\b\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}\b|\b(19|20)\d{2}-\d{2}-\d{2}\b/;

/** Why this text may identify a patient, or null. */
export function identifyingTextProblem(text: string): string | null {
  for (const match of text.matchAll(NINE_DIGITS)) {
    if (isValidBsn(match[0].replace(/[\s.-]/g, ""))) return "De tekst bevat een burgerservicenummer. Haal patiëntgegevens weg.";
  }
  if (DATE.test(text)) return "De tekst bevat een datum die een geboortedatum kan zijn. Haal patiëntgegevens weg (noem zo nodig alleen een maand of jaar).";
  return null;
}

export const CONFIRM_NO_PATIENT_DATA = "Bevestig dat de tekst geen patiëntgegevens bevat.";
