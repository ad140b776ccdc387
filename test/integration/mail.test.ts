// Notifications end to end: a real SMTP server in this process (smtp-server) receives what the
// portal's outbox sends, mailparser reads it. Each trigger reaches exactly the right people; an SMTP
// outage is survived with every mail arriving once; the .ics invitations parse with node-ical.
import { desc, eq, inArray } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { caseDeadlines, cases, municipalityContacts, notices, organisations, outboxMails, patients, users } from "#db/schema";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { issueApiToken } from "~/models/api-tokens.server";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { notifyAdvisorPresented, notifyArrangementDecision, runDailyJobs } from "~/models/notifications.server";
import { addAction, setActionStatus } from "~/models/plan.server";
import { createReferral } from "~/models/referrals.server";
import { notifierOf } from "~/lib/notifier.server";
import { validReferral } from "../helpers/referral-payload";
import { pageText, sessionsFor, startPortal, type TestPortal } from "../helpers/portal";
import { startSmtp, type Received, type TestSmtp } from "../helpers/smtp";

let t: TestPortal;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  // Long poll: the tests drive the worker with runOnce(), so timing never decides an outcome.
  t = await startPortal({ SMTP_URL: smtp.url, MAIL_FROM: "Regiotafel <noreply@regiotafel.test>", MAIL_POLL_MS: "600000", MAIL_RETRY_BASE_SECONDS: "0.05", DAILY_JOBS_HOUR: "0" });
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

const db = () => t.portal.services.db;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const MEMBER = "lid.rotterdam@regiotafel.test";
const CHAIR_DH = "voorzitter.denhaag@regiotafel.test";
const REFERRER = "zorgbemiddeling.vgz@regiotafel.test";
const ADVISOR = "adviseur.vgz@regiotafel.test";
const GUEST = "lid.amsterdam@regiotafel.test";
const { as, get, post } = sessionsFor(() => t.url);

const userId = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!.id;
const flush = () => t.portal.services.mailWorker!.runOnce();

/** Sends what is queued and returns the mails that arrived by it, by envelope recipient. */
async function deliveredBy(action: () => Promise<unknown> | unknown): Promise<Received[]> {
  const before = smtp.received.length;
  await action();
  await flush();
  return smtp.received.slice(before);
}
const recipients = (mails: Received[]) => mails.flatMap((m) => m.envelopeTo).sort();
const linkIn = (mail: Received) => /https?:\/\/\S+/.exec(mail.text ?? "")?.[0];

let bsnSeq = 0;
/** A VGZ referral (a BSN of its own) created by the service, for setups that are not the subject. */
function referralAtRotterdam(name: string) {
  const referrer = db().select().from(users).where(eq(users.email, REFERRER)).get()!;
  const input = ReferralSchema.parse(validReferral({ patient: { name, bsn: ["123456782", "111222333", "100000009", "100000010"][bsnSeq++ % 4] } }));
  const created = createReferral(db(), input, { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } }, { ip: null, userAgent: "test" });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created;
}

function include(caseId: number) {
  const chair = db().select().from(users).where(eq(users.email, CHAIR)).get()!;
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  applyCaseEvent(db(), caseId, { event: "start_screening" }, actor);
  saveAssessment(db(), caseId, "screening", chair.id, CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing." })));
  expect(applyCaseEvent(db(), caseId, { event: "include" }, actor).ok).toBe(true);
}

function criteria() {
  const fields: Record<string, string> = {};
  for (const n of CRITERION_NUMBERS) {
    fields[`verdict_${n}`] = "met";
    fields[`motivation_${n}`] = `Onderbouwing criterium ${n}.`;
  }
  return fields;
}

describe("referral and screening triggers", () => {
  let caseId: number;
  let code: string;

  it("a referral through the intake API mails the routed table's chair, and nobody else", async () => {
    const vgz = db().select().from(organisations).where(eq(organisations.name, "VGZ")).get()!;
    const issued = issueApiToken(db(), { organisationId: vgz.id, name: "test", createdByUserId: userId("admin@regiotafel.test") });
    if (!issued.ok) throw new Error("no token");
    const mails = await deliveredBy(async () => {
      const response = await fetch(`${t.url}/api/v1/referrals`, {
        method: "POST",
        headers: { Authorization: `Bearer ${issued.token}`, "Idempotency-Key": "mail-test-1", "Content-Type": "application/json" },
        body: JSON.stringify(validReferral({ patient: { name: "Merel Mailtest", bsn: "123456782" } })),
      });
      expect(response.status).toBe(201);
      ({ id: caseId, code } = await response.json());
    });
    expect(recipients(mails)).toEqual([CHAIR]);
    expect(mails[0].subject).toBe(`Regiotafel: Nieuwe verwijzing ${code} voor tafel Rotterdam-Rijnmond`);
    expect(linkIn(mails[0])).toBe(`${t.portal.services.publicOrigin}/casussen/${caseId}`);
    expect(mails[0].from?.text).toContain("noreply@regiotafel.test");
    expect(mails[0].text).not.toContain("Merel");
  });

  it("the screening's outcome mails the referrer (for an API referral: the organisation's referrers)", async () => {
    expect((await post(CHAIR, `/casussen/${caseId}`, { intent: "start_screening" })).status).toBe(302);
    expect((await post(CHAIR, `/casussen/${caseId}`, { intent: "save_screening", ...criteria() })).status).toBe(302);
    const mails = await deliveredBy(async () => expect((await post(CHAIR, `/casussen/${caseId}`, { intent: "include" })).status).toBe(302));
    expect(recipients(mails)).toEqual([REFERRER]);
    expect(mails[0].subject).toBe(`Regiotafel: Uitkomst van de screening van verwijzing ${code}: opgenomen voor bespreking`);
    expect(linkIn(mails[0])).toMatch(new RegExp(`/verwijzingen/${caseId}$`));
  });

  it("a redirect mails the new table's chair and the referrer, not the old chair", async () => {
    const created = referralAtRotterdam("Ruud Redirect");
    const denHaag = (await get(CHAIR, `/casussen/${created.caseId}`)).html.match(/<option value="(\d+)">[^<]*Den Haag/)?.[1];
    expect(denHaag).toBeDefined();
    await post(CHAIR, `/casussen/${created.caseId}`, { intent: "start_screening" });
    const mails = await deliveredBy(async () =>
      expect((await post(CHAIR, `/casussen/${created.caseId}`, { intent: "redirect", targetTableId: denHaag!, reason: "Regiobinding: de patiënt woont sinds kort in Den Haag." })).status).toBe(302),
    );
    expect(recipients(mails)).toEqual([REFERRER, CHAIR_DH].sort());
    // A redirect gives the case a code of the receiving table (Den Haag is table 1); the mail names the new one.
    const subject = mails.find((m) => m.envelopeTo.includes(CHAIR_DH))!.subject;
    expect(subject).toMatch(/Verwijzing RT1-\d{4}-\d+ is naar tafel Den Haag/);
    expect(subject).not.toContain(created.code);
  });
});

describe("meetings: invitations with iCalendar", () => {
  let meetingId: number;
  const icsOf = (mail: Received) => {
    const attachment = mail.attachments.find((a) => a.contentType === "application/ics");
    expect(attachment, "an .ics attachment").toBeDefined();
    const parsed = ical.sync.parseICS(attachment!.content.toString("utf8"));
    const event = Object.values(parsed).find((c) => c?.type === "VEVENT") as VEvent;
    return { raw: attachment!.content.toString("utf8"), event, method: (parsed.vcalendar as unknown as { method?: string })?.method };
  };
  const participants = () => [CHAIR, MEMBER].sort();

  it("planning a meeting mails every participant a METHOD:REQUEST invitation", async () => {
    const mails = await deliveredBy(async () => {
      const response = await post(CHAIR, "/tafels/rotterdam/bijeenkomsten?index", {
        title: "Casuïstiekbespreking mei",
        date: "2027-05-11",
        startTime: "14:00",
        durationMinutes: "120",
        location: "Parnassia, Rotterdam",
        videoUrl: "",
      });
      expect(response.status).toBe(302);
      meetingId = Number(/\/bijeenkomsten\/(\d+)/.exec(response.location!)![1]);
    });
    expect(recipients(mails)).toEqual(participants());
    for (const mail of mails) {
      const { raw, event } = icsOf(mail);
      expect(raw).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(event.uid).toBe(`bijeenkomst-${meetingId}@regiotafel`);
      expect(Number(event.sequence)).toBe(0);
      expect(event.start.toISOString()).toBe("2027-05-11T12:00:00.000Z");
      expect(raw).toMatch(/ORGANIZER;CN="?Regiotafel"?:mailto:noreply@regiotafel\.test/i);
      expect(raw.replace(/\r?\n /g, "")).toContain(`mailto:${mail.envelopeTo[0]}`);
      // nodemailer also sends it as the text/calendar alternative that Outlook reads.
      expect(mail.headers.get("content-type")).toBeDefined();
    }
  });

  it("a case put on the agenda mails the participants; a guest expert gets an invitation of their own", async () => {
    const created = referralAtRotterdam("Agnes Agenda");
    include(created.caseId);
    const onAgenda = await deliveredBy(async () =>
      expect((await post(CHAIR, `/bijeenkomsten/${meetingId}`, { intent: "add_item", caseId: String(created.caseId), startTime: "14:00", durationMinutes: "30" })).status).toBe(302),
    );
    expect(recipients(onAgenda)).toEqual(participants());
    expect(onAgenda[0].subject).toContain(`Casus ${created.code} staat op de agenda`);
    const itemId = /name="itemIds" value="(\d+)"/.exec((await get(CHAIR, `/bijeenkomsten/${meetingId}`)).html)![1];
    const guest = await deliveredBy(async () =>
      expect((await post(CHAIR, `/bijeenkomsten/${meetingId}`, { intent: "invite_guest", email: GUEST, itemIds: [itemId], accessUntil: "2027-05-20" })).status).toBe(302),
    );
    expect(recipients(guest)).toEqual([GUEST]);
    expect(guest[0].subject).toContain("gastdeskundige");
    expect(icsOf(guest[0]).event.uid).toBe(`bijeenkomst-${meetingId}@regiotafel`);
  });

  it("moving it keeps the UID with a higher SEQUENCE, for every participant including the guest", async () => {
    const mails = await deliveredBy(async () => expect((await post(CHAIR, `/bijeenkomsten/${meetingId}`, { intent: "move", date: "2027-05-18", startTime: "10:00" })).status).toBe(302));
    expect(recipients(mails)).toEqual([...participants(), GUEST].sort());
    for (const mail of mails) {
      const { raw, event } = icsOf(mail);
      expect(raw).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(event.uid).toBe(`bijeenkomst-${meetingId}@regiotafel`);
      expect(Number(event.sequence)).toBe(1);
      expect(event.start.toISOString()).toBe("2027-05-18T08:00:00.000Z");
    }
  });

  it("cancelling it sends METHOD:CANCEL with the same UID and a higher SEQUENCE", async () => {
    const mails = await deliveredBy(async () => expect((await post(CHAIR, `/bijeenkomsten/${meetingId}`, { intent: "cancel" })).status).toBe(302));
    expect(recipients(mails)).toEqual([...participants(), GUEST].sort());
    for (const mail of mails) {
      const { raw, event } = icsOf(mail);
      expect(raw).toMatch(/^METHOD:CANCEL\r?$/m);
      expect(event.status).toBe("CANCELLED");
      expect(event.uid).toBe(`bijeenkomst-${meetingId}@regiotafel`);
      expect(Number(event.sequence)).toBe(2);
    }
  });
});

describe("advisor, arrangement, terms and overdue actions", () => {
  it("a case presented to the medical advisor mails the advisors of the patient's insurer only", async () => {
    const created = referralAtRotterdam("Adriaan Adviseur");
    const mails = await deliveredBy(() => notifyAdvisorPresented(notifierOf(t.portal.services), created.caseId));
    expect(recipients(mails)).toEqual([ADVISOR]);
  });

  it("an arrangement approved or refused mails the case's chair", async () => {
    const created = referralAtRotterdam("Arend Arrangement");
    const approved = await deliveredBy(() => notifyArrangementDecision(notifierOf(t.portal.services), created.caseId, true));
    const refused = await deliveredBy(() => notifyArrangementDecision(notifierOf(t.portal.services), created.caseId, false));
    expect(recipients(approved)).toEqual([CHAIR]);
    expect(recipients(refused)).toEqual([CHAIR]);
    expect(approved[0].subject).toContain("goedgekeurd");
    expect(refused[0].subject).toContain("afgewezen");
  });

  it("a VMR term at 5 months mails the chair and the municipality's contact, once", async () => {
    const created = referralAtRotterdam("Vera Verblijf");
    const patient = db().select().from(cases).where(eq(cases.id, created.caseId)).get()!.patientId;
    const municipality = db().select().from(patients).where(eq(patients.id, patient)).get()!.municipality;
    db().insert(municipalityContacts).values({ municipality, name: "Team Wmo", email: "wmo@gemeente.example" }).run();
    db().insert(caseDeadlines).values({ caseId: created.caseId, kind: "vmr", startDate: "2026-01-10", dueDate: "2026-07-10", alertDate: "2026-06-10", createdAt: new Date().toISOString() }).run();
    const day = new Date("2026-06-11T08:00:00Z");
    const mails = await deliveredBy(() => runDailyJobs(notifierOf(t.portal.services), day, 0));
    const vmr = mails.filter((m) => `${m.subject}\n${m.text}`.includes(created.code));
    expect(recipients(vmr)).toEqual([CHAIR, "wmo@gemeente.example"].sort());
    expect(vmr.find((m) => m.envelopeTo.includes("wmo@gemeente.example"))!.text).toContain(created.code);
    // Again the same day, and the next day: nothing new for this term.
    const again = await deliveredBy(() => runDailyJobs(notifierOf(t.portal.services), new Date("2026-06-12T08:00:00Z"), 0));
    expect(again.filter((m) => `${m.subject}\n${m.text}`.includes(created.code))).toHaveLength(0);
  });
});

describe("overdue actions, daily", () => {
  it("each overdue action reaches its owner once a day: the person, else the organisation's people at the table, else the chair", async () => {
    const organisationId = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;
    const withAction = (patient: string, owner: { ownerUserId?: string; ownerOrganisationId?: number }, done = false) => {
      const created = referralAtRotterdam(patient);
      include(created.caseId);
      const added = addAction(db(), created.caseId, { description: "Woonplek regelen", dueDate: "2026-03-01", goalId: null, ...owner });
      if (!added.ok) throw new Error(added.error);
      if (done) setActionStatus(db(), created.caseId, added.actionId, "done");
      return created.code;
    };
    const byOrganisation = withAction("Olga Organisatie", { ownerOrganisationId: organisationId("IrisZorg") }); // the Rotterdam member's organisation
    const byPerson = withAction("Piet Persoon", { ownerUserId: userId(CHAIR) });
    const byNobodyHere = withAction("Nina Niemand", { ownerOrganisationId: organisationId("Leger des Heils Zuid-Holland") });
    const finished = withAction("Frits Klaar", { ownerOrganisationId: organisationId("IrisZorg") }, true);

    const mails = await deliveredBy(() => runDailyJobs(notifierOf(t.portal.services), new Date("2026-03-05T08:00:00Z"), 0));
    const about = (code: string) => recipients(mails.filter((m) => (m.subject ?? "").includes(code)));
    expect(about(byOrganisation)).toEqual([MEMBER]);
    expect(about(byPerson)).toEqual([CHAIR]);
    expect(about(byNobodyHere)).toEqual([CHAIR]);
    expect(about(finished)).toEqual([]);
    const memberMail = mails.find((m) => m.envelopeTo.includes(MEMBER))!;
    expect(memberMail.subject).toMatch(/acties? (is|zijn) over de datum/);
    expect(linkIn(memberMail)).toBe(`${t.portal.services.publicOrigin}/`);

    // The same day again: nothing new.
    const again = await deliveredBy(() => runDailyJobs(notifierOf(t.portal.services), new Date("2026-03-05T15:00:00Z"), 0));
    expect(again.filter((m) => [byOrganisation, byPerson, byNobodyHere].some((code) => (m.subject ?? "").includes(code)))).toHaveLength(0);
  });
});

describe("in-app notices and the digest preference", () => {
  it("the header shows the unread count; opening a notice marks it read and goes to its page", async () => {
    const count = (html: string) => Number(/data-testid="unread-count">(\d+)</.exec(html)![1]);
    const before = count((await get(CHAIR, "/meldingen")).html);
    const unread = db().select().from(notices).where(eq(notices.userId, userId(CHAIR))).all().filter((n) => !n.readAt);
    expect(before).toBe(unread.length);
    expect(before).toBeGreaterThan(0);
    const opened = await post(CHAIR, "/meldingen", { intent: "open", noticeId: String(unread[0].id) });
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(unread[0].path);
    expect(count((await get(CHAIR, "/meldingen")).html)).toBe(before - 1);
    // Another user's notice is not theirs to open.
    const foreign = db().select().from(notices).where(eq(notices.userId, userId(REFERRER))).get()!;
    expect((await post(CHAIR, "/meldingen", { intent: "open", noticeId: String(foreign.id) })).location).toBe("/meldingen");
    expect(db().select().from(notices).where(eq(notices.id, foreign.id)).get()!.readAt).toBeNull();
  });

  it("with the daily digest, non-urgent notices wait for one overview mail; urgent ones still come at once", async () => {
    expect((await post(CHAIR, "/meldingen", { intent: "preference", delivery: "digest" })).status).toBe(302);
    const created = referralAtRotterdam("Dirk Digest");
    const held = await deliveredBy(() => notifyArrangementDecision(notifierOf(t.portal.services), created.caseId, true));
    expect(held).toHaveLength(0);
    const urgent = await deliveredBy(async () => {
      const second = referralAtRotterdam("Uma Urgent");
      const { notifyReferralReceived } = await import("~/models/notifications.server");
      notifyReferralReceived(notifierOf(t.portal.services), second.caseId);
    });
    expect(recipients(urgent)).toEqual([CHAIR]);
    const digest = await deliveredBy(() => runDailyJobs(notifierOf(t.portal.services), new Date("2026-06-13T08:00:00Z"), 0));
    const mine = digest.filter((m) => m.envelopeTo.includes(CHAIR));
    expect(mine).toHaveLength(1);
    expect(mine[0].text).toContain(`Het maatwerk-arrangement van casus ${created.code} is goedgekeurd`);
    await post(CHAIR, "/meldingen", { intent: "preference", delivery: "immediate" });
  });
});

describe("durability", () => {
  it("an SMTP outage: mails stay queued with back-off and each arrives exactly once after the restart", async () => {
    await smtp.stop();
    const before = smtp.received.length;
    const ids: number[] = [];
    for (const name of ["Olga Outage", "Otto Outage", "Oscar Outage"]) {
      const created = referralAtRotterdam(name);
      const { notifyReferralReceived } = await import("~/models/notifications.server");
      notifyReferralReceived(notifierOf(t.portal.services), created.caseId);
      ids.push(db().select({ id: outboxMails.id }).from(outboxMails).orderBy(desc(outboxMails.id)).limit(1).get()!.id);
    }
    const round = await flush();
    expect(round.sent).toBe(0);
    expect(round.failed).toBe(1);
    const first = db().select().from(outboxMails).where(eq(outboxMails.id, ids[0])).get()!;
    expect(first.status).toBe("queued");
    expect(first.attempts).toBe(1);
    expect(first.lastError).toBeTruthy();
    expect(new Date(first.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() - 1000);

    // The administrator sees the failing attempts.
    const outbox = await get("admin@regiotafel.test", "/beheer/mail?status=queued");
    expect(outbox.status).toBe(200);
    expect(outbox.html).toContain("volgende poging");
    expect(outbox.html).toMatch(/ECONNREFUSED|connect/);

    await smtp.start();
    for (let i = 0; i < 20 && db().select().from(outboxMails).where(inArray(outboxMails.id, ids)).all().some((m) => m.status !== "sent"); i++) {
      await new Promise((r) => setTimeout(r, 120));
      await flush();
    }
    const rows = db().select().from(outboxMails).where(inArray(outboxMails.id, ids)).all();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    const arrived = smtp.received.slice(before);
    const byMessageId = new Map<string, number>();
    for (const m of arrived) byMessageId.set(m.messageId!, (byMessageId.get(m.messageId!) ?? 0) + 1);
    for (const row of rows) expect(byMessageId.get(row.messageId), `mail ${row.id}`).toBe(1);
    console.log(`outage: ${rows.length} mails queued while SMTP was down, ${arrived.length} arrived after the restart, ${[...byMessageId.values()].filter((n) => n > 1).length} duplicates`);
  });

  it("a mail that keeps failing ends as failed after MAIL_MAX_ATTEMPTS and shows on the admin page", async () => {
    const id = db().insert(outboxMails).values({ kind: "test", toUserId: null, toAddress: "bestaat-niet@", subject: "Regiotafel: test", text: "test", messageId: "<fail@regiotafel>", nextAttemptAt: new Date().toISOString(), attempts: 9 }).returning().get().id;
    await flush();
    const row = db().select().from(outboxMails).where(eq(outboxMails.id, id)).get()!;
    expect(row.status).toBe("failed");
    const page = await get("admin@regiotafel.test", "/beheer/mail?status=failed");
    expect(page.html).toContain("bestaat-niet@");
    expect(page.html).toContain("Opnieuw versturen");
    expect((await get(MEMBER, "/beheer/mail")).status).toBe(403);
    expect((await get("admin@regiotafel.test", `/beheer/mail/${id}`)).html).toContain("Regiotafel: test");
    // Remove it so the rest of the suite's worker rounds are not held up by it.
    db().delete(outboxMails).where(eq(outboxMails.id, id)).run();
  });
});

describe("without SMTP_URL", () => {
  it("mails stay in the outbox and an administrator reads them there", async () => {
    const dev = await startPortal();
    try {
      const { loggedIn } = await import("../helpers/portal");
      const referrer = db().select().from(users).where(eq(users.email, REFERRER)).get()!;
      const devDb = dev.portal.services.db;
      const devReferrer = devDb.select().from(users).where(eq(users.email, referrer.email)).get()!;
      const input = ReferralSchema.parse(validReferral({ patient: { name: "Dora Development" } }));
      const created = createReferral(devDb, input, { userId: devReferrer.id, organisationId: devReferrer.organisationId, via: "form", auditActor: { userId: devReferrer.id, userEmail: devReferrer.email, role: "referrer", organisationId: devReferrer.organisationId } }, { ip: null, userAgent: "test" });
      if (!created.ok) throw new Error("refused");
      const { notifyReferralReceived } = await import("~/models/notifications.server");
      notifyReferralReceived(notifierOf(dev.portal.services), created.caseId);
      await dev.portal.services.mailWorker!.runOnce();
      const admin = await loggedIn(dev.url, "admin@regiotafel.test");
      const html = await pageText(await admin.get("/beheer/mail"));
      expect(html).toContain("Er is geen SMTP-server ingesteld");
      expect(html).toContain(`Nieuwe verwijzing ${created.code}`);
      const row = devDb.select().from(outboxMails).get()!;
      expect(row.status).toBe("queued");
      expect(row.attempts).toBe(0);
      expect(await pageText(await admin.get(`/beheer/mail/${row.id}`))).toContain(`/casussen/${created.caseId}`);
    } finally {
      await dev.close();
    }
  });
});

void as;
