// Reference data and case detail for referral and screening rules (issue 11): the CBS
// municipalities with their aliases, the codes a case had before a redirect, and the
// information a table asks of the referrer during screening.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { cases, regionalTables, users } from "./schema";

/** The CBS municipal classification in force (code GM0363 → Amsterdam, Noord-Holland); loaded by a migration each year. */
export const municipalities = sqliteTable("municipalities", {
  code: text("code").primaryKey(),
  name: text("name").notNull().unique(),
  province: text("province").notNull(),
  /** 1 January of the classification year this row belongs to (e.g. 2026-01-01). */
  validFrom: text("valid_from").notNull(),
});

/** Place names that are not municipalities (towns, districts, merged former municipalities) → their municipality. */
export const municipalityAliases = sqliteTable("municipality_aliases", {
  name: text("name").primaryKey(),
  municipalityCode: text("municipality_code")
    .notNull()
    .references(() => municipalities.code),
});

/** Codes a case carried at earlier tables: they keep resolving to the case and are shown as "eerder". */
export const caseCodes = sqliteTable(
  "case_codes",
  {
    code: text("code").primaryKey(),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    tableId: integer("table_id")
      .notNull()
      .references(() => regionalTables.id),
    until: text("until").notNull(),
  },
  (t) => [index("case_codes_case").on(t.caseId)],
);

/** "Meer informatie nodig": a question from the table to the referrer, and the referrer's answer. */
export const informationRequests = sqliteTable(
  "information_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    question: text("question").notNull(),
    askedByUserId: text("asked_by_user_id")
      .notNull()
      .references(() => users.id),
    askedAt: text("asked_at").notNull(),
    answer: text("answer"),
    answeredByUserId: text("answered_by_user_id").references(() => users.id),
    answeredAt: text("answered_at"),
  },
  (t) => [index("information_requests_case").on(t.caseId)],
);
