// The portal's data model. Every change here becomes a checked-in migration:
// `npm run db:generate` writes it to db/migrations, the app applies it at start.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { CASE_EVENTS, CASE_STATES } from "../app/domain/case-lifecycle";
import {
  ACTION_STATUSES,
  ARRANGEMENT_STATUSES,
  BOTTLENECK_CATEGORIES,
  CARE_FUNCTIONS,
  COMPONENT_KINDS,
  CONSENT_METHODS,
  DEADLINE_KINDS,
  ESCALATION_LEVELS,
  FUNDING_INSTRUMENTS,
  FUNDING_TYPES,
  LEGAL_DOMAINS,
  LEGAL_FRAMEWORKS,
  WLZ_INDICATIONS,
  LIFE_DOMAINS,
  SHORTFALL_KINDS,
  SHORTFALL_STATUSES,
  ORGANISATION_TYPES,
  REFERRAL_SOURCES,
  REPRESENTATIVE_KINDS,
  ROLES,
  URGENCIES,
  VERDICTS,
  type OrganisationType,
} from "../app/domain/vocabulary";

export * from "./schema-outcome";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  type: text("type", { enum: ORGANISATION_TYPES }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull().default(now),
});

/** A regiotafel (regional case table), run by the region's largest ggz provider. */
export const regionalTables = sqliteTable("regional_tables", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  number: integer("number").notNull().unique(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  ownArea: text("own_area").notNull(),
  leadOrganisationId: integer("lead_organisation_id")
    .notNull()
    .references(() => organisations.id),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

/** Insurers involved in a table's set-up ("namens alle andere zorgverzekeraars"); a second may be invited. */
export const tableInsurers = sqliteTable(
  "table_insurers",
  {
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.tableId, t.organisationId] })],
);

/**
 * Routing of a patient's residence to a table. A row without municipality covers the
 * whole province; a row with a municipality is an exception (Rotterdam-Rijnmond).
 */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    province: text("province").notNull(),
    municipality: text("municipality"),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    /** The name of an exception group (e.g. "Rotterdam-Rijnmond"), shown as the rule that decided. */
    label: text("label"),
  },
  (t) => [uniqueIndex("routing_rules_place").on(t.province, t.municipality)],
);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** TOTP second factor (RFC 6238): the base32 secret once enrolment is confirmed. */
  totpSecret: text("totp_secret"),
  /** The last 30-second step a code was accepted for: a code works only once. */
  totpLastStep: integer("totp_last_step"),
  createdAt: text("created_at").notNull().default(now),
});

/**
 * A role a user holds. Chair and member are per table (tableId set); referrer and
 * medical advisor act for the user's organisation; project leader and administrator are national.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    tableId: integer("table_id").references(() => regionalTables.id),
  },
  // coalesce: SQLite treats NULLs as distinct, and national roles have no table.
  (t) => [uniqueIndex("memberships_unique").on(t.userId, t.role, sql`coalesce(${t.tableId}, 0)`), index("memberships_table").on(t.tableId)],
);

/** lucia v3 sessions, plus the creation time lucia lacks (for the absolute limit). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * NEN 7513 access log. Append-only (triggers in the migration refuse UPDATE/DELETE)
 * and hash-chained: hash = sha256(prevHash + canonical event).
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["success", "denied", "failure"] }).notNull(),
    userId: text("user_id"),
    userEmail: text("user_email"),
    role: text("role"),
    organisationId: integer("organisation_id"),
    responsibleUserId: text("responsible_user_id"),
    objectType: text("object_type"),
    objectId: text("object_id"),
    patientId: text("patient_id"),
    detail: text("detail"),
    consentOverride: integer("consent_override", { mode: "boolean" }).notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_user").on(t.userId),
    index("audit_patient").on(t.patientId),
    index("audit_at").on(t.at),
    // The audit search: by action, and by e-mail address (whole or beginning, any case).
    index("audit_action").on(t.action),
    index("audit_user_email").on(sql`${t.userEmail} collate nocase`),
  ],
);

// ── Referrals and cases (issue 3) ────────────────────────────────────────────

/** A person referred to a table. Identity lives only here; everything else refers by id. */
export const patients = sqliteTable("patients", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  bsn: text("bsn").notNull(),
  dateOfBirth: text("date_of_birth").notNull(),
  address: text("address"),
  municipality: text("municipality").notNull(),
  /** CBS code of the municipality (GM…), from the official list; null for records from before the list. */
  municipalityCode: text("municipality_code"),
  province: text("province").notNull(),
  insurerId: integer("insurer_id")
    .notNull()
    .references(() => organisations.id),
  createdAt: text("created_at").notNull().default(now),
}, (t) => [index("patients_bsn").on(t.bsn)]);

/** A case at a table: the referral as received, and its place in the lifecycle. */
/**
 * A case still running (domain/case-lifecycle.ts isOpen), with its states as literals: the partial
 * index below and the queries that should use it must write this condition the same way.
 */
export const runningCase = (status: SQLiteColumn) => sql`${status} not in ('closed', 'not_included')`;

/** Crisis first, then high, then regular: the inbox's order, as its indexes below compute it. */
export const urgencyRank = (urgency: SQLiteColumn) => sql<number>`(case ${urgency} when 'crisis' then 0 when 'high' then 1 else 2 end)`;

export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    patientId: integer("patient_id")
      .notNull()
      .references(() => patients.id),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    proposedTableId: integer("proposed_table_id").references(() => regionalTables.id),
    routingOverrideReason: text("routing_override_reason"),
    source: text("source", { enum: REFERRAL_SOURCES }).notNull(),
    viaVwsUnit: integer("via_vws_unit", { mode: "boolean" }).notNull().default(false),
    referrerOrganisationId: integer("referrer_organisation_id")
      .notNull()
      .references(() => organisations.id),
    referrerUserId: text("referrer_user_id").references(() => users.id),
    insurerId: integer("insurer_id")
      .notNull()
      .references(() => organisations.id),
    currentProviders: text("current_providers").notNull(),
    treatmentHistory: text("treatment_history").notNull(),
    careQuestion: text("care_question").notNull(),
    problemDescription: text("problem_description").notNull(),
    /** JSON: [{ who, what, when, whyFailed }] — a table only takes cases that could not be placed. */
    priorAttempts: text("prior_attempts", { mode: "json" }).$type<PriorAttempt[]>().notNull(),
    urgency: text("urgency", { enum: URGENCIES }).notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    contactEmail: text("contact_email").notNull(),
    /** Minimum data set (issue 11): what the table needs to decide. */
    mainDiagnoses: text("main_diagnoses"),
    legalFramework: text("legal_framework", { enum: LEGAL_FRAMEWORKS }),
    legalFrameworkEndDate: text("legal_framework_end_date"),
    livingSituation: text("living_situation"),
    generalPractitioner: text("general_practitioner"),
    wlzIndication: text("wlz_indication", { enum: WLZ_INDICATIONS }),
    /** Criteria (1–7) the referrer believes apply. */
    referrerCriteria: text("referrer_criteria", { mode: "json" }).$type<number[]>(),
    /** Name or birth date given in this referral that differ from the patient known by the BSN. */
    identityConflict: text("identity_conflict", { mode: "json" }).$type<IdentityConflict[]>(),
    status: text("status", { enum: CASE_STATES }).notNull().default("received"),
    submittedVia: text("submitted_via", { enum: ["form", "api"] }).notNull(),
    receivedAt: text("received_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("cases_table_status").on(t.tableId, t.status),
    // The case lists (case-lists.server.ts): each scope newest first without sorting the whole scope.
    index("cases_table_received").on(t.tableId, t.receivedAt),
    index("cases_insurer_received").on(t.insurerId, t.receivedAt),
    // The advisor's queue: an insurer's cases in one state, oldest first, and its count, without reading all of them.
    index("cases_insurer_status_received").on(t.insurerId, t.status, t.receivedAt),
    // A table's inbox, most urgent first (case-lists.server.ts urgencyRank, the same expression):
    // read in order from the index instead of sorting every open case of the table.
    index("cases_table_urgency_received").on(t.tableId, urgencyRank(t.urgency), t.receivedAt),
    // The same for running cases only (the inbox's default): the first page never steps over the
    // years of closed cases. Queries name the condition as written here to be allowed to use it.
    index("cases_open_table_urgency_received")
      .on(t.tableId, urgencyRank(t.urgency), t.receivedAt)
      .where(runningCase(t.status)),
    index("cases_referrer_received").on(t.referrerOrganisationId, t.receivedAt),
    // A patient's cases (one patient per BSN, inzage, search by BSN).
    index("cases_patient").on(t.patientId),
    // The monitor: cases received before a snapshot.
    index("cases_received_at").on(t.receivedAt),
  ],
);

export type IdentityConflict = { field: "name" | "dateOfBirth"; known: string; given: string };

export type PriorAttempt = { who: string; what: string; when: string; whyFailed: string };

/** Every transition of a case, with actor, time and reason (the monitor's lead times come from here). */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    event: text("event", { enum: CASE_EVENTS }).notNull(),
    fromState: text("from_state", { enum: CASE_STATES }),
    toState: text("to_state", { enum: CASE_STATES }).notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    actorOrganisationId: integer("actor_organisation_id").references(() => organisations.id),
    fromTableId: integer("from_table_id").references(() => regionalTables.id),
    toTableId: integer("to_table_id").references(() => regionalTables.id),
    reason: text("reason"),
    at: text("at").notNull(),
  },
  // The monitor: events of a kind in a period, and each case's events in time order.
  (t) => [index("case_events_case").on(t.caseId), index("case_events_event_at").on(t.event, t.at), index("case_events_case_at").on(t.caseId, t.at)],
);

/** Consent for consultation. The newest record of a case is the one in force. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    givenBy: text("given_by", { enum: ["patient", "representative"] }).notNull(),
    representativeKind: text("representative_kind", { enum: REPRESENTATIVE_KINDS }),
    representativeName: text("representative_name"),
    patientIncompetent: integer("patient_incompetent", { mode: "boolean" }).notNull().default(false),
    higherRanksUnavailable: integer("higher_ranks_unavailable", { mode: "boolean" }).notNull().default(false),
    method: text("method", { enum: CONSENT_METHODS }).notNull(),
    givenOn: text("given_on").notNull(),
    status: text("status", { enum: ["active", "withdrawn"] }).notNull().default("active"),
    /** JSON arrays: which organisations (ids) and organisation types may see identity. */
    scopeOrganisationIds: text("scope_organisation_ids", { mode: "json" }).$type<number[]>().notNull(),
    scopeOrganisationTypes: text("scope_organisation_types", { mode: "json" }).$type<OrganisationType[]>().notNull(),
    /** JSON: [{ name, email? }] people who must not be involved. */
    excludedPersons: text("excluded_persons", { mode: "json" }).$type<ExcludedPerson[]>().notNull(),
    recordedByUserId: text("recorded_by_user_id").references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
    withdrawnAt: text("withdrawn_at"),
    /** Withdrawal: who asked for it, why, and who recorded it (kept for the case history and inzage). */
    withdrawalRequestedBy: text("withdrawal_requested_by", { enum: ["patient", "representative", "other"] }),
    withdrawalReason: text("withdrawal_reason"),
    withdrawnByUserId: text("withdrawn_by_user_id").references(() => users.id),
  },
  (t) => [index("consents_case").on(t.caseId)],
);

export type ExcludedPerson = { name: string; email?: string | null };

/** One assessment of the seven criteria: by the chair at screening, or by the medical advisor. */
export const criteriaAssessments = sqliteTable(
  "criteria_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: ["screening", "advisor"] }).notNull(),
    assessorUserId: text("assessor_user_id")
      .notNull()
      .references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [index("criteria_assessments_case").on(t.caseId)],
);

export const criterionVerdicts = sqliteTable(
  "criterion_verdicts",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => criteriaAssessments.id),
    criterion: integer("criterion").notNull(),
    verdict: text("verdict", { enum: VERDICTS }).notNull(),
    motivation: text("motivation").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.criterion] })],
);

/** Files sent with a referral; stored outside the web root under their checksum. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id").references(() => cases.id),
    draftId: integer("draft_id").references(() => referralDrafts.id),
    /** Sent with an answer to a table's information request. */
    informationRequestId: integer("information_request_id"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedByUserId: text("uploaded_by_user_id").references(() => users.id),
    uploadedAt: text("uploaded_at").notNull(),
  },
  (t) => [index("attachments_case").on(t.caseId)],
);

/** A referral being written: visible only to its author, until submitted. */
export const referralDrafts = sqliteTable("referral_drafts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
  data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  step: integer("step").notNull().default(1),
  updatedAt: text("updated_at").notNull(),
});

/** Tokens for insurers' systems calling the intake API; only a hash is stored. */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  createdByUserId: text("created_by_user_id").references(() => users.id),
  createdAt: text("created_at").notNull(),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

/** Idempotency-Key → the referral it created, so a retried API call never creates a second. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);

// ── Meetings and case discussions (issue 4) ─────────────────────────────────

/** A table meeting (bijeenkomst). Meetings of one monthly series share a seriesId. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    title: text("title").notNull(),
    startsAt: text("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    location: text("location"),
    videoUrl: text("video_url"),
    seriesId: text("series_id"),
    cancelled: integer("cancelled", { mode: "boolean" }).notNull().default(false),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("meetings_table_start").on(t.tableId, t.startsAt)],
);

/** A case on a meeting's agenda, with its time slot and, once discussed, its minutes. */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    startsAt: text("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    discussion: text("discussion"),
    decisions: text("decisions"),
    closedAt: text("closed_at"),
    closedByUserId: text("closed_by_user_id").references(() => users.id),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId), index("agenda_items_case").on(t.caseId)],
);

/**
 * An invitation to a meeting. Table members are invited to the whole meeting; a guest expert
 * from another organisation only to the agenda items listed, until accessUntil.
 */
export const meetingInvitations = sqliteTable(
  "meeting_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["member", "guest"] }).notNull(),
    guestAgendaItemIds: text("guest_agenda_item_ids", { mode: "json" }).$type<number[]>().notNull(),
    accessUntil: text("access_until"),
    response: text("response", { enum: ["pending", "accepted", "declined"] }).notNull().default("pending"),
    invitedAt: text("invited_at").notNull(),
    respondedAt: text("responded_at"),
  },
  (t) => [uniqueIndex("meeting_invitations_unique").on(t.meetingId, t.userId), index("meeting_invitations_user").on(t.userId)],
);

/** A personal calendar feed: a secret URL per user (only its hash stored), revocable. */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
  revokedAt: text("revoked_at"),
});

/**
 * Messages in a case's live room. The id orders them and lets a reconnecting client ask for
 * what it missed; (author, clientMessageId) makes a resent message a no-op.
 */
export const caseMessages = sqliteTable(
  "case_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    authorUserId: text("author_user_id")
      .notNull()
      .references(() => users.id),
    clientMessageId: text("client_message_id").notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("case_messages_dedup").on(t.authorUserId, t.clientMessageId), index("case_messages_case").on(t.caseId, t.id)],
);

// ── Outcomes and monitoring (issue 5) ───────────────────────────────────────

/** The integral treatment-and-care plan of a case: goals per life domain and actions. */
export const carePlans = sqliteTable("care_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  caseId: integer("case_id")
    .notNull()
    .unique()
    .references(() => cases.id),
  meetingId: integer("meeting_id").references(() => meetings.id),
  agreedAt: text("agreed_at"),
  /** The last fixed version (0 until agreed); see planVersions. */
  version: integer("version").notNull().default(0),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const planGoals = sqliteTable(
  "plan_goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => carePlans.id),
    lifeDomain: text("life_domain", { enum: LIFE_DOMAINS }).notNull(),
    goal: text("goal").notNull(),
  },
  (t) => [index("plan_goals_plan").on(t.planId)],
);

export const planActions = sqliteTable(
  "plan_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => carePlans.id),
    goalId: integer("goal_id").references(() => planGoals.id),
    description: text("description").notNull(),
    ownerOrganisationId: integer("owner_organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The person who owns it, when the owner is a person (their organisation is the owner organisation). */
    ownerUserId: text("owner_user_id").references(() => users.id),
    /** Set when the action was agreed in a meeting: one list of actions per case, from plan and meetings. */
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    cancelReason: text("cancel_reason"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("plan_actions_plan").on(t.planId), index("plan_actions_owner_user").on(t.ownerUserId)],
);

/** A maatwerk-arrangement: outside regular contracts and outside the provider's risk. */
export const arrangements = sqliteTable(
  "arrangements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    description: text("description").notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    /** Whole euros. */
    costEstimate: integer("cost_estimate").notNull(),
    status: text("status", { enum: ARRANGEMENT_STATUSES }).notNull().default("proposed"),
    proposedByUserId: text("proposed_by_user_id").references(() => users.id),
    approvedByUserId: text("approved_by_user_id").references(() => users.id),
    advisorAssessmentId: integer("advisor_assessment_id").references(() => criteriaAssessments.id),
    approvedAt: text("approved_at"),
    refusedByUserId: text("refused_by_user_id").references(() => users.id),
    refusedAt: text("refused_at"),
    refusalReason: text("refusal_reason"),
    contractedAt: text("contracted_at"),
    endedAt: text("ended_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("arrangements_case").on(t.caseId)],
);

export const arrangementParties = sqliteTable(
  "arrangement_parties",
  {
    arrangementId: integer("arrangement_id")
      .notNull()
      .references(() => arrangements.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: ["provider", "financier"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.arrangementId, t.organisationId, t.role] })],
);

export const arrangementComponents = sqliteTable(
  "arrangement_components",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    arrangementId: integer("arrangement_id")
      .notNull()
      .references(() => arrangements.id),
    kind: text("kind", { enum: COMPONENT_KINDS }).notNull(),
    description: text("description").notNull(),
    legalDomain: text("legal_domain", { enum: LEGAL_DOMAINS }).notNull(),
    fundingInstrument: text("funding_instrument", { enum: FUNDING_INSTRUMENTS }).notNull(),
    providerOrganisationId: integer("provider_organisation_id").references(() => organisations.id),
    financierOrganisationId: integer("financier_organisation_id").references(() => organisations.id),
  },
  (t) => [index("arrangement_components_arrangement").on(t.arrangementId)],
);

/** Opschaling: each step up the escalation ladder, with its reason. */
export const escalations = sqliteTable(
  "escalations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    level: text("level", { enum: ESCALATION_LEVELS }).notNull(),
    reason: text("reason").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [index("escalations_case").on(t.caseId), index("escalations_at").on(t.at)],
);

/** Where a case was placed, and how it is funded. */
export const placements = sqliteTable(
  "placements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    careFunction: text("care_function", { enum: CARE_FUNCTIONS }).notNull(),
    fundingType: text("funding_type", { enum: FUNDING_TYPES }).notNull(),
    startDate: text("start_date").notNull(),
    notes: text("notes"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("placements_case").on(t.caseId)],
);

/** A capacity shortfall (knelpunt) in a table's region, with the justification insurers need. */
export const shortfalls = sqliteTable(
  "shortfalls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    careFunction: text("care_function", { enum: CARE_FUNCTIONS }).notNull(),
    functionOther: text("function_other"),
    kind: text("kind", { enum: SHORTFALL_KINDS }).notNull(),
    bottleneck: text("bottleneck", { enum: BOTTLENECK_CATEGORIES }).notNull(),
    waitingWeeks: integer("waiting_weeks"),
    /** Blocked outflow: people admitted without medical necessity waiting for a Wmo place. */
    peopleWaiting: integer("people_waiting"),
    justification: text("justification").notNull(),
    status: text("status", { enum: SHORTFALL_STATUSES }).notNull().default("open"),
    /** Published to the insurers and the national project leader (after the chair confirmed: no patient data). */
    publishedAt: text("published_at"),
    publishedByUserId: text("published_by_user_id").references(() => users.id),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("shortfalls_table").on(t.tableId)],
);

export const shortfallCases = sqliteTable(
  "shortfall_cases",
  {
    shortfallId: integer("shortfall_id")
      .notNull()
      .references(() => shortfalls.id),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
  },
  (t) => [primaryKey({ columns: [t.shortfallId, t.caseId] })],
);

/** A legal or agreed term running for a case (Wmo decision, housing, VMR, …). */
export const caseDeadlines = sqliteTable(
  "case_deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: DEADLINE_KINDS }).notNull(),
    startDate: text("start_date").notNull(),
    dueDate: text("due_date").notNull(),
    alertDate: text("alert_date"),
    metOn: text("met_on"),
    /** Closing the case with this term still open: it is carried over (to whom, why) instead. */
    carriedOverReason: text("carried_over_reason"),
    carriedOverAt: text("carried_over_at"),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("case_deadlines_case").on(t.caseId)],
);

/** Lessons learned a table shares with the other regions. */
export const lessons = sqliteTable(
  "lessons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    text: text("text").notNull(),
    bottleneck: text("bottleneck", { enum: BOTTLENECK_CATEGORIES }).notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("lessons_table").on(t.tableId)],
);

/**
 * Sharing identity without consent (e.g. acute danger: conflict van plichten) is a separate,
 * time-limited decision by the chair, with its reason; every access under it is flagged in the audit log.
 */
export const consentOverrides = sqliteTable(
  "consent_overrides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    organisationIds: text("organisation_ids", { mode: "json" }).$type<number[]>().notNull(),
    reason: text("reason").notNull(),
    grantedByUserId: text("granted_by_user_id")
      .notNull()
      .references(() => users.id),
    grantedAt: text("granted_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [index("consent_overrides_case").on(t.caseId)],
);
export * from "./schema-notifications";
export * from "./schema-security";
export * from "./schema-audit";
export * from "./schema-referral-rules";
