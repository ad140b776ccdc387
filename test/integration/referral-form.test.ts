// The referral intake form through HTTP, as a browser without JavaScript uses it: four steps
// saved into a draft, Dutch field errors, attachments checked by their bytes, and the referrer's
// view of what happened to the referral. Access for other organisations and users is 404.
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { attachments, auditEvents, cases, consents, referralDrafts, regionalTables } from "#db/schema";
import { NO_CONSENT_MESSAGE } from "../../app/domain/referral-schema";
import { Client, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const VGZ = "zorgbemiddeling.vgz@regiotafel.test";
const PARNASSIA = "verwijzer.parnassia@regiotafel.test";

const db = () => t.portal.services.db;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const BSN_ERROR = "Dit is geen geldig burgerservicenummer (de elfproef klopt niet).";

const STEP1 = {
  "patient.name": "Jan Jansen",
  "patient.bsn": "111222333",
  "patient.dateOfBirth": "1980-05-17",
  "patient.address": "Coolsingel 40, 3011 AD",
  "patient.municipality": "Rotterdam",
  "patient.insurer": "VGZ",
};

const STEP2 = {
  currentProviders: "FACT-team Delfland",
  treatmentHistory: "Drie klinische opnames sinds 2019",
  careQuestion: "Welke intensieve woonvoorziening met behandeling is passend?",
  problemDescription: "Psychotische stoornis, verslaving en schulden; dakloos.",
  "priorAttempts.0.who": "Zorgbemiddeling VGZ",
  "priorAttempts.0.what": "Aanmelding bij twee klinieken voor intensieve behandeling",
  "priorAttempts.0.when": "januari 2025",
  "priorAttempts.0.whyFailed": "Geen plek voor de combinatie van problematiek",
  urgency: "high",
  mainDiagnoses: "Schizofrenie (F20.0); stoornis in alcoholgebruik",
  legalFramework: "wvggz",
  legalFrameworkEndDate: "2027-01-31",
  livingSituation: "Dakloos, slaapt in de nachtopvang",
  generalPractitioner: "Huisartsenpraktijk Centrum, Rotterdam",
  wlzIndication: "no",
  referrerCriteria: ["1", "3", "4"],
  "contact.name": "Sanne de Vries",
  "contact.phone": "010-1234567",
  "contact.email": "sanne.devries@example.nl",
};

const STEP3 = {
  "consent.givenBy": "patient",
  "consent.method": "written",
  "consent.givenOn": "2025-02-01",
  "consent.scopeOrganisationTypes": ["ggz_provider", "insurer"],
};

async function startDraft(client: Client): Promise<number> {
  const response = await client.post("/verwijzingen/nieuw", {});
  expect(response.status).toBe(302);
  const location = response.headers.get("location")!;
  const match = /^\/verwijzingen\/concept\/(\d+)\?stap=1$/.exec(location);
  expect(match, location).not.toBeNull();
  return Number(match![1]);
}

function postStep(client: Client, draftId: number, step: number, fields: Record<string, string | string[]>, intent = "next") {
  return client.post(`/verwijzingen/concept/${draftId}?stap=${step}`, { stap: String(step), intent, ...fields });
}

function upload(client: Client, draftId: number, fileName: string, bytes: Buffer, type = "application/octet-stream") {
  const form = new FormData();
  form.append("stap", "4");
  form.append("intent", "upload");
  form.append("bestand", new Blob([new Uint8Array(bytes)], { type }), fileName);
  // Client.request adds the session cookie and our Origin; fetch sets the multipart boundary.
  return client.request(`/verwijzingen/concept/${draftId}?stap=4`, { method: "POST", body: form });
}

const draftRow = (id: number) => db().select().from(referralDrafts).where(eq(referralDrafts.id, id)).get();
const draftAttachments = (draftId: number) => db().select().from(attachments).where(eq(attachments.draftId, draftId)).all();

async function expectRedirect(response: Response, location: RegExp) {
  const body = response.status === 302 ? "" : await pageText(response);
  expect(response.status, body.slice(0, 2000)).toBe(302);
  expect(response.headers.get("location")).toMatch(location);
}

/** Steps 1–3 filled correctly; returns the draft id. */
async function filledDraft(client: Client, step1: Record<string, string> = STEP1): Promise<number> {
  const draftId = await startDraft(client);
  await expectRedirect(await postStep(client, draftId, 1, step1), /\?stap=2$/);
  await expectRedirect(await postStep(client, draftId, 2, STEP2), /\?stap=3$/);
  await expectRedirect(await postStep(client, draftId, 3, STEP3), /\?stap=4$/);
  return draftId;
}

async function submit(client: Client, draftId: number): Promise<number> {
  const response = await postStep(client, draftId, 4, {}, "submit");
  await expectRedirect(response, /^\/verwijzingen\/\d+$/);
  return Number(/\/verwijzingen\/(\d+)/.exec(response.headers.get("location")!)![1]);
}

const tableNumberOf = (caseId: number) =>
  db().select({ number: regionalTables.number }).from(cases).innerJoin(regionalTables, eq(cases.tableId, regionalTables.id)).where(eq(cases.id, caseId)).get()!.number;

describe("step 1: patient", () => {
  it("refuses a BSN that fails the elfproef, keeps what was typed and has saved it in the draft", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const response = await postStep(client, draftId, 1, { ...STEP1, "patient.bsn": "123456789" });
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain(BSN_ERROR);
    expect(html).toContain('id="veld-patient.bsn-fout"');
    expect(html).toContain('value="Jan Jansen"');
    expect(html).toContain('value="123456789"');
    expect(html).toContain('aria-invalid="true"');
    // Saved before validating: nothing typed is lost.
    const saved = draftRow(draftId)!.data as Record<string, string>;
    expect(saved["patient.name"]).toBe("Jan Jansen");
    expect(saved["patient.bsn"]).toBe("123456789");
    expect(draftRow(draftId)!.step).toBe(1);
    // The save was audited, without a patient (there is none yet).
    const saves = db().select().from(auditEvents).where(and(eq(auditEvents.action, "referral.draft_save"), eq(auditEvents.objectId, String(draftId)))).all();
    expect(saves.length).toBeGreaterThan(0);
    expect(saves.every((s) => s.patientId === null)).toBe(true);
  });

  it("shows the source as text and preselects the insurer's own name for an insurer", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const html = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1`));
    expect(html).toContain("Zorgbemiddeling zorgverzekeraar");
    expect(html).toContain("Aangemeld bij de VWS-unit complexe zorgvragen");
    // A zorgbemiddeling refers only its own insured: the insurer is fixed, not a choice.
    expect(html).toContain('<input type="hidden" name="patient.insurer" value="VGZ"/>');
    expect(html).not.toContain('name="patient.province"');
    expect(html).toContain('list="gemeenten"');
    expect(html).toContain('<option value="Spijkenisse">');
    const provider = await loggedIn(t.url, PARNASSIA);
    const providerDraft = await startDraft(provider);
    const providerHtml = await pageText(await provider.get(`/verwijzingen/concept/${providerDraft}?stap=1`));
    expect(providerHtml).toContain("Zorgaanbieder");
    expect(providerHtml).not.toContain("Aangemeld bij de VWS-unit complexe zorgvragen");
  });

  it("proposes the table from province and municipality once they are known", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const response = await postStep(client, draftId, 1, { "patient.municipality": "Schiedam" }, "propose");
    await expectRedirect(response, /\?stap=1#voorstel$/);
    const html = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1`));
    expect(html).toContain("Voorgestelde regiotafel op grond van de woonplaats: <strong>2. Rotterdam-Rijnmond</strong>");
    expect(html).toContain("Regel: Uitzondering Rotterdam-Rijnmond (gemeente Schiedam, Zuid-Holland)");
    await postStep(client, draftId, 1, { "patient.municipality": "Leiden" }, "propose");
    const leiden = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1`));
    expect(leiden).toContain("<strong>1. Den Haag</strong>");
    expect(leiden).toContain("Regel: Provincie Zuid-Holland");
    // A place that is not a municipality resolves to its municipality, and the province follows.
    await postStep(client, draftId, 1, { "patient.municipality": "Spijkenisse" }, "propose");
    const spijkenisse = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1`));
    expect(spijkenisse).toContain("<strong>2. Rotterdam-Rijnmond</strong>");
    expect(spijkenisse).toContain("Gemeente Nissewaard (GM1930, provincie Zuid-Holland)");
    // Gooi belongs to table 4's own area.
    await postStep(client, draftId, 1, { "patient.municipality": "Hilversum" }, "propose");
    expect(await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1`))).toContain("<strong>4. Flevoland en Gooi/Veluwe</strong>");
  });

  it("refuses another table without a reason, and routes there with one", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const refused = await postStep(client, draftId, 1, { ...STEP1, "tableOverride.table": "amsterdam", "tableOverride.reason": "" });
    expect(refused.status).toBe(200);
    const refusedHtml = await pageText(refused);
    expect(refusedHtml).toContain("Geef de reden waarom u een andere regiotafel kiest");
    expect(refusedHtml).toContain('id="veld-tableOverride.reason-fout"');
    await expectRedirect(
      await postStep(client, draftId, 1, { ...STEP1, "tableOverride.table": "amsterdam", "tableOverride.reason": "Regiobinding: familie woont in Amsterdam" }),
      /\?stap=2$/,
    );
    await expectRedirect(await postStep(client, draftId, 2, STEP2), /\?stap=3$/);
    await expectRedirect(await postStep(client, draftId, 3, STEP3), /\?stap=4$/);
    const caseId = await submit(client, draftId);
    expect(tableNumberOf(caseId)).toBe(3);
    const row = db().select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(row.routingOverrideReason).toBe("Regiobinding: familie woont in Amsterdam");
  });
});

describe("step 2: care question", () => {
  it("refuses a referral without a prior placement attempt, in Dutch", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const withoutAttempt = Object.fromEntries(Object.entries(STEP2).filter(([k]) => !k.startsWith("priorAttempts")));
    const response = await postStep(client, draftId, 2, { ...withoutAttempt, "priorAttempts.0.who": "", "priorAttempts.0.what": "", "priorAttempts.0.when": "", "priorAttempts.0.whyFailed": "" });
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Beschrijf minstens één eerdere plaatsingspoging: de regiotafel neemt alleen casussen die niet plaatsbaar bleken.");
    expect(html).toContain('id="pogingen-fout"');
    expect(html).toContain("Welke intensieve woonvoorziening met behandeling is passend?");
  });

  it("adds another attempt with a submit button, keeping the first", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await expectRedirect(await postStep(client, draftId, 2, STEP2, "addAttempt"), /\?stap=2#poging-2$/);
    const html = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=2`));
    expect(html).toContain("Poging 2");
    expect(html).toContain('name="priorAttempts.1.who"');
    expect(html).toContain('value="Zorgbemiddeling VGZ"');
    // An added row left empty is not an attempt and does not block the step.
    await expectRedirect(await postStep(client, draftId, 2, { ...STEP2, "priorAttempts.1.who": "" }), /\?stap=3$/);
    // Removing the first row renumbers the rest.
    await postStep(client, draftId, 2, { ...STEP2, "priorAttempts.1.who": "Tweede aanbieder" }, "removeAttempt:0");
    const saved = draftRow(draftId)!.data as Record<string, string>;
    expect(saved["priorAttempts.0.who"]).toBe("Tweede aanbieder");
    expect(saved["priorAttempts.1.who"]).toBeUndefined();
  });

  it("goes back without validating", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await expectRedirect(await postStep(client, draftId, 2, { careQuestion: "Alleen de vraag" }, "prev"), /\?stap=1$/);
    expect((draftRow(draftId)!.data as Record<string, string>).careQuestion).toBe("Alleen de vraag");
  });
});

describe("step 3: consent", () => {
  it("refuses a representative of rank 3 without confirming nobody of a higher rank is there", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const representative = {
      "consent.givenBy": "representative",
      "consent.representativeKind": "partner",
      "consent.representativeName": "Petra Jansen",
      "consent.patientIncompetent": "on",
      "consent.method": "oral",
      "consent.givenOn": "2025-02-01",
    };
    const refused = await postStep(client, draftId, 3, representative);
    expect(refused.status).toBe(200);
    const html = await pageText(refused);
    expect(html).toContain("Een vertegenwoordiger lager in de wettelijke rangorde mag alleen optreden");
    expect(html).toContain('id="veld-consent.higherRanksUnavailable-fout"');
    expect(html).toContain('value="Petra Jansen"');
    await expectRedirect(await postStep(client, draftId, 3, { ...representative, "consent.higherRanksUnavailable": "on" }), /\?stap=4$/);
  });

  it("an untouched consent step says consent is needed", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const response = await postStep(client, draftId, 3, {});
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain(NO_CONSENT_MESSAGE);
  });
});

describe("submission", () => {
  it("walks through all steps with an attachment: a case at table 2, listed as Ontvangen with code RT…", async () => {
    const client = await loggedIn(t.url, VGZ);
    // A BSN of its own: one patient per BSN, and this test counts the patient's audit lines.
    const draftId = await filledDraft(client, { ...STEP1, "patient.bsn": "987654305" });
    await expectRedirect(await upload(client, draftId, "verwijsbrief.pdf", PDF, "application/pdf"), /\?stap=4$/);
    const check = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=4`));
    expect(check).toContain("verwijsbrief.pdf");
    expect(check).toContain("Jan Jansen");
    expect(check).toContain("Verwijzing indienen");

    const casesBefore = db().select().from(cases).all().length;
    const caseId = await submit(client, draftId);
    expect(db().select().from(cases).all().length).toBe(casesBefore + 1);
    expect(tableNumberOf(caseId)).toBe(2);
    const row = db().select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(row.code).toMatch(/^RT2-\d{4}-\d{3}$/);
    expect(row.source).toBe("insurer_mediation");
    expect(row.submittedVia).toBe("form");
    expect(row.priorAttempts).toHaveLength(1);
    const consent = db().select().from(consents).where(eq(consents.caseId, caseId)).get()!;
    expect(consent.givenBy).toBe("patient");
    expect(consent.scopeOrganisationTypes).toEqual(["ggz_provider", "insurer"]);

    // The draft is gone; its attachment belongs to the case now.
    expect(draftRow(draftId)).toBeUndefined();
    const files = db().select().from(attachments).where(eq(attachments.caseId, caseId)).all();
    expect(files).toHaveLength(1);
    expect(files[0].draftId).toBeNull();

    const status = await client.get(`/verwijzingen/${caseId}`);
    expect(status.status).toBe(200);
    const statusHtml = await pageText(status);
    expect(statusHtml).toContain("Uw verwijzing is ingediend en ontvangen door regiotafel 2. Rotterdam-Rijnmond");
    // Shown once: the flash is gone on reload.
    expect(await pageText(await client.get(`/verwijzingen/${caseId}`))).not.toContain("Uw verwijzing is ingediend");
    expect(statusHtml).toContain(row.code);
    expect(statusHtml).toContain("Ontvangen");
    expect(statusHtml).toContain("2. Rotterdam-Rijnmond");
    expect(statusHtml).toContain("verwijsbrief.pdf");

    const list = await pageText(await client.get("/verwijzingen"));
    expect(list).toContain(row.code);
    expect(list).toMatch(/RT2-\d{4}-\d{3}/);
    expect(list).toContain("Jan Jansen");
    expect(list).toContain("Ontvangen");
    expect(list).toContain("Hoog");
    const listed = db().select().from(auditEvents).where(and(eq(auditEvents.action, "referral.list"), eq(auditEvents.patientId, String(row.patientId)))).all();
    expect(listed.length).toBeGreaterThan(0);

    // The PDF downloads with identical bytes and safe headers.
    const download = await client.get(`/bijlagen/${files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="verwijsbrief\.pdf"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    // Both the view and the download are in the audit log with the patient.
    const patientId = String(row.patientId);
    const view = db().select().from(auditEvents).where(and(eq(auditEvents.action, "referral.view"), eq(auditEvents.patientId, patientId))).all();
    const downloads = db().select().from(auditEvents).where(and(eq(auditEvents.action, "attachment.download"), eq(auditEvents.patientId, patientId))).all();
    expect(view.length).toBeGreaterThan(0);
    expect(downloads).toHaveLength(1);
    expect(downloads[0].objectId).toBe(String(files[0].id));
    const created = db().select().from(auditEvents).where(and(eq(auditEvents.action, "referral.create"), eq(auditEvents.patientId, patientId))).all();
    expect(created).toHaveLength(1);
  });

  it("routes a patient in the province of Utrecht to table 4 (referred by a provider)", async () => {
    const client = await loggedIn(t.url, PARNASSIA);
    const draftId = await filledDraft(client, { ...STEP1, "patient.name": "Els Utrecht", "patient.bsn": "123456782", "patient.municipality": "Utrecht", "patient.insurer": "Zilveren Kruis" });
    const caseId = await submit(client, draftId);
    expect(tableNumberOf(caseId)).toBe(4);
    const row = db().select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(row.code).toMatch(/^RT4-/);
    expect(row.source).toBe("provider");
    const list = await pageText(await client.get("/verwijzingen"));
    expect(list).toContain("Els Utrecht");
    expect(list).toContain("4. Flevoland en Gooi/Veluwe");
  });

  it("refuses to submit without the consent step, with the consent message and a link to step 3", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await expectRedirect(await postStep(client, draftId, 1, STEP1), /\?stap=2$/);
    await expectRedirect(await postStep(client, draftId, 2, STEP2), /\?stap=3$/);
    const before = db().select().from(cases).all().length;
    const response = await postStep(client, draftId, 4, {}, "submit");
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain(NO_CONSENT_MESSAGE);
    expect(html).toContain(`/verwijzingen/concept/${draftId}?stap=3&amp;controle=1#veld-consent`);
    expect(db().select().from(cases).all().length).toBe(before);
    expect(draftRow(draftId)).toBeDefined();
  });

  it("lists the errors of other steps with links that show them next to the fields", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await postStep(client, draftId, 1, { ...STEP1, "patient.bsn": "123456789" }, "goto:3");
    await expectRedirect(await postStep(client, draftId, 3, STEP3, "goto:4"), /\?stap=4$/);
    const html = await pageText(await postStep(client, draftId, 4, {}, "submit"));
    expect(html).toContain(`/verwijzingen/concept/${draftId}?stap=1&amp;controle=1#veld-patient.bsn`);
    expect(html).toContain(`/verwijzingen/concept/${draftId}?stap=2&amp;controle=1#veld-careQuestion`);
    const step1 = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=1&controle=1`));
    expect(step1).toContain(BSN_ERROR);
    expect(step1).toContain('id="veld-patient.bsn-fout"');
    expect(step1).toContain('value="123456789"');
  });
});

describe("attachments", () => {
  it("stores a .pdf-named PNG as image/png, refuses a text file named .pdf and an 11 MB file, in Dutch", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);

    await expectRedirect(await upload(client, draftId, "scan.pdf", PNG, "application/pdf"), /\?stap=4$/);
    const [png] = draftAttachments(draftId);
    expect(png.contentType).toBe("image/png");
    expect(png.fileName).toBe("scan.png");
    expect(png.storageKey).toMatch(/^[a-f0-9]{32}$/);
    // Stored under a random name in the uploads folder, not the user's name, with its checksum.
    const stored = fs.readFileSync(path.join(t.portal.services.config.uploadsPath, png.storageKey));
    expect(stored.equals(PNG)).toBe(true);
    expect(png.sha256).toMatch(/^[a-f0-9]{64}$/);
    const own = await client.get(`/bijlagen/${png.id}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");

    const text = await upload(client, draftId, "x.pdf", Buffer.from("Dit is gewoon tekst, geen PDF.\n"), "application/pdf");
    expect(text.status).toBe(400);
    expect(await pageText(text)).toContain("Dit soort bestand kan niet worden toegevoegd");

    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    PDF.copy(big);
    const tooLarge = await upload(client, draftId, "groot.pdf", big, "application/pdf");
    expect(tooLarge.status).toBe(413);
    expect(await pageText(tooLarge)).toContain("Het bestand is groter dan 10 MB.");

    const noFile = new FormData();
    noFile.append("stap", "4");
    noFile.append("anders", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "verkeerd-veld.pdf");
    const withoutFile = await client.request(`/verwijzingen/concept/${draftId}?stap=4`, { method: "POST", body: noFile });
    expect(withoutFile.status).toBe(400);
    expect(await pageText(withoutFile)).toContain("Kies een bestand om toe te voegen.");

    expect(draftAttachments(draftId)).toHaveLength(1);
    // The portal still answers normally afterwards.
    expect((await client.get(`/verwijzingen/concept/${draftId}?stap=4`)).status).toBe(200);
  });

  it("strips path characters from the shown name", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await expectRedirect(await upload(client, draftId, '..\\..\\etc\\brief<1>|*?.pdf', PDF, "application/pdf"), /\?stap=4$/);
    const [row] = draftAttachments(draftId);
    expect(row.fileName).toBe("brief1.pdf");
  });

  it("refuses a file name with bidi controls (finding 9 of issue 13: 'factuur<U+202E>gnp.png' displays reversed)", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    const names = ["factuur\u202Egnp.png", "brief\u2067fdp.exe\u2069.pdf", "scan\u200F.png", "a\u061Cb.png"];
    const statuses: number[] = [];
    for (const name of names) {
      const response = await upload(client, draftId, name, PNG, "image/png");
      statuses.push(response.status);
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(await pageText(response)).toContain("De bestandsnaam bevat onzichtbare tekens die de leesrichting omdraaien.");
    }
    expect(draftAttachments(draftId)).toHaveLength(0);
    console.log(`bidi file names: ${names.length} uploads → statuses ${statuses.join(", ")}, ${draftAttachments(draftId).length} stored`);
  });

  it("refuses to serve a file whose bytes no longer match the checksum (409, audited)", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await upload(client, draftId, "brief.pdf", PDF, "application/pdf");
    const [row] = draftAttachments(draftId);
    fs.writeFileSync(path.join(t.portal.services.config.uploadsPath, row.storageKey), Buffer.concat([PDF, Buffer.from("gewijzigd")]));
    const response = await client.get(`/bijlagen/${row.id}`);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("is gewijzigd sinds het werd toegevoegd");
    expect(html).not.toContain("gewijzigd\n%%EOF");
    const events = db().select().from(auditEvents).where(and(eq(auditEvents.action, "attachment.integrity_error"), eq(auditEvents.objectId, String(row.id)))).all();
    expect(events).toHaveLength(1);
    expect(events[0].outcome).toBe("failure");
  });

  it("deletes an attachment of the draft", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await upload(client, draftId, "brief.pdf", PDF, "application/pdf");
    const [row] = draftAttachments(draftId);
    await expectRedirect(await postStep(client, draftId, 4, { attachmentId: String(row.id) }, "deleteAttachment"), /\?stap=4$/);
    expect(draftAttachments(draftId)).toHaveLength(0);
    expect(fs.existsSync(path.join(t.portal.services.config.uploadsPath, row.storageKey))).toBe(false);
  });
});

describe("discarding a draft", () => {
  it("refuses a discard without the confirmation, and deletes draft and attachments with it (audited)", async () => {
    const client = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(client);
    await upload(client, draftId, "brief.pdf", PDF, "application/pdf");
    const [row] = draftAttachments(draftId);

    // A bare one-click post (the old red button) is refused in Dutch and removes nothing.
    const bare = await postStep(client, draftId, 4, {}, "discard");
    expect(bare.status).toBe(400);
    expect(await pageText(bare)).toContain("Bevestig deze handeling eerst.");
    const wrong = await postStep(client, draftId, 4, { bevestigd: "nee" }, "discard");
    expect(wrong.status).toBe(400);
    expect(draftRow(draftId)).toBeDefined();
    expect(draftAttachments(draftId)).toHaveLength(1);

    // Without JavaScript the trigger leads to the same page with the dialog open: a confirmation page.
    const confirmPage = await pageText(await client.get(`/verwijzingen/concept/${draftId}?stap=4&bevestig=weggooien`));
    expect(confirmPage).toMatch(/<dialog[^>]*id="bevestig-weggooien"[^>]*open/);
    expect(confirmPage).toContain("Ja, weggooien");

    await expectRedirect(await postStep(client, draftId, 4, { bevestigd: "ja" }, "discard"), /^\/verwijzingen$/);
    expect(draftRow(draftId)).toBeUndefined();
    expect(draftAttachments(draftId)).toHaveLength(0);
    expect(fs.existsSync(path.join(t.portal.services.config.uploadsPath, row.storageKey))).toBe(false);
    const logged = db().select().from(auditEvents).where(and(eq(auditEvents.action, "referral.draft_delete"), eq(auditEvents.objectId, String(draftId)))).all();
    expect(logged).toHaveLength(1);
  });
});

describe("access", () => {
  it("another referrer organisation gets 404 on the referral and its attachment", async () => {
    const vgz = await loggedIn(t.url, VGZ);
    const draftId = await filledDraft(vgz, { ...STEP1, "patient.name": "Piet Geheim" });
    await upload(vgz, draftId, "geheim.pdf", PDF, "application/pdf");
    const caseId = await submit(vgz, draftId);
    const [file] = db().select().from(attachments).where(eq(attachments.caseId, caseId)).all();

    const other = await loggedIn(t.url, PARNASSIA);
    const page = await other.get(`/verwijzingen/${caseId}`);
    expect(page.status).toBe(404);
    expect(await pageText(page)).not.toContain("Piet Geheim");
    const download = await other.get(`/bijlagen/${file.id}`);
    expect(download.status).toBe(404);
    const body = Buffer.from(await download.arrayBuffer());
    expect(body.includes(PDF)).toBe(false);
    // Exactly like an attachment that does not exist.
    const missing = await other.get("/bijlagen/999999");
    expect(missing.status).toBe(404);
    expect(body.toString()).toBe(await missing.text());
    expect(await pageText(await other.get("/verwijzingen"))).not.toContain("Piet Geheim");

    const denied = db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.denied"), eq(auditEvents.userEmail, PARNASSIA))).all();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("a draft of another user is 404 for reading, saving and its attachments", async () => {
    const vgz = await loggedIn(t.url, VGZ);
    const draftId = await startDraft(vgz);
    await postStep(vgz, draftId, 1, { ...STEP1, "patient.name": "Alleen Voor Mij" }, "goto:1");
    await upload(vgz, draftId, "brief.pdf", PDF, "application/pdf");
    const [file] = draftAttachments(draftId);

    const other = await loggedIn(t.url, PARNASSIA);
    const page = await other.get(`/verwijzingen/concept/${draftId}?stap=1`);
    expect(page.status).toBe(404);
    expect(await pageText(page)).not.toContain("Alleen Voor Mij");
    const save = await postStep(other, draftId, 1, { ...STEP1, "patient.name": "Overschreven" });
    expect(save.status).toBe(404);
    expect((draftRow(draftId)!.data as Record<string, string>)["patient.name"]).toBe("Alleen Voor Mij");
    const submitted = await postStep(other, draftId, 4, {}, "submit");
    expect(submitted.status).toBe(404);
    expect((await upload(other, draftId, "x.pdf", PDF, "application/pdf")).status).toBe(404);
    expect((await other.get(`/bijlagen/${file.id}`)).status).toBe(404);
    expect(await pageText(await other.get("/verwijzingen"))).not.toContain(`/verwijzingen/concept/${draftId}`);

    // The owner still has it, listed with "verder gaan".
    const list = await pageText(await vgz.get("/verwijzingen"));
    expect(list).toContain(`/verwijzingen/concept/${draftId}?stap=1`);
    expect(list).toContain("verder gaan");
    expect(list).toContain("Alleen Voor Mij");
  });

  it("people without the referrer role cannot use the form", async () => {
    const member = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    expect((await member.get("/verwijzingen")).status).toBe(403);
    expect((await member.post("/verwijzingen/nieuw", {})).status).toBe(403);
  });

  it("the chair of the case's table may download its attachment; a table member of another table may not", async () => {
    const vgz = await loggedIn(t.url, VGZ);
    const draftId = await filledDraft(vgz);
    await upload(vgz, draftId, "brief.pdf", PDF, "application/pdf");
    const caseId = await submit(vgz, draftId);
    const [file] = db().select().from(attachments).where(eq(attachments.caseId, caseId)).all();
    const chair = await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test");
    const ok = await chair.get(`/bijlagen/${file.id}`);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(PDF)).toBe(true);
    const stranger = await loggedIn(t.url, "lid.limburg@regiotafel.test");
    expect((await stranger.get(`/bijlagen/${file.id}`)).status).toBe(404);
  });
});
