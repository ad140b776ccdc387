// The guard of the intake API: a bearer token instead of a session. Every API loader and action
// starts with requireApiClient, as pages start with requireUser. Errors are JSON, never HTML.
import { json, type AppLoadContext } from "@remix-run/node";
import type { OrganisationType } from "~/domain/vocabulary";
import { findApiTokenByValue, markApiTokenUsed } from "~/models/api-tokens.server";
import { audit, type AuditActor } from "~/models/audit.server";

export type ApiClient = {
  tokenId: number;
  organisationId: number;
  organisationType: OrganisationType;
  auditActor: AuditActor;
};

export type ApiErrorBody = { error: string; message: string; fields?: Record<string, string[]> };

/** A JSON error answer: {"error": code, "message": Dutch text, ...extra}. */
export function apiError(status: number, error: string, message: string, extra: { fields?: Record<string, string[]> } = {}, headers: HeadersInit = {}): Response {
  const body: ApiErrorBody = { error, message, ...extra };
  return json(body, { status, headers });
}

export const UNAUTHORIZED_MESSAGE = "Geen geldig API-token. Stuur het token mee als ‘Authorization: Bearer <token>’; een ingetrokken token werkt niet meer.";

function unauthorized(): Response {
  return apiError(401, "unauthorized", UNAUTHORIZED_MESSAGE, {}, { "WWW-Authenticate": 'Bearer realm="regiotafel"' });
}

/** 405 for a method the resource does not offer. */
export function methodNotAllowed(allow: string): Response {
  return apiError(405, "method_not_allowed", `Deze methode is hier niet mogelijk. Toegestaan: ${allow}.`, {}, { Allow: allow });
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match ? match[1] : null;
}

/**
 * The calling system, or a thrown 401 (JSON, WWW-Authenticate: Bearer). Unknown, malformed and
 * revoked tokens, and tokens of a deactivated organisation, are refused alike. Refusals are
 * audited without the token.
 */
export async function requireApiClient(request: Request, context: AppLoadContext): Promise<ApiClient> {
  const { db } = context.services;
  const token = bearerToken(request);
  const found = token ? findApiTokenByValue(db, token) : null;
  if (!found || found.revokedAt || !found.organisationActive) {
    const reason = !token ? "geen token" : !found ? "onbekend token" : found.revokedAt ? "ingetrokken token" : "organisatie gedeactiveerd";
    audit(db, {
      action: "api.unauthorized",
      outcome: "denied",
      actor: found ? actorOfToken(found) : null,
      detail: `${request.method} ${new URL(request.url).pathname}: ${reason}`,
      origin: context.origin,
    });
    throw unauthorized();
  }
  markApiTokenUsed(db, found.id);
  return { tokenId: found.id, organisationId: found.organisationId, organisationType: found.organisationType, auditActor: actorOfToken(found) };
}

function actorOfToken(token: { id: number; name: string; organisationId: number }): AuditActor {
  return { userId: `api-token:${token.id}`, userEmail: `api:${token.name}`, role: "api", organisationId: token.organisationId };
}
