// The OpenAPI document of the intake API is generated from ReferralSchema: these tests walk the
// zod schema and the published document side by side, so the two cannot drift apart.
import { ZodArray, ZodDefault, ZodEffects, ZodEnum, ZodNullable, ZodObject, ZodOptional, ZodRecord, type ZodTypeAny } from "zod";
import { ReferralSchema } from "../../app/domain/referral-schema";
import { CASE_STATES } from "../../app/domain/case-lifecycle";
import { PROVINCES, URGENCIES } from "../../app/domain/vocabulary";
import { ApiErrorSchema, ReferralReceiptSchema, ReferralStatusSchema } from "../../app/domain/api-contract";
import { startPortal, type TestPortal } from "../helpers/portal";
import { validReferral } from "../helpers/referral-payload";

type Json = Record<string, any>;

let t: TestPortal;
let doc: Json;
let text: string;
beforeAll(async () => {
  t = await startPortal();
  const response = await fetch(`${t.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  text = await response.text();
  doc = JSON.parse(text);
});
afterAll(() => t?.close());

/** Resolves a local "$ref" (JSON pointer into the document). */
function resolve(node: Json): Json {
  if (!node.$ref) return node;
  const target = (node.$ref as string)
    .replace(/^#\//, "")
    .split("/")
    .reduce<Json | undefined>((at, part) => at?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  expect(target, `unresolved ${node.$ref}`).toBeDefined();
  return resolve(target!);
}

/** The schema under optional/nullable/default/refine wrappers, and whether null is allowed. */
function unwrap(schema: ZodTypeAny): { inner: ZodTypeAny; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (;;) {
    if (inner instanceof ZodOptional || inner instanceof ZodDefault) inner = inner._def.innerType;
    else if (inner instanceof ZodNullable) {
      nullable = true;
      inner = inner._def.innerType;
    } else if (inner instanceof ZodEffects) inner = inner._def.schema;
    else return { inner, nullable };
  }
}

const typesOf = (node: Json): string[] => (Array.isArray(node.type) ? node.type : [node.type]);

/** Walks a zod schema and its JSON Schema together; returns every difference found. */
function differences(zod: ZodTypeAny, json: Json, path: string): string[] {
  const problems: string[] = [];
  const { inner, nullable } = unwrap(zod);
  if (nullable && !typesOf(json).includes("null")) problems.push(`${path}: nullable in zod, not in the document`);
  if (!nullable && typesOf(json).includes("null")) problems.push(`${path}: null allowed by the document only`);
  if (inner instanceof ZodObject) {
    if (!typesOf(json).includes("object")) problems.push(`${path}: not an object`);
    const shape = inner.shape as Record<string, ZodTypeAny>;
    const keys = Object.keys(shape).sort();
    const properties = json.properties ?? {};
    if (JSON.stringify(Object.keys(properties).sort()) !== JSON.stringify(keys)) problems.push(`${path}: properties ${Object.keys(properties).sort()} ≠ ${keys}`);
    const required = keys.filter((k) => !shape[k].isOptional());
    if (JSON.stringify([...(json.required ?? [])].sort()) !== JSON.stringify(required)) problems.push(`${path}: required ${json.required} ≠ ${required}`);
    for (const key of keys) if (properties[key]) problems.push(...differences(shape[key], properties[key], `${path}.${key}`));
  } else if (inner instanceof ZodArray) {
    if (!typesOf(json).includes("array")) problems.push(`${path}: not an array`);
    else problems.push(...differences(inner._def.type, json.items, `${path}[]`));
  } else if (inner instanceof ZodRecord) {
    if (!typesOf(json).includes("object")) problems.push(`${path}: not an object`);
    else problems.push(...differences(inner._def.valueType, json.additionalProperties ?? {}, `${path}{}`));
  } else if (inner instanceof ZodEnum) {
    const documented = (json.enum ?? []).filter((v: unknown) => v !== null);
    if (JSON.stringify(documented) !== JSON.stringify(inner.options)) problems.push(`${path}: enum ${documented} ≠ ${inner.options}`);
  } else {
    const expected = { ZodString: "string", ZodBoolean: "boolean", ZodNumber: "number" }[inner._def.typeName as string];
    const actual = typesOf(json);
    if (!expected) problems.push(`${path}: ${inner._def.typeName} not compared`);
    else if (!actual.includes(expected) && !(expected === "number" && actual.includes("integer"))) problems.push(`${path}: type ${actual} ≠ ${expected}`);
  }
  return problems;
}

/** A small JSON Schema check (the keywords the document uses), to see what the document accepts. */
function violations(schema: Json, value: unknown, path = "$"): string[] {
  const out: string[] = [];
  const types = typesOf(schema).filter(Boolean);
  const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
  const actual = typeOf(value);
  if (types.length && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) return [`${path}: ${actual} is not ${types}`];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: not in enum`);
  if (typeof value === "string") {
    if (schema.minLength != null && value.length < schema.minLength) out.push(`${path}: too short`);
    if (schema.maxLength != null && value.length > schema.maxLength) out.push(`${path}: too long`);
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) out.push(`${path}: pattern`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems != null && value.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.maxItems != null && value.length > schema.maxItems) out.push(`${path}: too many items`);
    value.forEach((item, i) => out.push(...violations(schema.items ?? {}, item, `${path}[${i}]`)));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) out.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(object)) {
      if (schema.properties?.[key]) out.push(...violations(schema.properties[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${key}: not allowed`);
    }
  }
  return out;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document, public, with the API's paths and methods", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/openapi.json", "/api/v1/referrals", "/api/v1/referrals/{id}"]);
    expect(Object.keys(doc.paths["/api/v1/referrals"])).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/v1/referrals/{id}"])).toEqual(["get"]);
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });

  it("requires a bearer token and documents the Idempotency-Key header", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const post = doc.paths["/api/v1/referrals"].post;
    const header = post.parameters.map(resolve).find((p: Json) => p.in === "header" && p.name === "Idempotency-Key");
    expect(header).toMatchObject({ required: true, schema: { type: "string", minLength: 1, maxLength: 200 } });
    expect(new RegExp(header.schema.pattern).test("a:B_c-1.2")).toBe(true);
    expect(new RegExp(header.schema.pattern).test("met spaties")).toBe(false);
    expect(post.requestBody.required).toBe(true);
  });

  it("lists every answer the API gives, each with its JSON shape", () => {
    const post = doc.paths["/api/v1/referrals"].post;
    expect(Object.keys(post.responses).sort()).toEqual(["200", "201", "400", "401", "405", "413", "415", "422"]);
    expect(post.responses["201"].headers.Location).toBeDefined();
    expect(post.responses["401"].headers["WWW-Authenticate"]).toBeDefined();
    expect(resolve(post.responses["201"].content["application/json"].schema)).toBe(doc.components.schemas.ReferralReceipt);
    expect(resolve(post.responses["200"].content["application/json"].schema)).toBe(doc.components.schemas.ReferralReceipt);
    for (const code of ["400", "401", "405", "413", "415", "422"]) {
      expect(resolve(post.responses[code].content["application/json"].schema), code).toBe(doc.components.schemas.Error);
    }
    const get = doc.paths["/api/v1/referrals/{id}"].get;
    expect(Object.keys(get.responses).sort()).toEqual(["200", "401", "404", "405"]);
    expect(resolve(get.responses["200"].content["application/json"].schema)).toBe(doc.components.schemas.ReferralStatus);
    expect(resolve(get.responses["404"].content["application/json"].schema)).toBe(doc.components.schemas.Error);
    // Every error example is a valid error body.
    for (const op of [post, get]) {
      for (const [code, response] of Object.entries<Json>(op.responses)) {
        const example = response.content?.["application/json"]?.example;
        if (Number(code) >= 400) expect(ApiErrorSchema.safeParse(example).success, `${code} example`).toBe(true);
      }
    }
  });
});

describe("the document follows the schemas", () => {
  it("the request body has exactly ReferralSchema's properties, required fields, enums and nullables", () => {
    const body = resolve(doc.paths["/api/v1/referrals"].post.requestBody.content["application/json"].schema);
    expect(differences(ReferralSchema, body, "referral")).toEqual([]);
    // Spot checks, in words a reader recognises.
    expect(Object.keys(body.properties).sort()).toEqual(Object.keys(ReferralSchema.shape).sort());
    expect(body.properties.urgency.enum).toEqual([...URGENCIES]);
    // The province follows from the municipality: accepted for older clients, never required.
    expect(body.properties.patient.properties.province.enum).toEqual([...PROVINCES, null]);
    expect(body.required).toContain("patient");
    expect(body.required).toContain("priorAttempts");
    expect(body.required).not.toContain("consent"); // optional in the schema, refused by the API when absent
    expect(body.properties.patient.required).toEqual(expect.arrayContaining(["bsn", "name", "dateOfBirth", "municipality", "insurer"]));
    expect(body.properties.patient.required).not.toContain("province");
    expect(body.required).toEqual(expect.arrayContaining(["mainDiagnoses", "legalFramework", "livingSituation", "wlzIndication"]));
  });

  it("the answers have exactly the shapes the API builds them with", () => {
    const { ReferralReceipt, ReferralStatus, Error: ErrorBody } = doc.components.schemas;
    expect(differences(ReferralReceiptSchema, ReferralReceipt, "receipt")).toEqual([]);
    expect(differences(ReferralStatusSchema, ReferralStatus, "status")).toEqual([]);
    expect(differences(ApiErrorSchema, ErrorBody, "error")).toEqual([]);
    expect(ReferralStatus.additionalProperties).toBe(false);
    expect(ReferralStatus.properties.status.enum).toEqual([...CASE_STATES]);
    expect(Object.keys(ReferralStatus.properties)).not.toContain("patient");
  });

  it("the detector itself notices drift", () => {
    const body = structuredClone(resolve(doc.paths["/api/v1/referrals"].post.requestBody.content["application/json"].schema));
    body.properties.urgency.enum = ["regular", "high"];
    delete body.properties.contact;
    body.required = body.required.filter((k: string) => k !== "careQuestion");
    body.properties.patient.properties.address.type = "string";
    const found = differences(ReferralSchema, body, "referral");
    expect(found.some((d) => d.startsWith("referral.urgency: enum"))).toBe(true);
    expect(found.some((d) => d.startsWith("referral: properties"))).toBe(true);
    expect(found.some((d) => d.startsWith("referral: required"))).toBe(true);
    expect(found).toContain("referral.patient.address: nullable in zod, not in the document");
  });

  it("uses OpenAPI 3.1 (JSON Schema 2020-12) keywords, not 3.0's, and every $ref resolves", () => {
    expect(text).not.toMatch(/"nullable"\s*:/);
    expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        if ("$ref" in node) resolve(node as Json);
        Object.values(node).forEach(walk);
      }
    };
    walk(doc);
  });

  it("accepts the referral the API accepts and refuses what is plainly wrong", () => {
    const body = resolve(doc.paths["/api/v1/referrals"].post.requestBody.content["application/json"].schema);
    expect(violations(body, validReferral())).toEqual([]);
    expect(ReferralSchema.safeParse(validReferral()).success).toBe(true);
    expect(violations(body, validReferral({ urgency: "soms" as never }))).toEqual(["$.urgency: not in enum"]);
    expect(violations(body, validReferral({ priorAttempts: [] }))).toEqual(["$.priorAttempts: too few items"]);
    expect(violations(body, validReferral({ patient: undefined }))).toEqual(["$.patient: required"]);
  });
});

describe("the document's route", () => {
  it("answers other methods with 405 JSON", async () => {
    const response = await fetch(`${t.url}/api/v1/openapi.json`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(ApiErrorSchema.parse(await response.json()).error).toBe("method_not_allowed");
  });
});
