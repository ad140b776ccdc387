// From the table's outcome to placement (issue 12): funding paths, the advisor's conclusion, the
// advice back to the referrer, plan versions, published shortfalls with the financiers' responses
// and escalations that reach the national project leader. Re-exported from ./schema.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ADVISOR_CONCLUSIONS } from "../app/domain/advisor-conclusion";
import { ESCALATION_REQUEST_STATUSES } from "../app/domain/escalation-request";
import type { FundingSource } from "../app/domain/funding";
import type { PlanSnapshot } from "../app/domain/plan-versions";
import { SHORTFALL_RESPONSE_KINDS } from "../app/domain/shortfall-publication";
import { agendaItems, carePlans, cases, criteriaAssessments, escalations, organisations, regionalTables, shortfalls, users } from "./schema";

/** How a case is funded: the newest row is in force. A Wlz path names its zorgkantoor. */
export const caseFundings = sqliteTable(
  "case_fundings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    sources: text("sources", { mode: "json" }).$type<FundingSource[]>().notNull(),
    careOfficeId: integer("care_office_id").references(() => organisations.id),
    recordedByUserId: text("recorded_by_user_id").references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [index("case_fundings_case").on(t.caseId)],
);

/** The medical advisor's conclusion on an assessment of the seven criteria, with its motivation. */
export const advisorConclusions = sqliteTable(
  "advisor_conclusions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => criteriaAssessments.id),
    conclusion: text("conclusion", { enum: ADVISOR_CONCLUSIONS }).notNull(),
    motivation: text("motivation").notNull(),
    advisorUserId: text("advisor_user_id")
      .notNull()
      .references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [index("advisor_conclusions_case").on(t.caseId)],
);

/**
 * The table's advice back to the referrer after a discussion (MDT: by the end of the next working
 * day after the meeting). One per discussed agenda item.
 */
export const referrerAdvices = sqliteTable(
  "referrer_advices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id),
    /** When the discussion took place, and the deadline that follows from it. */
    discussedAt: text("discussed_at").notNull(),
    dueAt: text("due_at").notNull(),
    questionAnswer: text("question_answer"),
    fittingOffer: text("fitting_offer"),
    planSummary: text("plan_summary"),
    nextSteps: text("next_steps"),
    recordedByUserId: text("recorded_by_user_id").references(() => users.id),
    /** Null until the chair records the advice: the deadline runs from the discussion. */
    recordedAt: text("recorded_at"),
  },
  (t) => [uniqueIndex("referrer_advices_item").on(t.agendaItemId), index("referrer_advices_case").on(t.caseId)],
);

/** A fixed version of a case's plan: what it said (goals and actions), who fixed it, when and why. */
export const planVersions = sqliteTable(
  "plan_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => carePlans.id),
    version: integer("version").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<PlanSnapshot>().notNull(),
    reason: text("reason").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("plan_versions_unique").on(t.planId, t.version)],
);

export type { PlanSnapshot } from "../app/domain/plan-versions";

/** A financier's (insurer's) response to a published shortfall. */
export const shortfallResponses = sqliteTable(
  "shortfall_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shortfallId: integer("shortfall_id")
      .notNull()
      .references(() => shortfalls.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: SHORTFALL_RESPONSE_KINDS }).notNull(),
    text: text("text").notNull(),
    responseDate: text("response_date").notNull(),
    contact: text("contact").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("shortfall_responses_shortfall").on(t.shortfallId)],
);

/**
 * The fourth escalation level: a non-identifying request to the national project leader (table,
 * case code, bottleneck, what is asked) with the status and answer the project leader records.
 */
export const escalationRequests = sqliteTable(
  "escalation_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    escalationId: integer("escalation_id")
      .notNull()
      .unique()
      .references(() => escalations.id),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    caseCode: text("case_code").notNull(),
    bottleneck: text("bottleneck").notNull(),
    question: text("question").notNull(),
    status: text("status", { enum: ESCALATION_REQUEST_STATUSES }).notNull().default("open"),
    response: text("response"),
    respondedByUserId: text("responded_by_user_id").references(() => users.id),
    respondedAt: text("responded_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("escalation_requests_table").on(t.tableId)],
);
