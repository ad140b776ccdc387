// The intake API for insurers' and providers' systems: tokens issued on the admin page, referrals
// created exactly once per Idempotency-Key, JSON errors for every bad request, status reads limited
// to the sending organisation, and an audit trail that never holds a token.
import { createHash, randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { apiTokens, auditEvents, cases, consents, organisations, patients, regionalTables } from "#db/schema";
import { NO_CONSENT_MESSAGE } from "../../app/domain/referral-schema";
import { ApiErrorSchema, ReferralReceiptSchema, ReferralStatusSchema } from "../../app/domain/api-contract";
import { Client, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";
import { uniqueBsn, validReferral, VALID_BSN } from "../helpers/referral-payload";

let t: TestPortal;
let admin: Client;
const db = () => t.portal.services.db;

const orgId = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;
const caseCount = () => db().select({ n: count() }).from(cases).get()!.n;

/** Issues a token through the admin page and reads it from the HTML, as an administrator would. */
async function issueToken(organisationName: string, name: string): Promise<{ token: string; id: number }> {
  const response = await admin.post("/beheer/api-tokens", { intent: "issue", organisationId: String(orgId(organisationName)), name });
  expect(response.status).toBe(200);
  const html = await pageText(response);
  const match = /<code id="nieuw-token">(rt_[A-Za-z0-9_-]{43})<\/code>/.exec(html);
  expect(match, "the new token is shown on the page").not.toBeNull();
  const token = match![1];
  const row = db().select().from(apiTokens).where(eq(apiTokens.tokenHash, createHash("sha256").update(token).digest("hex"))).get();
  expect(row).toBeDefined();
  return { token, id: row!.id };
}

type ApiCall = { token?: string | null; body?: unknown; rawBody?: string; key?: string | null; contentType?: string; method?: string; authorization?: string };

async function api(path: string, call: ApiCall = {}) {
  const headers = new Headers();
  if (call.authorization) headers.set("Authorization", call.authorization);
  else if (call.token) headers.set("Authorization", `Bearer ${call.token}`);
  const method = call.method ?? (call.body !== undefined || call.rawBody !== undefined ? "POST" : "GET");
  if (method !== "GET") headers.set("Content-Type", call.contentType ?? "application/json");
  if (call.key) headers.set("Idempotency-Key", call.key);
  const body = call.rawBody ?? (call.body !== undefined ? JSON.stringify(call.body) : undefined);
  const response = await fetch(t.url + path, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  // Never HTML: every answer of the API is JSON.
  expect(response.headers.get("content-type"), `${method} ${path} → ${response.status}: ${text.slice(0, 200)}`).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html/i);
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, any> };
}

const post = (token: string, body: unknown, key: string | null = randomUUID()) => api("/api/v1/referrals", { token, body, key });

function expectError(r: Awaited<ReturnType<typeof api>>, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(ApiErrorSchema.parse(r.json).error).toBe(code);
  expect(r.json.message).toMatch(/[a-z]/);
}

let vgz: { token: string; id: number };
let parnassia: { token: string; id: number };
let cz: { token: string; id: number };
const allTokens: string[] = [];

beforeAll(async () => {
  t = await startPortal();
  admin = await loggedIn(t.url, "admin@regiotafel.test");
  vgz = await issueToken("VGZ", "Zorgbemiddelingssysteem VGZ");
  parnassia = await issueToken("Parnassia Groep", "EPD Parnassia");
  cz = await issueToken("CZ", "Koppeling CZ");
  allTokens.push(vgz.token, parnassia.token, cz.token);
});
afterAll(() => t?.close());

describe("API tokens on /beheer/api-tokens", () => {
  it("offers only active insurers and ggz providers, and stores only a hash and a prefix", async () => {
    const html = await pageText(await admin.get("/beheer/api-tokens"));
    expect(html).toContain("<h1>API-tokens</h1>");
    expect(html).toMatch(/<option value="\d+">VGZ \(Zorgverzekeraar\)<\/option>/);
    expect(html).toMatch(/<option value="\d+">Parnassia Groep \(Ggz-aanbieder\)<\/option>/);
    expect(html).not.toMatch(/<option value="\d+">Jellinek/); // addiction care
    expect(html).not.toMatch(/<option value="\d+">Gemeente Den Haag/);
    // The list shows the tokens by prefix, never the token itself.
    for (const token of allTokens) {
      expect(html).not.toContain(token);
      expect(html).toContain(`${token.slice(0, 9)}…`);
    }
    const row = db().select().from(apiTokens).where(eq(apiTokens.id, vgz.id)).get()!;
    expect(row.tokenHash).toBe(createHash("sha256").update(vgz.token).digest("hex"));
    expect(row.prefix).toBe(vgz.token.slice(0, 9));
    expect(JSON.stringify(row)).not.toContain(vgz.token);
    expect(row.organisationId).toBe(orgId("VGZ"));
  });

  it("refuses an organisation that may not have a token, and other roles", async () => {
    const before = db().select({ n: count() }).from(apiTokens).get()!.n;
    const response = await admin.post("/beheer/api-tokens", { intent: "issue", organisationId: String(orgId("Jellinek")), name: "Mag niet" });
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Kies een actieve zorgverzekeraar of ggz-aanbieder.");
    expect(html).not.toMatch(/rt_[A-Za-z0-9_-]{43}/);
    const empty = await pageText(await admin.post("/beheer/api-tokens", { intent: "issue", organisationId: "", name: "" }));
    expect(empty).toContain("Kies een organisatie.");
    expect(empty).toContain("Geef het token een naam");
    expect(db().select({ n: count() }).from(apiTokens).get()!.n).toBe(before);
    const referrer = await loggedIn(t.url, "zorgbemiddeling.vgz@regiotafel.test");
    expect((await referrer.get("/beheer/api-tokens")).status).toBe(403);
    expect((await referrer.post("/beheer/api-tokens", { intent: "issue", organisationId: String(orgId("VGZ")), name: "x" })).status).toBe(403);
    expect(db().select({ n: count() }).from(apiTokens).get()!.n).toBe(before);
  });
});

describe("POST /api/v1/referrals", () => {
  it("creates a referral: 201, Location, a case code, routed to the table of the residence", async () => {
    const before = caseCount();
    const r = await post(vgz.token, validReferral());
    expect(r.status, r.text).toBe(201);
    const receipt = ReferralReceiptSchema.parse(r.json);
    expect(receipt.code).toMatch(/^RT\d-\d{4}-\d{3}$/);
    expect(receipt.code.startsWith("RT2-")).toBe(true);
    expect(receipt.table).toEqual({ number: 2, name: "Rotterdam-Rijnmond" });
    expect(receipt.status).toBe("received");
    expect(r.headers.get("location")).toBe(`/api/v1/referrals/${receipt.id}`);
    expect(caseCount()).toBe(before + 1);

    const row = db().select().from(cases).where(eq(cases.id, receipt.id)).get()!;
    const rotterdam = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!;
    expect(row.tableId).toBe(rotterdam.id);
    expect(row.code).toBe(receipt.code);
    expect(row.submittedVia).toBe("api");
    expect(row.referrerOrganisationId).toBe(orgId("VGZ"));
    expect(row.referrerUserId).toBeNull();
    expect(db().select().from(patients).where(eq(patients.id, row.patientId)).get()!.bsn).toBe(VALID_BSN);
    expect(db().select().from(consents).where(eq(consents.caseId, row.id)).all()).toHaveLength(1);
    expect(db().select().from(apiTokens).where(eq(apiTokens.id, vgz.id)).get()!.lastUsedAt).not.toBeNull();
  });

  it("answers the same Idempotency-Key and body with the original referral (200), never a second one", async () => {
    const key = randomUUID();
    const body = validReferral({ patient: { name: "Herhaald Verzoek" } });
    const first = await post(vgz.token, body, key);
    expect(first.status).toBe(201);
    const countAfterFirst = caseCount();
    const second = await post(vgz.token, body, key);
    expect(second.status, second.text).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    // The same content with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const third = await post(vgz.token, reordered, key);
    expect(third.status).toBe(200);
    expect(third.json.id).toBe(first.json.id);
    expect(caseCount()).toBe(countAfterFirst);
  });

  it("10 concurrent requests with one key create exactly one case", async () => {
    const key = `gelijktijdig-${randomUUID()}`;
    const body = validReferral({ patient: { name: "Tien Tegelijk", bsn: uniqueBsn() } });
    const before = caseCount();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(vgz.token, body, key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(caseCount()).toBe(before + 1);
    const named = db().select({ n: count() }).from(patients).where(eq(patients.name, "Tien Tegelijk")).get()!.n;
    expect(named).toBe(1);
  });

  it("refuses the same key with a different body (422 idempotency_key_reused)", async () => {
    const key = randomUUID();
    expect((await post(vgz.token, validReferral(), key)).status).toBe(201);
    const before = caseCount();
    const r = await post(vgz.token, validReferral({ urgency: "crisis" }), key);
    expectError(r, 422, "idempotency_key_reused");
    expect(caseCount()).toBe(before);
  });

  it("keys are per organisation: another organisation may use the same key", async () => {
    const key = randomUUID();
    const a = await post(vgz.token, validReferral(), key);
    const b = await post(parnassia.token, validReferral({ source: "provider" }), key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).not.toBe(b.json.id);
  });

  it("requires an Idempotency-Key (400)", async () => {
    const before = caseCount();
    expectError(await post(vgz.token, validReferral(), null), 400, "idempotency_key_missing");
    expectError(await post(vgz.token, validReferral(), "met spaties erin"), 400, "idempotency_key_invalid");
    expectError(await post(vgz.token, validReferral(), "x".repeat(201)), 400, "idempotency_key_invalid");
    expect((await post(vgz.token, validReferral(), "a:B_c-1.2")).status).toBe(201);
    expect(caseCount()).toBe(before + 1);
  });

  it("refuses a missing, malformed, unknown or revoked token with 401 and WWW-Authenticate: Bearer", async () => {
    const before = caseCount();
    const attempts = [
      await api("/api/v1/referrals", { body: validReferral(), key: randomUUID() }),
      await api("/api/v1/referrals", { authorization: `Basic ${Buffer.from("a:b").toString("base64")}`, body: validReferral(), key: randomUUID() }),
      await api("/api/v1/referrals", { token: "rt_niet-echt", body: validReferral(), key: randomUUID() }),
      await api("/api/v1/referrals", { token: `rt_${"A".repeat(43)}`, body: validReferral(), key: randomUUID() }),
      await api("/api/v1/referrals/1", { token: `rt_${"A".repeat(43)}` }),
    ];
    for (const r of attempts) {
      expectError(r, 401, "unauthorized");
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    }

    const revocable = await issueToken("VGZ", "Wordt ingetrokken");
    allTokens.push(revocable.token);
    expect((await post(revocable.token, validReferral())).status).toBe(201);
    const revoke = await admin.post("/beheer/api-tokens", { intent: "revoke", tokenId: String(revocable.id) });
    expect(revoke.status).toBe(302);
    expect(revoke.headers.get("location")).toBe("/beheer/api-tokens");
    const list = await pageText(await admin.get("/beheer/api-tokens"));
    expect(list).toContain("Het token is ingetrokken.");
    expect(db().select().from(apiTokens).where(eq(apiTokens.id, revocable.id)).get()!.revokedAt).not.toBeNull();
    const after = await post(revocable.token, validReferral());
    expectError(after, 401, "unauthorized");
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expectError(await api("/api/v1/referrals/1", { token: revocable.token }), 401, "unauthorized");
    expect(caseCount()).toBe(before + 1);
  });

  it("refuses another content type (415), invalid JSON (400) and a body over 1 MB (413)", async () => {
    const before = caseCount();
    expectError(await api("/api/v1/referrals", { token: vgz.token, rawBody: JSON.stringify(validReferral()), contentType: "text/plain", key: randomUUID() }), 415, "unsupported_media_type");
    expectError(await api("/api/v1/referrals", { token: vgz.token, rawBody: "source=provider", contentType: "application/x-www-form-urlencoded", key: randomUUID() }), 415, "unsupported_media_type");
    expectError(await api("/api/v1/referrals", { token: vgz.token, rawBody: '{"source": "insurer_mediation",', key: randomUUID() }), 400, "invalid_json");
    expectError(await api("/api/v1/referrals", { token: vgz.token, rawBody: "", key: randomUUID() }), 400, "invalid_json");
    const huge = validReferral({ problemDescription: "x".repeat(1024 * 1024 + 10) });
    expectError(await api("/api/v1/referrals", { token: vgz.token, body: huge, key: randomUUID() }), 413, "payload_too_large");
    // Without Content-Length (chunked), reading stops at the limit too.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(validReferral()).slice(0, -1)));
        for (let i = 0; i < 24; i++) controller.enqueue(chunk); // 1.5 MiB of whitespace
        controller.enqueue(new TextEncoder().encode("}"));
        controller.close();
      },
    });
    const chunked = await fetch(`${t.url}/api/v1/referrals`, {
      method: "POST",
      headers: { Authorization: `Bearer ${vgz.token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error).toBe("payload_too_large");
    // Just under the limit is read (and refused for what it says, not for its size).
    const large = await api("/api/v1/referrals", { token: vgz.token, body: validReferral({ problemDescription: "x".repeat(1024 * 1024 - 4096) }), key: randomUUID() });
    expectError(large, 422, "validation_failed");
    expect(large.json.fields.problemDescription).toEqual(["Vul hoogstens 5000 tekens in."]);
    // A charset parameter is fine.
    expect((await api("/api/v1/referrals", { token: vgz.token, body: validReferral(), contentType: "application/json; charset=utf-8", key: randomUUID() })).status).toBe(201);
    expect(caseCount()).toBe(before + 1);
  });

  it("answers validation errors with 422 and Dutch messages per field", async () => {
    const before = caseCount();
    const key = randomUUID();
    const r = await post(vgz.token, validReferral({ patient: { bsn: "123456789", province: "Atlantis" as never }, urgency: "soms" as never, priorAttempts: [], contact: { email: "geen-adres" } }), key);
    expectError(r, 422, "validation_failed");
    expect(r.json.fields["patient.bsn"]).toEqual(["Dit is geen geldig burgerservicenummer (de elfproef klopt niet)."]);
    expect(r.json.fields["patient.province"]).toEqual(["Kies een provincie."]);
    expect(r.json.fields.urgency).toEqual(["Kies de urgentie."]);
    expect(r.json.fields.priorAttempts[0]).toMatch(/eerdere plaatsingspoging/);
    expect(r.json.fields["contact.email"]).toEqual(["Vul een geldig e-mailadres in."]);
    expect(r.json.fields.consent).toBeUndefined();
    const wrongTypes = await post(vgz.token, [1, 2, 3]);
    expectError(wrongTypes, 422, "validation_failed");
    // A refused request does not use up its key: corrected, it is accepted.
    expect((await post(vgz.token, validReferral(), key)).status).toBe(201);
    expect(caseCount()).toBe(before + 1);
  });

  it("refuses unknown fields with 422 and a Dutch message per field, as the OpenAPI document's additionalProperties: false says (finding 7 of issue 13)", async () => {
    const before = caseCount();
    const body = { ...validReferral(), priority: "hoog" } as Record<string, any>;
    body.patient = { ...body.patient, nickname: "Jantje" };
    body.priorAttempts = [{ ...body.priorAttempts[0], cost: 100 }];
    const r = await post(vgz.token, body);
    expectError(r, 422, "validation_failed");
    const unknown = Object.keys(r.json.fields).sort();
    expect(unknown).toEqual(["patient.nickname", "priorAttempts.0.cost", "priority"]);
    for (const field of unknown) expect(r.json.fields[field][0]).toMatch(/^Onbekend veld: dit veld bestaat niet in de API\./);
    const doc = (await api("/api/v1/openapi.json")).json;
    const referral = doc.components.schemas.Referral;
    expect([referral.additionalProperties, referral.properties.patient.additionalProperties, referral.properties.priorAttempts.items.additionalProperties]).toEqual([false, false, false]);
    expect(caseCount()).toBe(before);
    console.log(`API unknown fields: 3 sent → ${r.status}, fields ${unknown.join(", ")}; document additionalProperties false at 3 levels; 0 cases created`);
  });

  it("applies the portal's own rules too: a provider's system cannot refer as insurer mediation", async () => {
    const r = await post(parnassia.token, validReferral({ source: "insurer_mediation" }));
    expectError(r, 422, "validation_failed");
    expect(r.json.fields.source[0]).toMatch(/zorgbemiddeling van een zorgverzekeraar/);
    const unknownInsurer = await post(vgz.token, validReferral({ patient: { insurer: "Bestaat Niet" } }));
    expectError(unknownInsurer, 422, "validation_failed");
    expect(unknownInsurer.json.fields["patient.insurer"][0]).toMatch(/Onbekende zorgverzekeraar/);
  });

  it("refuses a referral without consent (422, the message under fields.consent)", async () => {
    const before = caseCount();
    for (const body of [validReferral({ consent: undefined }), validReferral({ consent: null })]) {
      const r = await post(vgz.token, body);
      expectError(r, 422, "validation_failed");
      expect(r.json.fields).toEqual({ consent: [NO_CONSENT_MESSAGE] });
      expect(r.json.message).toBe(NO_CONSENT_MESSAGE);
    }
    expect(caseCount()).toBe(before);
  });

  it("answers other methods with 405 JSON", async () => {
    const get = await api("/api/v1/referrals", { token: vgz.token });
    expectError(get, 405, "method_not_allowed");
    expect(get.headers.get("allow")).toBe("POST");
    expectError(await api("/api/v1/referrals", { token: vgz.token, method: "PUT", body: validReferral() }), 405, "method_not_allowed");
    const del = await api("/api/v1/referrals/1", { token: vgz.token, method: "DELETE" });
    expectError(del, 405, "method_not_allowed");
    expect(del.headers.get("allow")).toBe("GET");
  });

  it("answers an unknown API address with a JSON 404, not the portal's HTML page", async () => {
    expectError(await api("/api/v1/bestaat-niet", { token: vgz.token }), 404, "not_found");
    expectError(await api("/api/v1/referrals/1/extra", { token: vgz.token, body: {} }), 404, "not_found");
    expectError(await api("/api/v2/referrals", { body: {} }), 401, "unauthorized");
  });
});

describe("GET /api/v1/referrals/:id", () => {
  let own: { id: number; code: string };
  beforeAll(async () => {
    const r = await post(vgz.token, validReferral({ patient: { name: "Status Opvrager", address: "Geheimstraat 9" } }));
    expect(r.status).toBe(201);
    own = { id: r.json.id, code: r.json.code };
  });

  it("shows the own organisation's referral: status, table, steps; no identity", async () => {
    const r = await api(`/api/v1/referrals/${own.id}`, { token: vgz.token });
    expect(r.status, r.text).toBe(200);
    const status = ReferralStatusSchema.parse(r.json); // strict: no other fields
    expect(status).toMatchObject({ id: own.id, code: own.code, status: "received", statusLabel: "Ontvangen", table: { number: 2, name: "Rotterdam-Rijnmond" } });
    expect(status.history).toEqual([
      { event: "receive", label: "Verwijzing ontvangen", at: status.receivedAt, reason: null, fromTable: null, toTable: { number: 2, name: "Rotterdam-Rijnmond" } },
    ]);
    expect(status.previousCodes).toEqual([]);
    expect(status.informationRequest).toBeNull();
    for (const secret of ["Status Opvrager", VALID_BSN, "Geheimstraat", "1985-05-17", "patient", "bsn", "careQuestion", "intensieve behandeling"]) {
      expect(r.text).not.toContain(secret);
    }
  });

  it("answers 404 for another organisation's referral, an unknown id and a malformed id alike", async () => {
    const czCase = db().select().from(cases).where(eq(cases.referrerOrganisationId, orgId("CZ"))).get()!;
    expect(czCase).toBeDefined();
    const other = await api(`/api/v1/referrals/${czCase.id}`, { token: vgz.token });
    const unknown = await api("/api/v1/referrals/999999", { token: vgz.token });
    const malformed = await api("/api/v1/referrals/abc", { token: vgz.token });
    for (const r of [other, unknown, malformed]) expectError(r, 404, "not_found");
    expect(unknown.json).toEqual(other.json);
    expect(malformed.json).toEqual(other.json);
    expect(other.text).not.toContain(czCase.code);
    // The owner can read it.
    expect((await api(`/api/v1/referrals/${czCase.id}`, { token: cz.token })).status).toBe(200);
  });

  it("a token of another organisation cannot read it", async () => {
    for (const token of [parnassia.token, cz.token]) expectError(await api(`/api/v1/referrals/${own.id}`, { token }), 404, "not_found");
  });
});

describe("audit trail", () => {
  it("logs the creation and the status read with the patient, by the token's actor", async () => {
    const r = await post(vgz.token, validReferral({ patient: { name: "Audit Spoor" } }));
    expect(r.status).toBe(201);
    expect((await api(`/api/v1/referrals/${r.json.id}`, { token: vgz.token })).status).toBe(200);
    const row = db().select().from(cases).where(eq(cases.id, r.json.id)).get()!;
    const events = db().select().from(auditEvents).where(eq(auditEvents.objectId, String(row.id))).all();
    const created = events.find((e) => e.action === "referral.create" && e.objectType === "case");
    const read = events.find((e) => e.action === "referral.api_status" && e.outcome === "success");
    for (const e of [created, read]) {
      expect(e).toBeDefined();
      expect(e!.patientId).toBe(String(row.patientId));
      expect(e!.userId).toBe(`api-token:${vgz.id}`);
      expect(e!.userEmail).toBe("api:Zorgbemiddelingssysteem VGZ");
      expect(e!.role).toBe("api");
      expect(e!.organisationId).toBe(orgId("VGZ"));
    }
    expect(created!.detail).toContain(row.code);

    const refused = db().select().from(auditEvents).where(eq(auditEvents.action, "referral.api_status")).all().filter((e) => e.outcome === "denied");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.patientId === null)).toBe(true);
    expect(db().select().from(auditEvents).where(eq(auditEvents.action, "api.unauthorized")).all().length).toBeGreaterThan(0);
    const issued = db().select().from(auditEvents).where(eq(auditEvents.action, "api_token.issue")).all();
    expect(issued.map((e) => e.objectId)).toEqual(expect.arrayContaining([String(vgz.id), String(parnassia.id), String(cz.id)]));
    expect(db().select().from(auditEvents).where(eq(auditEvents.action, "api_token.revoke")).all()).toHaveLength(1);
  });

  it("never contains a token value, nor the hash of one", async () => {
    const rows = db().select().from(auditEvents).all();
    expect(rows.length).toBeGreaterThan(20);
    const text = rows.map((r) => JSON.stringify(r)).join("\n");
    expect(allTokens.length).toBeGreaterThanOrEqual(4);
    for (const token of allTokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(3)); // without its rt_ prefix
      expect(text).not.toContain(createHash("sha256").update(token).digest("hex"));
    }
  });
});

describe("referral rules through the API (issue 11)", () => {
  it("the OpenAPI request example is complete and the server accepts it as it is", async () => {
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as Record<string, any>;
    const example = doc.paths["/api/v1/referrals"].post.requestBody.content["application/json"].example;
    for (const field of ["mainDiagnoses", "legalFramework", "legalFrameworkEndDate", "livingSituation", "generalPractitioner", "wlzIndication", "referrerCriteria", "consent"]) {
      expect(example, field).toHaveProperty(field);
    }
    const r = await post(vgz.token, example);
    expect(r.status, r.text).toBe(201);
    // The place name resolves to its municipality; the answer names the rule that routed it.
    expect(r.json.table).toEqual({ number: 2, name: "Rotterdam-Rijnmond" });
    expect(r.json.routing).toMatchObject({ municipality: "Nissewaard", municipalityCode: "GM1930", province: "Zuid-Holland", rule: "Uitzondering Rotterdam-Rijnmond (gemeente Nissewaard, Zuid-Holland)" });
    const row = db().select().from(cases).where(eq(cases.id, r.json.id)).get()!;
    expect(row).toMatchObject({ legalFramework: "wvggz", legalFrameworkEndDate: "2027-06-30", wlzIndication: "no", referrerCriteria: [1, 3, 4, 5] });
  });

  it("an insurer's token refers only its own insured: 422 with a Dutch message; a provider may refer anyone", async () => {
    const before = caseCount();
    const foreign = await post(cz.token, validReferral({ patient: { insurer: "VGZ", bsn: uniqueBsn() } }));
    expectError(foreign, 422, "validation_failed");
    expect(foreign.json.fields["patient.insurer"][0]).toBe(
      "Als zorgbemiddeling van CZ meldt u alleen verzekerden van CZ aan. Deze patiënt is verzekerd bij VGZ: die zorgverzekeraar meldt de patiënt aan.",
    );
    expect(caseCount()).toBe(before);
    expect((await post(cz.token, validReferral({ patient: { insurer: "CZ", bsn: uniqueBsn() } }))).status).toBe(201);
    for (const insurer of ["VGZ", "CZ", "Menzis"]) {
      const byProvider = await post(parnassia.token, validReferral({ source: "provider", patient: { insurer, bsn: uniqueBsn() } }));
      expect(byProvider.status, `${insurer}: ${byProvider.text}`).toBe(201);
    }
  });

  it("an unknown residence is refused with suggestions; the province follows from the municipality", async () => {
    const unknown = await post(vgz.token, validReferral({ patient: { municipality: "Xyzzy", bsn: uniqueBsn() } }));
    expectError(unknown, 422, "validation_failed");
    expect(unknown.json.fields["patient.municipality"][0]).toMatch(/niet in de gemeentelijke indeling/);
    const typo = await post(vgz.token, validReferral({ patient: { municipality: "Hellevoetsluiss", bsn: uniqueBsn() } }));
    expect(typo.json.fields["patient.municipality"][0]).toContain("Bedoelt u: Hellevoetsluis");
    // A wrong province is ignored: Schiedam is in Zuid-Holland, whatever was sent.
    const schiedam = await post(vgz.token, validReferral({ patient: { municipality: "Schiedam", province: "Limburg", bsn: uniqueBsn() } }));
    expect(schiedam.status, schiedam.text).toBe(201);
    expect(schiedam.json.table.number).toBe(2);
    expect(schiedam.json.routing.province).toBe("Zuid-Holland");
  });

  it("a legal framework needs its end date", async () => {
    const r = await post(vgz.token, validReferral({ legalFramework: "wzd", legalFrameworkEndDate: null, patient: { bsn: uniqueBsn() } }));
    expectError(r, 422, "validation_failed");
    expect(r.json.fields.legalFrameworkEndDate[0]).toMatch(/einddatum/);
  });
});
