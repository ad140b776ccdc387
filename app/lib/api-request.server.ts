// Reading an API request body safely: JSON only, at most MAX_BODY_BYTES and MAX_JSON_DEPTH levels
// deep, and a stable hash of its content for Idempotency-Key checks. Every refusal is a JSON
// answer, never a 500; nothing here recurses, so no body can exhaust the stack.
import { createHash } from "node:crypto";
import { apiError } from "./api-auth.server";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "~/domain/api-contract";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

const isJsonMediaType = (header: string | null) => (header ?? "").split(";")[0].trim().toLowerCase() === "application/json";

export function requireJsonContentType(request: Request): Response | null {
  if (isJsonMediaType(request.headers.get("Content-Type"))) return null;
  return apiError(415, "unsupported_media_type", "Stuur de verwijzing als JSON, met de header ‘Content-Type: application/json’.", {}, { "Accept-Post": "application/json" });
}

const tooLarge = () =>
  apiError(413, "payload_too_large", `Het verzoek is te groot: hoogstens ${MAX_BODY_BYTES / 1024 / 1024} MB. Stuur bijlagen niet mee in de verwijzing.`);
const invalidJson = () => apiError(400, "invalid_json", "De inhoud van het verzoek is geen geldige JSON.");
const tooDeep = () =>
  apiError(400, "invalid_json", `De inhoud van het verzoek is te diep genest: hoogstens ${MAX_JSON_DEPTH} niveaus van objecten en lijsten in elkaar.`);

/** Whether objects and arrays are nested more than `limit` levels deep (counted without recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Beyond the limit the rest of a body is read and thrown away (never kept) up to this many bytes,
 * so the client gets to see the 413 (most HTTP clients report a reset connection instead when the
 * server stops reading mid-upload); past it the connection is dropped.
 */
const DISCARD_LIMIT = 8 * MAX_BODY_BYTES;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
  try {
    while (seen <= DISCARD_LIMIT) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to answer.
  }
}

/** The body as JSON; at most `limit` bytes are kept (413 beyond that, also when Content-Length says so). */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const declared = request.headers.get("Content-Length");
  const declaredTooLarge = declared != null && /^\d+$/.test(declared) && Number(declared) > limit;
  if (!request.body) return { ok: false, response: declaredTooLarge ? tooLarge() : invalidJson() };
  const reader = request.body.getReader();
  if (declaredTooLarge) {
    await discardRest(reader, 0);
    return { ok: false, response: tooLarge() };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        chunks.length = 0;
        await discardRest(reader, size);
        return { ok: false, response: tooLarge() };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away or sent a broken body.
    return { ok: false, response: invalidJson() };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, response: invalidJson() };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: invalidJson() };
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) return { ok: false, response: tooDeep() };
  return { ok: true, value };
}

/**
 * JSON with object keys sorted at every level: the same content always gives the same text.
 * Written with a work list instead of recursion, so any depth fits.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Popped from the end: a value to write, or punctuation between and after values.
  const work: ({ text: string } | { value: unknown })[] = [{ value }];
  while (work.length) {
    const item = work.pop()!;
    if ("text" in item) {
      out.push(item.text);
      continue;
    }
    const node = item.value;
    if (Array.isArray(node)) {
      out.push("[");
      work.push({ text: "]" });
      for (let i = node.length - 1; i >= 0; i--) {
        work.push({ value: node[i] });
        if (i > 0) work.push({ text: "," });
      }
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const keys = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined);
      out.push("{");
      work.push({ text: "}" });
      for (let i = keys.length - 1; i >= 0; i--) {
        work.push({ value: record[keys[i]] });
        work.push({ text: `${i > 0 ? "," : ""}${JSON.stringify(keys[i])}:` });
      }
    } else out.push(JSON.stringify(node) ?? "null");
  }
  return out.join("");
}

export const requestHash = (value: unknown) => createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
