// One audit transaction per request: the events a request's loaders and actions record are
// written together just before the status line goes out (Node sends every response's headers
// through writeHead, also for res.end() without it). If that write fails, the connection is
// dropped rather than answering: a change must never look acknowledged without its audit trail.
import type express from "express";
import { createAuditScope, flushAudit, runInAuditScope } from "../app/models/audit.server";

export function auditPerRequest(req: express.Request, res: express.Response, next: express.NextFunction) {
  const scope = createAuditScope();
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    try {
      flushAudit(scope);
    } catch (error) {
      console.error("Auditlog niet geschreven; verbinding verbroken", error instanceof Error ? error.message : error);
      req.socket.destroy();
      return this;
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
  // A request that ends without an answer (client gone) still leaves its trail.
  res.on("close", () => {
    try {
      flushAudit(scope);
    } catch (error) {
      console.error("Auditlog niet geschreven", error instanceof Error ? error.message : error);
    }
  });
  runInAuditScope(scope, next);
}
