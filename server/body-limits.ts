// Limits on a request body before anything parses it (security.md, "Cost of a request"): a size
// per kind of request, answered with 413 as soon as it is passed, and a cap on the number of form
// fields. A form body is read here into memory (at most its limit) and handed to Remix from there,
// so a refused body never reaches a parser and an anonymous request costs microseconds.
import type { NextFunction, Request, Response } from "express";

export const BODY_LIMITS = {
  /** No session cookie: the login and activation forms, a few hundred bytes each. */
  anonymousBytes: 32 * 1024,
  /** A signed-in form (the longest is the referral draft: ~20 text fields of at most 5,000 characters). */
  formBytes: 1024 * 1024,
  /** Fields in one form, for any request; the largest form (the referral draft) has fewer than 200. */
  fields: 1_000,
  /** Past a limit, the rest of a body is read and thrown away up to this, so the client sees the 413; beyond it the connection is dropped. */
  discardBytes: 64 * 1024 * 1024,
} as const;

/**
 * Requests whose route reads the body itself, streaming, with its own limits: the intake API
 * (JSON, 1 MB, app/lib/api-request.server.ts) and the attachment upload of a referral draft
 * (multipart, 10 MB per file, app/lib/attachments.server.ts). Both need a signed-in session or a token.
 */
function readByRoute(req: Request, signedIn: boolean): boolean {
  if (req.path.startsWith("/api/")) return true;
  const multipart = (req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
  return signedIn && multipart && /^\/verwijzingen\/concept\/[^/]+\/?$/.test(req.path);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const hasBody = (req: Request) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/** Fields in a form body, counted on the bytes (no parsing): "&"-separated, or multipart parts. */
export function fieldCount(body: Buffer, contentType: string | undefined): number {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    if (!boundary) return 0;
    const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    let parts = -1; // the last delimiter closes the body
    for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length)) parts++;
    return Math.max(parts, 0);
  }
  if (body.length === 0) return 0;
  let separators = 0;
  for (let i = 0; i < body.length; i++) if (body[i] === 0x26 /* & */) separators++;
  return separators + 1;
}

function refuse(req: Request, res: Response, message: string, seen: number) {
  res.status(413).set("Connection", "close").type("text/plain; charset=utf-8").send(message);
  // Read the rest without keeping it, so the client gets to read this answer; drop a flood.
  let discarded = seen;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > BODY_LIMITS.discardBytes) req.socket.destroy();
  });
  req.resume();
}

const TOO_LARGE = "Het verzoek is te groot. Verstuur minder tekst, of voeg een groot bestand als bijlage toe.";
const TOO_MANY_FIELDS = `Het formulier heeft te veel velden (hoogstens ${BODY_LIMITS.fields}).`;

/**
 * Express middleware: a form body within its limits ends up in res.locals.body (a Buffer) for the
 * Remix handler; bodies read by their own route stream on. `sessionCookie`: the session cookie's name.
 */
export function bodyLimits(sessionCookie: string) {
  const sessionPattern = new RegExp(`(?:^|;\\s*)${sessionCookie}=[^;]`);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!UNSAFE.has(req.method) || !hasBody(req)) return next();
    const signedIn = sessionPattern.test(req.headers.cookie ?? "");
    if (readByRoute(req, signedIn)) return next();
    const limit = signedIn ? BODY_LIMITS.formBytes : BODY_LIMITS.anonymousBytes;
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (declared > limit) return refuse(req, res, TOO_LARGE, 0);

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done = true;
      req.off("data", onData).off("end", onEnd);
      refuse(req, res, TOO_LARGE, size);
    };
    const onEnd = () => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks, size);
      if (fieldCount(body, req.headers["content-type"]) > BODY_LIMITS.fields) {
        res.status(413).type("text/plain; charset=utf-8").send(TOO_MANY_FIELDS);
        return;
      }
      res.locals.body = body;
      next();
    };
    req.on("data", onData).on("end", onEnd).on("error", (error) => {
      if (!done) next(error);
    });
  };
}
