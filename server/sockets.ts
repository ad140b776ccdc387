// socket.io on the same HTTP server. The session cookie authenticates every connection
// (recovered ones too); each socket joins user:<id> and session:<id> so logout,
// deactivation and consent withdrawal can disconnect it.
import type http from "node:http";
import { Server } from "socket.io";
import { authenticateCookieHeader, type CurrentUser } from "../app/lib/auth.server";
import type { AppServices } from "../app/lib/context.server";

export type SocketData = { user: CurrentUser };

export function attachSockets(httpServer: http.Server, services: AppServices) {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    // Cross-site WebSocket hijacking: only pages of this portal may open a socket.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const expected = services.config.appOrigin ?? `http://${req.headers.host}`;
      const sameOrigin = !origin || origin === expected || origin === expected.replace(/^http:/, "https:");
      callback(sameOrigin ? null : "origin not allowed", sameOrigin);
    },
  });

  io.use(async (socket, next) => {
    try {
      const user = await authenticateCookieHeader(services, socket.handshake.headers.cookie);
      if (!user) return next(new Error("unauthorized"));
      socket.data.user = user;
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on("connection", (socket) => {
    const { user } = socket.data;
    void socket.join([`user:${user.id}`, `session:${user.sessionId}`]);
  });

  services.io = io as unknown as Server;
  return io;
}
