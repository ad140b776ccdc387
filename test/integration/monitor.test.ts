// The national monitor, the chair's report and the shortfalls register against a real portal:
// a count of 1–4 never shown, a shown count exact (complementary suppression may hide more, always
// as "onderdrukt"), never a name, BSN or case code; the CSV and the PDF carry the
// page's values; the project leader reaches no patient-level route; chairs see only their own
// table's report; the shortfall form's Dutch errors keep what was typed, and a new shortfall
// appears in the side-by-side capacity report.
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import {
  arrangementComponents,
  arrangementParties,
  arrangements,
  auditEvents,
  cases,
  escalations,
  lessons,
  organisations,
  patients,
  regionalTables,
  shortfallCases,
  shortfalls,
  users,
} from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import { ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import { SUPPRESSED } from "~/domain/disclosure";
import { displayValue, parseQuarter, periodBounds, quarterOf, TOO_FEW } from "~/domain/monitor";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { capacityReport, monitorRecords, monitorReport, MONITOR_CSV_HEADER } from "~/models/monitor.server";
import { LINKABLE_CASES, linkableCaseCodes } from "~/models/shortfalls.server";
import { createReferral } from "~/models/referrals.server";
import { monitorPdf } from "~/lib/monitor-pdf.server";
import { readPdf } from "../helpers/pdf-text";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { validReferral, type DeepPartial } from "../helpers/referral-payload";

let t: TestPortal;
const db = () => t.portal.services.db;
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };
const PL = "projectleider@regiotafel.test";
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";

const QUARTER = quarterOf(new Date());
const PERIOD = parseQuarter(QUARTER)!;
const FILTER = `periode=kwartaal&kwartaal=${QUARTER}`;

const user = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const table = (slug: string) => db().select().from(regionalTables).where(eq(regionalTables.slug, slug)).get()!;

/** A referral created the way the form and the API create one. */
function refer(referrerEmail: string, overrides: DeepPartial<ReferralPayload>) {
  const referrer = user(referrerEmail);
  const input = ReferralSchema.parse(validReferral(overrides));
  const result = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`referral refused: ${JSON.stringify(result)}`);
  return result;
}

function step(caseId: number, chairEmail: string, event: Parameters<typeof applyCaseEvent>[2]["event"], reason?: string) {
  const chair = user(chairEmail);
  const result = applyCaseEvent(db(), caseId, { event, reason }, { userId: chair.id, organisationId: chair.organisationId });
  if (!result.ok) throw new Error(`${event}: ${result.error}`);
}

function screen(caseId: number, chairEmail: string, notMet: number[] = []) {
  saveAssessment(
    db(),
    caseId,
    "screening",
    user(chairEmail).id,
    CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: notMet.includes(criterion) ? ("not_met" as const) : ("met" as const), motivation: "Blijkt uit de verwijzing." })),
  );
}

const seeded: { names: string[]; bsns: string[]; codes: string[]; rotterdamIds: number[]; limburgIds: number[] } = { names: [], bsns: [], codes: [], rotterdamIds: [], limburgIds: [] };

beforeAll(async () => {
  t = await startPortal();
  // Six referrals at Rotterdam-Rijnmond: five included and discussed, one not included (criterion 2 not met).
  for (let i = 0; i < 6; i++) {
    const name = `Monitorpersoon Rijnmond ${String.fromCharCode(65 + i)}`;
    const bsn = demoBsn(200 + i);
    const created = refer("zorgbemiddeling.vgz@regiotafel.test", { patient: { name, bsn, municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ" } });
    seeded.names.push(name);
    seeded.bsns.push(bsn);
    seeded.codes.push(created.code);
    seeded.rotterdamIds.push(created.caseId);
    step(created.caseId, CHAIR, "start_screening");
    if (i < 5) {
      screen(created.caseId, CHAIR);
      step(created.caseId, CHAIR, "include");
      step(created.caseId, CHAIR, "schedule");
      step(created.caseId, CHAIR, "discuss");
    } else {
      screen(created.caseId, CHAIR, [2]);
      step(created.caseId, CHAIR, "not_include", "Reguliere behandeling is nog niet ingezet.");
    }
  }
  // A small group elsewhere: two referrals at Zuid-Limburg, one included.
  for (let i = 0; i < 2; i++) {
    const name = `Monitorpersoon Limburg ${String.fromCharCode(65 + i)}`;
    const bsn = demoBsn(220 + i);
    const created = refer("zorgbemiddeling.cz@regiotafel.test", { patient: { name, bsn, municipality: "Maastricht", province: "Limburg", insurer: "CZ" } });
    seeded.names.push(name);
    seeded.bsns.push(bsn);
    seeded.codes.push(created.code);
    seeded.limburgIds.push(created.caseId);
    step(created.caseId, "voorzitter.limburg@regiotafel.test", "start_screening");
    if (i === 0) {
      screen(created.caseId, "voorzitter.limburg@regiotafel.test");
      step(created.caseId, "voorzitter.limburg@regiotafel.test", "include");
    }
  }
  // Five escalations and five approved maatwerk-arrangements at Rotterdam-Rijnmond (one with a Wmo part).
  const vgz = db().select().from(organisations).where(eq(organisations.name, "VGZ")).get()!;
  const now = new Date().toISOString();
  seeded.rotterdamIds.slice(0, 5).forEach((caseId, i) => {
    db().insert(escalations).values({ caseId, level: "own_region", reason: "Geen plek in de regio.", at: now }).run();
    const { id } = db()
      .insert(arrangements)
      .values({ caseId, description: "Maatwerk", periodStart: "2026-01-01", periodEnd: "2026-12-31", costEstimate: 80000, status: "approved", approvedAt: now, createdAt: now })
      .returning({ id: arrangements.id })
      .get();
    db().insert(arrangementParties).values({ arrangementId: id, organisationId: vgz.id, role: "financier" }).run();
    db().insert(arrangementComponents).values({ arrangementId: id, kind: "treatment", description: "Behandeling", legalDomain: "zvw", fundingInstrument: "facultative_performance", financierOrganisationId: vgz.id }).run();
    if (i === 0) db().insert(arrangementComponents).values({ arrangementId: id, kind: "housing", description: "Wonen", legalDomain: "wmo", fundingInstrument: "other" }).run();
  });
});
afterAll(() => t?.close());

const { as, get, post } = sessionsFor(() => t.url);

const escape = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
const cell = (v: string) => `<td class="num">${escape(v)}</td>`;
/** A data-table row as React renders it: a row heading and number cells. */
const row = (heading: string, ...values: string[]) => `<tr><th scope="row">${escape(heading)}</th>${values.map(cell).join("")}</tr>`;

/** The true number of events of a kind in the period (at one table, or all). */
function trueCount(event: string, tableId: number | null = null): number {
  const { start, end } = periodBounds(PERIOD);
  const column = event === "redirect" ? "from_table_id" : "to_table_id";
  return (db().$client.prepare(`SELECT count(*) AS n FROM case_events WHERE event = ? AND at >= ? AND at < ? AND (? IS NULL OR ${column} = ?)`).get(event, new Date(start).toISOString(), new Date(end).toISOString(), tableId, tableId) as { n: number }).n;
}

/** A published figure agrees with the truth: a count of 1–4 is never shown, a shown count is exact. */
function agrees(published: unknown, truth: number, what: string) {
  if (truth >= 1 && truth <= 4) expect(published, what).toBe(SUPPRESSED);
  else if (published !== SUPPRESSED) expect(published, what).toBe(truth);
}

/** Every patient name, BSN and case code in the database (demo data included). */
function identifiers(): string[] {
  const all = db().select({ name: patients.name, bsn: patients.bsn }).from(patients).all();
  return [...all.flatMap((p) => [p.name, p.bsn]), ...db().select({ code: cases.code }).from(cases).all().map((c) => c.code)];
}

function expectNoIdentifiers(text: string) {
  for (const id of [...seeded.names, ...seeded.bsns, ...seeded.codes, ...identifiers()]) expect(text, id).not.toContain(id);
}

/** Semicolon CSV with optional quotes, as csv-stringify writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      record.push(field);
      field = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      record.push(field);
      rows.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || record.length) rows.push([...record, field]);
  return rows;
}

describe("the national monitor for the project leader", () => {
  it("never shows a count of 1–4, shows other counts exactly, and no patient", async () => {
    const report = monitorReport(db(), { period: PERIOD, tableIds: null });
    for (const r of report.perRegion) {
      const id = table(r.slug).id;
      agrees(r.received, trueCount("receive", id), `${r.slug} received`);
      agrees(r.included, trueCount("include", id), `${r.slug} included`);
    }
    expect(trueCount("receive", table("limburg").id)).toBeGreaterThanOrEqual(2); // ours and the demo data's
    expect(trueCount("receive", table("limburg").id)).toBeLessThan(5);
    expect(report.perRegion.find((r) => r.slug === "limburg")).toMatchObject({ received: SUPPRESSED, included: SUPPRESSED });
    agrees(report.referredVsIncluded.received, trueCount("receive"), "national received");

    const page = await get(PL, `/monitor?${FILTER}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h1>Landelijke monitor</h1>");
    expect(page.html).toContain(PERIOD.label);
    // First figure, per region: referred → fitting advice, as in the report.
    for (const r of report.perRegion) expect(page.html).toContain(row(r.name, displayValue(r.received), displayValue(r.included)));
    expect(page.html).toContain(row("Zuid-Limburg", SUPPRESSED, SUPPRESSED));
    expect(page.html).not.toContain("&lt;5");
    expect(page.html.match(/id="uitleg-onderdrukt"/g)).toHaveLength(1); // explained once
    expect(page.html).toContain(`<strong id="totaal-verwezen">${displayValue(report.referredVsIncluded.received)}</strong>`);
    expect(page.html).toContain(`<strong id="totaal-passend-advies">${displayValue(report.referredVsIncluded.included)}</strong>`);
    // Charts: SVG with role="img" and an aria-label, no inline style; tables folded behind "Toon tabel".
    expect(page.html).toMatch(/<svg class="chart"[^>]*role="img"[^>]*aria-label="Verwezen en passend advies per regio/);
    expect(page.html).not.toMatch(/\sstyle="/);
    expect(page.html).toContain('<details class="chart-details"><summary>Toon tabel');
    expect(page.html).not.toMatch(/<details[^>]* open/);
    // Links to the CSV and the PDF with the same filter.
    expect(page.html).toContain(`href="/monitor.csv?${escape(FILTER)}&amp;regio=alle"`);
    expect(page.html).toContain(`href="/monitor.pdf?${escape(FILTER)}&amp;regio=alle"`);
    expectNoIdentifiers(page.html);
  });

  it("for one region: the same protected figures as the national view, lead times only from 5 published cases", async () => {
    const rotterdamId = table("rotterdam").id;
    const report = monitorReport(db(), { period: PERIOD, tableIds: [rotterdamId] });
    const national = monitorReport(db(), { period: PERIOD, tableIds: null });
    expect(report.region?.slug).toBe("rotterdam");
    expect(national.perRegion.find((r) => r.slug === "rotterdam")).toMatchObject(report.referredVsIncluded);
    const flow = Object.fromEntries(report.flow.map((r) => [r.key, r.count]));
    agrees(flow.included, trueCount("include", rotterdamId), "included");
    agrees(flow.not_included, trueCount("not_include", rotterdamId), "not included");
    agrees(flow.discussed, trueCount("discuss", rotterdamId), "discussed");
    expect(flow.not_included).toBe(SUPPRESSED); // one not included
    expect(flow.placed).toBe(0);
    expect(report.notIncludedByCriterion.find((c) => c.key === "criterion_2")!.count).toBe(SUPPRESSED);
    expect(report.notIncludedByCriterion.find((c) => c.key === "criterion_1")!.count).toBe(0);
    for (const l of report.leadTimes) {
      // A statistic is a number of days, "te weinig casussen" or no cases at all; never a count.
      expect(typeof l.median === "number" || l.median === TOO_FEW || l.median === null).toBe(true);
      expect(l).not.toHaveProperty("n");
    }
    // One decision was "not included" (hidden): the decision step's statistic must not tell that the hidden counts reach 5.
    expect(report.leadTimes.find((l) => l.key === "received_decision")).toMatchObject({ median: TOO_FEW, p90: TOO_FEW });
    expect(report.leadTimes.find((l) => l.key === "received_placed")).toMatchObject({ median: null, p90: null });
    agrees(report.escalations.find((e) => e.key === "own_region")!.count, 5, "escalations");
    agrees(report.arrangements.approved, 5, "approved");
    // Five approved: four Zvw only, one Zvw + Wmo ("meer dan één domein"). The breakdown adds up to the total, so the
    // single one and its complement are hidden together, and no domain row can be subtracted from the total.
    const domains = Object.fromEntries(report.arrangements.byLegalDomain.map((d) => [d.key, d.count]));
    expect([domains.zvw, domains.multiple, domains.wmo, domains.none]).toEqual([SUPPRESSED, SUPPRESSED, 0, 0]);
    // Nothing in the structure is a case id, code or a date of a single case.
    const json = JSON.stringify(report);
    expectNoIdentifiers(json);
    expect(json).not.toMatch(/caseId|patientId|"code"/);

    const page = await get(PL, `/monitor?${FILTER}&regio=rotterdam`);
    expect(page.status).toBe(200);
    for (const f of report.flow) expect(page.html).toContain(row(f.label, displayValue(f.count)));
    expect(page.html).toContain(row("Niet geïncludeerd", SUPPRESSED));
    expect(page.html).toContain(`<strong id="arrangementen-goedgekeurd">${displayValue(report.arrangements.approved)}</strong>`);
    expect(page.html).toContain(row("Meer dan één domein", SUPPRESSED));
    for (const l of report.leadTimes) expect(page.html).toContain(row(l.label, displayValue(l.median), displayValue(l.p90)));
    expectNoIdentifiers(page.html);
  });

  it("the CSV carries exactly the page's suppressed values for the same filter", async () => {
    for (const regio of ["alle", "rotterdam", "limburg"]) {
      const response = await (await as(PL)).get(`/monitor.csv?${FILTER}&regio=${regio}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="monitor-/);
      const text = await response.text();
      expectNoIdentifiers(text);
      const [header, ...records] = parseCsv(text);
      expect(header).toEqual(MONITOR_CSV_HEADER);
      const model = monitorReport(db(), { period: PERIOD, tableIds: regio === "alle" ? null : [table(regio).id] });
      expect(records).toEqual(monitorRecords(model));
      // No count from 1 to 4 anywhere in the file.
      for (const r of records) expect(["1", "2", "3", "4"]).not.toContain(r[4]);
      const value = (part: string, category: string, region?: string) => records.find((r) => r[2] === part && r[3] === category && (!region || r[1] === region))?.[4];
      const page = await get(PL, `/monitor?${FILTER}&regio=${regio}`);
      const received = value("Verwezen → passend advies", "Verwezen")!;
      expect(page.html).toContain(`<strong id="totaal-verwezen">${escape(received)}</strong>`);
      expect(received).toBe(displayValue(model.referredVsIncluded.received));
      for (const r of model.perRegion) {
        expect(value("Verwezen → passend advies per regio", "Verwezen", r.name)).toBe(displayValue(r.received));
        expect(page.html).toContain(row(r.name, displayValue(r.received), displayValue(r.included)));
      }
      for (const f of model.flow) {
        expect(value("Instroom en uitkomst", f.label)).toBe(displayValue(f.count));
        expect(page.html).toContain(row(f.label, displayValue(f.count)));
      }
      for (const l of model.leadTimes) {
        expect(value(`Doorlooptijd ${l.label}`, "Mediaan (dagen)")).toBe(displayValue(l.median));
        expect(page.html).toContain(row(l.label, displayValue(l.median), displayValue(l.p90)));
      }
    }
    const rotterdamCsv = parseCsv(await (await (await as(PL)).get(`/monitor.csv?${FILTER}&regio=rotterdam`)).text());
    expect(rotterdamCsv.find((r) => r[2] === "Instroom en uitkomst" && r[3] === "Niet geïncludeerd")?.[4]).toBe(SUPPRESSED);
  });

  it("the PDF report: title page with title and period, the report's values, page numbers, no identifiers", async () => {
    // The bytes the route sends (the download itself is read back in the browser test).
    const model = monitorReport(db(), { period: PERIOD, tableIds: [table("rotterdam").id] });
    const pdf = await readPdf(new Uint8Array(await monitorPdf(model, { title: "Landelijke monitor hoogcomplexe ggz" })));
    expect(pdf.pages[0]).toContain("Landelijke monitor hoogcomplexe ggz");
    expect(pdf.pages[0]).toContain(PERIOD.label);
    expect(pdf.pages[0]).toContain("Tafel Rotterdam-Rijnmond");
    expect(pdf.pageCount).toBeLessThanOrEqual(4);
    pdf.pages.forEach((text, i) => expect(text).toContain(`Pagina ${i + 1} van ${pdf.pageCount}`));
    const all = pdf.pages.join("\n");
    for (const f of model.flow) expect(all).toContain(`${f.label} ${displayValue(f.count)}`);
    expectNoIdentifiers(all);
    expect(all).not.toMatch(/\b[1-4] (verwezen|passend)/);
    expect((await get(CHAIR, `/monitor.pdf?${FILTER}`)).status).toBe(403);
  }, 90_000); // pdfmake lays out ~200 table cells: ~1 s idle, up to 30 s on a loaded 2-core machine

  it("bad filters never break the page: a Dutch message and the current quarter", async () => {
    for (const query of ["periode=eigen&van=gisteren&tot=2026-13-45", "periode=kwartaal&kwartaal=2026-Q9", "periode=maand&maand=2026-13", "periode=jaar&jaar=%3Cscript%3E", "periode=%00&regio=bestaat-niet", "regio=%3Cscript%3E"]) {
      const page = await get(PL, `/monitor?${query}`);
      expect(page.status, query).toBe(200);
      expect(page.html, query).toContain('class="alert alert--warn"');
      expect(page.html, query).toContain(PERIOD.label);
      expect(page.html, query).not.toContain("<script>");
      const csv = await (await as(PL)).get(`/monitor.csv?${query}`);
      expect(csv.status, query).toBe(200);
      await csv.text();
    }
    // Day ranges, which isolated single referrals, are gone: a whole month, quarter or year only.
    const days = await get(PL, "/monitor?periode=eigen&van=2026-11-11&tot=2026-11-15");
    expect(days.html).toContain("Een eigen periode van losse dagen kan niet");
  });

  it("refuses every other role with 403 (also the CSV and the capacity report)", async () => {
    for (const email of ["admin@regiotafel.test", CHAIR, MEMBER, "adviseur.vgz@regiotafel.test", "zorgbemiddeling.vgz@regiotafel.test", "verwijzer.parnassia@regiotafel.test"]) {
      for (const url of ["/monitor", `/monitor.csv?${FILTER}`, "/monitor/capaciteit"]) {
        const response = await get(email, url);
        // An administrator without a second factor is first sent to set one up; never to the figures.
        if (email.startsWith("admin@") && response.status === 302) expect(new URL(response.headers.get("location")!, t.url).pathname, url).not.toMatch(/^\/monitor/);
        else expect(response.status, `${email} ${url}`).toBe(403);
        expect(response.html).not.toContain("Rotterdam-Rijnmond</th>");
      }
    }
  });
});

describe("the project leader never reaches a patient", () => {
  /** Dummy values for the URL params of route files. */
  const fill = (caseId: number): Record<string, string> => ({ caseId: String(caseId), id: String(caseId), slug: "rotterdam", meetingId: "1", itemId: "1", attachmentId: "1", draftId: "1" });

  /** Every route module whose URL names a case, table, meeting, attachment or draft, as a concrete URL. */
  function patientLevelUrls(caseId: number): string[] {
    const values = fill(caseId);
    const urls: string[] = [];
    for (const file of fs.readdirSync(path.resolve("app/routes"))) {
      const id = file.replace(/\.(tsx|ts)$/, "");
      const segments = id.replace(/\[\.\]/g, "\u0000").split(".").filter((s) => s !== "_index" && !s.startsWith("_")).map((s) => s.replace(/_$/, ""));
      const params = segments.filter((s) => s.startsWith("$")).map((s) => s.slice(1));
      if (!params.length || !params.every((p) => p in values)) continue;
      urls.push("/" + segments.map((s) => (s.startsWith("$") ? values[s.slice(1)] : s)).join("/").replace(/\u0000/g, "."));
    }
    return urls;
  }

  it("gets 403 or 404 on every patient-level route, even for a case that exists", async () => {
    const caseId = seeded.rotterdamIds[0];
    const required = [`/casussen/${caseId}`, `/casussen/${caseId}/overleg`, `/verwijzingen/${caseId}`, "/tafels/rotterdam/inbox", "/bijlagen/1", `/api/v1/referrals/${caseId}`];
    const urls = [...new Set([...required, ...patientLevelUrls(caseId), "/tafels/rotterdam", "/tafels/rotterdam/tekorten", "/tafels/rotterdam/lessen", "/tafels/rotterdam/rapportage", "/verwijzingen", "/adviseur"])];
    expect(urls).toEqual(expect.arrayContaining(required));
    for (const url of urls) {
      const response = await get(PL, url);
      // The intake API takes no session cookie at all: 401 without a token.
      const allowed = url.startsWith("/api/") ? [401, 403, 404] : [403, 404];
      expect(allowed, `${url}: ${response.status}`).toContain(response.status);
      expectNoIdentifiers(response.html);
    }
    // The refusals are in the access log.
    const denied = db().select().from(auditEvents).where(and(eq(auditEvents.userId, user(PL).id), eq(auditEvents.outcome, "denied"))).all();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe("the chair's report for their own table", () => {
  it("the chair of Rotterdam sees it with the same (suppressed) numbers", async () => {
    const page = await get(CHAIR, `/tafels/rotterdam/rapportage?${FILTER}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Rapportage tafel Rotterdam-Rijnmond");
    const model = monitorReport(db(), { period: PERIOD, tableIds: [table("rotterdam").id] });
    expect(page.html).toContain(`<strong id="totaal-verwezen">${displayValue(model.referredVsIncluded.received)}</strong>`);
    for (const f of model.flow) expect(page.html).toContain(row(f.label, displayValue(f.count)));
    expect(page.html).toContain(row("Niet geïncludeerd", SUPPRESSED));
    expect(page.html).not.toContain("Zuid-Limburg");
    expect(page.html).not.toContain('id="veld-regio"'); // the region is fixed
    expectNoIdentifiers(page.html);
    const csv = await (await as(CHAIR)).get(`/tafels/rotterdam/rapportage.csv?${FILTER}`);
    expect(csv.status).toBe(200);
    const [, ...records] = parseCsv(await csv.text());
    expect(records).toEqual(monitorRecords(model));
  });

  it("other chairs, members and the project leader get 404", async () => {
    for (const [email, url] of [
      ["voorzitter.denhaag@regiotafel.test", "/tafels/rotterdam/rapportage"],
      ["voorzitter.limburg@regiotafel.test", "/tafels/rotterdam/rapportage"],
      [MEMBER, "/tafels/rotterdam/rapportage"],
      [PL, "/tafels/rotterdam/rapportage"],
      ["voorzitter.denhaag@regiotafel.test", "/tafels/rotterdam/rapportage.csv"],
      [CHAIR, "/tafels/bestaat-niet/rapportage"],
      [CHAIR, "/tafels/%3Cx%3E/rapportage"],
    ]) {
      expect((await get(email, url)).status, `${email} ${url}`).toBe(404);
    }
  });
});

describe("the shortfalls register", () => {
  const valid = (over: Record<string, string | string[]> = {}) => ({
    intent: "create",
    careFunction: "kib",
    kind: "absent",
    bottleneck: "limited_capacity",
    waitingWeeks: "14",
    peopleWaiting: "",
    justification: "Er is in Rijnmond geen klinische intensieve behandeling voor deze doelgroep; patiënten wachten gemiddeld veertien weken en belanden in de crisisdienst.",
    status: "open",
    caseIds: [String(seeded.rotterdamIds[0]), String(seeded.rotterdamIds[1])],
    ...over,
  });

  it("refuses a short justification and blocked outflow without a number of people, in Dutch, keeping what was typed", async () => {
    const before = db().select().from(shortfalls).all().length;
    const response = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ kind: "blocked_outflow", careFunction: "housing", waitingWeeks: "12", justification: "Te weinig plekken." }));
    expect(response.status).toBe(200);
    expect(response.html).toContain("Geef een gedegen onderbouwing van minstens 50 tekens");
    expect(response.html).toContain("Vul bij uitstroom die stokt in hoeveel mensen zonder medische noodzaak opgenomen zijn");
    expect(response.html).toContain(">Te weinig plekken.</textarea>");
    expect(response.html).toContain('value="12"');
    expect(response.html).toContain('<option value="housing" selected="">');
    expect(response.html).toContain('<option value="blocked_outflow" selected="">');
    expect(response.html).toContain(`checked="" value="${seeded.rotterdamIds[0]}"`);
    expect(response.html).not.toContain(`checked="" value="${seeded.rotterdamIds[2]}"`);
    expect(response.html).toContain('aria-invalid="true"');

    const other = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ careFunction: "other", functionOther: "" }));
    expect(other.html).toContain("Beschrijf de functie die ontbrak");
    const badNumber = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ waitingWeeks: "veel" }));
    expect(badNumber.html).toContain("Vul bij de wachttijd een heel getal in");
    const badChoice = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ kind: "<script>", caseIds: ["abc"] }));
    expect(badChoice.status).toBe(200);
    expect(badChoice.html).toContain("Kies de soort tekort.");
    expect(badChoice.html).not.toContain("<script>");
    // A case of another table is refused, never linked.
    const foreign = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ caseIds: [String(seeded.limburgIds[0])] }));
    expect(foreign.html).toContain("Kies alleen casussen van deze tafel.");
    const unknownIntent = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ intent: "delete" }));
    expect(unknownIntent.status).toBe(200);
    expect(unknownIntent.html).toContain("Deze handeling is niet mogelijk.");
    expect(db().select().from(shortfalls).all().length).toBe(before);
  });

  it("only the chair records; members read; others get 404", async () => {
    expect((await post(MEMBER, "/tafels/rotterdam/tekorten", valid())).status).toBe(403);
    expect((await post("voorzitter.denhaag@regiotafel.test", "/tafels/rotterdam/tekorten", valid())).status).toBe(404);
    expect((await get("voorzitter.denhaag@regiotafel.test", "/tafels/rotterdam/tekorten")).status).toBe(404);
    expect((await get("adviseur.vgz@regiotafel.test", "/tafels/rotterdam/tekorten")).status).toBe(404);
    const member = await get(MEMBER, "/tafels/rotterdam/tekorten");
    expect(member.status).toBe(200);
    expect(member.html).not.toContain('name="justification"');
  });

  it("a recorded shortfall is listed with case codes only and appears in the capacity report", async () => {
    const rotterdamId = table("rotterdam").id;
    const cellBefore = capacityReport(db(), { period: PERIOD, tableIds: null }).tables.find((x) => x.slug === "rotterdam")!.rows.find((r) => r.careFunction === "kib")!.counts[0];
    expect(cellBefore).toEqual({ kind: "absent", count: 0 });

    const created = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ tableId: "7", createdByUserId: "x" }));
    expect(created.status).toBe(302);
    expect(created.location).toBe("/tafels/rotterdam/tekorten");
    const stored = db().select().from(shortfalls).where(eq(shortfalls.tableId, rotterdamId)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ careFunction: "kib", kind: "absent", waitingWeeks: 14, peopleWaiting: null, createdByUserId: user(CHAIR).id, status: "open" });
    const linked = db().select().from(shortfallCases).where(eq(shortfallCases.shortfallId, stored[0].id)).all().map((l) => l.caseId).sort();
    expect(linked).toEqual(seeded.rotterdamIds.slice(0, 2).sort());
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "shortfall.create"), eq(auditEvents.objectId, String(stored[0].id)))).all()).toHaveLength(1);

    const list = await get(MEMBER, "/tafels/rotterdam/tekorten");
    expect(list.html).toContain("Klinische intensieve behandeling (KIB)");
    expect(list.html).toContain(`${seeded.codes[0]}, ${seeded.codes[1]}`);
    for (const name of seeded.names) expect(list.html).not.toContain(name);

    // In the side-by-side report: 1 shortfall at Rotterdam is suppressed, other tables stay 0.
    const capacity = await get(PL, `/monitor/capaciteit?${FILTER}`);
    expect(capacity.status).toBe(200);
    const start = capacity.html.indexOf('aria-labelledby="tekorten-rotterdam"');
    const section = capacity.html.slice(start, capacity.html.indexOf("</section>", start));
    expect(section).toContain(row("Klinische intensieve behandeling (KIB)", SUPPRESSED, "0", "0"));
    const denhaag = capacity.html.slice(capacity.html.indexOf('aria-labelledby="tekorten-denhaag"'));
    expect(denhaag.slice(0, denhaag.indexOf("</section>"))).toContain(row("Klinische intensieve behandeling (KIB)", "0", "0", "0"));
    expect(capacity.html).not.toMatch(/\sstyle="/);
    expect(capacity.html).toMatch(/<svg class="chart chart--matrix"[^>]*role="img"[^>]*aria-label="Capaciteitstekorten tafel Rotterdam-Rijnmond/);
    expect(capacity.html).not.toContain(stored[0].justification);
    expectNoIdentifiers(capacity.html);

    // Blocked outflow with the number of people: 7 people waiting is shown unless needed to hide another
    // table's small number; the count of shortfalls stays suppressed.
    const outflow = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ careFunction: "sheltered_housing", kind: "blocked_outflow", peopleWaiting: "7", caseIds: [] }));
    expect(outflow.status).toBe(302);
    const capacity2 = capacityReport(db(), { period: PERIOD, tableIds: [rotterdamId] }).tables[0];
    agrees(capacity2.peopleWaiting, 7, "people waiting");
    expect(capacity2.total).toBe(SUPPRESSED);
  });

  it("the chair edits a shortfall; another table's shortfall cannot be edited from here", async () => {
    // Rotterdam's own (the demo data has shortfalls at another table).
    const own = db().select().from(shortfalls).where(and(eq(shortfalls.careFunction, "kib"), eq(shortfalls.tableId, table("rotterdam").id))).get()!;
    const form = await get(CHAIR, `/tafels/rotterdam/tekorten?bewerk=${own.id}`);
    expect(form.html).toContain("Tekort bewerken");
    expect(form.html).toContain(`name="id" value="${own.id}"`);
    expect((await get(CHAIR, "/tafels/rotterdam/tekorten?bewerk=abc")).status).toBe(200);

    const updated = await post(CHAIR, "/tafels/rotterdam/tekorten", valid({ intent: "update", id: String(own.id), status: "reported", caseIds: [] }));
    expect(updated.status).toBe(302);
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, own.id)).get()!.status).toBe("reported");
    expect(db().select().from(shortfallCases).where(eq(shortfallCases.shortfallId, own.id)).all()).toHaveLength(0);
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "shortfall.update"), eq(auditEvents.objectId, String(own.id)))).all()).toHaveLength(1);

    // Limburg's chair cannot reach Rotterdam's shortfall through their own register.
    const limburgAttempt = await post("voorzitter.limburg@regiotafel.test", "/tafels/limburg/tekorten", valid({ intent: "update", id: String(own.id), caseIds: [], status: "resolved" }));
    expect(limburgAttempt.status).toBe(200);
    expect(limburgAttempt.html).toContain("Dit tekort bestaat niet (meer) bij deze tafel.");
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, own.id)).get()!.status).toBe("reported");
  });
});

describe("lessons learned", () => {
  it("the chair shares a lesson (with a no-names hint); members read it; the monitor shows it", async () => {
    const page = await get(CHAIR, "/tafels/rotterdam/lessen");
    expect(page.html).toContain("Schrijf geen namen");
    const tooShort = await post(CHAIR, "/tafels/rotterdam/lessen", { text: "Kort", bottleneck: "step_down" });
    expect(tooShort.status).toBe(200);
    expect(tooShort.html).toContain("Beschrijf de les in minstens 20 tekens");
    expect(tooShort.html).toContain(">Kort</textarea>");
    const text = "Afschaling naar beschermd wonen lukt pas als de gemeente vóór ontslag aan tafel zit.";
    expect((await post(MEMBER, "/tafels/rotterdam/lessen", { text, bottleneck: "step_down" })).status).toBe(403);
    const created = await post(CHAIR, "/tafels/rotterdam/lessen", { text, bottleneck: "step_down" });
    expect(created.status).toBe(302);
    expect(db().select().from(lessons).all()).toHaveLength(1);
    expect((await get(MEMBER, "/tafels/rotterdam/lessen")).html).toContain(text);
    expect((await get("voorzitter.denhaag@regiotafel.test", "/tafels/rotterdam/lessen")).status).toBe(404);
    const monitor = await get(PL, `/monitor?${FILTER}`);
    expect(monitor.html).toContain(text);
    expect(monitor.html).toContain("Moeizame afschaling naar lichtere zorg");
  });
});

describe("the shortfall form's case choice", () => {
  it("offers a table's running cases (newest, at most 100) and those already linked, not every case it ever had", () => {
    const closed = db().select({ id: cases.id, tableId: cases.tableId }).from(cases).where(eq(cases.status, "closed")).get();
    expect(closed, "the demo history has closed cases").toBeTruthy();
    const offered = linkableCaseCodes(db(), closed!.tableId);
    const statuses = offered.map((c) => db().select({ status: cases.status }).from(cases).where(eq(cases.id, c.id)).get()!.status);
    console.log(`shortfall form: ${offered.length} running cases offered at table ${closed!.tableId}`);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(LINKABLE_CASES);
    expect(statuses.filter((s) => s === "closed" || s === "not_included")).toEqual([]);
    expect(offered.some((c) => c.id === closed!.id)).toBe(false);
    // Editing a shortfall linked to a closed case keeps that link on offer (and checked).
    expect(linkableCaseCodes(db(), closed!.tableId, [closed!.id]).some((c) => c.id === closed!.id)).toBe(true);
    // Another table's case never is.
    const foreign = db().select({ id: cases.id }).from(cases).where(and(eq(cases.status, "closed"), sql`${cases.tableId} <> ${closed!.tableId}`)).get();
    if (foreign) expect(linkableCaseCodes(db(), closed!.tableId, [foreign.id]).some((c) => c.id === foreign.id)).toBe(false);
  });
});

