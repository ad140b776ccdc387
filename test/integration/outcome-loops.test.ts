// The loops of a case's second half that must reach people outside the table (issue 12), against
// a real portal: the table's advice back to the referrer with its deadline and letter, meeting
// actions overdue on their owner's home, shortfalls published to the insurers and the project
// leader, level-4 escalations for the project leader without identity.
import { and, eq } from "drizzle-orm";
import { auditEvents, cases, referrerAdvices, regionalTables, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { addAgendaItem, createMeetings, getMeeting, saveMinutes } from "~/models/meetings.server";
import { createReferral } from "~/models/referrals.server";
import { readPdf } from "../helpers/pdf-text";
import { validReferral } from "../helpers/referral-payload";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const REFERRER = "zorgbemiddeling.vgz@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const OTHER_REFERRER = "zorgbemiddeling.cz@regiotafel.test";
const PROJECT_LEADER = "projectleider@regiotafel.test";
const user = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const { as, get, post } = sessionsFor(() => t.url);

let bsnSeq = 400;
/** A Rotterdam case by VGZ's zorgbemiddeling, screened and included through the real services. */
function includedCase(name: string) {
  const referrer = user(REFERRER);
  const created = createReferral(
    db(),
    ReferralSchema.parse(validReferral({ patient: { name, bsn: demoBsn(bsnSeq++) }, contact: { name: referrer.name, email: referrer.email } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: null, userAgent: "test" },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const chair = user(CHAIR);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  expect(applyCaseEvent(db(), created.caseId, { event: "start_screening" }, actor).ok).toBe(true);
  saveAssessment(db(), created.caseId, "screening", chair.id, CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing." })));
  expect(applyCaseEvent(db(), created.caseId, { event: "include" }, actor).ok).toBe(true);
  return { id: created.caseId, code: created.code, name, patientId: db().select().from(cases).where(eq(cases.id, created.caseId)).get()!.patientId };
}

/**
 * The case discussed in a meeting that started at `startsAt` (in the past), the item closed with
 * these actions — as the chair does on the agenda item's page (tested in meetings.test.ts).
 */
function discuss(caseId: number, startsAt: string, actions: { description: string; ownerUserId: string; dueDate: string }[] = []) {
  const chair = user(CHAIR);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  const tableId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
  const [meetingId] = createMeetings(db(), { tableId, title: "Casuïstiekbespreking", starts: [startsAt], durationMinutes: 120, location: "Rotterdam", videoUrl: null, createdByUserId: chair.id });
  const meeting = getMeeting(db(), meetingId)!;
  const item = addAgendaItem(db(), meeting, caseId, { startsAt, durationMinutes: 30 }, actor);
  if (!item.ok) throw new Error(item.error);
  const closed = saveMinutes(db(), meetingId, item.itemId, { discussion: "Besproken.", decisions: "Plan opstellen.", actions: actions.map((a) => ({ ...a, ownerOrganisationId: null })) }, { userId: chair.id, actor }, new Date(new Date(startsAt).getTime() + 60 * 60_000));
  if (!closed.ok) throw new Error(closed.error);
  return { meetingId, itemId: item.itemId };
}

const adviceOf = (caseId: number) => db().select().from(referrerAdvices).where(eq(referrerAdvices.caseId, caseId)).get()!;

describe("the advice back to the referrer", () => {
  let c: ReturnType<typeof includedCase>;
  beforeAll(() => {
    c = includedCase("Wouter Adviesvraag");
    // Friday 4 December 2026, 14:00 Amsterdam: the deadline is the end of Monday 7 December.
    discuss(c.id, "2026-12-04T13:00:00.000Z");
  });

  it("is opened with its deadline when the item closes: end of the next Dutch working day", () => {
    const advice = adviceOf(c.id);
    expect(advice.discussedAt).toBe("2026-12-04T13:00:00.000Z");
    expect(advice.dueAt).toBe("2026-12-07T23:00:00.000Z");
    expect(advice.recordedAt).toBeNull();
  });

  it("is due on the chair's home until given; the referrer sees nothing yet", async () => {
    const home = await get(CHAIR, "/");
    expect(home.html).toContain("Advies aan de verwijzer te geven");
    expect(home.html).toContain(`href="/casussen/${c.id}/advies">${c.code}</a>`);
    expect(home.html).not.toContain(c.name);
    const referral = await get(REFERRER, `/verwijzingen/${c.id}`);
    expect(referral.status).toBe(200);
    expect(referral.html).not.toContain("Advies van de regiotafel");
  });

  it("refuses an empty advice in Dutch, keeping what was typed; members get 403", async () => {
    const page = `/casussen/${c.id}/advies`;
    const empty = await post(CHAIR, page, { adviceId: String(adviceOf(c.id).id), questionAnswer: "", fittingOffer: "", planSummary: "Alleen een plan", nextSteps: "" });
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("Beantwoord de vraag van de verwijzer of beschrijf het passende aanbod.");
    expect(empty.html).toContain("Alleen een plan");
    expect(adviceOf(c.id).recordedAt).toBeNull();
    expect((await post(MEMBER, page, { adviceId: String(adviceOf(c.id).id), questionAnswer: "Lid schrijft" })).status).toBe(403);
    expect(adviceOf(c.id).recordedAt).toBeNull();
  });

  it("the chair gives it; the referrer reads it on the referral page and downloads the letter; the advisor reads it", async () => {
    const page = `/casussen/${c.id}/advies`;
    const given = await post(CHAIR, page, {
      adviceId: String(adviceOf(c.id).id),
      questionAnswer: "Ja: de patiënt voldoet aan de criteria voor hoogcomplexe ggz.",
      fittingOffer: "Intensieve ambulante behandeling met beschermd wonen.",
      planSummary: "Doelen op wonen, behandeling en zingeving.",
      nextSteps: "De tafel vraagt een Wlz-indicatie aan.",
    });
    expect(given.status).toBe(302);
    const advice = adviceOf(c.id);
    expect(advice.recordedAt).toBeTruthy();
    expect(advice.recordedByUserId).toBe(user(CHAIR).id);

    const referral = await get(REFERRER, `/verwijzingen/${c.id}`);
    expect(referral.html).toContain("Advies van de regiotafel");
    expect(referral.html).toContain("Intensieve ambulante behandeling met beschermd wonen.");
    expect(referral.html).toContain(`/casussen/${c.id}/advies/${advice.id}/brief`);

    const letter = await (await as(REFERRER)).get(`/casussen/${c.id}/advies/${advice.id}/brief`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    const text = (await readPdf(new Uint8Array(await letter.arrayBuffer()))).pages.join("\n");
    expect(text).toContain(c.code);
    expect(text).toContain("Rotterdam");
    expect(text).toContain("Intensieve ambulante behandeling met beschermd wonen.");
    // The referrer's organisation is inside the consent: the letter names the patient.
    expect(text).toContain(c.name);

    const advisorPage = await get(ADVISOR, `/casussen/${c.id}/advies`);
    expect(advisorPage.status).toBe(200);
    expect(advisorPage.html).toContain("Intensieve ambulante behandeling met beschermd wonen.");

    // Given: no longer due on the chair's home; the referrer got a notice.
    expect((await get(CHAIR, "/")).html).not.toContain(`href="/casussen/${c.id}/advies">`);
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "advice.record"), eq(auditEvents.patientId, String(c.patientId)))).all()).toHaveLength(1);
    expect(db().select().from(auditEvents).where(and(eq(auditEvents.action, "advice.download"), eq(auditEvents.patientId, String(c.patientId)))).all()).toHaveLength(1);
  });

  it("it cannot be given twice, and other referrers, members of other tables and the project leader get no letter", async () => {
    const advice = adviceOf(c.id);
    const again = await post(CHAIR, `/casussen/${c.id}/advies`, { adviceId: String(advice.id), questionAnswer: "Nog eens" });
    expect(again.html).toContain("Dit advies is al gegeven of bestaat niet (meer).");
    for (const who of [OTHER_REFERRER, PROJECT_LEADER, "voorzitter.denhaag@regiotafel.test"]) {
      expect((await get(who, `/casussen/${c.id}/advies/${advice.id}/brief`)).status, who).toBe(404);
    }
  });

  it("an advice given after its deadline is tracked as late", () => {
    const late = includedCase("Lotte Laatadvies");
    discuss(late.id, "2026-11-02T13:00:00.000Z");
    const advice = adviceOf(late.id);
    db().update(referrerAdvices).set({ questionAnswer: "Te laat", recordedAt: "2026-11-05T09:00:00.000Z" }).where(eq(referrerAdvices.id, advice.id)).run();
    expect(advice.dueAt).toBe("2026-11-03T23:00:00.000Z");
  });
});

describe("meeting actions overdue on the owner's home", () => {
  it("an action agreed in a meeting for a member appears on that member's home once overdue, by code", async () => {
    const c = includedCase("Mila Actiehouder");
    const member = user(MEMBER);
    discuss(c.id, "2026-10-06T12:00:00.000Z", [{ description: "Woonplek zoeken bij Pameijer", ownerUserId: member.id, dueDate: "2026-10-20" }]);
    const home = await get(MEMBER, "/");
    expect(home.html).toContain("Uw acties over de datum");
    expect(home.html).toContain("Woonplek zoeken bij Pameijer");
    expect(home.html).toContain(`${member.name} (IrisZorg)`);
    expect(home.html).toContain(`href="/casussen/${c.id}/plan">${c.code}</a>`);
    expect(home.html).not.toContain(c.name);
    // Not someone else's home.
    expect((await get("lid.denhaag@regiotafel.test", "/")).html).not.toContain("Woonplek zoeken bij Pameijer");
  });
});
