// A real SMTP server in the test process (smtp-server); what arrives is parsed with mailparser.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = ParsedMail & { envelopeTo: string[] };

export type TestSmtp = {
  url: string;
  received: Received[];
  /** Mails that arrived for one address (envelope recipient). */
  to(address: string): Received[];
  stop(): Promise<void>;
  /** Listens again on the same port, as a mail server back from an outage would. */
  start(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const create = () =>
    new SMTPServer({
      // Plain SMTP on localhost: no certificate to trust, no login.
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) }));
            callback();
          })
          .catch(callback);
      },
    });
  let server = create();
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      const net = server.listen(port, "127.0.0.1", () => resolve((net.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: async () => {
      server = create();
      await listen(port);
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
