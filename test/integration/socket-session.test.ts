// Finding 3 of the security review (issue 13): a socket ends with its session. With a 1-minute idle
// limit, the portal's clock is moved past it (Date only; timers run for real): a socket whose session
// ended receives no case-room message and is closed, while a second session of the same person
// that was active meanwhile (its session slid with a page request) keeps receiving.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { cases } from "#db/schema";
import { SESSION_SWEEP_MS } from "../../server/sockets";
import type { JoinAck, MessageAck, RoomMessage } from "~/lib/case-room";
import { loggedIn, startPortal, type Client, type TestPortal } from "../helpers/portal";

let t: TestPortal;
let caseId: number;
beforeAll(async () => {
  t = await startPortal({ SESSION_IDLE_MINUTES: "1" });
  caseId = t.portal.services.db.select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!.id;
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

type Participant = { client: Client; socket: Socket; received: RoomMessage[]; disconnectedAt: number | null };

async function participant(email: string): Promise<Participant> {
  const client = await loggedIn(t.url, email);
  const socket = connect(t.url, { transports: ["websocket"], extraHeaders: { Cookie: client.cookie }, reconnection: false });
  clients.push(socket);
  const p: Participant = { client, socket, received: [], disconnectedAt: null };
  socket.on("room:message", (m) => p.received.push(m));
  socket.on("disconnect", () => (p.disconnectedAt = Date.now()));
  const join = (await socket.timeout(5000).emitWithAck("room:join", { caseId })) as JoinAck;
  expect(join.ok).toBe(true);
  return p;
}

const clients: Socket[] = [];

/**
 * Moves the portal's clock. The test's socket clients share this process and would read the jump
 * as a missed heartbeat (engine.io checks its ping deadline against Date.now()); a real browser
 * does not see the server's clock, so their heartbeat deadline moves along.
 */
function jump(ms: number) {
  vi.setSystemTime(Date.now() + ms);
  for (const socket of clients) {
    const engine = socket.io.engine as unknown as { _pingTimeoutTime: number } | undefined;
    if (engine?._pingTimeoutTime) engine._pingTimeoutTime += ms;
  }
}

const until = async (condition: () => boolean, ms: number) => {
  const end = performance.now() + ms;
  while (!condition() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
};

describe("finding 3: sockets end with their session", () => {
  it("with a 1-minute idle limit, an idle session's socket receives nothing after the limit and is closed", async () => {
    // Only Date is faked, so sockets, the sweep and the database run on real timers.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    const idle = await participant("lid.rotterdam@regiotafel.test");
    const active = await participant("lid.rotterdam@regiotafel.test"); // a second session of the same person
    const chair = await participant("voorzitter.rotterdam@regiotafel.test");
    const send = async (body: string) => (await chair.socket.timeout(5000).emitWithAck("room:message", { caseId, clientMessageId: randomUUID(), body })) as MessageAck;

    expect((await send("voor het verlopen")).ok).toBe(true);
    expect(await until(() => idle.received.length === 1 && active.received.length === 1, 5000)).toBe(true);

    // 40 s later the chair and the active session open a page: lucia slides their sessions.
    jump(40_000);
    expect((await chair.client.get("/")).status).toBe(200);
    expect((await active.client.get("/")).status).toBe(200);

    // 25 s after that the idle session (last used 65 s ago) has passed its 1-minute limit.
    jump(25_000);
    const expiredAt = Date.now();
    const sent: number[] = [];
    for (let i = 1; i <= 8; i++) { // within the message rate's burst (10)
      const ack = await send(`na het verlopen ${i}`);
      expect(ack.ok).toBe(true);
      if (ack.ok) sent.push(ack.message.id);
    }
    expect(await until(() => active.received.length === 9, 5000)).toBe(true);
    expect(await until(() => idle.disconnectedAt !== null, SESSION_SWEEP_MS + 1000)).toBe(true);
    const afterExpiry = idle.received.filter((m) => sent.includes(m.id)).length;
    console.log(
      `socket session (idle limit 1 min): sent after expiry ${sent.length}, received by the expired session's socket ${afterExpiry}, ` +
        `by the active session's ${active.received.length - 1}; expired socket closed ${idle.disconnectedAt! - expiredAt} ms after the limit passed; ` +
        `active socket connected: ${active.socket.connected}`,
    );
    expect(afterExpiry).toBe(0);
    expect(active.received.filter((m) => sent.includes(m.id))).toHaveLength(8);
    expect(active.socket.connected).toBe(true);
    expect(chair.socket.connected).toBe(true);

    // A socket in no room is closed by the sweep alone once its session ends.
    const quiet = connect(t.url, { transports: ["websocket"], extraHeaders: { Cookie: active.client.cookie }, reconnection: false });
    clients.push(quiet);
    await until(() => quiet.connected, 5000);
    jump(61_000);
    const sweepStart = performance.now();
    expect(await until(() => !quiet.connected && !active.socket.connected, SESSION_SWEEP_MS + 1000)).toBe(true);
    console.log(`socket session sweep: sockets without traffic closed ${(performance.now() - sweepStart).toFixed(0)} ms after their session ended (sweep every ${SESSION_SWEEP_MS} ms)`);
    for (const s of [idle.socket, active.socket, chair.socket, quiet]) s.disconnect();
    vi.useRealTimers();
  });
});
