// `npm run bench`: how much of a bare Node HTTP server's throughput the portal keeps.
//
// The servers (the built portal and a bare node:http server answering /healthz's bytes) run
// in a child process of this script, the load generator (autocannon) in this one: in one
// process they would share one event loop and measure each other.
//
// Measured, one after the other, 10 connections, 1 s warm-up + 5 s each:
//   1. bare node:http          – the ceiling on this machine
//   2. GET /healthz            – Express + helmet + compression + a SQLite `select 1`
//   3. GET / signed in (chair) – session check, permission checks, DB queries, React SSR
// BENCH_ONLY=home,healthz,bare picks targets; BENCH_CPU_PROF=<dir> writes the server's CPU profile.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { login } from "./login";

const CONNECTIONS = 10;
const DURATION_S = 5;
const WARMUP_S = 1;
const BENCH_USER = "voorzitter.rotterdam@regiotafel.test";

type Ready = { type: "ready"; portalPort: number; barePort: number; healthzBytes: number; nodeEnv: string };

// ---------------------------------------------------------------- server side (child process)

async function serve() {
  // Imported here so the load generator never loads the portal (or React) itself.
  const { readConfig } = await import("../app/lib/config.server");
  const { createPortal } = await import("../server/app");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-bench-"));
  const config = readConfig({
    NODE_ENV: "test", // demo accounts are seeded outside production
    DATABASE_PATH: path.join(dir, "bench.db"),
    UPLOADS_PATH: path.join(dir, "uploads"),
  });
  const portal = await createPortal(config);
  const portalPort = await portal.listen(0);

  // The bare server answers exactly the body and content type /healthz answers.
  const healthz = await fetch(`http://127.0.0.1:${portalPort}/healthz`);
  const body = Buffer.from(await healthz.arrayBuffer());
  const contentType = healthz.headers.get("content-type") ?? "application/json";
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });
  const barePort = await new Promise<number>((resolve) => bare.listen(0, "127.0.0.1", () => resolve((bare.address() as { port: number }).port)));

  let served = 0; // requests answered by either server, warm-up included, as the CPU time is
  portal.httpServer.on("request", () => served++);
  bare.on("request", () => served++);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    bare.close();
    await portal.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("message", (m) => {
    if (m === "stop") void stop();
    // The server process's CPU time so far (µs): per request it holds up better than req/s on a busy machine.
    if (m === "cpu") process.send!({ type: "cpu", ...process.cpuUsage(), served });
  });
  process.on("disconnect", () => void stop());

  const ready: Ready = { type: "ready", portalPort, barePort, healthzBytes: body.length, nodeEnv: process.env.NODE_ENV ?? "" };
  process.send!(ready);
}

// ---------------------------------------------------------------- load generator (parent)

function startServers(): Promise<{ child: ChildProcess; ready: Ready }> {
  // React and Express pick their production code paths from process.env.NODE_ENV; the portal's
  // own config is NODE_ENV=test either way (see above). BENCH_NODE_ENV=test measures React's dev build.
  const nodeEnv = process.env.BENCH_NODE_ENV === "test" || process.env.BENCH_NODE_ENV === "development" ? process.env.BENCH_NODE_ENV : "production";
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], {
    env: { ...process.env, NODE_ENV: nodeEnv },
    // BENCH_CPU_PROF=<dir>: a CPU profile of the server process (node --cpu-prof).
    execArgv: process.env.BENCH_CPU_PROF ? [...process.execArgv, "--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server process exited early (code ${code})`)));
    child.on("message", (m: Ready) => {
      if (m.type === "ready") resolve({ child, ready: m });
    });
  });
}

type Target = { name: string; url: string; headers?: Record<string, string> };

/** CPU time (user + system, ms) the server process has used so far, and the requests it answered. */
function serverCpu(child: ChildProcess): Promise<{ ms: number; served: number }> {
  return new Promise((resolve) => {
    const answer = (m: { type?: string; user?: number; system?: number; served?: number }) => {
      if (m.type !== "cpu") return;
      child.off("message", answer);
      resolve({ ms: (m.user! + m.system!) / 1000, served: m.served! });
    };
    child.on("message", answer);
    child.send("cpu");
  });
}

async function measure(target: Target): Promise<Result> {
  process.stderr.write(`measuring ${target.name} …\n`);
  return autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
    headers: target.headers,
  });
}

function table(rows: { target: Target; result: Result; cpuMsPerRequest: number }[]): string {
  const bare = rows.find((r) => r.target.name.startsWith("bare"));
  const baseline = bare ? bare.result.requests.average : NaN;
  const lines = [
    ["target", "req/s", "p50 ms", "p99 ms", "vs bare node", "server CPU ms/req", "non-2xx/errors"],
    ...rows.map(({ target, result, cpuMsPerRequest }) => [
      target.name,
      Math.round(result.requests.average).toLocaleString("en-US"),
      String(result.latency.p50),
      String(result.latency.p99),
      Number.isNaN(baseline) ? "–" : `${(result.requests.average / baseline).toFixed(3)}`,
      cpuMsPerRequest.toFixed(2),
      `${result.non2xx}/${result.errors + result.timeouts}`,
    ]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const fmt = (l: string[]) => "| " + l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [fmt(lines[0]), rule, ...lines.slice(1).map(fmt)].join("\n");
}

async function main() {
  const started = Date.now();
  // Other work on the machine skews every figure: the 1-minute load average is printed with them.
  const loadBefore = os.loadavg()[0];
  const { child, ready } = await startServers();
  try {
    const portal = `http://127.0.0.1:${ready.portalPort}`;
    const cookie = await login(portal, BENCH_USER);

    // Measure what we think we measure: the signed-in home page, not a redirect to /inloggen.
    const check = await fetch(`${portal}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    const html = await check.text();
    if (check.status !== 200 || !html.includes("Welkom,")) throw new Error(`GET / with the session cookie answered ${check.status}, not the home page`);

    const targets: Target[] = [
      { name: `bare node:http (${ready.healthzBytes} B, same body as /healthz)`, url: `http://127.0.0.1:${ready.barePort}/healthz` },
      { name: "GET /healthz (Express, helmet, SQLite select 1)", url: `${portal}/healthz` },
      {
        name: "GET / signed in (chair; session, DB, React SSR)",
        url: `${portal}/`,
        headers: { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br", Accept: "text/html" },
      },
    ];
    // BENCH_ONLY=home (or healthz, bare): measure just those targets, e.g. under BENCH_CPU_PROF.
    const only = process.env.BENCH_ONLY?.split(",");
    const rows = [];
    for (const target of targets) {
      if (only && !only.some((word) => target.name.toLowerCase().includes(word === "home" ? "signed in" : word))) continue;
      const before = await serverCpu(child);
      const result = await measure(target);
      const after = await serverCpu(child);
      rows.push({ target, result, cpuMsPerRequest: (after.ms - before.ms) / Math.max(1, after.served - before.served) });
    }

    const cpu = os.cpus();
    console.log(
      `\nRegiotafel HTTP benchmark – ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.platform()} ${os.arch()}, ` +
        `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}`,
    );
    console.log(
      `autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per target; servers in a child process ` +
        `(process NODE_ENV=${ready.nodeEnv}, portal config NODE_ENV=test); home page ${Math.round(html.length / 1024)} KiB; ` +
        `load average before ${loadBefore.toFixed(2)}, after ${os.loadavg()[0].toFixed(2)}\n`,
    );
    console.log(table(rows));
    console.log(`\n(req/s: mean of per-second samples; "vs bare node": req/s ÷ bare node req/s; total run ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const bad = rows.filter((r) => r.result.non2xx > 0 || r.result.errors > 0);
    if (bad.length) {
      console.error(`\nNot every response was a 2xx: ${bad.map((r) => r.target.name).join(", ")} – figures are not valid.`);
      process.exitCode = 1;
    }
  } finally {
    child.send("stop");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

if (process.argv.includes("--serve")) {
  await serve();
} else {
  await main();
}
