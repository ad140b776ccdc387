// Issue 11's "Done when" in Chromium: the chair searches the inbox for a case by its code and by
// the patient's BSN, opens it and downloads the referral letter (the attachment) unchanged.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { users } from "#db/schema";
import { ReferralSchema } from "~/domain/referral-schema";
import { storeDraftAttachment } from "~/lib/attachments.server";
import { createDraft, finishDraft } from "~/models/referral-drafts.server";
import { createReferral } from "~/models/referrals.server";
import { loginThroughForm, portalAndBrowser } from "../helpers/browser";
import type { TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral } from "../helpers/referral-payload";

let t: TestPortal;
let browser: Browser;
portalAndBrowser((started) => ({ t, browser } = started));

const LETTER = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/** A referral by VGZ's zorgbemiddeling with the referral letter attached, as the form leaves it. */
async function referWithLetter(bsn: string, name: string) {
  const { db, config } = t.portal.services;
  const referrer = db.select().from(users).where(eq(users.email, "zorgbemiddeling.vgz@regiotafel.test")).get()!;
  const draftId = createDraft(db, referrer.id);
  const stored = await storeDraftAttachment(db, config.uploadsPath, { file: new File([LETTER], "verwijsbrief.pdf", { type: "application/pdf" }), draftId, userId: referrer.id });
  if (!stored.ok) throw new Error(stored.error);
  const result = createReferral(
    db,
    ReferralSchema.parse(validReferral({ patient: { bsn, name } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (!result.ok) throw new Error("refused");
  finishDraft(db, draftId, result.caseId);
  return result;
}

it("the chair finds a case by code and by BSN, opens it and downloads the referral letter", { timeout: 90_000 }, async () => {
  const bsn = uniqueBsn();
  const r = await referWithLetter(bsn, "Sofie Zoektest");
  const context = await browser.newContext({ acceptDownloads: true });
  const chair = await context.newPage();
  chair.setDefaultTimeout(10_000);
  await loginThroughForm(chair, t.url, "voorzitter.rotterdam@regiotafel.test");
  await chair.goto(`${t.url}/tafels/rotterdam/inbox`);

  // By code: the search form (a GET form) narrows the list to this one case.
  const search = chair.getByRole("search", { name: "Casussen zoeken en filteren" });
  await search.getByLabel("Zoek op casuscode, naam of BSN").fill(r.code);
  await search.getByRole("button", { name: "Zoeken" }).click();
  await chair.waitForURL(/zoek=/);
  const byCode = chair.locator("table.data tbody tr");
  // The URL changes as the client-side navigation starts; the filtered list renders a moment later.
  await expect.poll(() => byCode.count(), { timeout: 10_000 }).toBe(1);
  expect(await byCode.first().textContent()).toContain("Sofie Zoektest");

  // By BSN, typed with spaces as people do.
  await search.getByLabel("Zoek op casuscode, naam of BSN").fill(`${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`);
  await search.getByRole("button", { name: "Zoeken" }).click();
  await chair.waitForURL((url) => url.searchParams.get("zoek")?.startsWith(bsn.slice(0, 4)) ?? false);
  const byBsn = chair.locator("table.data tbody tr");
  await expect.poll(async () => (await byBsn.count()) === 1 && ((await byBsn.first().textContent()) ?? "").includes(r.code), { timeout: 10_000 }).toBe(true);

  // Open the case and download the letter.
  await chair.getByRole("link", { name: r.code }).click();
  await chair.waitForURL(`${t.url}/casussen/${r.caseId}`);
  await chair.getByRole("link", { name: "verwijsbrief.pdf" }).first().waitFor();
  const [download] = await Promise.all([chair.waitForEvent("download"), chair.getByRole("link", { name: "verwijsbrief.pdf" }).first().click()]);
  expect(download.suggestedFilename()).toBe("verwijsbrief.pdf");
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.equals(LETTER)).toBe(true);
  console.log(`case search: found ${r.code} by code and by BSN, letter ${bytes.length} bytes downloaded`);
  await context.close();
});
