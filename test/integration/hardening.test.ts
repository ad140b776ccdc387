// Findings 1, 2, 5, 6 and 10 of the security review (issue 13), each with the figures it promises.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { io as connect } from "socket.io-client";
import { cases } from "#db/schema";
import { DEFAULT_MESSAGE_RATE } from "~/domain/rate-limit";
import type { JoinAck, MessageAck } from "~/lib/case-room";
import { Client, DEMO_PASSWORD, DEMO_TOTP_SECRET, forgetLastStep, freshTotpCode, loggedIn, pendingLoginCookie, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

/** /healthz answered while `during` runs: the slowest of a few probes, in ms. */
async function healthDuring(during: Promise<unknown>): Promise<number> {
  let slowest = 0;
  let done = false;
  const probes = (async () => {
    while (!done) {
      const start = performance.now();
      await (await fetch(`${t.url}/healthz`)).text();
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await during;
  done = true;
  await probes;
  return slowest;
}

describe("finding 1: no anonymous stall", () => {
  it("answers 60,000 fields and a 20 MB body with 413 in under 1 s while /healthz stays under 200 ms", async () => {
    // Bodies encoded before the clock starts: the probes measure the server, not this process encoding 20 MB.
    const fields = new TextEncoder().encode(Array.from({ length: 60_000 }, (_, i) => `f${i}=x`).join("&"));
    const big = new TextEncoder().encode("a=" + "x".repeat(20 * 1024 * 1024));
    const figures: string[] = [];
    for (const [label, body] of [["60,000 fields", fields], ["20 MB", big]] as const) {
      const start = performance.now();
      const request = fetch(`${t.url}/inloggen`, { method: "POST", headers: { Origin: t.url, "Content-Type": "application/x-www-form-urlencoded" }, body });
      const health = await healthDuring(request);
      const response = await request;
      await response.text();
      const ms = performance.now() - start;
      figures.push(`${label}: ${response.status} in ${ms.toFixed(0)} ms, /healthz slowest ${health.toFixed(0)} ms`);
      expect(response.status).toBe(413);
      expect(ms).toBeLessThan(1_000);
      expect(health).toBeLessThan(200);
    }
    // A signed-in form over the field cap is refused the same way.
    const chair = await loggedIn(t.url, "voorzitter.rotterdam@regiotafel.test");
    const many = await chair.request("/tafels/rotterdam/lessen", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Array.from({ length: 1_001 }, (_, i) => `f${i}=x`).join("&") });
    expect(many.status).toBe(413);
    console.log(`body limits: ${figures.join("; ")}; 1,001 fields signed in: ${many.status}`);
  });
});

describe("finding 2: no login CSRF", () => {
  it("refuses a foreign-origin login, as a _data request and as a plain post, with 403 and no session cookie", async () => {
    const fields = new URLSearchParams({ email: "lid.denhaag@regiotafel.test", password: "Demo-wachtwoord-2026", redirectTo: "/" });
    const results: string[] = [];
    for (const path of ["/inloggen?_data=routes%2Finloggen", "/inloggen"]) {
      const response = await fetch(t.url + path, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: fields, redirect: "manual" });
      results.push(`${path}: ${response.status}, Set-Cookie ${response.headers.getSetCookie().length}`);
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    // Without any Origin or Referer (not a browser of this portal): refused too.
    const bare = await fetch(`${t.url}/inloggen`, { method: "POST", body: fields, redirect: "manual" });
    expect(bare.status).toBe(403);
    console.log(`login CSRF: ${results.join("; ")}; no Origin: ${bare.status}`);
  });
});

describe("finding 5: a safe redirect after login for any target", () => {
  it("answers non-ASCII and hostile redirect targets with an on-site redirect, never a 5xx", async () => {
    const email = "lid.denhaag@regiotafel.test";
    const targets = ["/é", "/ü?x=ñ#ß", "/日本語", "//evil.example/é", "/\\evil", "/%E0%A4%A", "/\u202Egnp", "https://evil.example/", "/a b\tc", "/😀"];
    const statuses: number[] = [];
    let offSite = 0;
    for (const redirectTo of targets) {
      forgetLastStep(t.url, email);
      const client = new Client(t.url);
      const password = await client.post("/inloggen", { email, password: DEMO_PASSWORD, redirectTo });
      statuses.push(password.status);
      client.cookie = pendingLoginCookie(password) ?? "";
      const code = await client.post("/inloggen", { intent: "code", code: await freshTotpCode(DEMO_TOTP_SECRET, `${t.url} ${email}`), redirectTo });
      statuses.push(code.status);
      const location = new URL(code.headers.get("location") ?? "", t.url);
      if (location.origin !== t.url) offSite++;
    }
    console.log(`safe redirect over HTTP: ${targets.length} targets × 2 login steps → statuses ${[...new Set(statuses)].join(", ")}, ${offSite} off-site`);
    expect(statuses.every((s) => s === 302)).toBe(true);
    expect(offSite).toBe(0);
  });
});

describe("finding 6: a browser-session cookie", () => {
  it("sets the session cookie without Max-Age or Expires", async () => {
    const client = new Client(t.url);
    const response = await client.login("lid.amsterdam@regiotafel.test");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("regiotafel_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    console.log(`session cookie: ${cookie.replace(/=[^;]+/, "=…")}`);
  });
});

/**
 * `count` messages over `spreadMs` from a separate Node process. `ready` resolves once it has
 * started and joined the room (so a measurement covers the flood, not Node's start-up); `go()`
 * starts the flood; `acks` resolves with every answer.
 */
function floodFromAnotherProcess(url: string, cookie: string, caseId: number, count: number, spreadMs: number) {
  const script = `
    import { io } from "socket.io-client";
    import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
    const [url, cookie, caseId, count, spreadMs] = process.argv.slice(1);
    const socket = io(url, { transports: ["websocket"], extraHeaders: { Cookie: cookie } });
    const join = await socket.timeout(10000).emitWithAck("room:join", { caseId: Number(caseId) });
    if (!join.ok) throw new Error("join refused");
    process.stdout.write("ready\\n");
    await new Promise((r) => process.stdin.once("data", r)); // wait for "go"
    const acks = [];
    const batch = 25;
    for (let i = 0; i < Number(count); i++) {
      acks.push(socket.timeout(20000).emitWithAck("room:message", { caseId: Number(caseId), clientMessageId: randomUUID(), body: "vloed " + i }));
      if (i % batch === batch - 1) await new Promise((r) => setTimeout(r, (Number(spreadMs) * batch) / Number(count)));
    }
    process.stdout.write(JSON.stringify(await Promise.all(acks)));
    socket.disconnect();
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, url, cookie, String(caseId), String(count), String(spreadMs)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let signalReady = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) signalReady();
  });
  const acks = new Promise<MessageAck[]>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.slice("ready\n".length)) as MessageAck[]) : reject(new Error(`flood process exited with ${code}`))));
  });
  const go = () => child.stdin.end("go\n");
  return { ready, go, acks };
}

describe("finding 10: a per-user rate limit on case-room messages", () => {
  it("slows a member sending 500 messages in 2 s with a Dutch answer, while the server stays responsive and others can still post", async () => {
    const caseId = t.portal.services.db.select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!.id;
    const open = async (email: string) => {
      const { cookie } = await loggedIn(t.url, email);
      const socket = connect(t.url, { transports: ["websocket"], extraHeaders: { Cookie: cookie } });
      const join = (await socket.timeout(5000).emitWithAck("room:join", { caseId })) as JoinAck;
      expect(join.ok).toBe(true);
      return socket;
    };
    const chair = await open("voorzitter.rotterdam@regiotafel.test");
    // The flooding member runs in its own process, as an attacker would: the probes below then
    // measure the server, not this test's own socket client.
    const { cookie } = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    const flood = floodFromAnotherProcess(t.url, cookie, caseId, 500, 2_000);
    await flood.ready;
    // The same probes without a flood, for comparison (a loaded machine shows here, not the flood).
    const baseline = await healthDuring(new Promise((r) => setTimeout(r, 2_000)));
    const start = performance.now();
    flood.go();
    const health = await healthDuring(flood.acks);
    const acks = await flood.acks;
    const seconds = (performance.now() - start) / 1000;
    const stored = acks.filter((a) => a.ok).length;
    const refused = acks.filter((a): a is Extract<MessageAck, { ok: false }> => !a.ok && a.reason === "rate");
    // Someone else in the same room is not slowed by the member's flood.
    const other = (await chair.timeout(5000).emitWithAck("room:message", { caseId, clientMessageId: randomUUID(), body: "de voorzitter kan nog" })) as MessageAck;
    console.log(
      `case-room rate (${DEFAULT_MESSAGE_RATE.burst} at once, ${DEFAULT_MESSAGE_RATE.perMinute}/min): 500 messages in ${seconds.toFixed(1)} s → ` +
        `${stored} stored, ${refused.length} refused ("${refused[0]?.error}"), /healthz slowest ${health.toFixed(0)} ms (${baseline.toFixed(0)} ms without the flood), another member's message: ${other.ok ? "stored" : "refused"}`,
    );
    expect(stored).toBeGreaterThanOrEqual(DEFAULT_MESSAGE_RATE.burst);
    expect(stored).toBeLessThanOrEqual(DEFAULT_MESSAGE_RATE.burst + Math.ceil((seconds * DEFAULT_MESSAGE_RATE.perMinute) / 60));
    expect(refused.length).toBe(500 - stored);
    expect(refused[0].error).toMatch(/^U stuurt te veel berichten achter elkaar\. Wacht \d+ seconden? en probeer het dan opnieuw\.$/);
    expect(health).toBeLessThan(200);
    expect(other.ok).toBe(true);
    chair.disconnect();
  });
});
