// Authorisation matrix for case routes (security.md, "Access control"): every demo account ×
// every case route, against a table of expected status codes written out by hand. Object-level
// refusals answer 404 (existence is not leaked); role-level pages 403. Guessed ids are 404 for all.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import { cases, users } from "#db/schema";
import { demoAccounts } from "#db/seed";
import { ReferralSchema } from "~/domain/referral-schema";
import { createReferral } from "~/models/referrals.server";
import { loggedIn, startPortal, type Client, type TestPortal } from "../helpers/portal";
import { validReferral } from "../helpers/referral-payload";

let t: TestPortal;
let caseId: number;
let clients: Map<string, Client>;

/** Routes of the build, to find out whether the referrer's case page (/verwijzingen/:id) exists yet. */
type BuildRoute = { id: string; parentId?: string; path?: string };
async function referrerCaseRoute(): Promise<string | null> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, BuildRoute> };
  const full = (r: BuildRoute | undefined): string => (r ? [full(r.parentId ? build.routes[r.parentId] : undefined), r.path ?? ""].filter(Boolean).join("/") : "");
  const found = Object.values(build.routes).find((r) => /^verwijzingen\/:[A-Za-z]+$/.test(full(r).replace(/^\/+/, "")));
  return found ? full(found).replace(/^\/+/, "") : null;
}
let hasReferrerPage = false;

beforeAll(async () => {
  t = await startPortal();
  const db = t.portal.services.db;
  // A case at Rotterdam-Rijnmond, referred by VGZ's zorgbemiddeling for a VGZ insured.
  const referrer = db.select().from(users).where(eq(users.email, "zorgbemiddeling.vgz@regiotafel.test")).get()!;
  const result = createReferral(
    db,
    ReferralSchema.parse(validReferral({ patient: { municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ" } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  caseId = result.caseId;
  hasReferrerPage = (await referrerCaseRoute()) !== null;
  clients = new Map();
  for (const account of demoAccounts()) clients.set(account.email, await loggedIn(t.url, account.email));
});
afterAll(() => t?.close());

type Expected = { casePage: number; include: number; inbox: number; advisor: number; referral: number };

// The expected answer per account. include: the chair may try (the page answers with the state
// machine's Dutch error, status 200, as the case is only received); members and the advisor who
// may read the case get 403; everyone else does not learn the case exists (404).
const other: Expected = { casePage: 404, include: 404, inbox: 404, advisor: 403, referral: 404 };
const EXPECTED: Record<string, Expected> = {
  "admin@regiotafel.test": other,
  "projectleider@regiotafel.test": other,
  "voorzitter.rotterdam@regiotafel.test": { casePage: 200, include: 200, inbox: 200, advisor: 403, referral: 404 },
  "lid.rotterdam@regiotafel.test": { casePage: 200, include: 403, inbox: 200, advisor: 403, referral: 404 },
  "voorzitter.denhaag@regiotafel.test": other, // same organisation (Parnassia) as the Rotterdam chair: still no access
  "lid.denhaag@regiotafel.test": other,
  "voorzitter.amsterdam@regiotafel.test": other,
  "lid.amsterdam@regiotafel.test": other,
  "voorzitter.centraal@regiotafel.test": other,
  "lid.centraal@regiotafel.test": other,
  "voorzitter.gelderland@regiotafel.test": other,
  "lid.gelderland@regiotafel.test": other,
  "voorzitter.brabant@regiotafel.test": other,
  "lid.brabant@regiotafel.test": other,
  "voorzitter.limburg@regiotafel.test": other,
  "lid.limburg@regiotafel.test": other,
  "zorgbemiddeling.vgz@regiotafel.test": { ...other, referral: 200 }, // the referrer follows it at /verwijzingen, not /casussen
  "zorgbemiddeling.zilverenkruis@regiotafel.test": other, // another referrer organisation: 404 on /verwijzingen too
  "zorgbemiddeling.menzis@regiotafel.test": other,
  "zorgbemiddeling.cz@regiotafel.test": other,
  "adviseur.vgz@regiotafel.test": { casePage: 200, include: 403, inbox: 404, advisor: 200, referral: 404 },
  "adviseur.zilverenkruis@regiotafel.test": { ...other, advisor: 200 },
  "adviseur.menzis@regiotafel.test": { ...other, advisor: 200 },
  "adviseur.cz@regiotafel.test": { ...other, advisor: 200 },
  "verwijzer.parnassia@regiotafel.test": other,
};

type Outcome = { account: string; request: string; status: number; expected: readonly number[] };

async function runMatrix(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const guessed = caseId + 1000;
  for (const account of demoAccounts()) {
    const e = EXPECTED[account.email];
    const client = clients.get(account.email)!;
    const check = async (request: string, run: () => Promise<Response>, expected: number | readonly number[]) => {
      const response = await run();
      await response.arrayBuffer();
      outcomes.push({ account: account.email, request, status: response.status, expected: typeof expected === "number" ? [expected] : expected });
    };
    await check(`GET /casussen/${caseId}`, () => client.get(`/casussen/${caseId}`), e.casePage);
    await check(`GET /casussen/${caseId}?_data`, () => client.get(`/casussen/${caseId}?_data=${encodeURIComponent("routes/casussen.$caseId")}`), e.casePage);
    await check(`POST /casussen/${caseId} intent=include`, () => client.post(`/casussen/${caseId}`, { intent: "include", tableId: "1", status: "included" }), e.include);
    await check("GET /tafels/rotterdam/inbox", () => client.get("/tafels/rotterdam/inbox"), e.inbox);
    await check("GET /adviseur", () => client.get("/adviseur"), e.advisor);
    // Guessed ids: nobody, not even the chair, learns anything.
    await check(`GET /casussen/${guessed}`, () => client.get(`/casussen/${guessed}`), 404);
    await check(`POST /casussen/${guessed} intent=include`, () => client.post(`/casussen/${guessed}`, { intent: "include" }), 404);
    if (hasReferrerPage) {
      await check(`GET /verwijzingen/${caseId}`, () => client.get(`/verwijzingen/${caseId}`), e.referral);
      await check(`GET /verwijzingen/${guessed}`, () => client.get(`/verwijzingen/${guessed}`), 404);
    }
  }
  return outcomes;
}

describe("case authorisation matrix", () => {
  it("has an expectation for every demo account", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(demoAccounts().map((a) => a.email).sort());
  });

  it("every account × route answers as the table says; 0 unexpected allows, 0 server errors", async () => {
    const outcomes = await runMatrix();
    const perAccount = hasReferrerPage ? 9 : 7;
    expect(outcomes).toHaveLength(demoAccounts().length * perAccount);

    const mismatches = outcomes.filter((o) => !o.expected.includes(o.status)).map((o) => `${o.account} ${o.request}: ${o.status}, expected ${o.expected.join("/")}`);
    const unexpectedAllows = outcomes.filter((o) => o.status < 400 && o.expected.every((s) => s >= 400));
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    console.info(
      `case authorisation matrix: ${outcomes.length} requests, ${outcomes.filter((o) => o.status < 400).length} allowed, ` +
        `${unexpectedAllows.length} unexpected allows, ${serverErrors.length} server errors${hasReferrerPage ? "" : " (no /verwijzingen/:id route yet)"}`,
    );
    expect(mismatches).toEqual([]);
    expect(unexpectedAllows).toHaveLength(0);
    expect(serverErrors).toHaveLength(0);
    // The matrix exercised both sides: some requests were allowed, many refused.
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => o.status === 404).length).toBeGreaterThan(100);
  });

  it("no request of the matrix changed the case", () => {
    const row = t.portal.services.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(row.status).toBe("received");
    expect(row.tableId).toBe(row.proposedTableId);
    expect(row.code).toMatch(/^RT2-\d{4}-\d{3}$/);
  });
});
