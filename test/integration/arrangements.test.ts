// The integral plan and maatwerk-arrangements against a real portal: a case built up to "discussed"
// through the real services, the chair's plan (Dutch errors with typed values kept, agreeing it,
// overdue actions), members reading but not changing, the arrangement flow with the insurer's
// medical advisor (wrong insurer 404, approval only after their own assessment), funding, and an
// audit row with the patient for every change.
import { formatDate } from "~/domain/format";
import { and, eq, inArray } from "drizzle-orm";
import {
  arrangementComponents,
  arrangementParties,
  arrangements,
  auditEvents,
  carePlans,
  caseEvents,
  cases,
  organisations,
  planActions,
  planGoals,
  regionalTables,
  users,
} from "#db/schema";
import { formatAmsterdamSortable } from "~/domain/amsterdam-time";
import { ReferralSchema } from "~/domain/referral-schema";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { addAgendaItem, createMeetings, getMeeting } from "~/models/meetings.server";
import { overdueActionsForTables } from "~/models/plan.server";
import { createReferral } from "~/models/referrals.server";
import { followFlash } from "../helpers/flash";
import { mailedSince, outboxMark } from "../helpers/outbox";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral } from "../helpers/referral-payload";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const WRONG_ADVISOR = "adviseur.cz@regiotafel.test";
const PATIENT_NAME = "Test Patiënt";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

const user = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const org = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;
const caseRow = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!;
const tableId = (slug: string) => db().select().from(regionalTables).where(eq(regionalTables.slug, slug)).get()!.id;
const today = () => formatAmsterdamSortable(new Date().toISOString()).slice(0, 10);
const inDays = (n: number) => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** React escapes quotes in text; read the page as the user does. */
const readable = (html: string) => html.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");

const sessions = sessionsFor(() => t.url);
const get = async (email: string, path: string) => {
  const answer = await sessions.get(email, path);
  return { ...answer, html: readable(answer.html) };
};
const post = async (email: string, path: string, fields: Record<string, string | string[]>) => {
  const answer = await sessions.post(email, path, fields);
  return { ...answer, html: readable(answer.html) };
};

const auditFor = (action: string, patientId: number) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.patientId, String(patientId))))
    .all();

let meetingDay = 10;
/**
 * A VGZ-insured case at Rotterdam-Rijnmond taken to "discussed" through the models: referral,
 * screening, inclusion, a meeting with the case on its agenda, discussion.
 */
function discussedCase() {
  const referrer = user("zorgbemiddeling.vgz@regiotafel.test");
  const chair = user(CHAIR);
  const created = createReferral(
    db(),
    // A person of their own: one BSN is one patient, and the audit checks count per patient.
    ReferralSchema.parse(validReferral({ patient: { bsn: uniqueBsn() } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    ORIGIN,
  );
  if (!created.ok) throw new Error(`referral refused: ${JSON.stringify(created)}`);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  const step = (event: "start_screening" | "include" | "discuss") => {
    const result = applyCaseEvent(db(), created.caseId, { event }, actor);
    if (!result.ok) throw new Error(`${event}: ${result.error}`);
  };
  step("start_screening");
  saveAssessment(
    db(),
    created.caseId,
    "screening",
    chair.id,
    [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({ criterion, verdict: "met" as const, motivation: `Screening criterium ${criterion}.` })),
  );
  step("include");
  const startsAt = `2026-01-${String(meetingDay++).padStart(2, "0")}T09:00:00.000Z`;
  const [meetingId] = createMeetings(db(), { tableId: created.tableId, title: "Casusoverleg januari", starts: [startsAt], durationMinutes: 120, location: "Rotterdam", videoUrl: null, createdByUserId: chair.id });
  const scheduled = addAgendaItem(db(), getMeeting(db(), meetingId)!, created.caseId, { startsAt, durationMinutes: 30 }, actor);
  if (!scheduled.ok) throw new Error(scheduled.error);
  step("discuss");
  return { caseId: created.caseId, code: created.code, patientId: caseRow(created.caseId).patientId, meetingId };
}

function advisorVerdicts() {
  return [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({
    criterion,
    verdict: criterion === 4 ? ("unknown" as const) : ("met" as const),
    motivation: `Adviseur: criterium ${criterion} blijkt uit het dossier.`,
  }));
}

describe("the integral plan", () => {
  let c: ReturnType<typeof discussedCase>;
  let plan: string;
  beforeAll(() => {
    c = discussedCase();
    plan = `/casussen/${c.caseId}/plan`;
  });
  // This case's goals and actions (the demo data has plans of its own).
  const planIds = () => db().select({ id: carePlans.id }).from(carePlans).where(eq(carePlans.caseId, c.caseId)).all().map((p) => p.id);
  const caseGoals = () => db().select().from(planGoals).where(inArray(planGoals.planId, planIds())).all();
  const caseActions = () => db().select().from(planActions).where(inArray(planActions.planId, planIds())).all();

  it("shows the case code to the chair, never the patient's name, and audits the view with the patient", async () => {
    const page = await get(CHAIR, plan);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<h1>Integraal behandel- en zorgplan ${c.code}</h1>`);
    expect(page.html).not.toContain(PATIENT_NAME);
    expect(page.html).toContain("Nog niet vastgesteld");
    expect(page.html).toContain("Doel toevoegen");
    expect(auditFor("plan.view", c.patientId).length).toBeGreaterThanOrEqual(1);
  });

  it("is 404 for people outside the table and for the advisor of another insurer", async () => {
    for (const email of ["voorzitter.denhaag@regiotafel.test", WRONG_ADVISOR]) {
      expect((await get(email, plan)).status, email).toBe(404);
      expect((await post(email, plan, { intent: "add_goal", lifeDomain: "housing", goal: "Ongeoorloofd doel" })).status, email).toBe(404);
    }
    expect((await get(CHAIR, "/casussen/abc/plan")).status).toBe(404);
    expect(caseGoals().some((g) => g.goal === "Ongeoorloofd doel")).toBe(false);
  });

  it("refuses to agree a plan without goals and actions, in Dutch", async () => {
    const page = await post(CHAIR, plan, { intent: "agree" });
    expect(page.status).toBe(200);
    expect(page.html).toContain("Voeg minstens één doel toe. Voeg minstens één actie toe.");
    expect(caseRow(c.caseId).status).toBe("discussed");
  });

  it("gives Dutch field errors for a goal and keeps what was typed", async () => {
    const empty = await post(CHAIR, plan, { intent: "add_goal", lifeDomain: "", goal: "" });
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("Kies een levensdomein.");
    expect(empty.html).toContain("Beschrijf het doel.");
    expect(empty.html).toContain("Controleer de velden met een foutmelding.");

    const badDomain = await post(CHAIR, plan, { intent: "add_goal", lifeDomain: "vakantie", goal: "Een eigen woning binnen een jaar" });
    expect(badDomain.status).toBe(200);
    expect(badDomain.html).toContain("Kies een levensdomein.");
    expect(badDomain.html).toMatch(/<textarea[^>]*name="goal"[^>]*>Een eigen woning binnen een jaar<\/textarea>/);
    expect(caseGoals()).toHaveLength(0);
  });

  it("adds goals in several life domains (any number per domain)", async () => {
    for (const [lifeDomain, goal] of [
      ["treatment", "Stabiel op medicatie met FACT-begeleiding"],
      ["housing", "Een beschermde woonplek in Rotterdam"],
      ["housing", "Daarna doorstromen naar begeleid zelfstandig wonen"],
      ["income_debts", "Schulden in een saneringstraject"],
    ]) {
      const r = await post(CHAIR, plan, { intent: "add_goal", lifeDomain, goal });
      expect(r.status, goal).toBe(302);
      expect(r.location).toBe(`${plan}#doelen`);
    }
    const page = await get(CHAIR, plan);
    expect(page.html).toMatch(/<h3 id="domein-housing">Wonen<\/h3><ul><li[^>]*>Een beschermde woonplek in Rotterdam/);
    expect(page.html).toContain("Daarna doorstromen naar begeleid zelfstandig wonen");
    expect(page.html).toMatch(/<h3 id="domein-social_network">Sociaal netwerk<\/h3><p class="muted">Geen doelen.<\/p>/);
    expect(auditFor("plan.goal_add", c.patientId)).toHaveLength(4);
    expect(auditFor("plan.goal_add", c.patientId)[0].detail).toBe(`${c.code}: doel ${caseGoals()[0].id} toegevoegd (Behandeling)`);
  });

  it("edits and removes a goal", async () => {
    const goals = caseGoals();
    const debts = goals.find((g) => g.lifeDomain === "income_debts")!;
    const form = await get(CHAIR, `${plan}?wijzig=${debts.id}`);
    expect(form.html).toContain("Doel opslaan");
    const invalid = await post(CHAIR, plan, { intent: "edit_goal", goalId: String(debts.id), lifeDomain: "income_debts", goal: "   " });
    expect(invalid.status).toBe(200);
    expect(invalid.html).toContain("Beschrijf het doel.");
    const edited = await post(CHAIR, plan, { intent: "edit_goal", goalId: String(debts.id), lifeDomain: "income_debts", goal: "Schuldhulp en budgetbeheer geregeld" });
    expect(edited.status).toBe(302);
    expect(db().select().from(planGoals).where(eq(planGoals.id, debts.id)).get()!.goal).toBe("Schuldhulp en budgetbeheer geregeld");
    expect(auditFor("plan.goal_edit", c.patientId)).toHaveLength(1);

    const extra = await post(CHAIR, plan, { intent: "add_goal", lifeDomain: "social_network", goal: "Tijdelijk doel" });
    expect(extra.status).toBe(302);
    const temp = db().select().from(planGoals).where(eq(planGoals.goal, "Tijdelijk doel")).get()!;
    const removed = await post(CHAIR, plan, { intent: "remove_goal", goalId: String(temp.id) });
    expect(removed.status).toBe(302);
    expect(db().select().from(planGoals).where(eq(planGoals.id, temp.id)).get()).toBeUndefined();
    expect(auditFor("plan.goal_remove", c.patientId)).toHaveLength(1);
    const again = await post(CHAIR, plan, { intent: "remove_goal", goalId: String(temp.id) });
    expect(again.status).toBe(200);
    expect(again.html).toContain("Dit doel bestaat niet (meer).");
  });

  it("gives Dutch field errors for an action and keeps what was typed", async () => {
    const missing = await post(CHAIR, plan, { intent: "add_action", description: "", ownerOrganisationId: "", dueDate: "31-12-2026", goalId: "" });
    expect(missing.status).toBe(200);
    expect(missing.html).toContain("Beschrijf de actie.");
    expect(missing.html).toContain("Kies de organisatie die de actie uitvoert.");
    expect(missing.html).toContain("Vul een geldige datum in.");
    expect(missing.html).toContain('value="31-12-2026"');

    const past = await post(CHAIR, plan, { intent: "add_action", description: "Aanmelden bij beschermd wonen", ownerOrganisationId: String(org("Leger des Heils Zuid-Holland")), dueDate: "2020-01-01", goalId: "" });
    expect(past.status).toBe(200);
    expect(past.html).toContain("Kies een datum vanaf vandaag.");
    expect(past.html).toContain('value="Aanmelden bij beschermd wonen"');

    const unknownOwner = await post(CHAIR, plan, { intent: "add_action", description: "Iets", ownerOrganisationId: "999999", dueDate: inDays(7), goalId: "" });
    expect(unknownOwner.html).toContain("Kies een organisatie uit de lijst.");

    const otherGoal = await post(CHAIR, plan, { intent: "add_action", description: "Iets", ownerOrganisationId: String(org("IrisZorg")), dueDate: inDays(7), goalId: "999999" });
    expect(otherGoal.status).toBe(200);
    expect(otherGoal.html).toContain("Kies een doel uit dit plan.");
    expect(caseActions()).toHaveLength(0);
  });

  it("adds actions with owner, deadline and optional goal", async () => {
    const housing = db().select().from(planGoals).where(eq(planGoals.goal, "Een beschermde woonplek in Rotterdam")).get()!;
    const first = await post(CHAIR, plan, {
      intent: "add_action",
      description: "Aanmelden bij beschermd wonen",
      ownerOrganisationId: String(org("Leger des Heils Zuid-Holland")),
      dueDate: inDays(14),
      goalId: String(housing.id),
    });
    expect(first.status).toBe(302);
    const second = await post(CHAIR, plan, { intent: "add_action", description: "Medicatie-evaluatie plannen", ownerOrganisationId: String(org("Parnassia Groep")), dueDate: today(), goalId: "" });
    expect(second.status).toBe(302);
    const rows = caseActions();
    expect(rows.map((r) => [r.description, r.goalId, r.status])).toEqual([
      ["Aanmelden bij beschermd wonen", housing.id, "open"],
      ["Medicatie-evaluatie plannen", null, "open"],
    ]);
    expect(auditFor("plan.action_add", c.patientId)).toHaveLength(2);
    const page = await get(CHAIR, plan);
    expect(page.html).toContain("<td>Wonen: Een beschermde woonplek in Rotterdam</td><td>Leger des Heils Zuid-Holland</td>");
    expect(page.html).not.toContain("Te laat");
  });

  it("table members read the plan but get 403 on every change", async () => {
    const page = await get(MEMBER, plan);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Een beschermde woonplek in Rotterdam");
    expect(page.html).not.toContain("Doel toevoegen");
    expect(page.html).not.toContain("Plan vaststellen");
    const action = caseActions()[0];
    const before = auditFor("access.denied", c.patientId).length;
    const attempts: Record<string, string>[] = [
      { intent: "add_goal", lifeDomain: "housing", goal: "Van een tafellid" },
      { intent: "add_action", description: "Van een tafellid", ownerOrganisationId: String(org("IrisZorg")), dueDate: inDays(3), goalId: "" },
      { intent: "action_status", actionId: String(action.id), status: "done" },
      { intent: "agree" },
    ];
    for (const fields of attempts) {
      expect((await post(MEMBER, plan, fields)).status, fields.intent).toBe(403);
    }
    expect(auditFor("access.denied", c.patientId).length - before).toBe(4);
    expect(db().select().from(planActions).where(eq(planActions.id, action.id)).get()!.status).toBe("open");
    expect(caseRow(c.caseId).status).toBe("discussed");
  });

  it("the chair agrees the plan: case on plan_agreed, time and meeting recorded", async () => {
    const page = await get(CHAIR, plan);
    expect(page.html).toContain("Plan vaststellen");
    const agreed = await post(CHAIR, plan, { intent: "agree" });
    expect(agreed.status).toBe(302);
    expect(agreed.location).toBe(plan);
    expect(caseRow(c.caseId).status).toBe("plan_agreed");
    const row = db().select().from(carePlans).where(eq(carePlans.caseId, c.caseId)).get()!;
    expect(row.agreedAt).toBeTruthy();
    expect(row.meetingId).toBe(c.meetingId);
    const event = db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.caseId), eq(caseEvents.event, "agree_plan"))).get()!;
    expect([event.fromState, event.toState]).toEqual(["discussed", "plan_agreed"]);
    expect(auditFor("plan.agree", c.patientId)).toHaveLength(1);

    const after = await followFlash(await sessions.as(CHAIR), agreed);
    expect(after.html).toContain("Het plan is vastgesteld.");
    expect(after.html).toContain("Casusoverleg januari");
    expect(after.html).not.toContain("Plan vaststellen</button>");
    const twice = await post(CHAIR, plan, { intent: "agree" });
    expect(twice.status).toBe(200);
    expect(twice.html).toContain("Het plan is al vastgesteld.");
  });

  it("shows overdue actions with a badge and lists them for the chair's home page", async () => {
    const [housingAction, medication] = caseActions();
    db().update(planActions).set({ dueDate: inDays(-3) }).where(eq(planActions.id, housingAction.id)).run();
    db().update(planActions).set({ dueDate: inDays(-10), status: "done" }).where(eq(planActions.id, medication.id)).run();

    const page = await get(MEMBER, plan);
    expect(page.html).toContain(`<td>${formatDate(inDays(-3))} <span class="badge badge--error">Te laat</span></td>`);
    expect(page.html).toContain("1 actie is over de uiterste datum.");
    expect(page.html.match(/Te laat/g)).toHaveLength(1);

    const rotterdam = overdueActionsForTables(db(), [tableId("rotterdam")], today()).filter((a) => a.caseId === c.caseId);
    expect(rotterdam).toEqual([{ caseId: c.caseId, code: c.code, description: "Aanmelden bij beschermd wonen", dueDate: inDays(-3), owner: "Leger des Heils Zuid-Holland" }]);
    expect(overdueActionsForTables(db(), [tableId("denhaag")], today()).some((a) => a.caseId === c.caseId)).toBe(false);
    expect(overdueActionsForTables(db(), [], today())).toEqual([]);

    // Running late still counts; done does not.
    const running = await post(CHAIR, plan, { intent: "action_status", actionId: String(housingAction.id), status: "in_progress" });
    expect(running.status).toBe(302);
    expect(overdueActionsForTables(db(), [tableId("rotterdam")], today()).filter((a) => a.caseId === c.caseId)).toHaveLength(1);
    const invalid = await post(CHAIR, plan, { intent: "action_status", actionId: String(housingAction.id), status: "weg" });
    expect(invalid.status).toBe(200);
    expect(invalid.html).toContain("Kies een status.");
    const finished = await post(CHAIR, plan, { intent: "action_status", actionId: String(housingAction.id), status: "done" });
    expect(finished.status).toBe(302);
    expect(overdueActionsForTables(db(), [tableId("rotterdam")], today()).filter((a) => a.caseId === c.caseId)).toHaveLength(0);
    expect((await get(CHAIR, plan)).html).not.toContain("Te laat");
    const statusAudit = auditFor("plan.action_status", c.patientId);
    expect(statusAudit.map((a) => a.detail)).toEqual([`${c.code}: actie ${housingAction.id}: Open → Loopt`, `${c.code}: actie ${housingAction.id}: Loopt → Afgerond`]);
  });
});

describe("maatwerk-arrangements", () => {
  let c: ReturnType<typeof discussedCase>;
  let page: string;
  const ids = () => ({
    parnassia: String(org("Parnassia Groep")),
    leger: String(org("Leger des Heils Zuid-Holland")),
    vgz: String(org("VGZ")),
    rotterdam: String(org("Gemeente Rotterdam")),
  });
  /** A complete proposal with two components; override fields or drop them with undefined. */
  const proposal = (over: Record<string, string | string[] | undefined> = {}) => {
    const o = ids();
    const fields: Record<string, string | string[] | undefined> = {
      intent: "propose",
      componentRows: "2",
      description: "Intensieve behandeling met beschermd wonen en schuldhulp",
      periodStart: "2026-04-01",
      periodEnd: "2027-03-31",
      costEstimate: "84.500",
      providerIds: [o.parnassia],
      financierIds: [o.vgz],
      "components.0.kind": "treatment",
      "components.0.description": "FACT-behandeling met IHT bij crisis",
      "components.0.legalDomain": "zvw",
      "components.0.fundingInstrument": "facultative_performance",
      "components.0.providerOrganisationId": o.parnassia,
      "components.0.financierOrganisationId": o.vgz,
      "components.1.kind": "housing",
      "components.1.description": "Beschermd wonen met 24-uursbegeleiding",
      "components.1.legalDomain": "wmo",
      "components.1.fundingInstrument": "regular_contract",
      "components.1.providerOrganisationId": o.leger,
      "components.1.financierOrganisationId": o.rotterdam,
      ...over,
    };
    return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string | string[]] => e[1] !== undefined));
  };

  beforeAll(async () => {
    c = discussedCase();
    page = `/casussen/${c.caseId}/arrangementen`;
    // Agree a plan through the page, as the chair would.
    const plan = `/casussen/${c.caseId}/plan`;
    expect((await post(CHAIR, plan, { intent: "add_goal", lifeDomain: "treatment", goal: "Behandeling die past" })).status).toBe(302);
    expect((await post(CHAIR, plan, { intent: "add_action", description: "Arrangement uitwerken", ownerOrganisationId: ids().parnassia, dueDate: inDays(10), goalId: "" })).status).toBe(302);
    expect((await post(CHAIR, plan, { intent: "agree" })).status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("plan_agreed");
  });

  it("shows the chair the proposal form and the step to the advisor, with the case code and no name", async () => {
    const view = await get(CHAIR, page);
    expect(view.status).toBe(200);
    expect(view.html).toContain(`<h1>Maatwerk-arrangementen ${c.code}</h1>`);
    expect(view.html).not.toContain(PATIENT_NAME);
    expect(view.html).toContain("Voorleggen aan medisch adviseur");
    expect(view.html).toContain("Arrangement voorstellen");
    expect(view.html).toContain('name="components.0.kind"');
    expect(view.html).not.toContain('name="components.1.kind"');
    // Financiers offered: insurers, municipalities, zorgkantoren only.
    const financierBlock = view.html.slice(view.html.indexOf("<legend>Financiers</legend>"), view.html.indexOf("<h3>Onderdelen</h3>"));
    expect(financierBlock).toContain("Gemeente Rotterdam");
    expect(financierBlock).toContain("Zorgkantoor Rotterdam");
    expect(financierBlock).toContain(" VGZ</label>");
    expect(financierBlock).not.toContain("Parnassia Groep");
    expect(auditFor("arrangement.view", c.patientId).length).toBeGreaterThanOrEqual(1);
  });

  it("'Nog een onderdeel' adds a row without JavaScript and keeps what was typed", async () => {
    const more = await post(CHAIR, page, {
      intent: "add_component",
      componentRows: "1",
      description: "Half ingevuld voorstel",
      "components.0.description": "Eerste onderdeel",
    });
    expect(more.status).toBe(200);
    expect(more.html).toContain('name="components.1.kind"');
    expect(more.html).not.toContain('name="components.2.kind"');
    expect(more.html).toContain('<input type="hidden" name="componentRows" value="2"/>');
    expect(more.html).toMatch(/<textarea[^>]*name="description"[^>]*>Half ingevuld voorstel<\/textarea>/);
    expect(more.html).toContain('value="Eerste onderdeel"');
    expect(more.html).not.toContain("field-error");
    expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all()).toHaveLength(0);
  });

  it("refuses a proposal without components, in Dutch", async () => {
    const fields = proposal();
    for (const key of Object.keys(fields)) if (key.startsWith("components.")) delete fields[key];
    const r = await post(CHAIR, page, fields);
    expect(r.status).toBe(200);
    expect(r.html).toContain("Voeg minstens één onderdeel toe.");
    expect(r.html).toContain("Vul minstens één onderdeel in.");
  });

  it("gives Dutch errors per component field and for the head, keeping every typed value", async () => {
    const r = await post(
      CHAIR,
      page,
      proposal({
        periodEnd: "2026-03-01",
        costEstimate: "-5",
        "components.1.legalDomain": "",
        "components.1.financierOrganisationId": "",
      }),
    );
    expect(r.status).toBe(200);
    expect(r.html).toContain("De einddatum moet na de begindatum liggen.");
    expect(r.html).toContain("De geschatte kosten kunnen niet negatief zijn.");
    expect(r.html).toContain("Kies het wettelijk domein.");
    expect(r.html).toContain("Kies de financier van dit onderdeel.");
    expect(r.html).toMatch(/<p class="field-error" id="veld-components\.1\.legalDomain-fout">Kies het wettelijk domein\.<\/p>/);
    expect(r.html).toContain('value="Beschermd wonen met 24-uursbegeleiding"');
    expect(r.html).toContain('value="-5"');
    expect(r.html).toContain('value="2026-03-01"');
    expect(r.html).toContain('name="components.1.kind"');

    const decimals = await post(CHAIR, page, proposal({ costEstimate: "12,50", periodStart: "niet-een-datum" }));
    expect(decimals.html).toContain("Vul de kosten in hele euro's in, zonder centen.");
    expect(decimals.html).toContain("Vul een geldige datum in.");
    expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all()).toHaveLength(0);
  });

  it("refuses financiers that are not an insurer, municipality or zorgkantoor, and the wrong financier for a law", async () => {
    const o = ids();
    const r = await post(CHAIR, page, proposal({ financierIds: [o.vgz, o.parnassia], "components.1.financierOrganisationId": o.vgz }));
    expect(r.status).toBe(200);
    expect(r.html).toContain("Een financier is een zorgverzekeraar, gemeente of zorgkantoor.");
    expect(r.html).toMatch(/id="veld-components\.1\.financierOrganisationId-fout">Onder de Wmo 2015 is de financier een gemeente\.<\/p>/);
    // The choice made is kept.
    expect(r.html).toMatch(new RegExp(`<input type="checkbox" name="financierIds"[^>]* checked=""[^>]* value="${o.vgz}"/>`));
    expect(r.html).not.toMatch(new RegExp(`<input type="checkbox" name="financierIds"[^>]* checked=""[^>]* value="${o.rotterdam}"/>`));
    const crafted = await post(CHAIR, page, proposal({ "components.0.providerOrganisationId": o.vgz }));
    expect(crafted.html).toMatch(/id="veld-components\.0\.providerOrganisationId-fout">Kies een zorgaanbieder/);
    expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all()).toHaveLength(0);
  });

  it("members read the page but get 403 on proposing and on the lifecycle steps", async () => {
    const view = await get(MEMBER, page);
    expect(view.status).toBe(200);
    expect(view.html).not.toContain("Arrangement voorstellen");
    expect((await post(MEMBER, page, proposal())).status).toBe(403);
    expect((await post(MEMBER, page, { intent: "request_advisor_check" })).status).toBe(403);
    expect(caseRow(c.caseId).status).toBe("plan_agreed");
  });

  it("the chair proposes an arrangement with parties and components", async () => {
    const r = await post(CHAIR, page, proposal({ "components.2.kind": "", "components.2.description": "" }));
    expect(r.status).toBe(302);
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    expect(r.location).toBe(`${page}#arrangement-${row.id}`);
    expect([row.status, row.costEstimate, row.periodStart, row.periodEnd, row.proposedByUserId]).toEqual(["proposed", 84500, "2026-04-01", "2027-03-31", user(CHAIR).id]);
    const o = ids();
    const parties = db().select().from(arrangementParties).where(eq(arrangementParties.arrangementId, row.id)).all();
    expect(parties.map((p) => `${p.role}:${p.organisationId}`).sort()).toEqual(
      [`provider:${o.parnassia}`, `provider:${o.leger}`, `financier:${o.vgz}`, `financier:${o.rotterdam}`].sort(),
    );
    const components = db().select().from(arrangementComponents).where(eq(arrangementComponents.arrangementId, row.id)).all();
    expect(components.map((k) => [k.kind, k.legalDomain, k.fundingInstrument])).toEqual([
      ["treatment", "zvw", "facultative_performance"],
      ["housing", "wmo", "regular_contract"],
    ]);
    const [event] = auditFor("arrangement.propose", c.patientId);
    expect(event.objectId).toBe(String(row.id));
    expect(event.detail).toContain("€ 84.500");

    const view = await get(MEMBER, page);
    expect(view.html).toContain("Voorgesteld");
    expect(view.html).toContain("€ 84.500");
    expect(view.html).toContain("<td>Beschermd wonen met 24-uursbegeleiding</td><td>Wmo 2015</td><td>Regulier contract</td><td>Leger des Heils Zuid-Holland</td><td>Gemeente Rotterdam</td>");
  });

  it("funding cannot be recorded before the case is with the advisor", async () => {
    const r = await post(CHAIR, page, { intent: "arrange_funding", fundingType: "maatwerk" });
    expect(r.status).toBe(200);
    expect(r.html).toContain('Financiering kan alleen worden vastgelegd als de casus bij de medisch adviseur ligt (status nu: "Plan vastgesteld").');
  });

  it("the chair puts the case before the medical advisor, who is told (the other insurer's advisor is not)", async () => {
    const mark = outboxMark(db());
    const r = await post(CHAIR, page, { intent: "request_advisor_check" });
    expect(r.status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("advisor_check");
    expect(mailedSince(db(), mark)).toEqual([`advisor_presented → ${ADVISOR}`]);
    expect(auditFor("case.request_advisor_check", c.patientId)).toHaveLength(1);
    const again = await post(CHAIR, page, { intent: "request_advisor_check" });
    expect(again.status).toBe(200);
    expect(again.html).toContain('"Voorgelegd aan medisch adviseur" kan niet bij een casus met status "Toetsing medisch adviseur".');
  });

  it("the advisor of another insurer gets 404 and cannot approve", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    expect((await get(WRONG_ADVISOR, page)).status).toBe(404);
    expect((await post(WRONG_ADVISOR, page, { intent: "approve", arrangementId: String(row.id) })).status).toBe(404);
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("proposed");
    expect(auditFor("case.denied", c.patientId).length).toBeGreaterThanOrEqual(2);
  });

  it("the chair cannot approve", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    expect((await post(CHAIR, page, { intent: "approve", arrangementId: String(row.id) })).status).toBe(403);
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("proposed");
  });

  it("the insurer's advisor approves only after recording their own assessment, which the approval links", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    const before = await get(ADVISOR, page);
    expect(before.status).toBe(200);
    expect(before.html).not.toContain(PATIENT_NAME);
    expect(before.html).toContain(`href="/casussen/${c.caseId}#beoordeling">Leg uw beoordeling vast op de casuspagina</a>`);
    expect(before.html).not.toContain("Arrangement goedkeuren");
    expect(before.html).not.toContain("Arrangement voorstellen");

    const refused = await post(ADVISOR, page, { intent: "approve", arrangementId: String(row.id) });
    expect(refused.status).toBe(200);
    expect(refused.html).toContain("Leg eerst uw beoordeling van de zeven inclusiecriteria voor deze casus vast.");
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("proposed");

    const assessmentId = saveAssessment(db(), c.caseId, "advisor", user(ADVISOR).id, advisorVerdicts());
    const withVerdicts = await get(ADVISOR, page);
    expect(withVerdicts.html).toContain("Arrangement goedkeuren");
    expect(withVerdicts.html).toContain("Adviseur: criterium 7 blijkt uit het dossier.");
    expect(withVerdicts.html).toContain('<span class="badge badge--warn">Onbekend</span>');
    expect(withVerdicts.html.match(/<span class="badge badge--ok">Voldaan<\/span>/g)).toHaveLength(6);

    // Approval needs the conclusion "voldoet": none yet, then one that does not follow from "Onbekend".
    const noConclusion = await post(ADVISOR, page, { intent: "approve", arrangementId: String(row.id) });
    expect(noConclusion.html).toContain("Sluit uw beoordeling eerst af met een conclusie.");
    const inconsistent = await post(ADVISOR, page, { intent: "advisor_conclusion", conclusion: "meets", motivation: "Alles in orde" });
    expect(inconsistent.status).toBe(200);
    expect(inconsistent.html).toContain("U heeft een criterium als ‘Onbekend’ beoordeeld");

    // "Meer informatie nodig" returns the case to the table with the reasons; the chair sees them.
    const beforeMore = outboxMark(db());
    const more = await post(ADVISOR, page, { intent: "advisor_conclusion", conclusion: "more_information", motivation: "Criterium 4: graag de risicotaxatie." });
    expect(more.status).toBe(302);
    expect(mailedSince(db(), beforeMore)).toEqual([`returned_to_table → ${CHAIR}`]);
    expect(caseRow(c.caseId).status).toBe("plan_agreed");
    const back = db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.caseId), eq(caseEvents.event, "return_to_table"))).get()!;
    expect(back.reason).toBe("Meer informatie nodig: Criterium 4: graag de risicotaxatie.");
    expect((await get(CHAIR, page)).html).toContain("Criterium 4: graag de risicotaxatie.");
    expect((await post(CHAIR, page, { intent: "request_advisor_check" })).status).toBe(302);
    const negative = await post(ADVISOR, page, { intent: "approve", arrangementId: String(row.id) });
    expect(negative.status).toBe(200);
    expect(negative.html).toContain('Goedkeuren kan alleen met de conclusie "Voldoet aan de criteria"; uw conclusie is "Meer informatie nodig".');
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("proposed");

    const newAssessmentId = saveAssessment(db(), c.caseId, "advisor", user(ADVISOR).id, advisorVerdicts().map((v) => ({ ...v, verdict: "met" as const })));
    expect(newAssessmentId).not.toBe(assessmentId);
    expect((await post(ADVISOR, page, { intent: "advisor_conclusion", conclusion: "meets", motivation: "Risicotaxatie ontvangen; alle zeven voldaan." })).status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("advisor_check");
    const beforeApproval = outboxMark(db());
    const approved = await post(ADVISOR, page, { intent: "approve", arrangementId: String(row.id) });
    expect(approved.status).toBe(302);
    expect(mailedSince(db(), beforeApproval)).toEqual([`arrangement_approved → ${CHAIR}`]);
    const after = db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!;
    expect([after.status, after.approvedByUserId, after.advisorAssessmentId]).toEqual(["approved", user(ADVISOR).id, newAssessmentId]);
    expect(after.approvedAt).toBeTruthy();
    const [event] = auditFor("arrangement.approve", c.patientId);
    expect([event.userEmail, event.objectId]).toEqual([ADVISOR, String(row.id)]);
    expect(event.detail).toContain(`beoordeling ${newAssessmentId}`);
  });

  it("refuses steps out of order and steps by the wrong person", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    const early = await post(CHAIR, page, { intent: "end", arrangementId: String(row.id) });
    expect(early.status).toBe(200);
    expect(early.html).toContain('"Beëindigen" kan niet bij een arrangement met status "Goedgekeurd door medisch adviseur".');
    expect((await post(ADVISOR, page, { intent: "contract", arrangementId: String(row.id) })).status).toBe(403);
    const unknown = await post(CHAIR, page, { intent: "contract", arrangementId: "999999" });
    expect(unknown.status).toBe(200);
    expect(unknown.html).toContain("Dit arrangement bestaat niet (meer).");
    const bogus = await post(CHAIR, page, { intent: "verwijder-alles" });
    expect(bogus.status).toBe(200);
    expect(bogus.html).toContain("Deze handeling is niet mogelijk.");
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("approved");
  });

  it("the chair records the contract", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    const r = await post(CHAIR, page, { intent: "contract", arrangementId: String(row.id) });
    expect(r.status).toBe(302);
    const after = db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!;
    expect(after.status).toBe("contracted");
    expect(after.contractedAt).toBeTruthy();
    expect(auditFor("arrangement.contract", c.patientId)).toHaveLength(1);
  });

  it("funding is arranged (Dutch error without a type; members refused) and the case moves to funding_arranged", async () => {
    expect((await post(MEMBER, page, { intent: "arrange_funding", sources: "maatwerk" })).status).toBe(403);
    const view = await get(ADVISOR, page);
    expect(view.html).toContain("Financiering geregeld</button>");
    const missing = await post(ADVISOR, page, { intent: "arrange_funding" });
    expect(missing.status).toBe(200);
    expect(missing.html).toContain("Kies minstens één financieringsbron.");
    // An approved arrangement is funding: leaving maatwerk out is refused.
    const without = await post(ADVISOR, page, { intent: "arrange_funding", sources: "regular_contract" });
    expect(without.html).toContain("Er is een goedgekeurd maatwerk-arrangement");
    // Its Wmo component needs the Wmo as a source too.
    const noWmo = await post(ADVISOR, page, { intent: "arrange_funding", sources: "maatwerk" });
    expect(noWmo.html).toContain("Het arrangement heeft een onderdeel onder de Wmo 2015: kies ook ‘Gemeente / Wmo’.");
    expect(caseRow(c.caseId).status).toBe("advisor_check");

    const r = await post(CHAIR, page, { intent: "arrange_funding", sources: ["maatwerk", "wmo"] });
    expect(r.status).toBe(302);
    expect(caseRow(c.caseId).status).toBe("funding_arranged");
    const event = db().select().from(caseEvents).where(and(eq(caseEvents.caseId, c.caseId), eq(caseEvents.event, "arrange_funding"))).get()!;
    expect(event.reason).toBe("Maatwerk-arrangement + Gemeente / Wmo");
    expect(auditFor("case.arrange_funding", c.patientId)).toHaveLength(1);
  });

  it("the chair ends the arrangement", async () => {
    const [row] = db().select().from(arrangements).where(eq(arrangements.caseId, c.caseId)).all();
    const r = await post(CHAIR, page, { intent: "end", arrangementId: String(row.id) });
    expect(r.status).toBe(302);
    expect(db().select().from(arrangements).where(eq(arrangements.id, row.id)).get()!.status).toBe("ended");
    const view = await followFlash(await sessions.as(CHAIR), r);
    expect(view.html).toContain("Het arrangement is beëindigd.");
    expect(view.html).toContain('<span class="badge">Beëindigd</span>');
  });

  it("leaves an audit row with the patient for every change", () => {
    const twice = ["case.request_advisor_check", "case.advisor_conclusion"]; // once more after "meer informatie nodig"
    for (const action of ["arrangement.propose", "arrangement.approve", "arrangement.contract", "arrangement.end", "case.arrange_funding", "plan.goal_add", "plan.action_add", "plan.agree", ...twice]) {
      const rows = auditFor(action, c.patientId);
      expect(rows.length, action).toBe(twice.includes(action) ? 2 : 1);
      expect(rows[0].outcome, action).toBe("success");
      expect(rows[0].detail, action).toMatch(new RegExp(`^${c.code}: `));
    }
  });
});

describe("maatwerk funding needs an approved arrangement", () => {
  it("refuses maatwerk funding while the only arrangement is still proposed", async () => {
    const c = discussedCase();
    const plan = `/casussen/${c.caseId}/plan`;
    const page = `/casussen/${c.caseId}/arrangementen`;
    expect((await post(CHAIR, plan, { intent: "add_goal", lifeDomain: "housing", goal: "Woonplek" })).status).toBe(302);
    expect((await post(CHAIR, plan, { intent: "add_action", description: "Aanmelden", ownerOrganisationId: String(org("Kwintes")), dueDate: inDays(5), goalId: "" })).status).toBe(302);
    expect((await post(CHAIR, plan, { intent: "agree" })).status).toBe(302);
    expect((await post(CHAIR, page, { intent: "request_advisor_check" })).status).toBe(302);
    const r = await post(ADVISOR, page, { intent: "arrange_funding", sources: "maatwerk" });
    expect(r.status).toBe(200);
    expect(r.html).toContain("Maatwerk is pas mogelijk met een maatwerk-arrangement dat de medisch adviseur heeft goedgekeurd.");
    expect(r.html).toContain("medisch adviseur heeft geconcludeerd dat de casus voldoet");
    expect(caseRow(c.caseId).status).toBe("advisor_check");
  });
});
