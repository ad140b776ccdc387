// Sends what is in the outbox, one mail at a time, and runs the daily notification jobs. State
// lives in the database, so a restart simply carries on: nothing queued is lost or sent twice.
import type { AppServices } from "../app/lib/context.server";
import type { MailSender } from "../app/lib/mail.server";
import { notifierOf } from "../app/lib/notifier.server";
import { runDailyJobs } from "../app/models/notifications.server";
import { dueMails, markAttemptFailed, markSent } from "../app/models/outbox.server";

export type MailWorker = {
  /** Sends every mail due now; resolves when done (tests call it to avoid waiting for the timer). */
  runOnce(now?: Date): Promise<{ sent: number; failed: number }>;
  stop(): Promise<void>;
};

export function startMailWorker(services: AppServices, sender: MailSender): MailWorker {
  const { db, config } = services;
  let running: Promise<{ sent: number; failed: number }> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function sendDue(now: Date) {
    let sent = 0;
    let failed = 0;
    if (!sender.configured) return { sent, failed };
    for (const mail of dueMails(db, now)) {
      if (stopped) break;
      try {
        await sender.send(mail);
        markSent(db, mail.id);
        sent++;
      } catch (error) {
        failed++;
        // The SMTP error names the server and recipient at most: no mail content.
        const status = markAttemptFailed(db, mail, error instanceof Error ? error.message : String(error), config.mail);
        if (status === "failed") console.error(`mail ${mail.id} failed for good after ${mail.attempts + 1} attempts`);
        // The server is probably down: the rest waits for the next round instead of failing one by one.
        break;
      }
    }
    return { sent, failed };
  }

  // One round at a time: a round that is still sending is joined, never run twice in parallel.
  function runOnce(now = new Date()) {
    running ??= (async () => {
      try {
        runDailyJobs(notifierOf(services), now, config.mail.dailyJobsHour);
        return await sendDue(now);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const tick = () => {
    timer = null;
    void runOnce()
      .catch((error) => console.error("mail worker:", error instanceof Error ? error.message : error))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, config.mail.pollMs);
          timer.unref();
        }
      });
  };
  tick();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
      sender.close();
    },
  };
}
