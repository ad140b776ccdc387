// Table meetings end to end against a running portal: planning (with invitations, series and the
// clash warning), the agenda (case lifecycle), responses, guest experts and their access period,
// minutes, the .ics download and the personal calendar feed, and the audit trail of it all.
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { agendaItems, auditEvents, carePlans, caseEvents, planActions, calendarFeeds, cases, meetingInvitations, meetings, memberships, organisations, regionalTables, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { createReferral } from "~/models/referrals.server";
import { validReferral } from "../helpers/referral-payload";
import { Client, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const GUEST = "lid.amsterdam@regiotafel.test";
const OTHER_CHAIR = "voorzitter.denhaag@regiotafel.test";
const LIST = "/tafels/rotterdam/bijeenkomsten";
const PLAN = `${LIST}?index`;

const userId = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!.id;
/** Rotterdam-Rijnmond's meetings (the demo data has meetings at another table). */
const rotterdamMeetings = () => db().select().from(meetings).innerJoin(regionalTables, eq(meetings.tableId, regionalTables.id)).where(eq(regionalTables.slug, "rotterdam")).all();
const caseStatus = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!.status;
const meetingIdFrom = (response: Response) => Number(/^\/bijeenkomsten\/(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);

let bsnSeq = 60;
/** A case at Rotterdam-Rijnmond that the chair screened and included, made through the real services. */
function includedCase(name: string) {
  const referrer = db().select().from(users).where(eq(users.email, "zorgbemiddeling.vgz@regiotafel.test")).get()!;
  const input = ReferralSchema.parse(validReferral({ patient: { name, bsn: demoBsn(bsnSeq++) }, contact: { name: referrer.name, email: referrer.email } }));
  const created = createReferral(
    db(),
    input,
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: null, userAgent: "test" },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const table = db().select().from(regionalTables).where(eq(regionalTables.id, created.tableId)).get()!;
  expect(table.slug).toBe("rotterdam");
  const chair = db().select().from(users).where(eq(users.email, CHAIR)).get()!;
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  expect(applyCaseEvent(db(), created.caseId, { event: "start_screening" }, actor).ok).toBe(true);
  saveAssessment(db(), created.caseId, "screening", chair.id, CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing." })));
  expect(applyCaseEvent(db(), created.caseId, { event: "include" }, actor).ok).toBe(true);
  return { id: created.caseId, code: created.code, name, patientId: db().select().from(cases).where(eq(cases.id, created.caseId)).get()!.patientId };
}

const plan = (fields: Record<string, string>) => ({
  title: "Casuïstiekbespreking maart",
  date: "2027-03-09",
  startTime: "14:00",
  durationMinutes: "120",
  location: "Parnassia, Rotterdam",
  videoUrl: "https://meet.example.nl/rt2",
  ...fields,
});

// Shared across the steps below, which build on each other.
let chair: Client;
let member: Client;
let guest: Client;
let meetingId: number;
let seriesIds: number[];
let caseA: ReturnType<typeof includedCase>;
let caseB: ReturnType<typeof includedCase>;
let itemA: number;

describe("planning", () => {
  it("the chair plans a meeting and every chair and member of the table is invited", async () => {
    chair = await loggedIn(t.url, CHAIR);
    member = await loggedIn(t.url, MEMBER);
    const form = await pageText(await chair.get(LIST));
    expect(form).toContain("<h1>Bijeenkomsten tafel Rotterdam-Rijnmond</h1>");
    expect(form).toContain("Bijeenkomst plannen");

    const response = await chair.post(PLAN, plan({}));
    expect(response.status).toBe(302);
    meetingId = meetingIdFrom(response);
    const meeting = db().select().from(meetings).where(eq(meetings.id, meetingId)).get()!;
    // 14:00 Amsterdam winter time is 13:00 UTC.
    expect(meeting.startsAt).toBe("2027-03-09T13:00:00.000Z");
    expect(meeting.durationMinutes).toBe(120);
    expect(meeting.videoUrl).toBe("https://meet.example.nl/rt2");
    const invited = db().select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId)).all();
    expect(invited.map((i) => [i.userId, i.kind, i.response]).sort()).toEqual(
      [
        [userId(CHAIR), "member", "accepted"],
        [userId(MEMBER), "member", "pending"],
      ].sort(),
    );

    const page = await pageText(await chair.get(`/bijeenkomsten/${meetingId}`));
    expect(page).toContain("De bijeenkomst is gepland.");
    expect(await pageText(await chair.get(`/bijeenkomsten/${meetingId}`))).not.toContain("De bijeenkomst is gepland.");
    expect(page).toContain("dinsdag 9 maart 2027, 14:00–16:00");
    expect(page).toContain("Tafellid Rotterdam-Rijnmond");
  });

  it("a member sees the list but no planning form, and may not plan", async () => {
    const list = await pageText(await member.get(LIST));
    expect(list).toContain("Casuïstiekbespreking maart");
    expect(list).not.toContain("Bijeenkomst plannen");
    const refused = await member.post(PLAN, plan({ date: "2027-03-16" }));
    expect(refused.status).toBe(403);
    expect(rotterdamMeetings()).toHaveLength(1);
  });

  it("invalid input gives Dutch field errors and keeps what was typed", async () => {
    const response = await chair.post(PLAN, plan({ title: "Mijn <titel>", date: "2027-02-30", startTime: "25:00", durationMinutes: "5", videoUrl: "http://meet.example.nl/x", location: "" }));
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Vul een geldige datum in.");
    expect(html).toContain("Vul een geldige tijd in, bijvoorbeeld 14:00.");
    expect(html).toContain("De duur is minstens 15 en hoogstens 480 minuten.");
    expect(html).toContain("Vul een videolink in die met https:// begint.");
    expect(html).toContain('value="Mijn &lt;titel&gt;"');
    expect(html).toContain('value="http://meet.example.nl/x"');
    expect(html).toContain('value="2027-02-30"');

    const noPlace = await pageText(await chair.post(PLAN, plan({ location: "", videoUrl: "", series: "on", occurrences: "13" })));
    expect(noPlace).toContain("Vul een locatie of een videolink in (of allebei).");
    expect(noPlace).toContain("Kies een aantal van 1 tot en met 12.");
    const past = await pageText(await chair.post(PLAN, plan({ date: "2020-03-10" })));
    expect(past).toContain("Kies een datum en tijd in de toekomst.");
    const farAhead = await pageText(await chair.post(PLAN, plan({ date: "9999-12-14", series: "on", occurrences: "12" })));
    expect(farAhead).toContain("Plan hoogstens 3 jaar vooruit.");
    const skipped = await pageText(await chair.post(PLAN, plan({ date: "2027-03-28", startTime: "02:30" })));
    expect(skipped).toContain("Deze tijd bestaat niet op die dag");
    expect(rotterdamMeetings()).toHaveLength(1);
  });

  it("a monthly series of 3 creates 3 meetings one month apart on the same weekday of the month", async () => {
    const response = await chair.post(PLAN, plan({ title: "Maandoverleg", date: "2027-04-13", startTime: "10:00", durationMinutes: "90", series: "on", occurrences: "3" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(LIST);
    const series = db().select().from(meetings).where(eq(meetings.title, "Maandoverleg")).orderBy(meetings.startsAt).all();
    seriesIds = series.map((m) => m.id);
    // Second Tuesday of April, May, June; 10:00 summer time is 08:00 UTC.
    expect(series.map((m) => m.startsAt)).toEqual(["2027-04-13T08:00:00.000Z", "2027-05-11T08:00:00.000Z", "2027-06-08T08:00:00.000Z"]);
    expect(new Set(series.map((m) => m.seriesId)).size).toBe(1);
    expect(series[0].seriesId).toBeTruthy();
    expect(db().select().from(meetingInvitations).where(inArray(meetingInvitations.meetingId, seriesIds)).all()).toHaveLength(6);
    const list = await pageText(await chair.get(LIST));
    expect(list).toContain("3 bijeenkomsten zijn gepland.");
    expect(list).toContain("dinsdag 11 mei 2027, 10:00–11:30");
  });

  it("warns about an overlapping meeting, naming people and times, and saves with ‘Toch plannen’", async () => {
    const before = db().select().from(meetings).all().length;
    const response = await chair.post(PLAN, plan({ title: "Extra overleg", startTime: "15:00", durationMinutes: "60" }));
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Let op: niet iedereen is dan beschikbaar.");
    expect(html).toContain("Voorzitter Rotterdam-Rijnmond: bijeenkomst van tafel Rotterdam-Rijnmond, dinsdag 9 maart 2027, 14:00–16:00");
    expect(html).toContain("Tafellid Rotterdam-Rijnmond: bijeenkomst van tafel Rotterdam-Rijnmond, dinsdag 9 maart 2027, 14:00–16:00");
    expect(html).toContain("Toch plannen");
    expect(html).toContain('value="Extra overleg"');
    expect(db().select().from(meetings).all()).toHaveLength(before);

    const confirmed = await chair.post(PLAN, plan({ title: "Extra overleg", startTime: "15:00", durationMinutes: "60", confirmClash: "on" }));
    expect(confirmed.status).toBe(302);
    expect(db().select().from(meetings).all()).toHaveLength(before + 1);
    // Touching is not overlapping: 16:00–17:00 plans without a warning.
    const after = await chair.post(PLAN, plan({ title: "Aansluitend", startTime: "16:00", durationMinutes: "60" }));
    expect(after.status).toBe(302);
  });
});

describe("the agenda", () => {
  it("puts an included case on the agenda (scheduled) and refuses slots outside the meeting or overlapping", async () => {
    caseA = includedCase("Henk Geheimnaam");
    caseB = includedCase("Truus Verborgen");
    const page = await pageText(await chair.get(`/bijeenkomsten/${meetingId}`));
    expect(page).toContain(`<option value="${caseA.id}">${caseA.code}</option>`);
    expect(page).toContain(`<option value="${caseB.id}">${caseB.code}</option>`);
    expect(page).toContain('value="14:00"'); // the next free slot is offered

    const outside = await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseA.id), startTime: "13:30", durationMinutes: "30" });
    expect(outside.status).toBe(200);
    const outsideHtml = await pageText(outside);
    expect(outsideHtml).toContain("Het agendapunt valt buiten de bijeenkomst. Kies een tijd tussen 14:00–16:00.");
    expect(outsideHtml).toContain('value="13:30"');
    const tooLong = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseA.id), startTime: "15:45", durationMinutes: "30" }));
    expect(tooLong).toContain("Het agendapunt valt buiten de bijeenkomst.");
    expect(caseStatus(caseA.id)).toBe("included");

    const added = await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseA.id), startTime: "14:00", durationMinutes: "30" });
    expect(added.status).toBe(302);
    expect(caseStatus(caseA.id)).toBe("scheduled");
    itemA = db().select().from(agendaItems).where(eq(agendaItems.caseId, caseA.id)).get()!.id;

    const overlapping = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseB.id), startTime: "14:15", durationMinutes: "30" }));
    expect(overlapping).toContain("Dit tijdslot overlapt met een ander agendapunt (14:00–14:30).");
    expect(caseStatus(caseB.id)).toBe("included");
    // A case already scheduled cannot go on again.
    const again = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseA.id), startTime: "15:00", durationMinutes: "30" }));
    expect(again).toContain("Kies een geïncludeerde casus van deze tafel die nog niet geagendeerd is.");

    expect((await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseB.id), startTime: "14:30", durationMinutes: "30" })).status).toBe(302);
    expect(caseStatus(caseB.id)).toBe("scheduled");
  });

  it("takes an item off the agenda (back to included) and on again", async () => {
    const itemB = db().select().from(agendaItems).where(eq(agendaItems.caseId, caseB.id)).get()!.id;
    expect((await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "remove_item", itemId: String(itemB) })).status).toBe(302);
    expect(caseStatus(caseB.id)).toBe("included");
    expect(db().select().from(agendaItems).where(eq(agendaItems.id, itemB)).get()).toBeUndefined();
    expect((await member.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseB.id), startTime: "14:30", durationMinutes: "30" })).status).toBe(403);
    expect((await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(caseB.id), startTime: "14:30", durationMinutes: "30" })).status).toBe(302);
    expect(caseStatus(caseB.id)).toBe("scheduled");
  });

  it("shows case codes linked to the case, never a patient's name", async () => {
    for (const client of [chair, member]) {
      const html = await pageText(await client.get(`/bijeenkomsten/${meetingId}`));
      expect(html).toMatch(new RegExp(`<a [^>]*href="/casussen/${caseA.id}">${caseA.code}</a>`));
      expect(html).toMatch(new RegExp(`<a [^>]*href="/casussen/${caseB.id}">${caseB.code}</a>`));
      expect(html).toContain("14:00–14:30");
      expect(html).not.toContain(caseA.name);
      expect(html).not.toContain(caseB.name);
    }
    const list = await pageText(await member.get(LIST));
    expect(list).toContain("2 casussen");
  });

  it("cancelling a meeting sends its cases back to included", async () => {
    const caseC = includedCase("Cor Onbekend");
    const first = seriesIds[0];
    expect((await chair.post(`/bijeenkomsten/${first}`, { intent: "add_item", caseId: String(caseC.id), startTime: "10:00", durationMinutes: "45" })).status).toBe(302);
    expect(caseStatus(caseC.id)).toBe("scheduled");
    expect((await member.post(`/bijeenkomsten/${first}`, { intent: "cancel", bevestigd: "ja" })).status).toBe(403);
    expect((await chair.post(`/bijeenkomsten/${first}`, { intent: "cancel", bevestigd: "ja" })).status).toBe(302);
    expect(db().select().from(meetings).where(eq(meetings.id, first)).get()!.cancelled).toBe(true);
    expect(caseStatus(caseC.id)).toBe("included");
    const page = await pageText(await chair.get(`/bijeenkomsten/${first}`));
    expect(page).toContain("Geannuleerd");
    expect(page).not.toContain("Casus agenderen");
  });
});

describe("responses", () => {
  it("a member accepts, sees the clash with another meeting, and declines", async () => {
    const before = await pageText(await member.get(`/bijeenkomsten/${meetingId}`));
    expect(before).toContain("U heeft nog niet gereageerd.");
    expect(before).toContain("Let op: u heeft op dat moment al een andere bijeenkomst:");
    expect(before).toContain("bijeenkomst van tafel Rotterdam-Rijnmond, dinsdag 9 maart 2027, 15:00–16:00");

    const invitation = () => db().select().from(meetingInvitations).where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, userId(MEMBER)))).get()!;
    expect((await member.post(`/bijeenkomsten/${meetingId}`, { intent: "respond", response: "accepted" })).status).toBe(302);
    expect(invitation().response).toBe("accepted");
    expect(await pageText(await member.get(`/bijeenkomsten/${meetingId}`))).toContain("U heeft laten weten dat u komt.");
    expect((await member.post(`/bijeenkomsten/${meetingId}`, { intent: "respond", response: "declined" })).status).toBe(302);
    expect(invitation().response).toBe("declined");
    expect(invitation().respondedAt).toBeTruthy();
    const bogus = await member.post(`/bijeenkomsten/${meetingId}`, { intent: "respond", response: "misschien" });
    expect(bogus.status).toBe(200);
    expect(invitation().response).toBe("declined");
  });
});

describe("guest experts", () => {
  it("refuses unknown people, table members and an empty choice, in Dutch", async () => {
    const unknown = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: "niemand@example.test", itemIds: [String(itemA)], accessUntil: "2027-03-23" }));
    expect(unknown).toContain("Er is geen actieve gebruiker met dit e-mailadres.");
    expect(unknown).toContain('value="niemand@example.test"');
    const ownMember = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: MEMBER, itemIds: [String(itemA)], accessUntil: "2027-03-23" }));
    expect(ownMember).toContain("Deze persoon zit al aan deze tafel");
    const nothing = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: GUEST, accessUntil: "2027-03-01" }));
    expect(nothing).toContain("Kies minstens één agendapunt.");
    const early = await pageText(await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: GUEST, itemIds: [String(itemA)], accessUntil: "2027-03-01" }));
    expect(early).toContain("De toegang moet minstens tot het einde van de bijeenkomst lopen.");
    expect(db().select().from(meetingInvitations).where(eq(meetingInvitations.kind, "guest")).all()).toHaveLength(0);
  });

  it("a guest from another organisation invited to one item sees only that item and its case", async () => {
    const page = await pageText(await chair.get(`/bijeenkomsten/${meetingId}`));
    expect(page).toContain('value="2027-03-23"'); // meeting end + 14 days
    expect((await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: GUEST, itemIds: [String(itemA)], accessUntil: "2027-03-23" })).status).toBe(302);
    const invitation = db().select().from(meetingInvitations).where(eq(meetingInvitations.kind, "guest")).get()!;
    expect(invitation.guestAgendaItemIds).toEqual([itemA]);
    expect(invitation.accessUntil).toBe("2027-03-23T23:00:00.000Z");

    guest = await loggedIn(t.url, GUEST);
    const seen = await guest.get(`/bijeenkomsten/${meetingId}`);
    expect(seen.status).toBe(200);
    const html = await pageText(seen);
    expect(html).toContain(caseA.code);
    expect(html).not.toContain(caseB.code);
    expect(html).toContain("U ziet alleen de agendapunten waarvoor u bent uitgenodigd.");
    expect(html).not.toContain("Casus agenderen");
    expect((await guest.get(`/casussen/${caseA.id}`)).status).toBe(200);
    expect((await guest.get(`/casussen/${caseB.id}`)).status).toBe(404);
    const itemB = db().select().from(agendaItems).where(eq(agendaItems.caseId, caseB.id)).get()!.id;
    expect((await guest.get(`/bijeenkomsten/${meetingId}/agendapunt/${itemB}`)).status).toBe(404);
    expect((await guest.get(`/bijeenkomsten/${meetingId}/agendapunt/${itemA}`)).status).toBe(200);
    // A guest cannot act as chair.
    expect((await guest.post(`/bijeenkomsten/${meetingId}`, { intent: "remove_item", itemId: String(itemA) })).status).toBe(403);
    expect((await guest.post(`/bijeenkomsten/${meetingId}`, { intent: "respond", response: "accepted" })).status).toBe(302);
    expect(db().select().from(meetingInvitations).where(eq(meetingInvitations.id, invitation.id)).get()!.response).toBe("accepted");
    // The chair sees which case the guest joins.
    expect(await pageText(await chair.get(`/bijeenkomsten/${meetingId}`))).toMatch(new RegExp(`Tafellid Amsterdam.*Gast-expert.*${caseA.code} \\(toegang tot en met dinsdag 23 maart 2027\\)`));
  });

  it("the chair of another table gets 404 on every meeting page", async () => {
    const other = await loggedIn(t.url, OTHER_CHAIR);
    for (const path of [`/bijeenkomsten/${meetingId}`, `/bijeenkomsten/${meetingId}/ics`, `/bijeenkomsten/${meetingId}/agendapunt/${itemA}`, LIST, "/bijeenkomsten/999999", "/bijeenkomsten/abc"]) {
      const response = await other.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(caseA.code);
    }
    expect((await other.post(`/bijeenkomsten/${meetingId}`, { intent: "cancel", bevestigd: "ja" })).status).toBe(404);
    expect(db().select().from(meetings).where(eq(meetings.id, meetingId)).get()!.cancelled).toBe(false);
  });
});

describe("minutes", () => {
  /** Moves the meeting (and its agenda) so that it started an hour ago: minutes are typed live. */
  let original: { meeting: string; items: { id: number; startsAt: string }[] };
  const startMeetingNow = () => {
    const m = db().select().from(meetings).where(eq(meetings.id, meetingId)).get()!;
    const items = db().select({ id: agendaItems.id, startsAt: agendaItems.startsAt }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all();
    original = { meeting: m.startsAt, items };
    const shift = Date.now() - 60 * 60_000 - new Date(m.startsAt).getTime();
    const moved = (iso: string) => new Date(new Date(iso).getTime() + shift).toISOString();
    db().update(meetings).set({ startsAt: moved(m.startsAt) }).where(eq(meetings.id, meetingId)).run();
    for (const i of items) db().update(agendaItems).set({ startsAt: moved(i.startsAt) }).where(eq(agendaItems.id, i.id)).run();
    return moved(m.startsAt);
  };
  afterAll(() => {
    if (!original) return;
    db().update(meetings).set({ startsAt: original.meeting }).where(eq(meetings.id, meetingId)).run();
    for (const i of original.items) db().update(agendaItems).set({ startsAt: i.startsAt }).where(eq(agendaItems.id, i.id)).run();
  });

  it("refuses minutes before the meeting's start", async () => {
    const page = `/bijeenkomsten/${meetingId}/agendapunt/${itemA}`;
    const early = await pageText(await chair.get(page));
    expect(early).toContain("Verslag, besluiten en acties kunnen vanaf de start van de bijeenkomst worden vastgelegd.");
    expect(early).not.toContain("Agendapunt afsluiten");
    const refused = await chair.post(page, { intent: "close", discussion: "Vooraf ingevuld", decisions: "Vooraf besloten" });
    expect(refused.status).toBe(200);
    expect(await pageText(refused)).toContain("Verslag, besluiten en acties kunnen vanaf de start van de bijeenkomst worden vastgelegd.");
    expect(caseStatus(caseA.id)).toBe("scheduled");
    expect(db().select().from(agendaItems).where(eq(agendaItems.id, itemA)).get()!.closedAt).toBeNull();
  });

  it("keeps a half-filled action with a Dutch error, then saves minutes with an action and closes the item", async () => {
    const startedAt = startMeetingNow();
    const page = `/bijeenkomsten/${meetingId}/agendapunt/${itemA}`;
    const form = await pageText(await chair.get(page));
    expect(form).toContain("Agendapunt afsluiten");
    expect(form).not.toContain(caseA.name);

    const half = await chair.post(page, { intent: "save", discussion: "Besproken: klinische opname", decisions: "", "actions.0.description": "Bel de kliniek", "actions.0.ownerOrganisationId": "", "actions.0.dueDate": "" });
    expect(half.status).toBe(200);
    const halfHtml = await pageText(half);
    expect(halfHtml).toContain("Kies wie de actie uitvoert: een persoon of een organisatie.");
    expect(halfHtml).toContain("Vul een uiterste datum in.");
    expect(halfHtml).toContain('value="Bel de kliniek"');
    expect(halfHtml).toContain("Besproken: klinische opname");
    expect(db().select().from(planActions).innerJoin(carePlans, eq(planActions.planId, carePlans.id)).where(eq(carePlans.caseId, caseA.id)).all()).toHaveLength(0);

    const iris = db().select().from(organisations).where(eq(organisations.name, "IrisZorg")).get()!;
    const closed = await chair.post(page, {
      intent: "close",
      discussion: "Opname besproken met alle partijen.",
      decisions: "Start intensieve behandeling.",
      "actions.0.description": "Intake plannen bij verslavingszorg",
      "actions.0.ownerOrganisationId": String(iris.id),
      "actions.0.dueDate": "2027-04-01",
      "actions.1.description": "",
      "actions.1.ownerOrganisationId": "",
      "actions.1.dueDate": "",
    });
    expect(closed.status).toBe(302);
    expect(caseStatus(caseA.id)).toBe("discussed");
    const item = db().select().from(agendaItems).where(eq(agendaItems.id, itemA)).get()!;
    expect(item.closedAt).toBeTruthy();
    expect(item.closedByUserId).toBe(userId(CHAIR));
    expect(item.decisions).toBe("Start intensieve behandeling.");
    // One list of actions per case: the meeting's action is a case action, marked with its agenda item.
    const actions = db().select().from(planActions).where(eq(planActions.agendaItemId, itemA)).all();
    expect(actions.map((a) => [a.description, a.ownerOrganisationId, a.dueDate, a.status])).toEqual([["Intake plannen bij verslavingszorg", iris.id, "2027-04-01", "open"]]);
    // "Besproken" takes the meeting's date, not the moment the minutes were closed (here the case was
    // scheduled after the moved start, and an event never precedes the one before it).
    const events = db().select().from(caseEvents).where(eq(caseEvents.caseId, caseA.id)).orderBy(caseEvents.id).all();
    const discussed = events.at(-1)!;
    expect(discussed.event).toBe("discuss");
    expect(discussed.at).toBe([startedAt, events.at(-2)!.at].sort().at(-1));
    expect(discussed.at < item.closedAt!).toBe(true);

    // Read-only from now on.
    const readOnly = await pageText(await chair.get(page));
    expect(readOnly).not.toContain("Agendapunt afsluiten");
    expect(readOnly).toContain("Start intensieve behandeling.");
    expect(readOnly).toContain("IrisZorg");
    const late = await chair.post(page, { intent: "save", discussion: "Achteraf gewijzigd" });
    expect(late.status).toBe(200);
    expect(await pageText(late)).toContain("Dit agendapunt is al afgesloten en kan niet meer worden gewijzigd.");
    expect(db().select().from(agendaItems).where(eq(agendaItems.id, itemA)).get()!.discussion).toBe("Opname besproken met alle partijen.");
    // A closed item cannot be taken off the agenda.
    await chair.post(`/bijeenkomsten/${meetingId}`, { intent: "remove_item", itemId: String(itemA) });
    expect(caseStatus(caseA.id)).toBe("discussed");
    // Members read the minutes; they cannot write them.
    expect(await pageText(await member.get(page))).toContain("Opname besproken met alle partijen.");
    expect((await member.post(`/bijeenkomsten/${meetingId}/agendapunt/${db().select().from(agendaItems).where(eq(agendaItems.caseId, caseB.id)).get()!.id}`, { intent: "close" })).status).toBe(403);
    expect(caseStatus(caseB.id)).toBe("scheduled");
  });

  it("a guest loses access once accessUntil has passed", async () => {
    expect((await guest.get(`/bijeenkomsten/${meetingId}`)).status).toBe(200);
    db().update(meetingInvitations).set({ accessUntil: new Date(Date.now() - 60_000).toISOString() }).where(eq(meetingInvitations.kind, "guest")).run();
    expect((await guest.get(`/bijeenkomsten/${meetingId}`)).status).toBe(404);
    expect((await guest.get(`/bijeenkomsten/${meetingId}/agendapunt/${itemA}`)).status).toBe(404);
    expect((await guest.get(`/bijeenkomsten/${meetingId}/ics`)).status).toBe(404);
    expect((await guest.get(`/casussen/${caseA.id}`)).status).toBe(404);
  });
});

/** The VEVENTs of an iCalendar text. */
const eventsOf = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => (c as VEvent | undefined)?.type === "VEVENT");

describe("calendars", () => {
  it("downloads the meeting as .ics with UTC times and no patient data", async () => {
    const response = await member.get(`/bijeenkomsten/${meetingId}/ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="regiotafel-bijeenkomst-${meetingId}.ics"`);
    const text = await response.text();
    expect(text).toContain("DTSTART:20270309T130000Z");
    expect(text).toContain("DTEND:20270309T150000Z");
    const [event] = eventsOf(text);
    expect(event.uid).toBe(`bijeenkomst-${meetingId}@regiotafel`);
    expect(event.start.toISOString()).toBe("2027-03-09T13:00:00.000Z");
    expect(event.end!.toISOString()).toBe("2027-03-09T15:00:00.000Z");
    expect(String(event.summary)).toBe("Regiotafel Rotterdam-Rijnmond: Casuïstiekbespreking maart");
    expect(String(event.location)).toBe("Parnassia, Rotterdam");
    expect(event.url).toBe("https://meet.example.nl/rt2");
    expect(String(event.description)).toContain("2 casussen op de agenda");
    for (const secret of [caseA.name, caseB.name, caseA.code, caseB.code, "RT2-"]) expect(text).not.toContain(secret);
    // The UID is the same on every download.
    expect(eventsOf(await (await chair.get(`/bijeenkomsten/${meetingId}/ics`)).text())[0].uid).toBe(event.uid);
    // Anonymous: to the login page.
    const anonymous = await new Client(t.url).get(`/bijeenkomsten/${meetingId}/ics`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/inloggen/);
  });

  it("the personal feed works without cookies, lists the meetings, and dies when revoked", async () => {
    const page = await pageText(await chair.get("/agenda/abonnement"));
    expect(page).toContain("U heeft nog geen link.");
    expect(page).toContain("Casuïstiekbespreking maart");

    const created = await chair.post("/agenda/abonnement", { intent: "create" });
    expect(created.status).toBe(200);
    const html = await pageText(created);
    const match = /value="(http:\/\/[^"]+\/agenda\/feed\/([A-Za-z0-9_-]{43})\.ics)"/.exec(html);
    expect(match).not.toBeNull();
    const [, feedUrl, token] = match!;
    expect(feedUrl.startsWith(t.url)).toBe(true);
    // Only the hash is stored.
    const stored = db().select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId(CHAIR))).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);

    // Fetched like a calendar app: no cookie at all.
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await feed.text();
    const events = eventsOf(text);
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`bijeenkomst-${meetingId}@regiotafel`);
    expect(uids).toContain(`bijeenkomst-${seriesIds[1]}@regiotafel`);
    expect(uids).not.toContain(`bijeenkomst-${seriesIds[0]}@regiotafel`); // cancelled
    const march = events.find((e) => e.uid === `bijeenkomst-${meetingId}@regiotafel`)!;
    expect(march.start.toISOString()).toBe("2027-03-09T13:00:00.000Z");
    for (const secret of [caseA.name, caseB.name, caseA.code, caseB.code, "RT2-"]) expect(text).not.toContain(secret);

    // The member declined the March meeting: it is not in their feed.
    const memberHtml = await pageText(await member.post("/agenda/abonnement", { intent: "create" }));
    const memberUrl = /value="(http:\/\/[^"]+\/agenda\/feed\/[A-Za-z0-9_-]{43}\.ics)"/.exec(memberHtml)![1];
    const memberUids = eventsOf(await (await fetch(memberUrl)).text()).map((e) => e.uid);
    expect(memberUids).not.toContain(`bijeenkomst-${meetingId}@regiotafel`);
    expect(memberUids).toContain(`bijeenkomst-${seriesIds[2]}@regiotafel`);
    // Someone who leaves the table no longer gets its meetings.
    db().delete(memberships).where(eq(memberships.userId, userId(MEMBER))).run();
    expect(eventsOf(await (await fetch(memberUrl)).text())).toEqual([]);

    // A new link revokes the old one.
    const renewed = await pageText(await chair.post("/agenda/abonnement", { intent: "create" }));
    const newUrl = /value="(http:\/\/[^"]+\/agenda\/feed\/[A-Za-z0-9_-]{43}\.ics)"/.exec(renewed)![1];
    expect(newUrl).not.toBe(feedUrl);
    expect((await fetch(feedUrl)).status).toBe(404);
    expect((await fetch(newUrl)).status).toBe(200);
    expect(await pageText(await chair.get("/agenda/abonnement"))).toContain("U heeft een actieve link");

    // Revoked: 404, also for unknown and malformed tokens.
    expect((await chair.post("/agenda/abonnement", { intent: "revoke" })).status).toBe(302);
    expect((await fetch(newUrl)).status).toBe(404);
    for (const bad of ["/agenda/feed/" + "A".repeat(43) + ".ics", "/agenda/feed/kort.ics", `/agenda/feed/${token}`, "/agenda/feed/x"]) {
      expect((await fetch(t.url + bad)).status, bad).toBe(404);
    }
    expect(db().select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId(CHAIR))).all().every((f) => f.revokedAt)).toBe(true);
  });
});

describe("the audit trail", () => {
  it("has an event for every change, with the patient where a case is involved", () => {
    const events = db().select().from(auditEvents).all();
    const has = (action: string, extra: (e: (typeof events)[number]) => boolean = () => true) => events.some((e) => e.action === action && e.outcome === "success" && extra(e));
    const chairId = userId(CHAIR);
    expect(has("meeting.create", (e) => e.userId === chairId && e.objectId === String(meetingId))).toBe(true);
    expect(events.filter((e) => e.action === "meeting.create" && seriesIds.map(String).includes(e.objectId ?? ""))).toHaveLength(3);
    expect(has("meeting.cancel", (e) => e.objectId === String(seriesIds[0]))).toBe(true);
    expect(has("agenda.add", (e) => e.patientId === String(caseA.patientId))).toBe(true);
    expect(has("agenda.remove", (e) => e.patientId === String(caseB.patientId))).toBe(true);
    expect(has("agenda.close", (e) => e.patientId === String(caseA.patientId))).toBe(true);
    expect(has("agenda.minutes.view", (e) => e.patientId === String(caseA.patientId) && e.userId === userId(GUEST))).toBe(true);
    expect(has("invitation.respond", (e) => e.userId === userId(MEMBER))).toBe(true);
    expect(has("guest.invite", (e) => e.patientId === String(caseA.patientId))).toBe(true);
    expect(has("calendar_feed.create", (e) => e.userId === chairId)).toBe(true);
    expect(has("calendar_feed.revoke", (e) => e.userId === chairId)).toBe(true);
    expect(events.some((e) => e.action === "access.denied" && e.userId === userId(OTHER_CHAIR) && e.objectType === "meeting")).toBe(true);
    // Never a feed token in the log.
    for (const f of db().select().from(calendarFeeds).all()) expect(JSON.stringify(events)).not.toContain(f.tokenHash);
  });
});

describe("garbage input", () => {
  it("never causes a 5xx and is never reflected unescaped", async () => {
    const itemB = db().select().from(agendaItems).where(eq(agendaItems.caseId, caseB.id)).get()!.id;
    const junk = ["", " ", "abc", "-1", "0", "1e9", "99999999999", "<script>alert(1)</script>", "2027-02-30", "25:61", "javascript:alert(1)", "\u0000", "x".repeat(20_000)];
    const targets = [
      { path: PLAN, intents: [null], fields: ["title", "date", "startTime", "durationMinutes", "location", "videoUrl", "series", "occurrences", "confirmClash"] },
      { path: `/bijeenkomsten/${meetingId}`, intents: ["respond", "add_item", "remove_item", "invite_guest", "bogus"], fields: ["response", "caseId", "startTime", "durationMinutes", "itemId", "email", "itemIds", "accessUntil"] },
      { path: `/bijeenkomsten/${meetingId}/agendapunt/${itemB}`, intents: ["remove_action", "bogus"], fields: ["discussion", "decisions", "actions.0.description", "actions.0.ownerOrganisationId", "actions.0.dueDate", "actionId"] },
      { path: "/agenda/abonnement", intents: ["bogus", ""], fields: ["x"] },
    ];
    let posts = 0;
    for (const target of targets) {
      for (const intent of target.intents) {
        for (const value of junk) {
          const fields: Record<string, string> = Object.fromEntries(target.fields.map((f) => [f, value]));
          if (intent !== null) fields.intent = intent;
          const response = await chair.post(target.path, fields);
          const body = await response.text();
          expect(response.status, `${target.path} ${intent} ${value.slice(0, 20)}`).toBeLessThan(500);
          expect(body).not.toContain("<script>alert(1)</script>");
          posts++;
        }
      }
    }
    expect(posts).toBe(13 * (1 + 5 + 2 + 2));
    expect(caseStatus(caseB.id)).toBe("scheduled");
    expect(db().select().from(meetings).where(eq(meetings.id, meetingId)).get()!.cancelled).toBe(false);
  });
});
