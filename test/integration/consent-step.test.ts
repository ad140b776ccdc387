// The consent step over HTTP: the organisations come grouped by type and region (fieldsets, no
// JavaScript needed), and the representative's fields count only when a representative consents:
// the server stores none of them with the patient's own consent, and requires them otherwise.
import { desc, eq } from "drizzle-orm";
import { consents, organisations } from "#db/schema";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { referThroughModel } from "../helpers/referrals";
import { amsterdamToday } from "../helpers/dates";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const { get, post } = sessionsFor(() => t.url);
const db = () => t.portal.services.db;
const latestConsent = (caseId: number) => db().select().from(consents).where(eq(consents.caseId, caseId)).orderBy(desc(consents.id)).get()!;
const today = amsterdamToday;

it("lists every active organisation once, grouped in fieldsets by type and then region", async () => {
  const r = referThroughModel(db());
  const page = await get(CHAIR, `/casussen/${r.caseId}/toestemming`);
  expect(page.status).toBe(200);
  const html = page.html.replaceAll("&#x27;", "'");
  const picker = html.slice(html.indexOf("Afzonderlijke organisaties die de identiteit mogen zien"), html.indexOf("Personen die niet betrokken mogen worden"));
  const active = db().select().from(organisations).where(eq(organisations.active, true)).all();
  const boxes = [...picker.matchAll(/name="scopeOrganisationIds" value="(\d+)"/g)].map((m) => Number(m[1]));
  console.log(`consent step: ${boxes.length} organisations in ${[...picker.matchAll(/organisation-picker__region/g)].length} region groups`);
  expect(boxes.sort((a, b) => a - b)).toEqual(active.map((o) => o.id).sort((a, b) => a - b));
  for (const legend of ["Ggz-aanbieder", "Zorgverzekeraar", "Gemeente", "Rotterdam-Rijnmond", "Meerdere regio's"]) expect(picker).toContain(`<legend>${legend}</legend>`);
  // Without JavaScript there is no filter box: the grouped list is the whole control.
  expect(picker).not.toContain('type="search"');
  // The first box carries the field's id, so an error summary's link lands on the list.
  expect(html).toContain('<fieldset id="veld-scopeOrganisationIds"');
});

it("the patient's own consent stores no representative, whatever was left in that block", async () => {
  const r = referThroughModel(db());
  const response = await post(CHAIR, `/casussen/${r.caseId}/toestemming`, {
    intent: "change",
    givenBy: "patient",
    representativeKind: "partner",
    representativeName: "Achtergebleven Naam",
    patientIncompetent: "on",
    higherRanksUnavailable: "on",
    method: "written",
    givenOn: today(),
  });
  expect(response.status).toBe(302);
  expect(latestConsent(r.caseId)).toMatchObject({ givenBy: "patient", representativeKind: null, representativeName: null, patientIncompetent: false, higherRanksUnavailable: false });
  const page = await get(CHAIR, `/casussen/${r.caseId}/toestemming`);
  expect(page.html).not.toContain("Achtergebleven Naam");
});

it("a representative's consent requires the representative block, in Dutch, keeping what was typed", async () => {
  const r = referThroughModel(db());
  const before = latestConsent(r.caseId).id;
  const missing = await post(CHAIR, `/casussen/${r.caseId}/toestemming`, { intent: "change", givenBy: "representative", representativeName: "J. Jansen", method: "oral", givenOn: today() });
  expect(missing.status).toBe(200);
  expect(missing.html).toContain("Kies welke vertegenwoordiger de toestemming gaf.");
  expect(missing.html).toContain('href="#veld-representativeKind"');
  expect(missing.html).toMatch(/name="representativeName"[^>]*value="J. Jansen"/);
  expect(latestConsent(r.caseId).id).toBe(before);

  const given = await post(CHAIR, `/casussen/${r.caseId}/toestemming`, {
    intent: "change",
    givenBy: "representative",
    representativeKind: "curator_mentor",
    representativeName: "J. Jansen",
    patientIncompetent: "on",
    method: "oral",
    givenOn: today(),
  });
  expect(given.status, given.html.slice(0, 2000)).toBe(302);
  expect(latestConsent(r.caseId)).toMatchObject({ givenBy: "representative", representativeKind: "curator_mentor", representativeName: "J. Jansen", patientIncompetent: true });
});
