// All configuration comes from environment variables (documented in the README).
import path from "node:path";
import { z } from "zod";
import { isOptionalCapable, ROLES_WITHOUT_PATIENT_IDENTITY } from "../domain/second-factor";
import type { Role } from "../domain/vocabulary";
import { DEFAULT_ACCOUNT_POLICY, DEFAULT_PAIR_POLICY } from "../domain/login-throttle";
import { DEFAULT_MESSAGE_RATE, type RatePolicy } from "../domain/rate-limit";
import type { ThrottlePolicies } from "./login-throttle.server";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/regiotafel.db"),
  UPLOADS_PATH: z.string().min(1).default("./data/uploads"),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  /** Public origin (https://portal.example.nl) used for CSRF checks behind a proxy; else the Host header. */
  APP_ORIGIN: z.string().url().optional(),
  /** Express "trust proxy" setting, so the audit log records the client's address behind a proxy. */
  TRUST_PROXY: z.string().optional(),
  /** The login throttle (app/domain/login-throttle.ts documents the defaults and why). */
  LOGIN_FREE_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(0).default(DEFAULT_ACCOUNT_POLICY.free),
  LOGIN_MAX_DELAY_ACCOUNT_SECONDS: z.coerce.number().positive().default(DEFAULT_ACCOUNT_POLICY.maxMs / 1000),
  LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(0).default(DEFAULT_PAIR_POLICY.free),
  LOGIN_MAX_DELAY_ADDRESS_MINUTES: z.coerce.number().positive().default(DEFAULT_PAIR_POLICY.maxMs / 60_000),
  LOGIN_FIRST_DELAY_SECONDS: z.coerce.number().positive().default(DEFAULT_PAIR_POLICY.baseMs / 1000),
  /**
   * Roles whose second factor is optional, comma-separated. Only roles that never see a patient's
   * identity are allowed (project_leader); a mistake stops the start rather than weakening login.
   */
  SECOND_FACTOR_OPTIONAL_ROLES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((r) => r.trim()).filter(Boolean))
    .refine((roles) => roles.every(isOptionalCapable), {
      message: `SECOND_FACTOR_OPTIONAL_ROLES may only name ${ROLES_WITHOUT_PATIENT_IDENTITY.join(", ")}: every other role sees patient identity`,
    }),
  SEED_DEMO_DATA: z.enum(["auto", "never"]).default("auto"),
  /** How often a worker thread checkpoints the WAL (server/wal-checkpointer.ts). */
  WAL_CHECKPOINT_MS: z.coerce.number().int().positive().default(1000),
  CASE_ROOM_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** Case-room messages per user: a burst at once, then this many a minute (app/domain/rate-limit.ts). */
  CASE_ROOM_MESSAGE_BURST: z.coerce.number().int().positive().default(DEFAULT_MESSAGE_RATE.burst),
  CASE_ROOM_MESSAGES_PER_MINUTE: z.coerce.number().positive().default(DEFAULT_MESSAGE_RATE.perMinute),
  /** Audit anchors (chain heads) go here; best on another disk or host than the database. */
  AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().positive().default(60),
  /** When set and mail is configured, every anchor is also mailed here. */
  AUDIT_ANCHOR_MAIL_TO: z.string().email().optional(),
  /** smtp://user:pass@host:587 (STARTTLS when offered; ?requireTLS=true to insist) or smtps://…:465. Unset: mails stay in the outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Regiotafel <noreply@regiotafel.invalid>"),
  MAIL_POLL_MS: z.coerce.number().int().positive().default(2000),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().positive().default(60),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Amsterdam hour from which the daily jobs (digests, terms, overdue actions) run. */
  DAILY_JOBS_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

/** Every environment variable the portal reads (the deployment files are checked against it). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

export type AppConfig = {
  production: boolean;
  port: number;
  databasePath: string;
  uploadsPath: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  appOrigin: string | null;
  trustProxy: string | null;
  login: ThrottlePolicies;
  /** Roles for which the second factor is optional (only roles without patient identity). */
  secondFactorOptionalRoles: Role[];
  seedDemoData: boolean;
  walCheckpointMs: number;
  caseRoomRetentionDays: number;
  caseRoomMessageRate: RatePolicy;
  audit: { anchorDir: string; anchorEveryMs: number; anchorMailTo: string | null };
  mail: { smtpUrl: string | null; from: string; pollMs: number; retryBaseMs: number; maxAttempts: number; dailyJobsHour: number };
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = EnvSchema.parse(env);
  const production = e.NODE_ENV === "production";
  return {
    production,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    uploadsPath: e.UPLOADS_PATH,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    appOrigin: e.APP_ORIGIN ?? null,
    trustProxy: e.TRUST_PROXY ?? null,
    login: {
      account: { free: e.LOGIN_FREE_FAILURES_PER_ACCOUNT, baseMs: e.LOGIN_FIRST_DELAY_SECONDS * 1000, maxMs: e.LOGIN_MAX_DELAY_ACCOUNT_SECONDS * 1000 },
      pair: { free: e.LOGIN_FREE_FAILURES_PER_ADDRESS, baseMs: e.LOGIN_FIRST_DELAY_SECONDS * 1000, maxMs: e.LOGIN_MAX_DELAY_ADDRESS_MINUTES * 60_000 },
    },
    secondFactorOptionalRoles: e.SECOND_FACTOR_OPTIONAL_ROLES as Role[],
    // Demo accounts share a published password: never in production.
    seedDemoData: !production && e.SEED_DEMO_DATA === "auto",
    walCheckpointMs: e.WAL_CHECKPOINT_MS,
    caseRoomRetentionDays: e.CASE_ROOM_RETENTION_DAYS,
    caseRoomMessageRate: { burst: e.CASE_ROOM_MESSAGE_BURST, perMinute: e.CASE_ROOM_MESSAGES_PER_MINUTE },
    audit: {
      anchorDir: e.AUDIT_ANCHOR_DIR ?? path.join(path.dirname(e.DATABASE_PATH), "audit-anchors"),
      anchorEveryMs: e.AUDIT_ANCHOR_MINUTES * 60_000,
      anchorMailTo: e.AUDIT_ANCHOR_MAIL_TO ?? null,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      pollMs: e.MAIL_POLL_MS,
      retryBaseMs: e.MAIL_RETRY_BASE_SECONDS * 1000,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      dailyJobsHour: e.DAILY_JOBS_HOUR,
    },
  };
}
