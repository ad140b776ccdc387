// The loops of a case's second half that must reach people outside the table (issue 12), against
// a real portal: the table's advice back to the referrer with its deadline and letter, meeting
// actions overdue on their owner's home, shortfalls published to the insurers and the project
// leader, level-4 escalations for the project leader without identity.
import { and, eq } from "drizzle-orm";
import { arrangements, auditEvents, cases, escalationRequests, organisations, planGoals, placements, planVersions, referrerAdvices, regionalTables, shortfalls, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { addAgendaItem, createMeetings, getMeeting, saveMinutes } from "~/models/meetings.server";
import { createReferral } from "~/models/referrals.server";
import { createShortfall } from "~/models/shortfalls.server";
import { readPdf } from "../helpers/pdf-text";
import { validReferral } from "../helpers/referral-payload";
import { sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { amsterdamToday } from "../helpers/dates";

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

describe("shortfalls published to the insurers and the project leader", () => {
  const JUSTIFICATION = "Sinds het voorjaar ontbreekt in de regio Rotterdam een IHT-team voor jongvolwassenen met een dubbele diagnose; opnames duren daardoor weken langer.";
  let shortfallId: number;
  let linked: ReturnType<typeof includedCase>[];
  beforeAll(() => {
    linked = [includedCase("Sara Tekortcasus"), includedCase("Timo Tekortcasus")];
    const chair = user(CHAIR);
    const tableId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
    shortfallId = createShortfall(db(), tableId, chair.id, {
      careFunction: "iht",
      functionOther: null,
      kind: "absent",
      bottleneck: "limited_capacity",
      waitingWeeks: 14,
      peopleWaiting: null,
      justification: JUSTIFICATION,
      status: "open",
      caseIds: linked.map((c) => c.id),
    });
  });
  const register = "/tafels/rotterdam/tekorten";

  it("nobody outside the table sees it before it is published", async () => {
    expect((await get(ADVISOR, "/tekorten")).html).not.toContain(JUSTIFICATION);
  });

  it("the chair publishes only after confirming it holds no patient data; members cannot publish", async () => {
    const unconfirmed = await post(CHAIR, register, { intent: "publish", id: String(shortfallId) });
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.html).toContain("Bevestig dat de tekst geen patiëntgegevens bevat.");
    expect((await post(MEMBER, register, { intent: "publish", id: String(shortfallId), confirmNoPatientData: "on" })).status).toBe(403);
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, shortfallId)).get()!.publishedAt).toBeNull();

    const published = await post(CHAIR, register, { intent: "publish", id: String(shortfallId), confirmNoPatientData: "on" });
    expect(published.status).toBe(302);
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, shortfallId)).get()!.publishedAt).toBeTruthy();
    expect((await get(CHAIR, register)).html).toContain("Gepubliceerd op");
  });

  it("a justification with a BSN is refused at publication", async () => {
    const chair = user(CHAIR);
    const tableId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
    const id = createShortfall(db(), tableId, chair.id, { careFunction: "fact", functionOther: null, kind: "insufficient_capacity", bottleneck: "other", waitingWeeks: null, peopleWaiting: null, justification: `Wachtlijst FACT is lang, zie patiënt met BSN ${demoBsn(999)} die al maanden wacht op een plek.`, status: "open", caseIds: [] });
    const refused = await post(CHAIR, register, { intent: "publish", id: String(id), confirmNoPatientData: "on" });
    expect(refused.html).toContain("De tekst bevat een burgerservicenummer.");
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, id)).get()!.publishedAt).toBeNull();
  });

  it("editing a published shortfall holds its new text to the same rule: a BSN is refused, the text typed kept", async () => {
    const withBsn = `${JUSTIFICATION} Zie patiënt met BSN ${demoBsn(998)}.`;
    const edit = { intent: "update", id: String(shortfallId), careFunction: "iht", kind: "absent", bottleneck: "limited_capacity", waitingWeeks: "14", status: "open", justification: withBsn };
    const refused = await post(CHAIR, register, edit);
    expect(refused.status).toBe(200);
    expect(refused.html).toContain("De tekst bevat een burgerservicenummer.");
    expect(refused.html).toContain(demoBsn(998)); // what was typed is shown again to correct
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, shortfallId)).get()!.justification).toBe(JUSTIFICATION);
    // A clean edit of the published shortfall goes through.
    const clean = await post(CHAIR, register, { ...edit, justification: `${JUSTIFICATION} Inmiddels wachten er meer mensen.`, caseIds: linked.map((c) => String(c.id)) });
    expect(clean.status).toBe(302);
    expect(db().select().from(shortfalls).where(eq(shortfalls.id, shortfallId)).get()!.justification).toContain("Inmiddels wachten er meer mensen.");
  });

  it("an insurer's users of any region read it, with the linked-case count suppressed and no case code", async () => {
    for (const who of [ADVISOR, OTHER_REFERRER]) {
      const page = await get(who, "/tekorten");
      expect(page.status, who).toBe(200);
      expect(page.html).toContain(JUSTIFICATION);
      expect(page.html).toContain("<dt>Casussen</dt><dd>onderdrukt</dd>");
      for (const c of linked) {
        expect(page.html).not.toContain(c.code);
        expect(page.html).not.toContain(c.name);
      }
    }
  });

  it("an insurer responds (Dutch errors keep what was typed); the project leader sees the response side by side per region", async () => {
    const half = await post(OTHER_REFERRER, "/tekorten", { shortfallId: String(shortfallId), kind: "extra_purchase_promised", text: "CZ koopt extra IHT-capaciteit in.", responseDate: "", contact: "" });
    expect(half.status).toBe(200);
    expect(half.html).toContain("Vul de datum van de reactie in.");
    expect(half.html).toContain("Vul een contactpersoon in.");
    expect(half.html).toContain("CZ koopt extra IHT-capaciteit in.");
    const ok = await post(OTHER_REFERRER, "/tekorten", { shortfallId: String(shortfallId), kind: "extra_purchase_promised", text: "CZ koopt extra IHT-capaciteit in.", responseDate: "2026-12-10", contact: "Inkoop ggz, team Zuid-Holland" });
    expect(ok.status).toBe(302);

    const leader = await get(PROJECT_LEADER, "/tekorten");
    expect(leader.status).toBe(200);
    expect(leader.html).toContain(JUSTIFICATION);
    expect(leader.html).toContain("Extra inkoop toegezegd");
    expect(leader.html).toContain("CZ koopt extra IHT-capaciteit in.");
    expect(leader.html).toContain("Inkoop ggz, team Zuid-Holland");
    // Every region has its own column, also those without published shortfalls.
    const regionsWithPublished = (db().$client.prepare("SELECT count(DISTINCT table_id) AS n FROM shortfalls WHERE published_at IS NOT NULL").get() as { n: number }).n;
    expect(regionsWithPublished).toBeGreaterThanOrEqual(1);
    expect(leader.html.match(/Geen gepubliceerde tekorten\./g)?.length ?? 0).toBe(7 - regionsWithPublished);
    // The project leader reads but does not respond.
    expect(leader.html).not.toContain(">Reageren<");
    expect((await post(PROJECT_LEADER, "/tekorten", { shortfallId: String(shortfallId), kind: "other", text: "x", responseDate: "2026-12-10", contact: "x" })).status).toBe(404);
    // The chair's register counts the response.
    expect((await get(CHAIR, register)).html).toContain("1 reactie van financiers");
  });

  it("a provider's referrer and table members have no access to the published list", async () => {
    expect((await get("verwijzer.parnassia@regiotafel.test", "/tekorten")).status).toBe(404);
    expect((await get(MEMBER, "/tekorten")).status).toBe(404);
  });
});

describe("escalation to the national project leader", () => {
  let c: ReturnType<typeof includedCase>;
  const REASON = "Geen enkele aanbieder in de regio neemt Bas Escalatie op vanwege agressie.";
  beforeAll(() => {
    c = includedCase("Bas Escalatie");
  });

  it("level 4 needs a bottleneck category, a question without patient data and the confirmation, in Dutch with values kept", async () => {
    const page = `/casussen/${c.id}/verloop`;
    const missing = await post(CHAIR, page, { intent: "escalate", level: "national_project_leader", escalationReason: REASON, leaderQuestion: `BSN ${demoBsn(998)} zoekt plek` });
    expect(missing.status).toBe(200);
    expect(missing.html).toContain("Kies de categorie van het knelpunt.");
    expect(missing.html).toContain("De tekst bevat een burgerservicenummer.");
    expect(missing.html).toContain("Bevestig dat de tekst geen patiëntgegevens bevat.");
    expect(missing.html).toContain(REASON);
    expect(db().select().from(escalationRequests).all()).toHaveLength(0);

    const sent = await post(CHAIR, page, {
      intent: "escalate",
      level: "national_project_leader",
      escalationReason: REASON,
      bottleneck: "limited_capacity",
      leaderQuestion: "Wij vragen bemiddeling bij de landelijke inkoop van een plek met intensieve beveiliging.",
      confirmNoPatientData: "on",
    });
    expect(sent.status).toBe(302);
    const [request] = db().select().from(escalationRequests).all();
    expect(request).toMatchObject({ caseId: c.id, caseCode: c.code, bottleneck: "limited_capacity", status: "open" });
  });

  it("appears for the project leader with table, case code, bottleneck and question, never the patient or the case's reason", async () => {
    const page = await get(PROJECT_LEADER, "/opschalingen");
    expect(page.status).toBe(200);
    expect(page.html).toContain(c.code);
    expect(page.html).toContain("Rotterdam");
    expect(page.html).toContain("Beperkte capaciteit (ambulante zorg, personeel)");
    expect(page.html).toContain("Wij vragen bemiddeling bij de landelijke inkoop");
    expect(page.html).not.toContain(c.name);
    expect(page.html).not.toContain(REASON);
    expect(page.html).not.toContain(`/casussen/${c.id}`);
    // Nobody else reaches the list.
    for (const who of [CHAIR, ADVISOR, REFERRER]) expect((await get(who, "/opschalingen")).status, who).toBe(404);
  });

  it("the project leader updates the status and answers; the chair reads the answer on the case", async () => {
    const [request] = db().select().from(escalationRequests).all();
    const noAnswer = await post(PROJECT_LEADER, "/opschalingen", { requestId: String(request.id), status: "answered", response: "" });
    expect(noAnswer.status).toBe(200);
    expect(noAnswer.html).toContain("Schrijf uw antwoord aan de regiotafel.");
    const answered = await post(PROJECT_LEADER, "/opschalingen", { requestId: String(request.id), status: "answered", response: "Ik heb de zorgverzekeraar en het zorgkantoor gevraagd binnen twee weken een plek te vinden." });
    expect(answered.status).toBe(302);
    expect(db().select().from(escalationRequests).where(eq(escalationRequests.id, request.id)).get()!.status).toBe("answered");
    const chairPage = await get(CHAIR, `/casussen/${c.id}/verloop`);
    expect(chairPage.html).toContain("Ik heb de zorgverzekeraar en het zorgkantoor gevraagd binnen twee weken een plek te vinden.");
    expect(chairPage.html).toContain("Beantwoord");
  });

  it("the project leader still reaches no patient-level route of the case", async () => {
    for (const path of ["", "/verloop", "/advies", "/plan", "/overleg", "/arrangementen", "/toestemming", "/inzage"]) {
      expect((await get(PROJECT_LEADER, `/casussen/${c.id}${path}`)).status, path).toBe(404);
    }
    expect((await get(PROJECT_LEADER, `/verwijzingen/${c.id}`)).status).toBe(404);
  });
});

describe("plan versions", () => {
  let c: ReturnType<typeof includedCase>;
  const plan = () => `/casussen/${c.id}/plan`;
  beforeAll(async () => {
    c = includedCase("Iris Planversie");
    discuss(c.id, "2026-11-10T13:00:00.000Z");
    const iris = db().select().from(organisations).where(eq(organisations.name, "IrisZorg")).get()!;
    expect((await post(CHAIR, plan(), { intent: "add_goal", lifeDomain: "meaning", goal: "Weer een dagritme met betekenis." })).status).toBe(302);
    expect((await post(CHAIR, plan(), { intent: "add_action", description: "Dagbesteding zoeken", ownerOrganisationId: String(iris.id), dueDate: "2027-02-01", goalId: "" })).status).toBe(302);
  });

  it("agreeing fixes version 1", async () => {
    expect((await post(CHAIR, plan(), { intent: "agree" })).status).toBe(302);
    const page = await get(CHAIR, plan());
    expect(page.html).toContain("Geldende versie: <strong>versie 1</strong>");
    expect(page.html).not.toContain("Het plan is gewijzigd sinds versie");
  });

  it("a later change asks for a new version with a reason (Dutch error, typed text kept); it then becomes version 2", async () => {
    const goal = db().select().from(planGoals).all().find((g) => g.goal === "Weer een dagritme met betekenis.")!;
    expect((await post(CHAIR, plan(), { intent: "edit_goal", goalId: String(goal.id), lifeDomain: "meaning", goal: "Vrijwilligerswerk bij de buurtmoestuin." })).status).toBe(302);
    const changed = await get(CHAIR, plan());
    expect(changed.html).toContain("Het plan is gewijzigd sinds versie 1.");

    const noReason = await post(CHAIR, plan(), { intent: "new_version", versionReason: "  " });
    expect(noReason.status).toBe(200);
    expect(noReason.html).toContain("Geef de reden van de wijziging.");
    const fixed = await post(CHAIR, plan(), { intent: "new_version", versionReason: "Patiënt koos in het tafeloverleg voor de moestuin." });
    expect(fixed.status).toBe(302);
    expect((await get(CHAIR, plan())).html).toContain("Geldende versie: <strong>versie 2</strong>");
    // Nothing changed since: no third version.
    expect((await post(CHAIR, plan(), { intent: "new_version", versionReason: "Nogmaals" })).html).toContain("Het plan is niet gewijzigd sinds de laatste versie.");
    expect((await post(MEMBER, plan(), { intent: "new_version", versionReason: "Lid" })).status).toBe(403);
  });

  it("earlier versions stay readable with who, when and why; the project leader cannot read them", async () => {
    const page = await get(MEMBER, `${plan()}/versies`);
    expect(page.status).toBe(200);
    const v2 = page.html.indexOf("Versie 2");
    const v1 = page.html.indexOf("Versie 1");
    expect(v2).toBeGreaterThan(-1);
    expect(v1).toBeGreaterThan(v2);
    expect(page.html.slice(v2, v1)).toContain("Vrijwilligerswerk bij de buurtmoestuin.");
    expect(page.html.slice(v2, v1)).toContain("Reden: Patiënt koos in het tafeloverleg voor de moestuin.");
    expect(page.html.slice(v1)).toContain("Weer een dagritme met betekenis.");
    expect(page.html.slice(v1)).toContain("Reden: Plan vastgesteld");
    expect(page.html).toContain(`door ${user(CHAIR).name}`);
    expect(page.html).toContain("Zingeving");
    expect((await get(PROJECT_LEADER, `${plan()}/versies`)).status).toBe(404);
    expect(db().select().from(planVersions).all().filter((v) => v.createdByUserId === user(CHAIR).id).length).toBeGreaterThanOrEqual(2);
  });
});

describe("funding paths: placement without a maatwerk-arrangement", () => {
  /** A case discussed, its plan agreed and presented to the advisor (the steps meetings/arrangements tests cover). */
  function withAdvisor(name: string) {
    const c = includedCase(name);
    discuss(c.id, "2026-11-17T13:00:00.000Z");
    const chair = user(CHAIR);
    const actor = { userId: chair.id, organisationId: chair.organisationId };
    for (const event of ["agree_plan", "request_advisor_check"] as const) expect(applyCaseEvent(db(), c.id, { event }, actor).ok).toBe(true);
    return c;
  }
  const place = (caseId: number) => {
    const provider = db().select().from(organisations).where(eq(organisations.name, "IrisZorg")).get()!;
    return post(CHAIR, `/casussen/${caseId}/verloop`, { intent: "place", organisationId: String(provider.id), careFunction: "sheltered_housing", fundingType: "", placementStart: amsterdamToday(), notes: "" });
  };
  const status = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!.status;

  it("a Wlz-funded case names its zorgkantoor and reaches 'Geplaatst' without an arrangement", async () => {
    const c = withAdvisor("Wim Wlzpad");
    const page = `/casussen/${c.id}/arrangementen`;
    const noOffice = await post(CHAIR, page, { intent: "arrange_funding", sources: "wlz" });
    expect(noOffice.status).toBe(200);
    expect(noOffice.html).toContain("Bij financiering uit de Wlz is het zorgkantoor partij: kies het zorgkantoor.");
    expect(status(c.id)).toBe("advisor_check");
    const office = db().select().from(organisations).where(eq(organisations.name, "Zorgkantoor Rotterdam")).get()!;
    expect((await post(CHAIR, page, { intent: "arrange_funding", sources: "wlz", careOfficeId: String(office.id) })).status).toBe(302);
    expect(status(c.id)).toBe("funding_arranged");
    expect((await place(c.id)).status).toBe(302);
    expect(status(c.id)).toBe("placed");
    expect(db().select().from(placements).where(eq(placements.caseId, c.id)).get()!.fundingType).toBe("wlz");
    expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.id)).all()).toHaveLength(0);
    expect((await get(CHAIR, `/casussen/${c.id}/verloop`)).html).toContain("Geplaatst");
  });

  it("a regular-contract case reaches 'Geplaatst' after the advisor concluded 'voldoet', without an arrangement", async () => {
    const c = withAdvisor("Rik Regulier");
    const page = `/casussen/${c.id}/arrangementen`;
    saveAssessment(db(), c.id, "advisor", user(ADVISOR).id, CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit het dossier." })));
    expect((await post(ADVISOR, page, { intent: "advisor_conclusion", conclusion: "meets", motivation: "Voldoet aan alle zeven criteria." })).status).toBe(302);
    expect((await post(ADVISOR, page, { intent: "arrange_funding", sources: "regular_contract" })).status).toBe(302);
    expect(status(c.id)).toBe("funding_arranged");
    expect((await place(c.id)).status).toBe(302);
    expect(status(c.id)).toBe("placed");
    expect(db().select().from(placements).where(eq(placements.caseId, c.id)).get()!.fundingType).toBe("regular_contract");
    expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.id)).all()).toHaveLength(0);
  });
});
