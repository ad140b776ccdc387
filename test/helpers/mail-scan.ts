// Every mail a test portal produced, scanned for patient data at the portal's close: names, BSNs,
// dates of birth (as stored and as a person would write them) and the free text of its cases.
import { allOutboxMails } from "../../app/models/outbox.server";
import { cases, patients } from "../../db/schema";
import type { Portal } from "../../server/app";

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

function birthDateForms(iso: string): string[] {
  const [y, m, d] = iso.split("-");
  const day = String(Number(d));
  const month = String(Number(m));
  return [iso, `${d}-${m}-${y}`, `${d}/${m}/${y}`, `${day}-${month}-${y}`, `${day}/${month}/${y}`, `${day} ${MONTHS[Number(m) - 1]} ${y}`, `${y}${m}${d}`];
}

export type ScanResult = { mails: number; patients: number; findings: string[] };

export function scanOutboxForPatientData(db: Portal["services"]["db"]): ScanResult {
  const mails = allOutboxMails(db);
  const people = db.select({ id: patients.id, name: patients.name, bsn: patients.bsn, dateOfBirth: patients.dateOfBirth }).from(patients).all();
  const freeTexts = db
    .select({ code: cases.code, careQuestion: cases.careQuestion, problem: cases.problemDescription, history: cases.treatmentHistory })
    .from(cases)
    .all();
  const findings: string[] = [];
  for (const mail of mails) {
    const haystack = [mail.subject, mail.text, mail.ics ?? ""].join("\n");
    const lower = haystack.toLowerCase();
    const digits = haystack.replace(/[\s.-]/g, "");
    for (const p of people) {
      if (p.name.trim().length >= 3 && lower.includes(p.name.trim().toLowerCase())) findings.push(`mail ${mail.id}: name of patient ${p.id}`);
      if (digits.includes(p.bsn)) findings.push(`mail ${mail.id}: BSN of patient ${p.id}`);
      if (birthDateForms(p.dateOfBirth).some((form) => lower.includes(form))) findings.push(`mail ${mail.id}: birth date of patient ${p.id}`);
    }
    for (const c of freeTexts) {
      for (const text of [c.careQuestion, c.problem, c.history]) {
        const sample = text.trim().slice(0, 40).toLowerCase();
        if (sample.length >= 12 && lower.includes(sample)) findings.push(`mail ${mail.id}: free text of case ${c.code}`);
      }
    }
  }
  return { mails: mails.length, patients: people.length, findings };
}
