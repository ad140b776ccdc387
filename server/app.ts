// The portal as one Express app: security middleware, /healthz, socket.io and Remix on one port.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createLucia, sessionCookieName } from "../app/lib/auth.server";
import type { AppConfig } from "../app/lib/config.server";
import type { AppServices, RequestContext } from "../app/lib/context.server";
import { databaseAnswers, openDatabase } from "../app/models/db.server";
import { createTokenBuckets } from "../app/domain/rate-limit";
import { createLoginThrottle } from "../app/lib/login-throttle.server";
import { purgeExpiredRoomMessages } from "../app/models/retention.server";
import { seedDemoData, seedReferenceData } from "../db/seed";
import { bodyLimits } from "./body-limits";
import { remixHandler } from "./remix-handler";
import { csrfOriginCheck, cspNonce, noStore, securityHeaders } from "./security";
import { auditAnchorTick, startAuditAnchoring } from "./audit-anchoring";
import { auditPerRequest } from "./audit-per-request";
import { createMailSender } from "../app/lib/mail.server";
import { startMailWorker, type MailWorker } from "./mail-worker";
import { attachSockets } from "./sockets";
import { startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer";

export type Portal = {
  services: AppServices;
  httpServer: http.Server;
  /** Checkpoints the WAL in a worker thread; the serving connection never does. */
  walCheckpointer: WalCheckpointer;
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
};

export async function createPortal(config: AppConfig, options: { buildPath?: string } = {}): Promise<Portal> {
  const db = openDatabase(config.databasePath);
  const walCheckpointer = startWalCheckpointer(db, config.databasePath, config.walCheckpointMs);
  seedReferenceData(db);
  if (config.seedDemoData) await seedDemoData(db);

  const services: AppServices = {
    config,
    db,
    lucia: createLucia(db, config),
    loginThrottle: createLoginThrottle(db, config.login),
    messageRate: createTokenBuckets(config.caseRoomMessageRate),
    io: null,
    publicOrigin: config.appOrigin ?? `http://localhost:${config.port}`,
    mailWorker: null,
  };

  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", config.trustProxy);
  // Health checks first: no page middleware (nonce, CSP, compression) for a 30-byte answer.
  app.get("/healthz", (_req, res) => {
    const ok = databaseAnswers(db);
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "unavailable", db: ok ? "ok" : "error" });
  });
  app.use(closeIfBodyUnread);
  // Compression only where it pays: not below 2 KB, not for already-compressed types (the
  // default filter), at a lower level than zlib's default 6, which costs more CPU than it saves bytes on HTML.
  app.use(compression({ threshold: 2048, level: 4 }));
  app.use(cspNonce, securityHeaders(config));

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only a path with a file extension can be a file in public/: pages skip the disk look-up.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  // Origin first (a foreign post is refused before its body is read), then the body limits.
  app.use(auditPerRequest, noStore, csrfOriginCheck(config), bodyLimits(sessionCookieName(config)));

  const buildPath = options.buildPath ?? path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  app.all(
    "*",
    remixHandler({
      build,
      mode: config.production ? "production" : "development",
      getLoadContext: (req, res): RequestContext => ({
        services,
        origin: { ip: req.ip ?? req.socket.remoteAddress ?? null, userAgent: req.get("user-agent") ?? null },
        cspNonce: res.locals.cspNonce as string,
        memo: {},
      }),
    }),
  );

  const httpServer = http.createServer(app);
  attachSockets(httpServer, services);

  // Retention of case-room messages: at start and daily; unref so it never keeps the process alive.
  const purge = () => purgeExpiredRoomMessages(db, new Date(), config.caseRoomRetentionDays);
  purge();
  const retentionTimer = setInterval(purge, 24 * 3_600_000);
  retentionTimer.unref();
  const portalOrigin = () => services.publicOrigin;
  const stopAnchoring = startAuditAnchoring(db, config, portalOrigin);

  let mailWorker: MailWorker | null = null;

  return {
    services,
    httpServer,
    walCheckpointer,
    listen: (port = config.port) =>
      new Promise((resolve) => {
        httpServer.listen(port, () => {
          const address = httpServer.address();
          const bound = typeof address === "object" && address ? address.port : port;
          if (!config.appOrigin) services.publicOrigin = `http://localhost:${bound}`;
          // Mails link to the public origin, so the worker starts once the port is known.
          mailWorker ??= startMailWorker(services, createMailSender(config.mail));
          services.mailWorker = mailWorker;
          resolve(bound);
        });
      }),
    close: async () => {
      clearInterval(retentionTimer);
      stopAnchoring();
      auditAnchorTick(db, config, portalOrigin); // the head at shutdown, so a cut while stopped shows
      await mailWorker?.stop();
      await new Promise<void>((resolve) => services.io!.close(() => resolve()));
      await walCheckpointer.stop(); // first: the last connection to close checkpoints and removes the WAL
      db.$client.close();
    },
  };
}

/** Whether the request carries a body (GET and HEAD normally do not). */
const hasBody = (req: express.Request) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/**
 * An answer sent before the request's body was read to its end (a 403, 404 or 413 in front of an
 * upload) ends the connection: "Connection: close". Kept alive, the unread rest of the body would
 * stand before the client's next request on that connection, which then hangs until the server's
 * keep-alive timeout drops it. A client opens a fresh connection instead.
 */
function closeIfBodyUnread(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (!hasBody(req)) return next();
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    if (!req.complete && !this.headersSent) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
}
