// Hostile input for the fuzz test (security.md, "Input and output": a fuzz corpus against every
// action and event → 0 accepted, 0 HTTP 5xx, 0 reflected unescaped). Plain data and small pure
// helpers only; test/integration/fuzz.test.ts decides where each value goes.

export type CorpusEntry = {
  label: string;
  value: string;
  /** No field of the portal may store this: control characters, or 100 KB in one value. */
  poison?: boolean;
  /** Invalid in every required field: empty, blank, poison. A post of only these values must be refused. */
  invalidEverywhere?: boolean;
};

export const HUGE = "A".repeat(100 * 1024);
export const NUL_TEXT = "abc\u0000def";
export const CONTROL_TEXT = "\u0001\u0007\u0008\u001b[31mrood\u001b[0m\u007f";

/** The markup payloads: a response that contains one of these verbatim reflected it unescaped. */
export const SCRIPT_TAG = "<script>alert(1)</script>";
export const IMG_BREAKOUT = `"><img src=x onerror=alert(1)>`;
export const SVG_BREAKOUT = "</textarea><svg onload=alert(1)>";

/** About forty values; every form field gets a seeded sample of them. */
export const FORM_CORPUS: CorpusEntry[] = [
  { label: "empty", value: "", invalidEverywhere: true },
  { label: "whitespace", value: "   \t  ", invalidEverywhere: true },
  { label: "newlines", value: "\r\n\r\n", invalidEverywhere: true },
  { label: "100 KB", value: HUGE, poison: true, invalidEverywhere: true },
  { label: "NUL", value: NUL_TEXT, poison: true, invalidEverywhere: true },
  { label: "control characters", value: CONTROL_TEXT, poison: true, invalidEverywhere: true },
  { label: "NUL in an e-mail", value: "admin@regiotafel.test\u0000.evil", poison: true, invalidEverywhere: true },
  { label: "RTL override", value: "\u202Efdp.exe\u202C factuur" },
  { label: "zalgo", value: "Z̴̧̛̹͈a̵̢͎̓l̶̰̈́g̷̣̈o̸̥͝" },
  { label: "emoji", value: "👩‍⚕️🏥💊🇳🇱" },
  { label: "line separators", value: "a\u2028b\u2029c" },
  { label: "lone surrogate", value: "x\uD800y" },
  { label: "script tag", value: SCRIPT_TAG },
  { label: "attribute breakout", value: IMG_BREAKOUT },
  { label: "textarea breakout", value: SVG_BREAKOUT },
  { label: "javascript: URL", value: "javascript:alert(1)" },
  { label: "SQL quote", value: "' OR '1'='1" },
  { label: "SQL drop", value: "1; DROP TABLE cases;--" },
  { label: "SQL union", value: "\" UNION SELECT password_hash FROM users --" },
  { label: "path traversal", value: "../../etc/passwd" },
  { label: "CSV formula", value: "=cmd|' /C calc'!A0" },
  { label: "template injection", value: "${7*7}{{7*7}}#{7*7}" },
  { label: "percent-encoded CRLF", value: "%00%0d%0aSet-Cookie:x=y" },
  { label: "JSON object", value: '{"__proto__":{"polluted":"yes"}}' },
  { label: "JSON array", value: "[1,2,3]" },
  { label: "JSON fragment", value: '{"a":' },
  { label: "null", value: "null" },
  { label: "true", value: "true" },
  { label: "-1", value: "-1" },
  { label: "0", value: "0" },
  { label: "1e309", value: "1e309" },
  { label: "NaN", value: "NaN" },
  { label: "2^53+1", value: "9007199254740993" },
  { label: "ten nines", value: "9999999999" },
  { label: "date 2026-02-30", value: "2026-02-30" },
  { label: "date 0000-00-00", value: "0000-00-00" },
  { label: "date 9999-12-31", value: "9999-12-31" },
  { label: "time 24:00", value: "24:00" },
  { label: "__proto__", value: "__proto__" },
  { label: "constructor", value: "constructor" },
  { label: "broken e-mail", value: "test@@example..com" },
  { label: "off-site URL", value: "https://evil.example/" },
];

export const INVALID_EVERYWHERE = FORM_CORPUS.filter((e) => e.invalidEverywhere);
export const POISON = FORM_CORPUS.filter((e) => e.poison);
/** Corpus entries with markup, for the reflection check. */
export const MARKUP = FORM_CORPUS.filter((e) => e.value.includes("<"));
/** Values cheap enough to repeat hundreds of times in one post. */
export const SMALL = FORM_CORPUS.filter((e) => e.value.length < 1000);

const INVALID_EVERYWHERE_VALUES = new Set(INVALID_EVERYWHERE.map((e) => e.value));
export const isInvalidEverywhere = (value: string) => INVALID_EVERYWHERE_VALUES.has(value);

/** Control characters other than tab, newline and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const isPoisonText = (value: string) => CONTROL.test(value) || value.length >= 100 * 1024;

/** The markup payloads a response body contains verbatim (it should contain none: React escapes them). */
export function reflectedMarkup(body: string, sent: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const value of sent) if (value.includes("<") && body.includes(value)) found.add(value);
  for (const payload of [SCRIPT_TAG, IMG_BREAKOUT, SVG_BREAKOUT]) if (body.includes(payload)) found.add(payload);
  return [...found];
}

// ── JSON (API and socket events) ─────────────────────────────────────────────

export type JsonEntry = { label: string; value: unknown };

/** An object whose own "__proto__" key survives JSON.stringify (a literal would set the prototype). */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

export function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

export function deepObject(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

export const manyKeys = (n: number, value: unknown = "x"): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`veld${i}`, value]));

/** Values of the wrong type or shape where a string or number is expected. */
export const JSON_WRONG_TYPES: JsonEntry[] = [
  { label: "null", value: null },
  { label: "true", value: true },
  { label: "-1", value: -1 },
  { label: "0", value: 0 },
  { label: "1.5", value: 1.5 },
  { label: "2^53+1", value: 9007199254740993 },
  { label: "empty array", value: [] },
  { label: "array of strings", value: ["a", "b"] },
  { label: "empty object", value: {} },
  { label: "object", value: { value: "x" } },
  { label: "__proto__ object", value: withOwnKey({}, "__proto__", { polluted: "yes" }) },
  { label: "constructor.prototype", value: { constructor: { prototype: { polluted: "yes" } } } },
];

/** Whole request bodies that are not JSON, or not the JSON an endpoint wants. */
export const RAW_JSON_BODIES: { label: string; raw: string }[] = [
  { label: "empty body", raw: "" },
  { label: "whitespace body", raw: "   " },
  { label: "JSON fragment", raw: '{"a":' },
  { label: "open array", raw: "[" },
  { label: "__proto__ fragment", raw: '{"__proto__":' },
  { label: "bare word", raw: "undefined" },
  { label: "NaN", raw: "NaN" },
  { label: "1e309 (Infinity)", raw: "1e309" },
  { label: "2^53+1", raw: "9007199254740993" },
  { label: "NUL byte", raw: "\u0000" },
  { label: "single quotes", raw: "{'source':'insurer_mediation'}" },
  { label: "trailing comma", raw: '{"source":"insurer_mediation",}' },
  { label: "comment", raw: '{"source":"insurer_mediation" /* x */}' },
  { label: "replacement character", raw: "\uFFFD" },
  { label: "many values", raw: "1 2 3" },
];

// ── Deterministic sampling ───────────────────────────────────────────────────

/** mulberry32: a small seeded generator, so every run sends the same requests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number for a string (FNV-1a), to seed per route and field. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** n distinct entries, in a seeded order. */
export function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(n, pool.length));
}
