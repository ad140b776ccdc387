// One case from inclusion to closure on the Wlz path, in Chromium: the table discusses it, the
// chair gives the advice back to the referrer, the referrer downloads the advice letter (PDF), the
// funding is Wlz with the region's zorgkantoor (no maatwerk-arrangement), the chair places the
// patient, starts follow-up and closes the case. Screening and the meeting's minutes are set up
// through the services (their own tests walk them); every step of the outcome goes through the UI.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { arrangements, cases, regionalTables, users } from "#db/schema";
import { demoBsn } from "#db/demo-cases";
import { ReferralSchema } from "~/domain/referral-schema";
import { CRITERION_NUMBERS } from "~/domain/vocabulary";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { addAgendaItem, createMeetings, getMeeting, saveMinutes } from "~/models/meetings.server";
import { createReferral } from "~/models/referrals.server";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import { readPdf } from "../helpers/pdf-text";
import { validReferral } from "../helpers/referral-payload";
import type { TestPortal } from "../helpers/portal";
import { amsterdamToday } from "../helpers/dates";

let t: TestPortal;
let browser: Browser;
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const REFERRER = "zorgbemiddeling.vgz@regiotafel.test";
const NAME = "Wendy Wlzpad";
const OFFER = "Wonen met intensieve begeleiding (Wlz, GGZ-wonen) bij IrisZorg.";

portalAndBrowser((started) => ({ t, browser } = started));

const db = () => t.portal.services.db;
const user = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const status = (id: number) => db().select().from(cases).where(eq(cases.id, id)).get()!.status;

/** Included, then discussed in a meeting an hour ago (minutes closed): the advice's deadline runs. */
function discussedCase(): { id: number; code: string } {
  const referrer = user(REFERRER);
  const created = createReferral(
    db(),
    ReferralSchema.parse(validReferral({ patient: { name: NAME, bsn: demoBsn(777) }, contact: { name: referrer.name, email: referrer.email } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: null, userAgent: "test" },
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const chair = user(CHAIR);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  applyCaseEvent(db(), created.caseId, { event: "start_screening" }, actor);
  saveAssessment(db(), created.caseId, "screening", chair.id, CRITERION_NUMBERS.map((criterion) => ({ criterion, verdict: "met" as const, motivation: "Blijkt uit de verwijzing." })));
  applyCaseEvent(db(), created.caseId, { event: "include" }, actor);
  const tableId = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!.id;
  const startsAt = new Date(Date.now() - 60 * 60_000).toISOString();
  const [meetingId] = createMeetings(db(), { tableId, title: "Casuïstiekbespreking", starts: [startsAt], durationMinutes: 120, location: "Rotterdam", videoUrl: null, createdByUserId: chair.id });
  const item = addAgendaItem(db(), getMeeting(db(), meetingId)!, created.caseId, { startsAt, durationMinutes: 30 }, actor);
  if (!item.ok) throw new Error(item.error);
  const closed = saveMinutes(db(), meetingId, item.itemId, { discussion: "Wlz-indicatie is er; zoeken naar wonen.", decisions: "Wlz-traject.", actions: [] }, { userId: chair.id, actor });
  if (!closed.ok) throw new Error(closed.error);
  return { id: created.caseId, code: created.code };
}

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForLoadState("networkidle"), page.getByRole("button", { name: button }).click()]);
}

describe("a case on the Wlz path, from inclusion to closure", () => {
  it("advice, letter for the referrer, Wlz funding with the zorgkantoor, placement, follow-up, closure", { timeout: 180_000 }, async () => {
    const c = discussedCase();
    const chairContext = await browser.newContext();
    const chairPage = await chairContext.newPage();
    const referrerContext = await browser.newContext({ acceptDownloads: true });
    const referrerPage = await referrerContext.newPage();
    try {
      await loginThroughForm(chairPage, t.url, CHAIR);
      // The advice is due on the chair's home, by code.
      await chairPage.getByRole("link", { name: c.code }).first().waitFor();

      // 1. The chair gives the table's advice back to the referrer.
      await chairPage.goto(`${t.url}/casussen/${c.id}/advies`);
      await chairPage.getByLabel("Antwoord op de vraag van de verwijzer").fill("Ja, de patiënt hoort bij de hoogcomplexe ggz; de zorg valt onder de Wlz.");
      await chairPage.getByLabel("Passend aanbod").fill(OFFER);
      await chairPage.getByLabel("Vervolgstappen").fill("Het zorgkantoor contracteert; plaatsing binnen vier weken.");
      await submit(chairPage, "Advies geven");
      await chairPage.getByRole("link", { name: "Adviesbrief downloaden (PDF)" }).waitFor();

      // 2. The referrer reads it on the referral page and downloads the letter.
      await loginThroughForm(referrerPage, t.url, REFERRER);
      await referrerPage.goto(`${t.url}/verwijzingen/${c.id}`);
      await referrerPage.getByRole("heading", { name: "Advies van de regiotafel" }).waitFor();
      await referrerPage.getByText(OFFER).waitFor();
      const [download] = await Promise.all([referrerPage.waitForEvent("download"), referrerPage.getByRole("link", { name: "Adviesbrief downloaden (PDF)" }).click()]);
      expect(download.suggestedFilename()).toMatch(/^advies-RT2-\d{4}-\d{3}-\d+\.pdf$/);
      const file = await download.path();
      const { readFileSync } = await import("node:fs");
      const letter = (await readPdf(new Uint8Array(readFileSync(file!)))).pages.join("\n");
      expect(letter).toContain("Advies van de regiotafel");
      expect(letter).toContain(c.code);
      expect(letter).toContain(OFFER);

      // (Plan agreed and presented to the medical advisor: walked in the plan and arrangement tests.)
      const chair = user(CHAIR);
      for (const event of ["agree_plan", "request_advisor_check"] as const) {
        expect(applyCaseEvent(db(), c.id, { event }, { userId: chair.id, organisationId: chair.organisationId }).ok).toBe(true);
      }

      // 3. Funding: Wlz, with the region's zorgkantoor; no maatwerk-arrangement.
      await chairPage.goto(`${t.url}/casussen/${c.id}/arrangementen`);
      await chairPage.getByLabel("Wlz (zorgkantoor)").check();
      await submit(chairPage, "Financiering geregeld");
      await chairPage.getByText("Bij financiering uit de Wlz is het zorgkantoor partij: kies het zorgkantoor.").first().waitFor();
      expect(status(c.id)).toBe("advisor_check");
      await chairPage.getByLabel("Wlz (zorgkantoor)").check();
      await chairPage.getByLabel("Zorgkantoor (bij Wlz)").selectOption({ label: "Zorgkantoor Rotterdam" });
      await submit(chairPage, "Financiering geregeld");
      await chairPage.waitForFunction(() => !document.querySelector(".error-summary"));
      expect(status(c.id)).toBe("funding_arranged");

      // 4. Placement, follow-up and closure on the progress page.
      await chairPage.goto(`${t.url}/casussen/${c.id}/verloop`);
      await chairPage.getByLabel("Waar").selectOption({ label: "IrisZorg" });
      await chairPage.getByLabel("Zorgfunctie").selectOption({ index: 1 });
      await chairPage.locator("#veld-placementStart").fill(amsterdamToday());
      await submit(chairPage, "Plaatsen");
      await chairPage.getByText("De casus heeft nu de status Geplaatst.").waitFor();
      expect(status(c.id)).toBe("placed");
      await submit(chairPage, "Nazorg starten");
      await chairPage.getByText("De nazorg is gestart.").waitFor();
      await chairPage.getByLabel("Reden van afsluiten").selectOption({ label: "Geplaatst en nazorg afgerond" });
      await chairPage.locator("#veld-closeReason").fill("Woont stabiel; nazorg afgerond.");
      await submit(chairPage, "Casus afsluiten");
      await chairPage.getByText("De casus is afgesloten.").waitFor();
      expect(status(c.id)).toBe("closed");
      expect(db().select().from(arrangements).where(eq(arrangements.caseId, c.id)).all()).toHaveLength(0);
      // The chair's pages name the case by its code, never the patient.
      expect(await chairPage.content()).not.toContain(NAME);
    } finally {
      await chairContext.close();
      await referrerContext.close();
    }
  });
});
