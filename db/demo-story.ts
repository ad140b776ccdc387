// A table whose work a newcomer can see end to end (demo only): at Flevoland en Gooi/Veluwe
// ("centraal") a meeting two weeks ago with minutes and actions, one coming up with its agenda,
// case-room messages, an agreed plan, arrangements in every status, an outcome presented to the
// medical advisor, a placed case, escalations, a question to the referrer and shortfalls. Made
// through the same services as real work, except arrangement statuses and shortfalls (plain rows).
import { eq } from "drizzle-orm";
import type { Db } from "../app/models/db.server";
import { storeMessage } from "../app/lib/case-room.server";
import { applyCaseEvent } from "../app/models/cases.server";
import { addDeadline, recordEscalation } from "../app/models/case-progress.server";
import { requestInformation } from "../app/models/information-requests.server";
import { addAgendaItem, createMeetings, getMeeting, saveMinutes } from "../app/models/meetings.server";
import { addAction, addGoal, agreePlan } from "../app/models/plan.server";
import { arrangementComponents, arrangementParties, arrangements, organisations, shortfalls, users } from "./schema";
import { referDemoCase, type DemoCase } from "./demo-cases";

const DAY = 86_400_000;
const story = (name: string, born: string, municipality: string, province: DemoCase["province"], careQuestion: string, steps: DemoCase["steps"], urgency: DemoCase["urgency"] = "regular"): DemoCase => ({
  referrer: "zorgbemiddeling.zilverenkruis",
  name,
  born,
  municipality,
  province,
  insurer: "Zilveren Kruis",
  urgency,
  careQuestion,
  steps,
});

const INCLUDED: DemoCase["steps"] = ["start_screening", "include"];

/** At 14:00 UTC (15:00 in winter) `days` from today. */
function dayAt(days: number, now: Date): string {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(14, 0, 0, 0);
  return d.toISOString();
}

export function seedDemoStory(db: Db, now: Date = new Date()) {
  const user = (email: string) => db.select().from(users).where(eq(users.email, `${email}@regiotafel.test`)).get()!;
  const org = (name: string) => db.select().from(organisations).where(eq(organisations.name, name)).get()!;
  const chair = user("voorzitter.centraal");
  const member = user("lid.centraal");
  const advisor = user("adviseur.zilverenkruis");
  const actor = { userId: chair.id, organisationId: chair.organisationId };

  const placedCase = referDemoCase(db, story("Noor Vermeulen", "1990-03-14", "Amersfoort", "Utrecht", "Klinische behandeling en daarna beschermd wonen bij psychose en middelengebruik.", INCLUDED, "high"), 100);
  const presentedCase = referDemoCase(db, story("Ruud Kramer", "1977-08-29", "Almere", "Flevoland", "Intensieve ambulante behandeling met beschermd wonen na vier mislukte trajecten.", INCLUDED), 101);
  const upcomingCase = referDemoCase(db, story("Yusuf Demir", "1985-12-02", "Lelystad", "Flevoland", "Behandeling van trauma en verslaving met woonbegeleiding.", INCLUDED, "high"), 102);
  referDemoCase(db, story("Lotte Kuipers", "1999-05-21", "Zeist", "Utrecht", "Passende plek na een lange opname bij een eetstoornis en autisme.", INCLUDED), 103);
  const questionCase = referDemoCase(db, story("Gert Post", "1962-01-30", "Utrecht", "Utrecht", "Woonplek met toezicht bij Korsakov en psychiatrische problematiek.", ["start_screening"]), 104);

  // A question to the referrer: the case waits for their answer.
  requestInformation(db, questionCase.caseId, "Kunt u de ontslagbrief van de laatste opname en het behandelplan meesturen?", { ...actor, userId: chair.id });

  // Two weeks ago: a meeting with two cases, minutes, decisions and actions (one already overdue).
  const [pastId, upcomingId] = [
    createMeetings(db, { tableId: placedCase.table.id, title: "Casuïstiektafel Flevoland en Gooi/Veluwe", starts: [dayAt(-14, now)], durationMinutes: 120, location: "GGZ Centraal, Amersfoort", videoUrl: null, createdByUserId: chair.id })[0],
    createMeetings(db, { tableId: placedCase.table.id, title: "Casuïstiektafel Flevoland en Gooi/Veluwe", starts: [dayAt(10, now)], durationMinutes: 120, location: "GGZ Centraal, Amersfoort", videoUrl: "https://meet.example.nl/regiotafel-centraal", createdByUserId: chair.id })[0],
  ];
  const past = getMeeting(db, pastId)!;
  const minutes: Record<number, { discussion: string; decisions: string }> = {
    [placedCase.caseId]: { discussion: "Klinische opname is nodig; daarna een plek bij beschermd wonen met FACT-begeleiding.", decisions: "Opname bij GGZ Centraal; Kwintes zoekt een woonplek." },
    [presentedCase.caseId]: { discussion: "Vier trajecten liepen vast op de combinatie van wonen en verslaving.", decisions: "Maatwerkarrangement voorstellen aan Zilveren Kruis." },
  };
  [placedCase, presentedCase].forEach((c, i) => {
    const item = addAgendaItem(db, past, c.caseId, { startsAt: new Date(Date.parse(past.startsAt) + i * 45 * 60_000).toISOString(), durationMinutes: 45 }, actor);
    if (!item.ok) throw new Error(`demo agenda: ${item.error}`);
    const overdue = new Date(now.getTime() - 3 * DAY).toISOString().slice(0, 10);
    const later = new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10);
    const saved = saveMinutes(
      db,
      pastId,
      item.itemId,
      {
        ...minutes[c.caseId],
        actions:
          i === 0
            ? [{ description: "Woonplek bij Kwintes aanvragen", ownerOrganisationId: org("Kwintes").id, ownerUserId: null, dueDate: overdue }]
            : [{ description: "Kostenraming voor het arrangement opstellen", ownerOrganisationId: member.organisationId, ownerUserId: member.id, dueDate: i === 1 ? overdue : later }],
      },
      { userId: chair.id, actor },
      new Date(Date.parse(past.startsAt) + 3 * 3_600_000),
    );
    if (!saved.ok) throw new Error(`demo minutes: ${saved.error}`);
  });

  // The coming meeting's agenda.
  const upcoming = getMeeting(db, upcomingId)!;
  const scheduled = addAgendaItem(db, upcoming, upcomingCase.caseId, { startsAt: upcoming.startsAt, durationMinutes: 45 }, actor);
  if (!scheduled.ok) throw new Error(`demo agenda: ${scheduled.error}`);

  // Plans: goals per life domain and actions, agreed.
  for (const c of [placedCase, presentedCase]) {
    const housing = addGoal(db, c.caseId, { lifeDomain: "housing", goal: "Een eigen plek met begeleiding" });
    addGoal(db, c.caseId, { lifeDomain: "treatment", goal: "Stabiel zonder opnames" });
    addAction(db, c.caseId, { description: "Wmo-aanvraag beschermd wonen indienen", ownerOrganisationId: org("Kwintes").id, dueDate: new Date(now.getTime() + 21 * DAY).toISOString().slice(0, 10), goalId: housing.goalId });
    const agreed = agreePlan(db, c.caseId, actor);
    if (!agreed.ok) throw new Error(`demo plan: ${agreed.error}`);
    applyCaseEvent(db, c.caseId, { event: "request_advisor_check" }, actor);
  }
  // The placed case went on: funding, placement, follow-up.
  for (const event of ["arrange_funding", "place", "start_follow_up"] as const) applyCaseEvent(db, placedCase.caseId, { event }, actor);
  addDeadline(db, placedCase.caseId, { kind: "wmo_support", startDate: new Date(now.getTime() - 60 * DAY).toISOString().slice(0, 10), needsWlz: false }, chair.id);

  // Arrangements in every status.
  const zk = org("Zilveren Kruis").id;
  const arrangement = (caseId: number, status: (typeof arrangements.$inferInsert)["status"], description: string, extra: Partial<typeof arrangements.$inferInsert> = {}) => {
    const { id } = db
      .insert(arrangements)
      .values({ caseId, description, periodStart: "2026-11-01", periodEnd: "2027-10-31", costEstimate: 64_000, status, proposedByUserId: chair.id, createdAt: new Date(now.getTime() - 10 * DAY).toISOString(), ...extra })
      .returning({ id: arrangements.id })
      .get();
    db.insert(arrangementParties).values({ arrangementId: id, organisationId: zk, role: "financier" }).run();
    db.insert(arrangementComponents).values({ arrangementId: id, kind: "treatment", description: "Intensieve ambulante behandeling", legalDomain: "zvw", fundingInstrument: "facultative_performance", financierOrganisationId: zk }).run();
    db.insert(arrangementComponents).values({ arrangementId: id, kind: "housing", description: "Beschermd wonen", legalDomain: "wmo", fundingInstrument: "regular_contract" }).run();
  };
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  arrangement(presentedCase.caseId, "proposed", "Maatwerk: behandeling thuis met beschermd wonen");
  arrangement(placedCase.caseId, "refused", "Eerste voorstel: particuliere kliniek", { refusedByUserId: advisor.id, refusedAt: at(-9), refusalReason: "Geen gecontracteerde aanbieder; kies een aanbieder met contract." });
  arrangement(placedCase.caseId, "ended", "Overbrugging: crisisbed", { approvedByUserId: advisor.id, approvedAt: at(-9), contractedAt: at(-8), endedAt: at(-2) });
  arrangement(placedCase.caseId, "approved", "Klinische behandeling", { approvedByUserId: advisor.id, approvedAt: at(-5) });
  arrangement(placedCase.caseId, "contracted", "Beschermd wonen met FACT", { approvedByUserId: advisor.id, approvedAt: at(-5), contractedAt: at(-3) });

  // Escalations and the case room.
  recordEscalation(db, placedCase.caseId, { level: "own_region", reason: "Geen plek beschermd wonen binnen de regio." }, chair.id);
  recordEscalation(db, presentedCase.caseId, { level: "supra_regional", reason: "Aanbod voor deze combinatie ontbreekt in de regio." }, chair.id);
  const messages: [string, number, string][] = [
    [chair.id, presentedCase.caseId, "Ik heb de verwijzing gelezen; wie kent de behandelaar van het FACT-team?"],
    [member.id, presentedCase.caseId, "Ik, ik bel haar morgen voor de actuele stand."],
    [chair.id, presentedCase.caseId, "Dank je. Dan zetten we de kostenraming op de agenda."],
    [member.id, placedCase.caseId, "Kwintes heeft een plek per de eerste van de maand."],
  ];
  messages.forEach(([authorUserId, caseId, body], i) => storeMessage(db, { caseId, authorUserId, clientMessageId: `demo-${i}`, body }));

  // Shortfalls in the region: one open, one published to the insurers.
  const shortfall = (values: Partial<typeof shortfalls.$inferInsert>) =>
    db.insert(shortfalls).values({ tableId: placedCase.table.id, careFunction: "kib", kind: "insufficient_capacity", bottleneck: "limited_capacity", justification: "", createdByUserId: chair.id, createdAt: at(-20), updatedAt: at(-20), ...values }).run();
  shortfall({ careFunction: "kib", kind: "insufficient_capacity", bottleneck: "limited_capacity", waitingWeeks: 14, justification: "Wachttijd voor intensieve klinische behandeling loopt op tot veertien weken; drie casussen wachten." });
  shortfall({ careFunction: "sheltered_housing", kind: "blocked_outflow", bottleneck: "step_down", peopleWaiting: 6, status: "reported", publishedAt: at(-6), publishedByUserId: chair.id, justification: "Zes mensen zijn opgenomen zonder medische noodzaak omdat een Wmo-woonplek ontbreekt." });
}
