// The API refuses fields its schema does not know (422), as its OpenAPI document says
// (additionalProperties: false, generated from the same zod schemas). The schemas themselves stay
// lenient for the portal's own forms; this walks a schema and a JSON value side by side.
import type { ZodTypeAny } from "zod";
import { z } from "~/domain/dutch-errors";

export const UNKNOWN_FIELD_MESSAGE = "Onbekend veld: dit veld bestaat niet in de API. Laat het weg of controleer de spelling (zie /api/v1/openapi.json).";

/** The innermost schema under optional/nullable/default/effects wrappers. */
function unwrap(schema: ZodTypeAny): ZodTypeAny {
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) schema = schema.unwrap();
    else if (schema instanceof z.ZodDefault) schema = schema.removeDefault();
    else if (schema instanceof z.ZodEffects) schema = schema.innerType();
    else return schema;
  }
}

/** Dotted paths ("patient.extra", "priorAttempts.0.note") of every field in `value` that `schema` does not define. */
export function unknownFields(schema: ZodTypeAny, value: unknown, path = ""): string[] {
  const inner = unwrap(schema);
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (inner instanceof z.ZodObject && value && typeof value === "object" && !Array.isArray(value)) {
    const shape = inner.shape as Record<string, ZodTypeAny>;
    return Object.entries(value).flatMap(([key, v]) => (Object.hasOwn(shape, key) ? unknownFields(shape[key], v, at(key)) : [at(key)]));
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((item, i) => unknownFields(inner.element, item, at(i)));
  return [];
}
