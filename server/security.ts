// HTTP hardening shared by every response: headers (ASVS V14) and the CSRF origin check (ASVS V4.2.2).
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import type { AppConfig } from "../app/lib/config.server";

/** A fresh nonce per response lets Remix's own inline scripts run under a strict CSP. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
}

export function securityHeaders(config: AppConfig) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", ...(config.production ? [] : ["ws:"])],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        ...(config.production ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // HSTS only where the portal is served over HTTPS.
    strictTransportSecurity: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  });
}

/** Pages may show patient data: never cache them in a browser or proxy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Cache-Control", "no-store");
  next();
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every state-changing request must come from the portal's own origin (Origin header, or Referer
 * when a browser leaves Origin out), with or without cookies: without one, a foreign page could
 * sign the victim's browser into the attacker's account (login CSRF), also through a Remix `_data`
 * request, on which Remix's own check does not run. Refused with 403 before the body is read.
 * Only the intake API is exempt when no cookie is sent: it authenticates with a bearer token,
 * which a foreign page cannot make a browser send.
 */
export function csrfOriginCheck(config: AppConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!UNSAFE.has(req.method)) return next();
    if (req.path.startsWith("/api/") && !req.headers.cookie) return next();
    const expected = config.appOrigin ?? `${req.protocol}://${req.headers.host}`;
    const source = req.headers.origin ?? originOf(req.headers.referer);
    if (source && source === expected) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Verzoek geweigerd: het formulier komt niet van dit portaal.");
  };
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
