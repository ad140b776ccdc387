# Regiotafel in a container: one Node process (portal, socket.io, mail worker) and a SQLite file on
# a volume. Build: docker build -t regiotafel .  Run: see README "Running it for real".

# ── build: native better-sqlite3, the Remix build ──
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ── runtime: no compiler, no dev dependencies, not root ──
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/regiotafel.db \
    UPLOADS_PATH=/data/uploads \
    AUDIT_ANCHOR_DIR=/anchors
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data /anchors && chown node:node /data /anchors
USER node
# Audit anchors on a volume of their own: mount it from another disk than the database.
VOLUME ["/data", "/anchors"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations run at start; SIGTERM closes the server and the mail worker cleanly.
CMD ["node_modules/.bin/tsx", "server/index.ts"]
