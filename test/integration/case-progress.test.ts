// Escalation, placement, follow-up, closure and the terms per case on /casussen/:id/verloop, against a
// real portal: the chair changes, members and advisors read (403 on changes), other tables and the
// project leader get 404; Dutch errors with values kept; the werkwijzer's terms and the attention
// list for the chair's home page; every change audited with the patient's id.
import { and, eq } from "drizzle-orm";
import { format, subMonths } from "date-fns";
import { auditEvents, caseDeadlines, caseFundings, cases, escalations, organisations, placements, regionalTables, users } from "#db/schema";
import type { CaseEvent } from "~/domain/case-lifecycle";
import { ReferralSchema, type ReferralPayload } from "~/domain/referral-schema";
import { amsterdamToday, deadlinesNeedingAttention } from "~/models/case-progress.server";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { Client, sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { validReferral, type DeepPartial } from "../helpers/referral-payload";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const OTHER_CHAIR = "voorzitter.denhaag@regiotafel.test";
const PROJECT_LEADER = "projectleider@regiotafel.test";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

const userId = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const caseRow = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!;
const tableId = (slug: string) => db().select().from(regionalTables).where(eq(regionalTables.slug, slug)).get()!.id;
const orgId = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;

/** React escapes text and attribute values like this. */
const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");

const TO_FUNDING: CaseEvent[] = ["include", "schedule", "discuss", "agree_plan", "request_advisor_check", "arrange_funding"];

/** A referral by VGZ's zorgbemiddeling (Rotterdam → table 2), taken through the lifecycle up to `until`. */
function caseUntil(until: CaseEvent, overrides: DeepPartial<ReferralPayload> = {}) {
  const referrer = userId("zorgbemiddeling.vgz@regiotafel.test");
  const result = createReferral(
    db(),
    ReferralSchema.parse(validReferral({ patient: { name: "Petra Voortgang" }, ...overrides })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`referral refused: ${JSON.stringify(result)}`);
  const chair = userId(CHAIR);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  const step = (event: CaseEvent) => {
    const r = applyCaseEvent(db(), result.caseId, { event }, actor);
    if (!r.ok) throw new Error(`${event}: ${r.error}`);
  };
  step("start_screening");
  saveAssessment(
    db(),
    result.caseId,
    "screening",
    chair.id,
    [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({ criterion, verdict: "met" as const, motivation: `Criterium ${criterion} blijkt uit de verwijzing.` })),
  );
  for (const event of TO_FUNDING) {
    step(event);
    // The funding the placements below take over (maatwerk; its rules are tested in outcome-to-placement).
    if (event === "arrange_funding") db().insert(caseFundings).values({ caseId: result.caseId, sources: ["maatwerk"], at: new Date().toISOString() }).run();
    if (event === until) break;
  }
  const row = caseRow(result.caseId);
  return { caseId: result.caseId, code: result.code, patientId: row.patientId, receivedAt: row.receivedAt };
}

const { get, post } = sessionsFor(() => t.url);

const auditFor = (action: string, patientId: number) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.patientId, String(patientId))))
    .all();

const page = (caseId: number) => `/casussen/${caseId}/verloop`;
const today = () => amsterdamToday();
const dayBefore = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return format(new Date(y, m - 1, d - 1), "yyyy-MM-dd");
};

describe("escalation, placement, follow-up and closure by the chair", () => {
  let c: ReturnType<typeof caseUntil>;
  beforeAll(() => {
    c = caseUntil("arrange_funding");
  });

  it("shows the page by case code, never the patient's name, and audits the view", async () => {
    expect(caseRow(c.caseId).status).toBe("funding_arranged");
    const { status, html } = await get(CHAIR, page(c.caseId));
    expect(status).toBe(200);
    expect(html).toContain(`<h1>Verloop casus ${c.code}</h1>`);
    expect(html).toContain('<span class="badge">Financiering geregeld</span>');
    expect(html).not.toContain("Petra Voortgang");
    // The chair's forms: escalate, place, add a term, close.
    for (const intent of ["escalate", "place", "add_deadline", "close"]) expect(html).toContain(`name="intent" value="${intent}"`);
    expect(html).not.toContain('value="start_follow_up"');
    const views = auditFor("case.progress_view", c.patientId);
    expect(views.length).toBeGreaterThanOrEqual(1);
    expect(views.at(-1)!.userEmail).toBe(CHAIR);
  });

  it("escalates up the ladder; a lower level after a higher one is refused in Dutch with the typed values kept", async () => {
    const first = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "national_mediation", escalationReason: "Geen passend aanbod binnen of buiten de regio." });
    expect(first.status).toBe(302);
    expect(first.location).toBe(`${page(c.caseId)}#opschaling`);

    const lower = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "supra_regional", escalationReason: "Nieuw bovenregionaal aanbod in Gelderland." });
    expect(lower.status).toBe(200);
    expect(lower.html).toContain(
      esc('Opschalen gaat alleen omhoog: kies "Landelijke zorgbemiddeling zorgverzekeraar" (met een nieuwe reden) of een hoger niveau.'),
    );
    expect(lower.html).toContain('aria-invalid="true"');
    expect(lower.html).toContain(">Nieuw bovenregionaal aanbod in Gelderland.</textarea>");
    // The level select offers only the current level and those above it.
    expect(lower.html).not.toContain('<option value="supra_regional"');
    expect(lower.html).toContain('<option value="national_mediation"');

    const sameReason = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "national_mediation", escalationReason: "Geen passend aanbod binnen of buiten de regio." });
    expect(sameReason.status).toBe(200);
    expect(sameReason.html).toContain("Deze reden is al vastgelegd bij");

    const noReason = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "national_project_leader", escalationReason: "  " });
    expect(noReason.status).toBe(200);
    expect(noReason.html).toContain("Geef de reden van de opschaling.");
    expect(noReason.html).toContain('<option value="national_project_leader" selected="">');

    const sameLevelNewReason = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "national_mediation", escalationReason: "Tweede verzekeraar gevraagd mee te zoeken." });
    expect(sameLevelNewReason.status).toBe(302);
    // The project leader's level also sends a non-identifying request (tested in outcome-loops).
    const higher = await post(CHAIR, page(c.caseId), {
      intent: "escalate",
      level: "national_project_leader",
      escalationReason: "Landelijke zorgbemiddeling vond geen plek.",
      bottleneck: "limited_capacity",
      leaderQuestion: "Wij vragen hulp bij het vinden van een plek buiten de regio.",
      confirmNoPatientData: "on",
    });
    expect(higher.status).toBe(302);

    const rows = db().select().from(escalations).where(eq(escalations.caseId, c.caseId)).all();
    expect(rows.map((r) => r.level)).toEqual(["national_mediation", "national_mediation", "national_project_leader"]);
    expect(rows.every((r) => r.actorUserId === userId(CHAIR).id)).toBe(true);

    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain("Huidig niveau: <strong>Landelijk projectleider</strong>");
    expect(html).toContain("<td>Landelijke zorgbemiddeling vond geen plek.</td>");

    const audited = auditFor("case.escalate", c.patientId);
    expect(audited).toHaveLength(3);
    expect(audited.map((a) => a.detail)).toEqual([
      `${c.code}: opgeschaald naar Landelijke zorgbemiddeling zorgverzekeraar`,
      `${c.code}: opgeschaald naar Landelijke zorgbemiddeling zorgverzekeraar`,
      `${c.code}: opgeschaald naar Landelijk projectleider`,
    ]);
  });

  it("refuses a placement that starts before the referral was received, keeping what was chosen", async () => {
    // The UTC day of receipt is never after the Amsterdam day, so the day before it is always too early.
    const received = caseRow(c.caseId).receivedAt.slice(0, 10);
    const kwintes = orgId("Kwintes");
    const early = await post(CHAIR, page(c.caseId), {
      intent: "place",
      organisationId: String(kwintes),
      careFunction: "sheltered_housing",
      fundingType: "maatwerk",
      placementStart: dayBefore(received),
      notes: "Plek met 24-uurs begeleiding.",
    });
    expect(early.status).toBe(200);
    expect(early.html).toContain("De startdatum kan niet vóór de ontvangst van de verwijzing");
    expect(early.html).toContain(`<option value="${kwintes}" selected="">Kwintes</option>`);
    expect(early.html).toContain('<option value="maatwerk" selected="">');
    expect(early.html).toContain(">Plek met 24-uurs begeleiding.</textarea>");
    expect(caseRow(c.caseId).status).toBe("funding_arranged");
    expect(db().select().from(placements).where(eq(placements.caseId, c.caseId)).all()).toHaveLength(0);

    const incomplete = await post(CHAIR, page(c.caseId), { intent: "place", organisationId: "abc", careFunction: "spa", fundingType: "bogus", placementStart: "2026-02-30" });
    expect(incomplete.status).toBe(200);
    for (const message of ["Kies waar de patiënt geplaatst wordt.", "Kies de zorgfunctie.", "Kies de financieringsvorm.", "Vul een geldige startdatum in."]) {
      expect(incomplete.html).toContain(esc(message));
    }
    // An organisation that is not a care provider (an insurer) cannot be chosen.
    const insurer = await post(CHAIR, page(c.caseId), { intent: "place", organisationId: String(orgId("VGZ")), careFunction: "kib", fundingType: "regular_contract", placementStart: today() });
    expect(insurer.status).toBe(200);
    expect(insurer.html).toContain("Kies een zorgaanbieder of gemeente uit de lijst.");
    expect(caseRow(c.caseId).status).toBe("funding_arranged");
  });

  it("places the case: placement row, status placed, audited", async () => {
    const placed = await post(CHAIR, page(c.caseId), {
      intent: "place",
      organisationId: String(orgId("Kwintes")),
      careFunction: "sheltered_housing",
      fundingType: "maatwerk",
      placementStart: today(),
      notes: "Plek met 24-uurs begeleiding.",
    });
    expect(placed.status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("placed");
    const rows = db().select().from(placements).where(eq(placements.caseId, c.caseId)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organisationId: orgId("Kwintes"), careFunction: "sheltered_housing", fundingType: "maatwerk", startDate: today() });

    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain("<td>Kwintes</td><td>Beschermd wonen</td><td>Maatwerk-arrangement</td>");
    expect(html).toContain('name="intent" value="start_follow_up"');
    expect(html).not.toContain('name="intent" value="place"');

    // Placing twice is refused with the state machine's reason, never a 500.
    const again = await post(CHAIR, page(c.caseId), { intent: "place", organisationId: String(orgId("Kwintes")), careFunction: "kib", fundingType: "maatwerk", placementStart: today() });
    expect(again.status).toBe(200);
    expect(again.html).toContain("Plaatsen kan pas als de financiering is geregeld");
    expect(db().select().from(placements).where(eq(placements.caseId, c.caseId)).all()).toHaveLength(1);

    const audited = auditFor("case.place", c.patientId);
    expect(audited).toHaveLength(1);
    expect(audited[0].detail).toBe(`${c.code}: geplaatst per ${today()} (Beschermd wonen, Maatwerk-arrangement)`);
    expect(audited[0].objectType).toBe("placement");
  });

  it("starts follow-up", async () => {
    const r = await post(CHAIR, page(c.caseId), { intent: "start_follow_up" });
    expect(r.status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("follow_up");
    expect(auditFor("case.follow_up", c.patientId)).toHaveLength(1);
    // Twice: the state machine refuses, shown as a page error.
    const again = await post(CHAIR, page(c.caseId), { intent: "start_follow_up" });
    expect(again.status).toBe(200);
    expect(again.html).toContain(esc('"Nazorg gestart" kan niet bij een casus met status "Nazorg".'));
  });

  it("closes only with a reason", async () => {
    const without = await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "", closeReason: "" });
    expect(without.status).toBe(200);
    expect(without.html).toContain("Kies de reden waarom de casus wordt afgesloten.");
    const other = await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "other", closeReason: "" });
    expect(other.html).toContain("Licht de reden ‘Anders’ toe.");
    expect(caseRow(c.caseId).status).toBe("follow_up");

    const closed = await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "placed_follow_up_done", closeReason: "Nazorg afgerond; patiënt woont stabiel bij Kwintes." });
    expect(closed.status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("closed");
    const audited = auditFor("case.close", c.patientId);
    expect(audited).toHaveLength(1);
    expect(audited[0].detail).toBe(`${c.code}: afgesloten, reden vastgelegd`);

    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain("<dd>Geplaatst en nazorg afgerond: Nazorg afgerond; patiënt woont stabiel bij Kwintes.</dd>");
    expect(html).not.toContain('name="intent" value="close"');
    expect(html).not.toContain('name="intent" value="escalate"');
    // A closed case is not escalated any more.
    const late = await post(CHAIR, page(c.caseId), { intent: "escalate", level: "national_project_leader", escalationReason: "Nog een poging." });
    expect(late.status).toBe(200);
    expect(late.html).toContain(esc('Opschalen kan niet bij een casus met status "Afgesloten".'));
  });

  it("refuses an unknown intent without a 500", async () => {
    const other = caseUntil("discuss");
    const r = await post(CHAIR, page(other.caseId), { intent: "status_naar_afgesloten", status: "closed" });
    expect(r.status).toBe(200);
    expect(r.html).toContain("Deze handeling is niet mogelijk.");
    expect(caseRow(other.caseId).status).toBe("discussed");
  });
});

describe("who may see and change", () => {
  let c: ReturnType<typeof caseUntil>;
  beforeAll(() => {
    c = caseUntil("arrange_funding");
  });

  const CHANGES: Record<string, string>[] = [
    { intent: "escalate", level: "own_region", escalationReason: "Poging door een tafellid." },
    { intent: "place", organisationId: "1", careFunction: "kib", fundingType: "maatwerk", placementStart: "2026-12-01" },
    { intent: "start_follow_up" },
    { intent: "close", closeKind: "other", closeReason: "Door een tafellid." },
    { intent: "add_deadline", kind: "wmo_support", deadlineStart: "2026-01-31" },
    { intent: "deadline_met", deadlineId: "1", metOn: "2026-02-01" },
  ];

  it("a table member and the insurer's advisor can read but get 403 on every change, audited", async () => {
    for (const email of [MEMBER, ADVISOR]) {
      const read = await get(email, page(c.caseId));
      expect(read.status).toBe(200);
      expect(read.html).toContain(`<h1>Verloop casus ${c.code}</h1>`);
      expect(read.html).not.toContain('name="intent"');
      for (const fields of CHANGES) {
        const r = await post(email, page(c.caseId), fields);
        expect(r.status, `${email} ${fields.intent}`).toBe(403);
      }
    }
    expect(caseRow(c.caseId).status).toBe("funding_arranged");
    expect(db().select().from(escalations).where(eq(escalations.caseId, c.caseId)).all()).toHaveLength(0);
    expect(db().select().from(caseDeadlines).where(eq(caseDeadlines.caseId, c.caseId)).all()).toHaveLength(0);
    const denied = auditFor("access.denied", c.patientId);
    expect(denied).toHaveLength(CHANGES.length * 2);
    expect(denied.every((d) => d.outcome === "denied")).toBe(true);
  });

  it("another table's chair and the project leader get 404, for reading and changing", async () => {
    for (const email of [OTHER_CHAIR, PROJECT_LEADER]) {
      expect((await get(email, page(c.caseId))).status).toBe(404);
      expect((await post(email, page(c.caseId), CHANGES[0])).status).toBe(404);
    }
    expect(db().select().from(escalations).where(eq(escalations.caseId, c.caseId)).all()).toHaveLength(0);
    expect(auditFor("case.denied", c.patientId).length).toBeGreaterThanOrEqual(4);
  });

  it("an unknown or malformed case id is 404; without a session it is the login page", async () => {
    expect((await get(CHAIR, "/casussen/999999/verloop")).status).toBe(404);
    expect((await get(CHAIR, "/casussen/abc/verloop")).status).toBe(404);
    const anonymous = await new Client(t.url).get(page(c.caseId));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/inloggen\?redirectTo=/);
  });
});

describe("terms per case", () => {
  let c: ReturnType<typeof caseUntil>;
  beforeAll(() => {
    c = caseUntil("discuss");
  });
  const deadlines = () => db().select().from(caseDeadlines).where(eq(caseDeadlines.caseId, c.caseId)).all();

  it("adds a Wmo term from 2026-01-31, due 8 weeks later on 2026-03-28, shown as overdue (red)", async () => {
    const r = await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "wmo_support", deadlineStart: "2026-01-31" });
    expect(r.status).toBe(302);
    expect(r.location).toBe(`${page(c.caseId)}#termijnen`);
    const [row] = deadlines();
    expect(row).toMatchObject({ kind: "wmo_support", startDate: "2026-01-31", dueDate: "2026-03-28", alertDate: null, metOn: null, createdByUserId: userId(CHAIR).id });

    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain("<th scope=\"row\">Wmo-ondersteuning en dagbesteding: beschikking (8 weken)</th>");
    expect(html).toContain('<time dateTime="2026-03-28">28 maart 2026</time>');
    expect(html).toContain('<span class="badge badge--error">Verlopen</span>');

    const audited = auditFor("case.deadline_add", c.patientId);
    expect(audited).toHaveLength(1);
    expect(audited[0].detail).toBe(`${c.code}: termijn wmo_support vanaf 2026-01-31, uiterlijk 2026-03-28`);
  });

  it("refuses VMR when Wlz care is needed, with the Dutch reason and the box still ticked", async () => {
    const r = await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "vmr", deadlineStart: today(), needsWlz: "on" });
    expect(r.status).toBe(200);
    expect(r.html).toContain("VMR is niet mogelijk als Wlz-zorg nodig is.");
    expect(r.html).toMatch(/<input type="checkbox" name="needsWlz" aria-invalid="true"[^>]*checked=""\/>/);
    expect(r.html).toContain('<option value="vmr" selected="">');
    expect(r.html).toContain(`value="${today()}"`);
    expect(deadlines().filter((d) => d.kind === "vmr")).toHaveLength(0);
  });

  it("refuses a missing kind or an impossible date in Dutch", async () => {
    const r = await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "", deadlineStart: "2026-02-29" });
    expect(r.status).toBe(200);
    expect(r.html).toContain("Kies welke termijn gaat lopen.");
    expect(r.html).toContain("Vul een geldige startdatum in.");
    expect(r.html).toContain('value="2026-02-29"');
    expect(deadlines()).toHaveLength(1);
  });

  it("a VMR without Wlz five months after medical necessity ended is in its alert period (orange)", async () => {
    const start = format(subMonths(new Date(`${today()}T12:00:00`), 5), "yyyy-MM-dd");
    const r = await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "vmr", deadlineStart: start });
    expect(r.status).toBe(302);
    const vmr = deadlines().find((d) => d.kind === "vmr")!;
    expect(vmr.alertDate! <= today()).toBe(true);
    expect(vmr.dueDate > today()).toBe(true);
    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain('<span class="badge badge--warn">Signaal: termijn loopt bijna af</span>');
    expect(html).toContain(`<time dateTime="${vmr.alertDate}">`);
  });

  it("deadlinesNeedingAttention lists the overdue and alert terms of the chair's tables by code, overdue first", async () => {
    // A running term does not need attention.
    expect((await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "housing_regular", deadlineStart: today() })).status).toBe(302);
    const items = deadlinesNeedingAttention(db(), [tableId("rotterdam")], today()).filter((i) => i.caseId === c.caseId);
    expect(items.map((i) => ({ code: i.code, kind: i.kind, kindLabel: i.kindLabel, state: i.state }))).toEqual([
      { code: c.code, kind: "wmo_support", kindLabel: "Wmo-ondersteuning en dagbesteding: beschikking (8 weken)", state: "overdue" },
      { code: c.code, kind: "vmr", kindLabel: "Verblijf met rechtvaardigingsgrond (VMR): vergoeding zorgverzekeraar (6 maanden)", state: "alert" },
    ]);
    expect(items[0].dueDate).toBe("2026-03-28");
    // Other tables' chairs do not get them.
    expect(deadlinesNeedingAttention(db(), [tableId("denhaag")], today()).some((i) => i.caseId === c.caseId)).toBe(false);
    expect(deadlinesNeedingAttention(db(), [], today())).toEqual([]);
  });

  it("marks a term as met; a date before its start or in the future is refused", async () => {
    const wmo = deadlines().find((d) => d.kind === "wmo_support")!;
    const before = await post(CHAIR, page(c.caseId), { intent: "deadline_met", deadlineId: String(wmo.id), metOn: "2026-01-30" });
    expect(before.status).toBe(200);
    expect(before.html).toContain(esc("De datum kan niet vóór de start van de termijn (31 januari 2026) liggen."));
    expect(before.html).toContain('value="2026-01-30"');
    const future = await post(CHAIR, page(c.caseId), { intent: "deadline_met", deadlineId: String(wmo.id), metOn: "2999-01-01" });
    expect(future.status).toBe(200);
    expect(future.html).toContain("De datum kan niet in de toekomst liggen.");
    // A term of another case cannot be touched through this one.
    const other = caseUntil("include");
    expect((await post(CHAIR, page(other.caseId), { intent: "deadline_met", deadlineId: String(wmo.id), metOn: "2026-03-20" })).html).toContain(
      "Deze termijn hoort niet bij deze casus.",
    );
    expect(deadlines().find((d) => d.id === wmo.id)!.metOn).toBeNull();

    const met = await post(CHAIR, page(c.caseId), { intent: "deadline_met", deadlineId: String(wmo.id), metOn: "2026-03-20" });
    expect(met.status).toBe(302);
    expect(deadlines().find((d) => d.id === wmo.id)!.metOn).toBe("2026-03-20");
    const { html } = await get(CHAIR, page(c.caseId));
    expect(html).toContain('<span class="badge badge--ok">Gehaald</span>');
    expect(html).toContain('<time dateTime="2026-03-20">20 maart 2026</time>');
    expect(deadlinesNeedingAttention(db(), [tableId("rotterdam")], today()).filter((i) => i.caseId === c.caseId).map((i) => i.kind)).toEqual(["vmr"]);

    const audited = auditFor("case.deadline_met", c.patientId);
    expect(audited).toHaveLength(1);
    expect(audited[0].detail).toBe(`${c.code}: termijn wmo_support gehaald op 2026-03-20`);

    // Once met it stays met.
    const twice = await post(CHAIR, page(c.caseId), { intent: "deadline_met", deadlineId: String(wmo.id), metOn: "2026-03-21" });
    expect(twice.status).toBe(200);
    expect(twice.html).toContain("Deze termijn is al gehaald op 20 maart 2026.");
  });

  it("closing with an open term is refused until it is carried over; then its terms no longer need attention", async () => {
    const refused = await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "care_refused", closeReason: "" });
    expect(refused.status).toBe(200);
    expect(refused.html).toMatch(/Er (loopt|lopen) nog \d+ termijn/);
    expect(caseRow(c.caseId).status).not.toBe("closed");
    // Placement and follow-up are not done: that reason is refused whatever the terms.
    const notPlaced = await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "placed_follow_up_done" });
    expect(notPlaced.html).toContain("‘Geplaatst en nazorg afgerond’ kan pas");
    const vmr = db().select().from(caseDeadlines).where(and(eq(caseDeadlines.caseId, c.caseId), eq(caseDeadlines.kind, "vmr"))).get()!;
    const noReason = await post(CHAIR, page(c.caseId), { intent: "carry_over", deadlineId: String(vmr.id), carryOverReason: "" });
    expect(noReason.html).toContain("Geef aan aan wie de termijn wordt overgedragen en waarom.");
    expect((await post(CHAIR, page(c.caseId), { intent: "carry_over", deadlineId: String(vmr.id), carryOverReason: "Gemeente Rotterdam (wijkteam) bewaakt de VMR-termijn." })).status).toBe(302);
    for (const d of db().select().from(caseDeadlines).where(eq(caseDeadlines.caseId, c.caseId)).all().filter((d) => !d.metOn && !d.carriedOverReason)) {
      expect((await post(CHAIR, page(c.caseId), { intent: "carry_over", deadlineId: String(d.id), carryOverReason: "Overgedragen aan het wijkteam." })).status).toBe(302);
    }
    expect((await get(CHAIR, page(c.caseId))).html).toContain("Overgedragen: Gemeente Rotterdam (wijkteam) bewaakt de VMR-termijn.");
    expect((await post(CHAIR, page(c.caseId), { intent: "close", closeKind: "care_refused", closeReason: "" })).status).toBe(302);
    expect(deadlinesNeedingAttention(db(), [tableId("rotterdam")], today()).some((i) => i.caseId === c.caseId)).toBe(false);
    const r = await post(CHAIR, page(c.caseId), { intent: "add_deadline", kind: "wmo_support", deadlineStart: today() });
    expect(r.status).toBe(200);
    expect(r.html).toContain(esc('Bij een casus met status "Afgesloten" worden geen termijnen meer bijgehouden.'));
  });
});
