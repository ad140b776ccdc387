// HTTP hygiene of the server itself (server/app.ts): an answer sent before the request's body was
// read (a 403, 404 or 401 in front of a large upload) says "Connection: close", so the client's next
// request goes over a fresh connection. Kept alive, the unread rest of the body stood before that
// next request, which then hung until the keep-alive timeout dropped the connection (~6 s, then a
// reset). A request whose body was read, and one without a body, keep the connection. Ids in URLs
// with control characters reach the audit log only with those made visible, and an API body
// nested deeper than 64 levels is a 400, not a stack overflow.
import { randomUUID } from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { desc, eq } from "drizzle-orm";
import { auditEvents, organisations, referralDrafts, users } from "#db/schema";
import { issueApiToken } from "~/models/api-tokens.server";
import { validReferral } from "../helpers/referral-payload";
import { Client, loggedIn, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let referrer: Client;

beforeAll(async () => {
  t = await startPortal();
  referrer = await loggedIn(t.url, "zorgbemiddeling.vgz@regiotafel.test");
});

afterAll(async () => {
  await t?.close();
});

const TWO_MB = `a=${"x".repeat(2 * 1024 * 1024)}`;
/** Far below the keep-alive timeout (5 s) that a stuck connection waits for. */
const FAST_MS = 2500;

/** The next request of the same client, timed: answered, and soon. */
async function nextRequestIsFast(client: Client) {
  const start = Date.now();
  const response = await client.get("/healthz");
  await response.text();
  expect(response.status).toBe(200);
  expect(Date.now() - start).toBeLessThan(FAST_MS);
}

describe("connections after an early answer", () => {
  const cases: { label: string; path: string; headers: Record<string, string>; status: number }[] = [
    { label: "403 (form from another site)", path: "/verwijzingen/concept/999999", headers: { Origin: "https://evil.example" }, status: 403 },
    // A signed-in form body is read up to 1 MB before the route (server/body-limits.ts): beyond, 413.
    { label: "413 (form body over the 1 MB limit)", path: "/verwijzingen/concept/999999", headers: {}, status: 413 },
    { label: "401 (API without a valid token)", path: "/api/v1/referrals", headers: { Authorization: "Bearer rt_onbekend", "Content-Type": "application/json", "Idempotency-Key": randomUUID() }, status: 401 },
  ];

  for (const c of cases) {
    it(`${c.label} with 2 MB unread closes the connection; the next request is answered at once`, async () => {
      for (let round = 0; round < 2; round++) {
        const response = await referrer.request(c.path, { method: "POST", body: TWO_MB, headers: { "Content-Type": "application/x-www-form-urlencoded", ...c.headers } });
        await response.text();
        expect(response.status).toBe(c.status);
        expect(response.headers.get("connection")).toBe("close");
        await nextRequestIsFast(referrer);
      }
    });
  }

  it("keeps the connection when the body was read, or there was none", async () => {
    const started = await referrer.post("/verwijzingen/nieuw", {});
    const draftId = Number(/^\/verwijzingen\/concept\/(\d+)/.exec(started.headers.get("location") ?? "")?.[1]);
    expect(draftId).toBeGreaterThan(0);
    // An unknown button: the body is read, then refused (400) without saving.
    const refused = await referrer.post(`/verwijzingen/concept/${draftId}`, { intent: "onbekend", stap: "1", "patient.name": "Niet bewaard" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Deze handeling is niet mogelijk.");
    expect(refused.headers.get("connection")).toBe("keep-alive");
    const draft = t.portal.services.db.select().from(referralDrafts).where(eq(referralDrafts.id, draftId)).get();
    expect(JSON.stringify(draft?.data)).not.toContain("Niet bewaard");

    const health = await referrer.get("/healthz");
    await health.text();
    expect(health.headers.get("connection")).toBe("keep-alive");
  });
});

describe("ids in URLs", () => {
  it("an unknown id with control characters is refused and logged with them made visible", async () => {
    for (const [path, logged] of [
      ["/verwijzingen/concept/%00%1b", "␀␛"],
      ["/casussen/%07%7f", "␇␡"],
    ] as const) {
      const response = await referrer.get(path);
      await response.text();
      expect(response.status).toBe(404);
      const row = t.portal.services.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
      expect(row.outcome).toBe("denied");
      expect(row.objectId).toBe(logged);
    }
  });
});

describe("API bodies nested deeper than 64 levels", () => {
  it("are a 400 invalid_json in Dutch, never a 500; a referral at normal depth is still created", async () => {
    const db = t.portal.services.db;
    const vgz = db.select().from(organisations).where(eq(organisations.name, "VGZ")).get()!;
    const admin = db.select().from(users).where(eq(users.email, "admin@regiotafel.test")).get()!;
    const issued = issueApiToken(db, { organisationId: vgz.id, name: "Diepte", createdByUserId: admin.id });
    if (!("token" in issued)) throw new Error("no token");
    const post = (body: string) =>
      fetch(`${t.url}/api/v1/referrals`, { method: "POST", headers: { Authorization: `Bearer ${issued.token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() }, body });

    const nestedPatient = JSON.stringify({ ...validReferral(), patient: "§" }).replace('"§"', '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000));
    for (const body of ["[".repeat(10_000) + "]".repeat(10_000), nestedPatient, "[".repeat(65) + "]".repeat(65)]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid_json", message: expect.stringMatching(/te diep genest: hoogstens 64 niveaus/) });
    }
    expect((await post(JSON.stringify(validReferral()))).status).toBe(201);
  });
});

describe("pages in one piece", () => {
  /** GET / as the signed-in referrer over node:http, so the wire shows what the server sent. */
  function rawHome(acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${t.url}/`, { headers: { Cookie: referrer.cookie, "Accept-Encoding": acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
    });
  }

  it("sends a whole rendered page with its length (not streamed in chunks)", async () => {
    const { headers, body } = await rawHome("identity");
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(Number(headers["content-length"])).toBe(body.length);
    expect(body.toString("utf8")).toMatch(/<\/html>$/);
  });

  it("compresses it when the browser accepts gzip", async () => {
    const { headers, body } = await rawHome("gzip");
    expect(headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(body).toString("utf8")).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/);
  });

  it("still serves the files in public/ (paths with an extension)", async () => {
    const icon = await fetch(`${t.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg");
  });
});
