// Success messages on the case pages come from the session's flash, not the URL: the redirect
// carries no ?gelukt=, the next page shows the message once (in the live region) and clears it,
// and a reload does not show it again.
import { loggedIn, pageText, startPortal, type Client, type TestPortal } from "../helpers/portal";
import { referThroughModel } from "../helpers/referrals";

let t: TestPortal;
let chair: Client;
beforeAll(async () => {
  t = await startPortal();
  chair = await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test");
});
afterAll(() => t?.close());

const FLASH = "regiotafel_flash";
const flashPair = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]).find((pair) => pair.startsWith(`${FLASH}=`));

/** GET as the browser would: with the session and (if any) the flash cookie it was just given. */
async function page(path: string, flash?: string) {
  const response = await fetch(t.url + path, { headers: { Cookie: [chair.cookie, flash].filter(Boolean).join("; ") }, redirect: "manual" });
  return { response, text: await pageText(response), cleared: response.headers.getSetCookie().some((c) => c.startsWith(`${FLASH}=;`) && /Max-Age=0/.test(c)) };
}

/** Posts, follows the redirect with the flash cookie, then reloads without it (the browser dropped it). */
async function messageOnce(path: string, fields: Record<string, string>, message: string) {
  const posted = await chair.post(path, fields);
  expect(posted.status).toBe(302);
  const location = posted.headers.get("location")!;
  expect(location).not.toContain("gelukt");
  const flash = flashPair(posted);
  expect(flash).toBeDefined();
  const first = await page(location.split("#")[0], flash);
  expect(first.response.status).toBe(200);
  expect(first.text).toContain(message);
  expect(first.cleared).toBe(true);
  const reload = await page(location.split("#")[0]);
  expect(reload.text).not.toContain(message);
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
