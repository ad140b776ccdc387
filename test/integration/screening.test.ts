// Screening by the table chair, the case page and the medical advisor's assessment, against a
// real portal: who sees what (consent), which actions each role may take, the Dutch errors
// with typed values kept, mass assignment ignored, and the audit trail with patient ids.
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, caseEvents, cases, organisations, patients, regionalTables, users } from "#db/schema";
import { ReferralSchema } from "~/domain/referral-schema";
import { ageBand } from "~/domain/case-display";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { applyCaseEvent, latestAssessment, saveAssessment } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral, type DeepPartial } from "../helpers/referral-payload";
import type { ReferralPayload } from "~/domain/referral-schema";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test"; // IrisZorg, verslavingszorg
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

const tableId = (slug: string) => db().select().from(regionalTables).where(eq(regionalTables.slug, slug)).get()!.id;
const caseRow = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!;

/** A referral by VGZ's zorgbemiddeling, created the way the form and API create one. */
function refer(overrides: DeepPartial<ReferralPayload> = {}) {
  const referrer = db().select().from(users).where(eq(users.email, "zorgbemiddeling.vgz@regiotafel.test")).get()!;
  // A person of their own unless the test says otherwise: one BSN is one patient.
  const input = ReferralSchema.parse(validReferral({ ...overrides, patient: { bsn: uniqueBsn(), ...overrides.patient } }));
  const result = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`referral refused: ${JSON.stringify(result)}`);
  return { ...result, patientId: caseRow(result.caseId).patientId };
}

/** All seven criteria filled in; override single fields (or drop them with undefined). */
function criteria(over: Record<string, string | undefined> = {}) {
  const fields: Record<string, string> = {};
  for (let n = 1; n <= 7; n++) {
    fields[`verdict_${n}`] = n === 4 ? "unknown" : "met";
    fields[`motivation_${n}`] = `Onderbouwing criterium ${n}: blijkt uit de behandelgeschiedenis.`;
  }
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete fields[k];
    else fields[k] = v;
  }
  return fields;
}

const { get, post } = sessionsFor(() => t.url);

/** Through the table's steps to "Toetsing medisch adviseur": the outcome goes to the advisor. */
function presentToAdvisor(caseId: number) {
  const chair = db().select().from(users).where(eq(users.email, CHAIR)).get()!;
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  applyCaseEvent(db(), caseId, { event: "start_screening" }, actor);
  saveAssessment(db(), caseId, "screening", chair.id, [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing." })));
  for (const event of ["include", "schedule", "discuss", "agree_plan", "request_advisor_check"] as const) {
    const step = applyCaseEvent(db(), caseId, { event }, actor);
    if (!step.ok) throw new Error(`${event}: ${step.error}`);
  }
}

const auditFor = (action: string, patientId: number) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.patientId, String(patientId))))
    .all();

describe("the chair's inbox", () => {
  it("lists a new referral at the routed table with name, age, urgency, source and state; most urgent first", async () => {
    const regular = refer({ urgency: "regular", patient: { name: "Ria Regulier" } });
    const crisis = refer({ urgency: "crisis", patient: { name: "Cas Crisis" } });
    const high = refer({ urgency: "high", patient: { name: "Hanna Hoog" } });
    // The regular one has been waiting five days.
    const fiveDaysAgo = new Date(Date.now() - 5 * 24 * 3600 * 1000 - 60_000).toISOString();
    db().update(cases).set({ receivedAt: fiveDaysAgo }).where(eq(cases.id, regular.caseId)).run();
    expect([regular, crisis, high].map((r) => r.tableId)).toEqual([tableId("rotterdam"), tableId("rotterdam"), tableId("rotterdam")]);

    const { status, html } = await get(CHAIR, "/tafels/rotterdam/inbox");
    expect(status).toBe(200);
    expect(html).toContain("<h1>Inbox tafel Rotterdam-Rijnmond</h1>");
    for (const r of [regular, crisis, high]) expect(html).toContain(`href="/casussen/${r.caseId}">${r.code}</a>`);
    for (const name of ["Ria Regulier", "Cas Crisis", "Hanna Hoog"]) expect(html).toContain(name);
    // Urgency: crisis, then high, then regular, whatever the order of arrival.
    const at = (code: string) => html.indexOf(code);
    expect(at(crisis.code)).toBeLessThan(at(high.code));
    expect(at(high.code)).toBeLessThan(at(regular.code));
    // The one urgency badge: the word, with "Urgentie:" for screen readers.
    expect(html).toContain('<span class="badge badge--error"><span class="visually-hidden">Urgentie: </span>Crisis</span>');
    expect(html).toContain('<span class="badge badge--warn"><span class="visually-hidden">Urgentie: </span>Hoog</span>');
    expect(html).toContain("<td>5 dagen</td>");
    expect(html).toContain("Zorgbemiddeling zorgverzekeraar");
    expect(html).toContain('<td><span class="badge badge--info">Ontvangen</span></td>');

    // One access-log line for the list view, with the count, and one per patient shown by name.
    const list = db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.list"), eq(auditEvents.userEmail, CHAIR))).all();
    expect(list).toHaveLength(1);
    expect(list[0].detail).toMatch(/^inbox rotterdam: \d+ casussen, \d+ met naam/);
    const perPatient = db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "case.list_view"), eq(auditEvents.userEmail, CHAIR), eq(auditEvents.patientId, String(crisis.patientId))))
      .all();
    expect(perPatient).toHaveLength(1);
    expect(perPatient[0].detail).toBe(`${crisis.code} getoond in inbox rotterdam`);
  });

  it("is 404 for chairs of other tables, also the Den Haag chair of the same organisation (Parnassia)", async () => {
    const r = refer();
    for (const email of ["voorzitter.denhaag@regiotafel.test", "voorzitter.amsterdam@regiotafel.test"]) {
      const inbox = await get(email, "/tafels/rotterdam/inbox");
      expect(inbox.status, email).toBe(404);
      expect(inbox.html).not.toContain(r.code);
      const page = await get(email, `/casussen/${r.caseId}`);
      expect(page.status, email).toBe(404);
      expect(page.html).not.toContain("Test Patiënt");
    }
    // A table that does not exist answers the same.
    expect((await get(CHAIR, "/tafels/bestaat-niet/inbox")).status).toBe(404);
  });
});

describe("screening by the chair", () => {
  it("start, a motivation without a verdict gives a Dutch error with the typed values kept, a partial screening saves, then complete and include", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    const bsn = db().select().from(patients).where(eq(patients.id, r.patientId)).get()!.bsn;

    const first = await get(CHAIR, page);
    expect(first.status).toBe(200);
    expect(first.html).toContain(`<h1>Casus ${r.code}</h1>`);
    expect(first.html).toContain("Screening starten");
    expect(first.html).not.toContain("Identiteit afgeschermd");
    expect(first.html).toContain(bsn);

    const started = await post(CHAIR, page, { intent: "start_screening" });
    expect(started.status).toBe(302);
    expect(caseRow(r.caseId).status).toBe("screening");

    const missing = await post(CHAIR, page, criteria({ intent: "save_screening", verdict_2: "not_met", motivation_2: "Eigen tekst bij twee", motivation_3: "  ", verdict_6: undefined }));
    expect(missing.status).toBe(200);
    expect(missing.html).toContain("Kies een oordeel bij criterium 6, of maak de motivering leeg.");
    expect(missing.html).not.toContain("Geef een motivering bij criterium 1.");
    expect(missing.html).toContain("Eigen tekst bij twee");
    expect(missing.html).toMatch(/<input type="radio"[^>]* name="verdict_2" checked="" value="not_met"\/>/);
    expect(missing.html).toMatch(/<input type="radio"[^>]* name="verdict_2" value="met"\/>/);
    // The summary at the top of the form links to the field to fix; that field has the id.
    expect(missing.html).toContain('href="#veld-screening-verdict_6"');
    expect(missing.html).toMatch(/<input type="radio" id="veld-screening-verdict_6" name="verdict_6"/);
    expect(latestAssessment(db(), r.caseId, "screening")).toBeNull();

    // Saved in part: criterion 6 not judged yet, criterion 3 without a motivation. Deciding waits.
    const partial = await post(CHAIR, page, criteria({ intent: "save_screening", verdict_2: "not_met", motivation_3: "", verdict_6: undefined, motivation_6: undefined }));
    expect(partial.status).toBe(302);
    const part = latestAssessment(db(), r.caseId, "screening")!;
    expect(part.verdicts.map((v) => v.criterion)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(part.verdicts.find((v) => v.criterion === 3)!.motivation).toBe("");
    const tooEarly = await post(CHAIR, page, { intent: "include" });
    expect(tooEarly.html).toContain("Beoordeel eerst alle zeven inclusiecriteria met motivering.");
    const resumed = await get(CHAIR, page);
    expect(resumed.html).toContain("Onderbouwing criterium 5"); // the partial screening is there to finish

    const saved = await post(CHAIR, page, { ...criteria({ verdict_2: "not_met" }), intent: "save_screening" });
    expect(saved.status).toBe(302);
    const screening = latestAssessment(db(), r.caseId, "screening")!;
    expect(screening.verdicts.map((v) => v.verdict)).toEqual(["met", "not_met", "met", "unknown", "met", "met", "met"]);

    const included = await post(CHAIR, page, { intent: "include" });
    expect(included.status).toBe(302);
    const after = await get(CHAIR, page);
    expect(after.html).toContain('<span class="badge">Geïncludeerd</span>');
    expect(after.html).toContain("Onderbouwing criterium 5");
    expect(after.html).toContain("Voorzitter Rotterdam-Rijnmond");
    expect(caseRow(r.caseId).status).toBe("included");

    for (const action of ["case.view", "case.start_screening", "case.screening_save", "case.include"]) {
      expect(auditFor(action, r.patientId).length, action).toBeGreaterThanOrEqual(1);
    }
  });

  it("include before a complete screening is refused with the state machine's Dutch error", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    const early = await post(CHAIR, page, { intent: "include" });
    expect(early.status).toBe(200);
    expect(early.html).toContain("&quot;Geïncludeerd&quot; kan niet bij een casus met status &quot;Ontvangen&quot;.");
    expect(caseRow(r.caseId).status).toBe("received");

    await post(CHAIR, page, { intent: "start_screening" });
    const incomplete = await post(CHAIR, page, { intent: "include" });
    expect(incomplete.html).toContain("Beoordeel eerst alle zeven inclusiecriteria met motivering.");
    expect(caseRow(r.caseId).status).toBe("screening");
    expect(auditFor("case.include", r.patientId)).toHaveLength(0);
  });

  it("not include needs a reason, which is recorded for the referrer", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    await post(CHAIR, page, { intent: "start_screening" });
    expect((await post(CHAIR, page, criteria({ intent: "save_screening", verdict_2: "not_met", motivation_2: "Geen haalbaar behandeldoel beschreven." }))).status).toBe(302);
    const noReason = await post(CHAIR, page, { intent: "not_include", reason: " " });
    expect(noReason.status).toBe(200);
    expect(noReason.html).toContain("Geef de reden waarom de casus niet wordt geïncludeerd.");
    expect(caseRow(r.caseId).status).toBe("screening");

    const reason = "Geen meervoudige problematiek; regulier FACT-aanbod past.";
    expect((await post(CHAIR, page, { intent: "not_include", reason })).status).toBe(302);
    expect(caseRow(r.caseId).status).toBe("not_included");
    const event = db().select().from(caseEvents).where(and(eq(caseEvents.caseId, r.caseId), eq(caseEvents.event, "not_include"))).get()!;
    // The decision names the criterion the screening found not met, then the chair's reason.
    expect(event.reason).toBe(`Niet voldaan aan criterium 2. Behandeldoelstelling is aanwezig én realiseerbaar (kan ook care-gericht of herstelgericht zijn).\n${reason}`);
    const after = await get(CHAIR, page);
    expect(after.html).toContain("Niet geïncludeerd");
    expect(after.html).toContain(reason);
    const [logged] = auditFor("case.not_include", r.patientId);
    expect(logged.detail).not.toContain(reason); // the log says what happened, never the content
  });

  it("redirect moves the case: the old chair gets 404, the new table has it in its inbox", async () => {
    const r = refer({ patient: { name: "Reinier Redirect" } });
    const page = `/casussen/${r.caseId}`;
    const noTarget = await post(CHAIR, page, { intent: "redirect", targetTableId: "", reason: "Regiobinding" });
    expect(noTarget.html).toContain("Kies de regiotafel waarnaar u doorverwijst.");
    expect(noTarget.html).toContain("Regiobinding");
    const sameTable = await post(CHAIR, page, { intent: "redirect", targetTableId: String(tableId("rotterdam")), reason: "Regiobinding" });
    expect(sameTable.html).toContain("Kies een andere, actieve regiotafel.");
    const noReason = await post(CHAIR, page, { intent: "redirect", targetTableId: String(tableId("amsterdam")), reason: "" });
    expect(noReason.html).toContain("Geef de reden van de doorverwijzing.");
    expect(caseRow(r.caseId).tableId).toBe(tableId("rotterdam"));

    const moved = await post(CHAIR, page, { intent: "redirect", targetTableId: String(tableId("amsterdam")), reason: "Familie woont in Amsterdam; bovenregionaal aanbod." });
    expect(moved.status).toBe(302);
    expect(moved.location).toBe("/tafels/rotterdam/inbox");
    expect(moved.headers.get("set-cookie")).toContain("regiotafel_flash=");
    expect(caseRow(r.caseId)).toMatchObject({ tableId: tableId("amsterdam"), status: "received" });

    expect((await get(CHAIR, page)).status).toBe(404);
    expect((await get(CHAIR, "/tafels/rotterdam/inbox")).html).not.toContain(r.code);
    // One identity, a new code at the receiving table; the old code is shown as "eerder".
    const newCode = caseRow(r.caseId).code;
    expect(newCode).toMatch(/^RT3-\d{4}-\d{3}$/);
    const newInbox = await get("voorzitter.amsterdam@regiotafel.test", "/tafels/amsterdam/inbox");
    expect(newInbox.status).toBe(200);
    expect(newInbox.html).toContain(newCode);
    const newPage = await get("voorzitter.amsterdam@regiotafel.test", page);
    expect(newPage.status).toBe(200);
    expect(newPage.html).toContain(`eerder ${r.code}`);
    expect(newPage.html).toContain("Doorverwezen naar andere regiotafel");
    expect(newPage.html).toContain("(van Rotterdam-Rijnmond naar Amsterdam)");
    expect(auditFor("case.redirect", r.patientId)).toHaveLength(1);
  });
});

describe("the medical advisor", () => {
  it("the advisor of the patient's insurer sees the case and records an assessment; no chair actions", async () => {
    const r = refer({ urgency: "crisis" });
    const page = `/casussen/${r.caseId}`;
    const view = await get("adviseur.vgz@regiotafel.test", page);
    expect(view.status).toBe(200);
    expect(view.html).toContain("Uw beoordeling als medisch adviseur");
    expect(view.html).toContain("U toetst de criteria zodra de regiotafel de uitkomst");
    expect(view.html).not.toContain("Screening starten");
    expect(view.html).not.toContain("Doorverwijzen");

    const chairOnly = await post("adviseur.vgz@regiotafel.test", page, { intent: "start_screening" });
    expect(chairOnly.status).toBe(403);
    expect(caseRow(r.caseId).status).toBe("received");

    // Not before the table's outcome: a fresh referral is not the advisor's to assess.
    const early = await post("adviseur.vgz@regiotafel.test", page, criteria({ intent: "advisor_assessment" }));
    expect(early.status).toBe(200);
    expect(early.html).toContain("U beoordeelt de criteria pas als de regiotafel de uitkomst aan u heeft voorgelegd");
    expect(latestAssessment(db(), r.caseId, "advisor")).toBeNull();
    presentToAdvisor(r.caseId);

    const incomplete = await post("adviseur.vgz@regiotafel.test", page, criteria({ intent: "advisor_assessment", motivation_7: "" }));
    expect(incomplete.html).toContain("Geef een motivering bij criterium 7.");
    const saved = await post("adviseur.vgz@regiotafel.test", page, criteria({ intent: "advisor_assessment", verdict_1: "not_met", motivation_1: "Eén stoornis op de voorgrond." }));
    expect(saved.status).toBe(302);
    const advice = latestAssessment(db(), r.caseId, "advisor")!;
    expect(advice.verdicts[0]).toMatchObject({ criterion: 1, verdict: "not_met", motivation: "Eén stoornis op de voorgrond." });
    expect(auditFor("case.advisor_assessment", r.patientId)).toHaveLength(1);

    // The chair sees it next to the screening.
    const chairView = await get(CHAIR, page);
    expect(chairView.html).toContain("Eén stoornis op de voorgrond.");
    expect(chairView.html).toContain("Medisch adviseur VGZ");

    const list = await get("adviseur.vgz@regiotafel.test", "/adviseur");
    expect(list.status).toBe(200);
    const row = list.html.slice(list.html.indexOf(r.code));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("Beoordeeld");
    expect(list.html).toContain("Rotterdam-Rijnmond");
    expect(list.html).toContain("Nog niet beoordeeld");
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.list"), eq(auditEvents.userEmail, "adviseur.vgz@regiotafel.test"))).all().length).toBeGreaterThanOrEqual(1);
  });

  it("another insurer's advisor gets 404 for the case and does not see it in their list", async () => {
    const r = refer();
    expect((await get("adviseur.cz@regiotafel.test", `/casussen/${r.caseId}`)).status).toBe(404);
    expect((await post("adviseur.cz@regiotafel.test", `/casussen/${r.caseId}`, criteria({ intent: "advisor_assessment" }))).status).toBe(404);
    const list = await get("adviseur.cz@regiotafel.test", "/adviseur");
    expect(list.status).toBe(200);
    expect(list.html).toContain("Casussen van verzekerden van CZ");
    expect(list.html).not.toContain(r.code);
    expect(latestAssessment(db(), r.caseId, "advisor")).toBeNull();
  });

  it("the project leader never sees a case (404) nor the advisor list (403)", async () => {
    const r = refer();
    expect((await get("projectleider@regiotafel.test", `/casussen/${r.caseId}`)).status).toBe(404);
    expect((await get("projectleider@regiotafel.test", "/adviseur")).status).toBe(403);
  });
});

describe("table members and consent", () => {
  it("a member sees the case but every chair action is refused", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    const view = await get(MEMBER, page);
    expect(view.status).toBe(200);
    expect(view.html).not.toContain("Screening starten");
    expect(view.html).not.toContain("Uw beoordeling als medisch adviseur");
    for (const fields of [
      { intent: "start_screening" },
      { intent: "include" },
      { intent: "not_include", reason: "x" },
      { intent: "redirect", targetTableId: String(tableId("amsterdam")), reason: "x" },
      criteria({ intent: "save_screening" }),
      criteria({ intent: "advisor_assessment" }),
    ]) {
      expect((await post(MEMBER, page, fields)).status, fields.intent).toBe(403);
    }
    expect(caseRow(r.caseId)).toMatchObject({ status: "received", tableId: tableId("rotterdam") });
    expect(latestAssessment(db(), r.caseId, "screening")).toBeNull();
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.patientId, String(r.patientId)))).all()).toHaveLength(6);
  });

  it("a member whose organisation is outside the consent scope sees 'Identiteit afgeschermd', an age band and the province only", async () => {
    const year = Number(formatAmsterdamSortable(new Date().toISOString()).slice(0, 4));
    const dateOfBirth = `${year - 32}-01-01`;
    const r = refer({
      patient: { name: "Sanne Afgeschermd", bsn: "123456782", dateOfBirth, address: "Geheimstraat 9", municipality: "Schiedam" },
      consent: { scopeOrganisationTypes: ["ggz_provider"] },
    });
    const page = `/casussen/${r.caseId}`;
    const member = await get(MEMBER, page);
    expect(member.status).toBe(200);
    expect(member.html).toContain("Identiteit afgeschermd: uw organisatie valt buiten de toestemming van de patiënt");
    expect(member.html).toContain("30–34 jaar");
    expect(ageBand(dateOfBirth, formatAmsterdamSortable(new Date().toISOString()).slice(0, 10))).toBe("30–34 jaar");
    expect(member.html).toContain("Zuid-Holland");
    for (const secret of ["Sanne Afgeschermd", "123456782", "Geheimstraat", "Schiedam", dateOfBirth]) expect(member.html, secret).not.toContain(secret);
    const inbox = await get(MEMBER, "/tafels/rotterdam/inbox");
    expect(inbox.html).toContain(r.code);
    expect(inbox.html).not.toContain("Sanne Afgeschermd");
    const denied = db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.view"), eq(auditEvents.patientId, String(r.patientId)), eq(auditEvents.userEmail, MEMBER))).get()!;
    expect(denied.detail).toContain("zonder identiteit");

    // The chair's organisation always sees identity.
    const chair = await get(CHAIR, page);
    expect(chair.html).toContain("Sanne Afgeschermd");
    expect(chair.html).toContain("Geheimstraat 9");
    expect(chair.html).not.toContain("Identiteit afgeschermd");
    expect((await get(CHAIR, "/tafels/rotterdam/inbox")).html).toContain("Sanne Afgeschermd");
  });

  it("a person the patient excluded does not see the case at all; only the chair sees who is excluded", async () => {
    const r = refer({
      patient: { name: "Eva Uitgesloten" },
      consent: { excludedPersons: [{ name: "Tafellid Rotterdam-Rijnmond", email: "LID.Rotterdam@regiotafel.test" }] },
    });
    expect((await get(MEMBER, `/casussen/${r.caseId}`)).status).toBe(404);
    expect((await get(MEMBER, "/tafels/rotterdam/inbox")).html).not.toContain(r.code);
    const chair = await get(CHAIR, `/casussen/${r.caseId}`);
    expect(chair.html).toMatch(/<dt>Niet betrekken<\/dt><dd><ul class="plain"><li>Tafellid Rotterdam-Rijnmond<\/li>/);
    const advisor = await get("adviseur.vgz@regiotafel.test", `/casussen/${r.caseId}`);
    expect(advisor.status).toBe(200);
    expect(advisor.html).not.toContain("<li>Tafellid Rotterdam-Rijnmond</li>");
    expect(advisor.html).toContain("de voorzitter ziet wie");
  });
});

describe("mass assignment", () => {
  it("posted tableId, status, insurerId and the like change nothing", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    const amsterdam = String(tableId("amsterdam"));
    const cz = String(db().select().from(organisations).where(eq(organisations.name, "CZ")).get()!.id);
    const extra = { tableId: amsterdam, status: "closed", insurerId: cz, urgency: "regular", code: "RT9-2026-999", patientId: "1" };

    expect((await post(CHAIR, page, { intent: "start_screening", ...extra })).status).toBe(302);
    expect(caseRow(r.caseId)).toMatchObject({ status: "screening", tableId: tableId("rotterdam"), code: r.code, urgency: "high" });
    expect((await post(CHAIR, page, { ...criteria(), intent: "save_screening", ...extra })).status).toBe(302);
    expect((await post(CHAIR, page, { intent: "include", ...extra })).status).toBe(302);
    const after = caseRow(r.caseId);
    expect(after).toMatchObject({ status: "included", tableId: tableId("rotterdam"), code: r.code, urgency: "high", patientId: r.patientId });
    expect(after.insurerId).not.toBe(Number(cz));
    // An intent that does not exist does nothing either.
    const bogus = await post(CHAIR, page, { intent: "set_status", status: "closed" });
    expect(bogus.status).toBe(200);
    expect(bogus.html).toContain("Deze handeling is niet mogelijk.");
    expect(caseRow(r.caseId).status).toBe("included");
  });
});

describe("malformed input", () => {
  it("bad ids and odd posts answer 404 or a Dutch error, never a 5xx", async () => {
    for (const path of ["/casussen/abc", "/casussen/0", "/casussen/-1", "/casussen/99999999999", "/casussen/1.5"]) {
      expect((await get(CHAIR, path)).status, path).toBe(404);
    }
    const r = refer();
    for (const fields of [{}, { intent: "" }, { intent: "redirect", targetTableId: "abc", reason: "x" }, { intent: "redirect", targetTableId: "999999", reason: "x" }, { intent: "save_screening", verdict_1: "ja" }]) {
      const response = await post(CHAIR, `/casussen/${r.caseId}`, fields as Record<string, string>);
      expect(response.status, JSON.stringify(fields)).toBe(200);
      expect(response.html).toMatch(/Deze handeling is niet mogelijk\.|Kies|Start eerst de screening\./);
    }
    expect(caseRow(r.caseId)).toMatchObject({ status: "received", tableId: tableId("rotterdam") });
  });
});

describe("audit trail", () => {
  it("every view and change of a case is logged with the patient id", async () => {
    const r = refer();
    const page = `/casussen/${r.caseId}`;
    await get(CHAIR, page);
    await post(CHAIR, page, { intent: "start_screening" });
    await post(CHAIR, page, { ...criteria(), intent: "save_screening" });
    await post(CHAIR, page, { intent: "redirect", targetTableId: String(tableId("denhaag")), reason: "Woont feitelijk in Den Haag." });
    const events = db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, String(r.patientId)), inArray(auditEvents.action, ["case.view", "case.start_screening", "case.screening_save", "case.redirect"])))
      .all();
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(["case.view", "case.start_screening", "case.screening_save", "case.redirect"]));
    for (const e of events) {
      expect(e.userEmail).toBe(CHAIR);
      expect(e.objectId).toBe(String(r.caseId));
      expect(e.outcome).toBe("success");
    }
  });
});
