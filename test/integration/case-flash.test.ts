// Success messages on the case pages come from the session's flash, not the URL: the redirect
// carries no ?gelukt=, the next page shows the message once (in the live region) and clears it,
// and a reload does not show it again.
import { flashCookie, getWithFlash } from "../helpers/flash";
import { loggedIn, startPortal, type Client, type TestPortal } from "../helpers/portal";
import { referThroughModel } from "../helpers/referrals";

let t: TestPortal;
let chair: Client;
beforeAll(async () => {
  t = await startPortal();
  chair = await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test");
});
afterAll(() => t?.close());

/** Posts, follows the redirect with the flash cookie, then reloads without it (the browser dropped it). */
async function messageOnce(path: string, fields: Record<string, string>, message: string) {
  const posted = await chair.post(path, fields);
  expect(posted.status).toBe(302);
  const location = posted.headers.get("location")!;
  expect(location).not.toContain("gelukt");
  const flash = flashCookie(posted);
  expect(flash).toBeDefined();
  const first = await getWithFlash(chair, location.split("#")[0], flash);
  expect(first.status).toBe(200);
  expect(first.html).toContain(message);
  expect(first.flashCleared).toBe(true);
  const reload = await getWithFlash(chair, location.split("#")[0]);
  expect(reload.html).not.toContain(message);
  return location;
}

it("the case page's screening steps: each message once, no ?gelukt= in the URL", async () => {
  const r = referThroughModel(t.portal.services.db);
  const path = `/casussen/${r.caseId}`;
  expect(await messageOnce(path, { intent: "start_screening" }, "De screening is gestart.")).toBe(path);
  const criteria: Record<string, string> = { intent: "save_screening" };
  for (let n = 1; n <= 7; n++) Object.assign(criteria, { [`verdict_${n}`]: "met", [`motivation_${n}`]: `Blijkt uit de verwijzing (${n}).` });
  expect(await messageOnce(path, criteria, "De screening is opgeslagen.")).toBe(`${path}#screening`);
  expect(await messageOnce(path, { intent: "include" }, "De casus is geïncludeerd.")).toBe(path);
});

it("the plan and progress pages: message once, no ?gelukt=", async () => {
  const r = referThroughModel(t.portal.services.db);
  const base = `/casussen/${r.caseId}`;
  await chair.post(base, { intent: "start_screening" });
  const criteria: Record<string, string> = { intent: "save_screening" };
  for (let n = 1; n <= 7; n++) Object.assign(criteria, { [`verdict_${n}`]: "met", [`motivation_${n}`]: `Blijkt uit de verwijzing (${n}).` });
  await chair.post(base, criteria);
  expect((await chair.post(base, { intent: "include" })).status).toBe(302);
  expect(await messageOnce(`${base}/plan`, { intent: "add_goal", lifeDomain: "housing", goal: "Een beschermde woonplek" }, "Het doel is toegevoegd.")).toBe(`${base}/plan#doelen`);
  expect(await messageOnce(`${base}/verloop`, { intent: "add_deadline", kind: "wmo_support", deadlineStart: "2026-01-31" }, "De termijn is toegevoegd.")).toBe(`${base}/verloop#termijnen`);
});
