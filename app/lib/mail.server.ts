// The one mail sender: nodemailer over SMTP (SMTP_URL). Without SMTP_URL nothing is sent and
// mails stay in the outbox, readable by administrators (development).
import nodemailer from "nodemailer";
import type { AppConfig } from "./config.server";
import type { OutboxMail } from "~/models/outbox.server";

export type MailSender = { configured: boolean; send(mail: OutboxMail): Promise<void>; close(): void };

export function createMailSender(config: AppConfig["mail"]): MailSender {
  if (!config.smtpUrl) return { configured: false, send: async () => Promise.reject(new Error("SMTP_URL is not set")), close: () => {} };
  // A connection per message (no pool): an SMTP outage costs one failed attempt, not a stuck socket.
  const transport = nodemailer.createTransport(config.smtpUrl, { from: config.from });
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        // nodemailer sends it as a text/calendar alternative with the method and as an .ics attachment,
        // which is what Outlook and Google Calendar look for.
        icalEvent: mail.ics ? { method: mail.icsMethod ?? "REQUEST", filename: mail.icsMethod === "CANCEL" ? "afgelast.ics" : "uitnodiging.ics", content: mail.ics } : undefined,
      });
    },
    close: () => transport.close(),
  };
}
