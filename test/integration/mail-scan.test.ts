// The scan every test portal runs over its outbox at close (test/helpers/portal.ts) must find what
// it looks for: a planted name, BSN, birth date and care question are each reported.
import { eq } from "drizzle-orm";
import { cases, outboxMails, patients } from "#db/schema";
import { enqueueMail } from "~/models/outbox.server";
import { scanOutboxForPatientData } from "../helpers/mail-scan";
import { startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

it("reports a patient's name, BSN, birth date and a case's free text in a mail, and nothing in a clean one", () => {
  const db = t.portal.services.db;
  const c = db.select().from(cases).get()!;
  const p = db.select().from(patients).where(eq(patients.id, c.patientId)).get()!;
  const [y, m, d] = p.dateOfBirth.split("-");
  const mail = (text: string) => enqueueMail(db, { kind: "test", toUserId: null, toAddress: "x@example.test", subject: "Regiotafel: test", text });
  const clean = mail(`Casus ${c.code}: bekijk het in het portaal.`);
  const leaks = [
    mail(`Over ${p.name.toUpperCase()}.`),
    mail(`BSN ${p.bsn.slice(0, 4)}.${p.bsn.slice(4, 6)}.${p.bsn.slice(6)}`),
    mail(`Geboren ${d}-${m}-${y}`),
    mail(`Vraag: ${c.careQuestion}`),
  ];
  const scan = scanOutboxForPatientData(db);
  console.log(`planted: ${leaks.length} leaking mails, ${scan.findings.length} findings`);
  for (const id of leaks) expect(scan.findings.some((f) => f.startsWith(`mail ${id}:`)), `mail ${id}`).toBe(true);
  expect(scan.findings.some((f) => f.startsWith(`mail ${clean}:`))).toBe(false);
  // Leave only the clean mail, so the close-time scan of this portal passes.
  for (const id of leaks) db.delete(outboxMails).where(eq(outboxMails.id, id)).run();
});
