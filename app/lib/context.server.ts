// What the Express server hands every loader and action (via getLoadContext). Stateful
// services live here, not in module singletons, because the server and the Remix build
// load separate copies of app modules.
import type { Lucia } from "lucia";
import type { Server as SocketServer } from "socket.io";
import type { AppConfig } from "./config.server";
import type { Db } from "~/models/db.server";
import type { TokenBuckets } from "../domain/rate-limit";
import type { LoginThrottle } from "./login-throttle.server";
import type { AuditOrigin } from "~/models/audit.server";
import type { CurrentUser } from "./auth.server";

export type AppServices = {
  config: AppConfig;
  db: Db;
  lucia: Lucia;
  loginThrottle: LoginThrottle;
  /** Case-room messages per user (socket and form post share it), in memory: it guards a burst, not a day. */
  messageRate: TokenBuckets;
  /** Set once socket.io is attached; used to disconnect a user's sockets. */
  io: SocketServer | null;
  /** Origin for links in mails: APP_ORIGIN, else http://localhost:<port> once listening. */
  publicOrigin: string;
  /** Sends the outbox; set once the portal runs. Tests call runOnce() instead of waiting for the timer. */
  mailWorker: { runOnce(now?: Date): Promise<{ sent: number; failed: number }> } | null;
};

export type RequestContext = {
  services: AppServices;
  origin: AuditOrigin;
  cspNonce: string;
  /** Per HTTP request: the root and the page loader share one session lookup. */
  memo: { currentUser?: Promise<CurrentUser | null> };
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
