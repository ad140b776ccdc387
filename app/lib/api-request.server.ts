// Reading an API request body safely: JSON only, at most MAX_BODY_BYTES, and a stable hash of
// its content for Idempotency-Key checks. Every refusal is a JSON answer, never a 500.
import { createHash } from "node:crypto";
import { apiError } from "./api-auth.server";
import { MAX_BODY_BYTES } from "./api-contract";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

const isJsonMediaType = (header: string | null) => (header ?? "").split(";")[0].trim().toLowerCase() === "application/json";

export function requireJsonContentType(request: Request): Response | null {
  if (isJsonMediaType(request.headers.get("Content-Type"))) return null;
  return apiError(415, "unsupported_media_type", "Stuur de verwijzing als JSON, met de header ‘Content-Type: application/json’.", {}, { "Accept-Post": "application/json" });
}

const tooLarge = () =>
  apiError(413, "payload_too_large", `Het verzoek is te groot: hoogstens ${MAX_BODY_BYTES / 1024 / 1024} MB. Stuur bijlagen niet mee in de verwijzing.`);
const invalidJson = () => apiError(400, "invalid_json", "De inhoud van het verzoek is geen geldige JSON.");

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
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: invalidJson() };
  }
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export const requestHash = (value: unknown) => createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
