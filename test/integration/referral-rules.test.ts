// Referral and screening rules true to the sources (issue 11), over HTTP against a real portal:
// one patient per BSN (one inzage), insurer scope in the form, not including only after a full
// screening, the information-request round trip on both sides, the advisor's queue, and search.
import { and, eq } from "drizzle-orm";
import { attachments, auditEvents, caseEvents, cases, patients, users } from "#db/schema";
import { ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { mailedSince, outboxMark } from "../helpers/outbox";
import { pageText, sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral, type DeepPartial } from "../helpers/referral-payload";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const { as, get, post } = sessionsFor(() => t.url);
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const VGZ = "zorgbemiddeling.vgz@regiotafel.test";
const CZ = "zorgbemiddeling.cz@regiotafel.test";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const userRow = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const caseRow = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!;

function refer(referrerEmail: string, overrides: DeepPartial<ReferralPayload> = {}) {
  const referrer = userRow(referrerEmail);
  const input = ReferralSchema.parse(validReferral({ ...overrides, patient: { bsn: uniqueBsn(), ...overrides.patient } }));
  const result = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

function fullScreening(caseId: number, notMet: number[] = []) {
  const chair = userRow(CHAIR);
  saveAssessment(db(), caseId, "screening", chair.id, [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({ criterion, verdict: notMet.includes(criterion) ? ("not_met" as const) : ("met" as const), motivation: `Motivering ${criterion}` })));
}

describe("one patient per BSN", () => {
  it("the same BSN twice gives one patient, two cases and one inzage; differing name and birth date are flagged, not overwritten", async () => {
    const bsn = uniqueBsn();
    const first = refer(VGZ, { patient: { bsn, name: "Piet Dubbel", dateOfBirth: "1970-01-02" } });
    const second = refer(CZ, { patient: { bsn, name: "P. Dubbel-Anders", dateOfBirth: "1970-02-01", insurer: "CZ", municipality: "Maastricht" } });
    expect(second.patientId).toBe(first.patientId);
    expect(second.knownPatient).toBe(true);
    expect(db().select().from(patients).where(eq(patients.bsn, bsn)).all()).toHaveLength(1);
    expect(db().select().from(cases).where(eq(cases.patientId, first.patientId)).all()).toHaveLength(2);
    const patient = db().select().from(patients).where(eq(patients.id, first.patientId)).get()!;
    expect(patient).toMatchObject({ name: "Piet Dubbel", dateOfBirth: "1970-01-02", municipality: "Maastricht", province: "Limburg" });
    expect(caseRow(second.caseId).identityConflict).toEqual([
      { field: "name", known: "Piet Dubbel", given: "P. Dubbel-Anders" },
      { field: "dateOfBirth", known: "1970-01-02", given: "1970-02-01" },
    ]);

    // The chair of the second table is told of the conflict and of the other case.
    const limburg = await get("voorzitter.limburg@regiotafel.test", `/casussen/${second.caseId}`);
    expect(limburg.status).toBe(200);
    expect(limburg.html).toContain("Afwijkende gegevens bij dit BSN.");
    expect(limburg.html).toContain("bekend “Piet Dubbel”, in deze verwijzing “P. Dubbel-Anders”");
    expect(limburg.html).toContain("Er is (of was) nog een casus voor deze persoon");
    // The Rotterdam chair sees the other case in full, since consent names ggz providers.
    const rotterdam = await get(CHAIR, `/casussen/${first.caseId}`);
    expect(rotterdam.html).toContain(`${second.code} bij regiotafel 7. Zuid-Limburg`);
    // The referrer of the second case sees that there is another case too.
    const referrerPage = await get(CZ, `/verwijzingen/${second.caseId}`);
    expect(referrerPage.html).toContain("Er is (of was) nog een casus voor deze persoon");

    // One inzage: the first case's access report holds what happened on the second.
    const inzage = await get(CHAIR, `/casussen/${first.caseId}/inzage`);
    expect(inzage.status).toBe(200);
    const logged = db().select().from(auditEvents).where(and(eq(auditEvents.patientId, String(first.patientId)), eq(auditEvents.objectId, String(second.caseId)))).all();
    expect(logged.length).toBeGreaterThan(0);
    // The referral to the other table, by CZ, is in this patient's one access log.
    expect(inzage.html).toContain("Zorgbemiddelaar CZ");
  });
});

describe("insurer scope in the form", () => {
  it("a zorgbemiddeling of CZ cannot refer an insured of VGZ: the insurer is fixed and a forged post is refused", async () => {
    const cz = await as(CZ);
    const start = await cz.post("/verwijzingen/nieuw", {});
    const draftId = Number(/\/verwijzingen\/concept\/(\d+)/.exec(start.headers.get("location") ?? "")![1]);
    const page = await get(CZ, `/verwijzingen/concept/${draftId}?stap=1`);
    expect(page.html).toContain('<input type="hidden" name="patient.insurer" value="CZ"/>');
    const forged = await post(CZ, `/verwijzingen/concept/${draftId}?stap=1`, {
      stap: "1",
      intent: "next",
      "patient.name": "Vera Vreemd",
      "patient.bsn": uniqueBsn(),
      "patient.dateOfBirth": "1990-01-01",
      "patient.municipality": "Breda",
      "patient.insurer": "VGZ",
    });
    expect(forged.status).toBe(200);
    expect(forged.html).toContain("Als zorgbemiddeling van CZ meldt u alleen verzekerden van CZ aan.");
  });
});

describe("complete screening", () => {
  it("not including without a full screening is refused; with it, the decision names the criteria not met", async () => {
    const r = refer(VGZ);
    const page = `/casussen/${r.caseId}`;
    await post(CHAIR, page, { intent: "start_screening" });
    const refused = await post(CHAIR, page, { intent: "not_include", reason: "Past in de reguliere ggz." });
    expect(refused.status).toBe(200);
    expect(refused.html).toContain("Niet includeren kan pas na een volledige screening");
    expect(caseRow(r.caseId).status).toBe("screening");

    // Partial: saved, still refused.
    const partial = await post(CHAIR, page, { intent: "save_screening", verdict_5: "not_met", motivation_5: "Nog geen specialistische behandeling." });
    expect(partial.status).toBe(302);
    expect((await post(CHAIR, page, { intent: "not_include", reason: "Past in de reguliere ggz." })).html).toContain("volledige screening");

    fullScreening(r.caseId, [5, 7]);
    const done = await post(CHAIR, page, { intent: "not_include", reason: "Past in de reguliere ggz." });
    expect(done.status).toBe(302);
    expect(caseRow(r.caseId).status).toBe("not_included");
    const referrer = await get(VGZ, `/verwijzingen/${r.caseId}`);
    expect(referrer.html).toContain("Niet voldaan aan criterium 5. Er is al een aantal (specifieke) behandelingen uitgevoerd; 7.");
  });
});

describe("meer informatie nodig", () => {
  it("the chair asks, the case pauses, the referrer answers with text and a file, screening resumes; both sides see it", async () => {
    const r = refer(VGZ);
    const page = `/casussen/${r.caseId}`;
    await post(CHAIR, page, { intent: "start_screening" });
    const empty = await post(CHAIR, page, { intent: "request_information", question: " " });
    expect(empty.html).toContain("Schrijf de vraag aan de verwijzer");
    const beforeQuestion = outboxMark(db());
    const asked = await post(CHAIR, page, { intent: "request_information", question: "Welke behandelingen zijn sinds 2024 ingezet, en met welk resultaat?" });
    expect(asked.status).toBe(302);
    expect(mailedSince(db(), beforeQuestion)).toEqual([`information_requested → ${VGZ}`]);
    expect(caseRow(r.caseId).status).toBe("information_requested");

    const referrerView = await get(VGZ, `/verwijzingen/${r.caseId}`);
    expect(referrerView.html).toContain("Wacht op informatie van de verwijzer");
    expect(referrerView.html).toContain("Welke behandelingen zijn sinds 2024 ingezet, en met welk resultaat?");
    expect(referrerView.html).toContain('name="antwoord"');

    // An empty answer is refused; nothing changes.
    const client = await as(VGZ);
    const blank = new FormData();
    blank.append("antwoord", "  ");
    const refused = await client.request(`/verwijzingen/${r.caseId}`, { method: "POST", body: blank });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("Schrijf uw antwoord");
    expect(caseRow(r.caseId).status).toBe("information_requested");

    const form = new FormData();
    form.append("antwoord", "Twee klinische opnames (2024, 2025) en FACT; geen blijvend resultaat.");
    form.append("bestand", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "behandeloverzicht.pdf");
    const beforeAnswer = outboxMark(db());
    const answered = await client.request(`/verwijzingen/${r.caseId}`, { method: "POST", body: form });
    expect(answered.status, await answered.clone().text()).toBe(302);
    expect(mailedSince(db(), beforeAnswer)).toEqual([`information_answered → ${CHAIR}`]);
    expect(caseRow(r.caseId).status).toBe("screening");
    const file = db().select().from(attachments).where(eq(attachments.caseId, r.caseId)).all();
    expect(file.map((f) => f.fileName)).toEqual(["behandeloverzicht.pdf"]);

    const chairView = await get(CHAIR, page);
    expect(chairView.html).toContain("Twee klinische opnames (2024, 2025) en FACT; geen blijvend resultaat.");
    expect(chairView.html).toContain("behandeloverzicht.pdf");
    const referrerAfter = await get(VGZ, `/verwijzingen/${r.caseId}`);
    expect(referrerAfter.html).toContain("Twee klinische opnames (2024, 2025) en FACT; geen blijvend resultaat.");
    expect(referrerAfter.html).not.toContain('name="antwoord"');

    // Both steps are lifecycle events: the pause counts in the lead times.
    const events = db().select().from(caseEvents).where(eq(caseEvents.caseId, r.caseId)).all().map((e) => e.event);
    expect(events).toEqual(["receive", "start_screening", "request_information", "answer_information"]);
  });
});

describe("the advisor's queue", () => {
  it("leads with cases presented for the advisor's check, with waiting time; assessing before the outcome is refused", async () => {
    const fresh = refer(VGZ);
    const presented = refer(VGZ);
    const chair = userRow(CHAIR);
    const actor = { userId: chair.id, organisationId: chair.organisationId };
    applyCaseEvent(db(), presented.caseId, { event: "start_screening" }, actor);
    fullScreening(presented.caseId);
    for (const event of ["include", "schedule", "discuss", "agree_plan", "request_advisor_check"] as const) expect(applyCaseEvent(db(), presented.caseId, { event }, actor).ok).toBe(true);

    const list = await get("adviseur.vgz@regiotafel.test", "/adviseur");
    expect(list.status).toBe(200);
    const queue = list.html.slice(list.html.indexOf('id="voorgelegd"'), list.html.indexOf('id="alle-casussen"'));
    expect(queue).toContain(presented.code);
    expect(queue).not.toContain(fresh.code);
    expect(queue).toMatch(/Wacht \d+ dag/);

    const early = await post("adviseur.vgz@regiotafel.test", `/casussen/${fresh.caseId}`, { intent: "advisor_assessment" });
    expect(early.html).toContain("U beoordeelt de criteria pas als de regiotafel de uitkomst aan u heeft voorgelegd");
  });
});

describe("search in the inbox", () => {
  it("finds a case by code and by BSN, audits the search without its text, and finds nothing for another BSN", async () => {
    const bsn = uniqueBsn();
    const r = refer(VGZ, { patient: { bsn, name: "Zoë Zoekbaar" } });
    const byCode = await get(CHAIR, `/tafels/rotterdam/inbox?zoek=${r.code}`);
    expect(byCode.html).toContain(`>${r.code}</a>`);
    const byBsn = await get(CHAIR, `/tafels/rotterdam/inbox?zoek=${bsn}`);
    expect(byBsn.html).toContain(`>${r.code}</a>`);
    expect(byBsn.html).toContain("Zoë Zoekbaar");
    expect((byBsn.html.match(/href="\/casussen\/\d+"/g) ?? []).length).toBe(1);
    const none = await get(CHAIR, `/tafels/rotterdam/inbox?zoek=${uniqueBsn()}`);
    expect(none.html).not.toContain(r.code);
    const searches = db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.search"), eq(auditEvents.userEmail, CHAIR))).all();
    expect(searches.length).toBe(3);
    for (const s of searches) expect(s.detail).not.toContain(bsn);
  });
});
