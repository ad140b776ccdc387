// `npm run bench:caseroom` (and a section of `npm run bench:scale`): the case room against a bare
// socket.io server, in one run, with the same client code.
//
// Each server runs in its own child process; the clients (socket.io-client, websocket transport)
// run in this one, so the servers do not share an event loop with them. The portal is the built
// one (createPortal) on a demo database (or BENCH_CASEROOM_DB / the scale database), with
// ROOMS × PER_ROOM signed-in table members written into it (bench/caseroom-data.ts); the bare
// server joins any room and broadcasts any message, numbering them as the portal does.
//
// Two phases per server:
//   latency – LATENCY_PER_ROOM messages per room (rotating senders), the rooms taking turns at
//             LATENCY_RATE messages per second in all; a message's latency is from its emit until
//             the last member of the room (the sender included) received it; p50 and p99;
//   drain   – every client sends DRAIN_PER_CLIENT messages at once; the drain rate is messages
//             per second until every member of every room has every message.
// Lost: a stored (acknowledged) message a member of its room never received; duplicated: one
// received twice. Both must be 0. The portal's own per-user rate limit stays on (burst 10): each
// participant sends 1 + DRAIN_PER_CLIENT messages per round.
//
// Both servers stay up for BENCH_ROUNDS (3) interleaved rounds (bare, portal, bare, portal …), so
// that one slow moment on a shared 2-core machine falls on either; every round is printed with what
// the server saw (its message-commit durations, GC pauses, event-loop delay, heap), and the targets
// are judged on the pooled latencies of all rounds. BENCH_COMPARE_AUTOCHECKPOINT=1 adds a third
// server in every round: the portal with SQLite's inline auto-checkpoint instead of the worker.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import type { BenchRoom } from "./caseroom-data";

const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 10);
const LATENCY_PER_ROOM = Number(process.env.BENCH_LATENCY_PER_ROOM ?? PER_ROOM);
/** Messages per second over all rooms in the latency phase (a busy portal: every room talking at once). */
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 100);
const DRAIN_PER_CLIENT = Number(process.env.BENCH_DRAIN_PER_CLIENT ?? 2);
const DELIVERY_TIMEOUT_MS = 30_000;

type Ready = { type: "ready"; port: number; rooms: BenchRoom[] };
type Message = { id: number; caseId: number; body: string };
type Ack = { ok: boolean; message?: Message; reason?: string; error?: string };

// ---------------------------------------------------------------- servers (child processes)

/** `autoCheckpoint`: the portal as before the checkpoint worker (SQLite checkpoints inside commits), for comparison. */
async function servePortal(databasePath: string | undefined, autoCheckpoint = false) {
  const { readConfig } = await import("../app/lib/config.server");
  const { createPortal } = await import("../server/app");
  const { benchParticipants } = await import("./caseroom-data");
  const dir = databasePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-caseroom-"));
  const config = readConfig({
    NODE_ENV: "test", // demo accounts and cases are seeded outside production
    DATABASE_PATH: databasePath ?? path.join(dir!, "bench.db"),
    UPLOADS_PATH: path.join(dir ?? path.dirname(databasePath!), "uploads"),
    SESSION_IDLE_MINUTES: "600",
  });
  const portal = await createPortal(config);
  if (autoCheckpoint) {
    await portal.walCheckpointer.stop();
    portal.services.db.$client.pragma("wal_autocheckpoint = 1000"); // SQLite's default
  }
  const { observeMessageCommits } = await import("../app/lib/case-room.server");
  observeMessageCommits(collectStats());
  const rooms = await benchParticipants(portal.services, ROOMS, PER_ROOM);
  const port = await portal.listen(0);
  onStop(async () => {
    await portal.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  process.send!({ type: "ready", port, rooms } satisfies Ready);
}

/** The same protocol with nothing behind it: join any room, number and broadcast any message. */
async function serveBare() {
  collectStats();
  const server = http.createServer();
  const io = new Server(server, { serveClient: false });
  let nextId = 1;
  io.on("connection", (socket) => {
    socket.on("room:join", ({ caseId }: { caseId: number }, ack: (a: unknown) => void) => {
      void socket.join(`case:${caseId}`);
      ack({ ok: true, caseId, messages: [], hasMore: false });
    });
    socket.on("room:message", ({ caseId, body }: { caseId: number; body: string }, ack: (a: Ack) => void) => {
      const message = { id: nextId++, caseId, body, createdAt: new Date().toISOString() };
      io.to(`case:${caseId}`).emit("room:message", message);
      ack({ ok: true, message });
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
  const rooms: BenchRoom[] = Array.from({ length: ROOMS }, (_, r) => ({ caseId: r + 1, cookies: Array(PER_ROOM).fill("") }));
  onStop(() => new Promise<void>((resolve) => io.close(() => resolve())));
  process.send!({ type: "ready", port, rooms } satisfies Ready);
}

// ---------------------------------------------------------------- what each server saw (per round)

/** Commit durations (portal), GC pauses and event-loop stalls of one server process since the last report. */
export type ServerStats = { commits: number[]; gc: number[]; majorGc: number; heapMB: number; loopMaxMs: number; loopP99Ms: number };

function collectStats() {
  const commits: number[] = [];
  const gc: number[] = [];
  let majorGc = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.push(entry.duration);
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGc++;
    }
  }).observe({ entryTypes: ["gc"] });
  process.on("message", (m) => {
    if (m !== "stats") return;
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
    const stats: ServerStats = { commits: commits.splice(0), gc: gc.splice(0), majorGc, heapMB, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 };
    loop.reset();
    majorGc = 0;
    process.send!({ type: "stats", stats });
  });
  return (ms: number) => commits.push(ms);
}

function onStop(stop: () => Promise<void>) {
  let stopping = false;
  const end = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  };
  process.on("message", (m) => m === "stop" && void end());
  process.on("disconnect", () => void end());
}

type Kind = "bare" | "portal" | "portal-auto";
const NAMES: Record<Kind, string> = { bare: "bare socket.io", portal: "portal case room", "portal-auto": "portal, auto-checkpoint" };

function startServer(kind: Kind, databasePath?: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(import.meta.url), [`--serve-${kind}`, ...(databasePath ? [databasePath] : [])], {
    env: { ...process.env, NODE_ENV: "production" }, // React's and Express's production paths, as deployed
    // BENCH_CPU_PROF=<dir>: a CPU profile of each server process, for `node --cpu-prof` reading.
    execArgv: process.env.BENCH_CPU_PROF ? [...process.execArgv, "--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${kind} server exited early (code ${code})`)));
    child.on("message", (m: Ready) => m.type === "ready" && resolve({ child, ready: m }));
  });
}

function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    const listener = (m: { type: string; stats: ServerStats }) => {
      if (m.type !== "stats") return;
      child.off("message", listener);
      resolve(m.stats);
    };
    child.on("message", listener);
    child.send("stats");
  });
}

async function stopServer(child: ChildProcess) {
  child.removeAllListeners("exit");
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));
}

// ---------------------------------------------------------------- clients (this process)

export type CaseRoomFigures = { p50: number; p99: number; drainPerSecond: number; messages: number; lost: number; duplicated: number; refused: number; latencies: number[] };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** Message numbers across rounds: a body (and clientMessageId) reused would be answered as a resend, not broadcast. */
let counter = 0;

async function measureClients(port: number, rooms: BenchRoom[]): Promise<CaseRoomFigures> {
  const url = `http://127.0.0.1:${port}`;
  type Member = { socket: Socket; caseId: number; seen: Set<number> };
  const sentAt = new Map<string, number>(); // body → emit time
  const pending = new Map<string, { left: number; done: (at: number) => void }>(); // body → members still to receive it
  const stored = new Map<number, Set<number>>(); // caseId → acknowledged message ids
  let duplicated = 0;
  let refused = 0;

  const members: Member[][] = [];
  for (const room of rooms) {
    const inRoom: Member[] = [];
    for (const cookie of room.cookies) {
      const socket = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false });
      const member: Member = { socket, caseId: room.caseId, seen: new Set() };
      socket.on("room:message", (m: Message) => {
        if (member.seen.has(m.id)) return void duplicated++;
        member.seen.add(m.id);
        const waiting = pending.get(m.body);
        if (waiting && --waiting.left === 0) {
          pending.delete(m.body);
          waiting.done(performance.now());
        }
      });
      inRoom.push(member);
    }
    members.push(inRoom);
    // Connect and join a room at a time: 500 handshakes at once would measure the handshake.
    await Promise.all(
      inRoom.map(async (m) => {
        await new Promise<void>((resolve, reject) => {
          m.socket.once("connect", resolve);
          m.socket.once("connect_error", reject);
        });
        const join = (await m.socket.timeout(10_000).emitWithAck("room:join", { caseId: m.caseId })) as Ack;
        if (!join.ok) throw new Error(`join refused: ${join.reason} ${join.error}`);
      }),
    );
  }

  /** Sends one message; resolves with the time its last room member received it. */
  const send = (member: Member, roomSize: number) => {
    const body = `bench ${process.pid} ${counter++}`;
    const delivered = new Promise<number>((resolve) => pending.set(body, { left: roomSize, done: resolve }));
    const at = performance.now();
    sentAt.set(body, at);
    const acked = (member.socket.timeout(DELIVERY_TIMEOUT_MS).emitWithAck("room:message", { caseId: member.caseId, clientMessageId: body.replaceAll(" ", "-"), body }) as Promise<Ack>).then(
      (ack) => {
        if (ack.ok && ack.message) (stored.get(member.caseId) ?? stored.set(member.caseId, new Set()).get(member.caseId)!).add(ack.message.id);
        else {
          refused++;
          pending.delete(body);
        }
        return ack.ok;
      },
    );
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), DELIVERY_TIMEOUT_MS).unref());
    return { at, acked, delivered: Promise.race([delivered, timeout]) };
  };

  // Latency: the rooms take turns, LATENCY_RATE messages per second in all.
  const latencies: number[] = [];
  const paced: Promise<void>[] = [];
  const gapMs = 1000 / LATENCY_RATE;
  const phaseStart = performance.now();
  for (let i = 0; i < LATENCY_PER_ROOM * members.length; i++) {
    const inRoom = members[i % members.length];
    const wait = phaseStart + i * gapMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { at, acked, delivered } = send(inRoom[Math.floor(i / members.length) % inRoom.length], inRoom.length);
    paced.push(
      acked.then(async (ok) => {
        const last = ok ? await delivered : Number.NaN;
        if (!Number.isNaN(last)) latencies.push(last - at);
      }),
    );
  }
  await Promise.all(paced);

  // Drain: every client sends at once.
  const drainStart = performance.now();
  const burst = members.flatMap((inRoom) => inRoom.flatMap((m) => Array.from({ length: DRAIN_PER_CLIENT }, () => send(m, inRoom.length))));
  const acks = await Promise.all(burst.map((b) => b.acked));
  const ends = await Promise.all(burst.filter((_, i) => acks[i]).map((b) => b.delivered));
  const drainSeconds = (Math.max(...ends.filter((e) => !Number.isNaN(e))) - drainStart) / 1000;

  // Lost: acknowledged messages a member of the room never received.
  let lost = 0;
  for (const inRoom of members) for (const m of inRoom) for (const id of stored.get(m.caseId) ?? []) if (!m.seen.has(id)) lost++;
  for (const inRoom of members) for (const m of inRoom) m.socket.disconnect();

  latencies.sort((a, b) => a - b);
  const delivered = acks.filter(Boolean).length;
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    drainPerSecond: delivered / drainSeconds,
    messages: latencies.length + delivered,
    lost,
    duplicated,
    refused,
    latencies,
  };
}

// ---------------------------------------------------------------- the run

const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

/** "<1:12 1-2:40 … ≥128:0" with p50/p99/max: how long a server's commits (or GC pauses) took. */
function histogram(label: string, values: number[]) {
  if (values.length === 0) return `${label}: none`;
  const sorted = [...values].sort((a, b) => a - b);
  const counts = BUCKETS.map((b, i) => sorted.filter((v) => v >= (BUCKETS[i - 1] ?? 0) && v < b).length);
  const cells = BUCKETS.map((b, i) => `${BUCKETS[i - 1] ?? 0}-${b}:${counts[i]}`);
  cells.push(`≥${BUCKETS.at(-1)}:${sorted.filter((v) => v >= BUCKETS.at(-1)!).length}`);
  return `${label}: n ${values.length}, p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted.at(-1)!)} ms | ${cells.join(" ")}`;
}

const pooled = (rounds: CaseRoomFigures[]): CaseRoomFigures => {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sum = (k: "messages" | "lost" | "duplicated" | "refused") => rounds.reduce((n, r) => n + r[k], 0);
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    drainPerSecond: rounds.reduce((n, r) => n + r.drainPerSecond, 0) / rounds.length,
    messages: sum("messages"),
    lost: sum("lost"),
    duplicated: sum("duplicated"),
    refused: sum("refused"),
    latencies,
  };
};

/**
 * Both servers, the same clients, in ROUNDS interleaved rounds (bare, portal, bare, portal …) so
 * that a passing disturbance on a shared machine falls on both; every round is printed and the
 * targets are judged on the pooled latencies of all rounds (none dropped). Returns the pooled
 * figures (for bench:scale).
 */
export async function runCaseRoomBench(options: { databasePath?: string } = {}) {
  const loadBefore = os.loadavg()[0];
  // BENCH_COMPARE_AUTOCHECKPOINT=1: a third server, the portal with SQLite's own checkpoints, on its own fresh database.
  const kinds: Kind[] = process.env.BENCH_COMPARE_AUTOCHECKPOINT === "1" && !options.databasePath ? ["bare", "portal", "portal-auto"] : ["bare", "portal"];
  const servers = {} as Record<Kind, Awaited<ReturnType<typeof startServer>>>;
  for (const kind of kinds) servers[kind] = await startServer(kind, kind === "portal" ? options.databasePath : undefined);
  const rounds: { name: string; round: number; figures: CaseRoomFigures }[] = [];
  console.log(
    `\ncase room: ${ROOMS * PER_ROOM} socket.io clients in ${ROOMS} rooms; latency ${LATENCY_PER_ROOM} messages per room at ${LATENCY_RATE} messages/s in all, ` +
      `drain ${DRAIN_PER_CLIENT} per client at once; ${ROUNDS} rounds of ${kinds.join(", ")}; priority ${os.getPriority()}, load average before ${loadBefore.toFixed(2)} (${os.cpus().length} cores)`,
  );
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of kinds) {
        const { child, ready } = servers[kind];
        await serverStats(child); // from here on
        const figures = await measureClients(ready.port, ready.rooms);
        const stats = await serverStats(child);
        rounds.push({ name: NAMES[kind], round, figures });
        console.log(
          `round ${round} ${kind}: p50 ${ms(figures.p50)} p99 ${ms(figures.p99)} ms, refused ${figures.refused}, lost ${figures.lost}, drain ${figures.drainPerSecond.toFixed(0)} msg/s, load ${os.loadavg()[0].toFixed(2)}; ` +
            `event loop p99 ${ms(stats.loopP99Ms)} max ${ms(stats.loopMaxMs)} ms; heap ${stats.heapMB.toFixed(0)} MB`,
        );
        if (kind !== "bare") console.log(`  ${histogram("message commits", stats.commits)}`);
        console.log(`  ${histogram(`GC pauses (${stats.majorGc} major)`, stats.gc)}`);
      }
    }
  } finally {
    await Promise.all(kinds.map((kind) => stopServer(servers[kind].child)));
  }
  const results = kinds.map((kind) => NAMES[kind]).map((name) => ({ name, figures: pooled(rounds.filter((r) => r.name === name).map((r) => r.figures)) }));
  const [bare, portal] = results.map((r) => r.figures);
  const rows = [
    ["server (all rounds pooled)", "p50 ms", "p99 ms", "drain msg/s", "messages", "lost", "duplicated", "refused"],
    ...results.map(({ name, figures: f }) => [name, ms(f.p50), ms(f.p99), f.drainPerSecond.toFixed(0), String(f.messages), String(f.lost), String(f.duplicated), String(f.refused)]),
    ...results.slice(1).map(({ name, figures: f }) => [`${name} ÷ bare`, `${(f.p50 / bare.p50).toFixed(2)}×`, `${(f.p99 / bare.p99).toFixed(2)}×`, `${(f.drainPerSecond / bare.drainPerSecond).toFixed(2)}×`, "", "", "", ""]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  console.log(`\nload average after ${os.loadavg()[0].toFixed(2)}; per round p99 ratio ${rounds.filter((r) => r.name === "portal case room").map((r) => (r.figures.p99 / rounds.find((b) => b.name === "bare socket.io" && b.round === r.round)!.figures.p99).toFixed(2) + "×").join(", ")}\n`);
  console.log([line(rows[0]), "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|", ...rows.slice(1).map(line)].join("\n"));
  const targets = {
    p99Under50: portal.p99 < 50,
    within3xOfBare: portal.p99 <= 3 * bare.p99,
    noneLostOrDuplicated: results.every((r) => r.figures.lost === 0 && r.figures.duplicated === 0 && r.figures.refused === 0),
  };
  console.log(`\ntargets: p99 < 50 ms ${targets.p99Under50 ? "met" : "NOT met"}; p99 within 3× bare ${targets.within3xOfBare ? "met" : "NOT met"}; 0 lost, 0 duplicated, 0 refused ${targets.noneLostOrDuplicated ? "met" : "NOT met"}`);
  return { bare, portal, targets };
}

const serving = process.argv.find((a) => a.startsWith("--serve-"));
if (serving === "--serve-portal") await servePortal(process.argv[process.argv.indexOf(serving) + 1]);
else if (serving === "--serve-portal-auto") await servePortal(undefined, true);
else if (serving === "--serve-bare") await serveBare();
else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { targets } = await runCaseRoomBench({ databasePath: process.env.BENCH_CASEROOM_DB });
  if (!targets.noneLostOrDuplicated) process.exitCode = 1;
}
