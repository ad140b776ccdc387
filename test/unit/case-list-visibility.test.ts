// The case lists decide in SQL what a viewer sees of each row (case-lists.server.ts,
// visibilitySql). It must give the same answer as the one consent rule the case page asks
// (domain/consent.ts, caseVisibility) for every consent, viewer and party: a row named "none" is
// absent, a name search matches only an identified row, and identity columns stay null otherwise.
import fc from "fast-check";
import { organisations, regionalTables, patients, cases, consents } from "#db/schema";
import { seedReferenceData } from "#db/seed";
import { parseCaseListQuery } from "~/domain/case-list-query";
import { caseVisibility, type ConsentScope, type Viewer } from "~/domain/consent";
import { ORGANISATION_TYPES, type OrganisationType } from "~/domain/vocabulary";
import { openDatabase, type Db } from "~/models/db.server";
import { caseListSummary } from "~/models/case-lists.server";

let db: Db;
let table: typeof regionalTables.$inferSelect;
let orgs: { id: number; type: OrganisationType }[];
let insurerId: number;

beforeAll(() => {
  db = openDatabase(":memory:");
  seedReferenceData(db);
  table = db.select().from(regionalTables).all()[0];
  orgs = db.select({ id: organisations.id, type: organisations.type }).from(organisations).all().slice(0, 6) as typeof orgs;
  insurerId = db.select({ id: organisations.id, type: organisations.type }).from(organisations).all().find((o) => o.type === "insurer")!.id;
});

let serial = 0;
function insertCase(referrerOrganisationId: number, consentRows: (ConsentScope & { excludedCase: string[] })[]) {
  serial++;
  const now = new Date().toISOString();
  const name = `Persoon Zichtbaar${serial}x`;
  const patientId = db
    .insert(patients)
    .values({ name, bsn: String(100000000 + serial), dateOfBirth: "1980-05-05", municipality: "Rotterdam", province: "Zuid-Holland", insurerId })
    .returning({ id: patients.id })
    .get().id;
  const code = `RT${table.number}-2026-${String(900 + serial).padStart(4, "0")}`;
  const caseId = db
    .insert(cases)
    .values({
      code, patientId, tableId: table.id, source: "provider", referrerOrganisationId, insurerId, currentProviders: "-", treatmentHistory: "-",
      careQuestion: "Vraag", problemDescription: "-", priorAttempts: [], urgency: "regular", contactName: "-", contactPhone: "-", contactEmail: "a@b.nl",
      submittedVia: "form", receivedAt: now, updatedAt: now,
    })
    .returning({ id: cases.id })
    .get().id;
  for (const c of consentRows) {
    db.insert(consents)
      .values({
        caseId, givenBy: "patient", method: "written", givenOn: "2026-01-01", status: c.status, scopeOrganisationIds: [...c.organisationIds],
        scopeOrganisationTypes: [...c.organisationTypes], excludedPersons: c.excludedCase.map((email) => ({ name: "Niet betrekken", email })), recordedAt: now,
      })
      .run();
  }
  return { caseId, code, name };
}

const VIEWER_EMAIL = "kijker@example.nl";

it("agrees with caseVisibility for random consents, viewers and referrers (200 cases)", () => {
  const orgIndex = fc.integer({ min: 0, max: 5 });
  const consentArb = fc.record({
    status: fc.constantFrom("active" as const, "withdrawn" as const),
    orgIdx: fc.uniqueArray(orgIndex, { maxLength: 3 }),
    organisationTypes: fc.uniqueArray(fc.constantFrom(...ORGANISATION_TYPES), { maxLength: 3 }),
    // The viewer's own address, in another case, among others, or not at all.
    excludedCase: fc.uniqueArray(fc.constantFrom(VIEWER_EMAIL, "KIJKER@Example.NL", "ander@example.nl"), { maxLength: 2 }),
  });
  let seen = { none: 0, deidentified: 0, identified: 0 };
  fc.assert(
    fc.property(
      fc.record({ viewerIdx: orgIndex, viewerType: fc.constantFrom(...ORGANISATION_TYPES), leadIsViewer: fc.boolean(), referrerIdx: orgIndex, consents: fc.array(consentArb, { maxLength: 3 }) }),
      (s) => {
        const viewerOrg = s.leadIsViewer ? table.leadOrganisationId : orgs[s.viewerIdx].id;
        const viewer: Viewer = { email: VIEWER_EMAIL, organisationId: viewerOrg, organisationType: s.viewerType };
        const rows = s.consents.map((c) => ({ status: c.status, organisationIds: c.orgIdx.map((i) => orgs[i].id), organisationTypes: c.organisationTypes, excludedEmails: c.excludedCase, excludedCase: c.excludedCase }));
        const referrer = orgs[s.referrerIdx].id;
        const made = insertCase(referrer, rows);
        // The newest consent is the one in force.
        const inForce = rows.length ? rows[rows.length - 1] : null;
        const expected = caseVisibility(viewer, inForce, { leadOrganisationId: table.leadOrganisationId, referrerOrganisationId: referrer });
        seen[expected]++;

        const list = (search: string) =>
          caseListSummary(db, { kind: "table", tableId: table.id }, viewer, parseCaseListQuery(new URLSearchParams({ status: "alle", zoek: search }), { defaultStatus: "alle", defaultSort: "nieuwste" }).query, 5).items;
        const byCode = list(made.code);
        const byName = list(made.name);
        const byBsn = list(String(100000000 + serial));
        if (expected === "none") {
          expect(byCode).toEqual([]);
          expect(byName).toEqual([]);
        } else {
          expect(byCode.map((r) => r.id)).toEqual([made.caseId]);
          expect(byCode[0].identified).toBe(expected === "identified");
          expect(byCode[0].patientName).toBe(expected === "identified" ? made.name : null);
          expect(byCode[0].municipality).toBe(expected === "identified" ? "Rotterdam" : null);
          expect(byName.map((r) => r.id)).toEqual(expected === "identified" ? [made.caseId] : []);
          expect(byBsn.map((r) => r.id)).toEqual(expected === "identified" ? [made.caseId] : []);
        }
      },
    ),
    { numRuns: 200, seed: 20261201 },
  );
  console.log(`visibility agreement: ${JSON.stringify(seen)}`);
  expect(Math.min(seen.none, seen.deidentified, seen.identified)).toBeGreaterThan(0);
});
