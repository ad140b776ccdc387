// Mail outbox, in-app notices, notification preferences and one-time account links (issue 10).
// Every mail is a row here first: it survives a restart or an SMTP outage and is retried.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ACCOUNT_TOKEN_PURPOSES, MAIL_STATUSES, NOTICE_KINDS } from "../app/domain/notification-kinds";
import { meetings, users } from "./schema";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** One mail to one address: queued → sent | failed, retried with back-off until then. */
export const outboxMails = sqliteTable(
  "outbox_mails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A notice kind, "digest", or an account mail ("activation", "reset"). */
    kind: text("kind").notNull(),
    toUserId: text("to_user_id").references(() => users.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    /** An iCalendar invitation or cancellation sent along (nodemailer's icalEvent). */
    icsMethod: text("ics_method", { enum: ["REQUEST", "CANCEL"] }),
    ics: text("ics"),
    /** Fixed at enqueue, so a resent mail keeps its Message-ID and receivers can recognise it. */
    messageId: text("message_id").notNull().unique(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull().default(now),
    sentAt: text("sent_at"),
  },
  (t) => [index("outbox_mails_due").on(t.status, t.nextAttemptAt), index("outbox_mails_user").on(t.toUserId)],
);

/** An in-app notice; a mail is sent at once or gathered into the user's daily digest. */
export const notices = sqliteTable(
  "notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    title: text("title").notNull(),
    /** A path in the portal ("/casussen/12"); mails make it absolute. */
    path: text("path").notNull(),
    /** Daily jobs notify once per subject: (user, dedupKey) is unique. */
    dedupKey: text("dedup_key"),
    createdAt: text("created_at").notNull().default(now),
    readAt: text("read_at"),
    /** Set when the notice went into a mail (at once, or in a digest). */
    mailedAt: text("mailed_at"),
  },
  (t) => [index("notices_user").on(t.userId, t.readAt), uniqueIndex("notices_dedup").on(t.userId, t.dedupKey)],
);

/** Per user: non-urgent notices by mail at once (default) or in one daily digest. */
export const notificationSettings = sqliteTable("notification_settings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  digest: integer("digest", { mode: "boolean" }).notNull().default(false),
});

/** iCalendar SEQUENCE per meeting: every change sent to participants raises it. */
export const meetingCalendarVersions = sqliteTable("meeting_calendar_versions", {
  meetingId: integer("meeting_id")
    .primaryKey()
    .references(() => meetings.id),
  sequence: integer("sequence").notNull(),
});

/** Daily jobs run once per Amsterdam day, also across restarts. */
export const dailyJobRuns = sqliteTable(
  "daily_job_runs",
  {
    job: text("job").notNull(),
    day: text("day").notNull(),
    ranAt: text("ran_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);

/** Activation and password-reset links: only the SHA-256 of the random token is stored. */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("account_tokens_user").on(t.userId)],
);

/** A municipality's contact for term alerts (VMR at 5 months, as the Eemland agreements do). */
export const municipalityContacts = sqliteTable("municipality_contacts", {
  municipality: text("municipality").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull(),
});
