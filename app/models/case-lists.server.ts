// The case lists (a table's inbox, a referrer's referrals, an advisor's insured): one query per
// page with filters, search, sort, consent and LIMIT in SQL, paged by the one pagination helper.
// What a viewer may see of each row is decided in SQL by `visibilitySql`, the consent rule of
// `domain/consent.ts` written as a CASE expression (test/unit/case-list-visibility.test.ts holds
// the two to the same answers); a name or BSN only ever matches where identity may be seen.
import { and, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { caseCodes, cases, consents, organisations, patients, regionalTables, runningCase, urgencyRank as urgencyRankOf } from "#db/schema";
import { amsterdamDayEnd, amsterdamDayStart } from "~/domain/amsterdam-time";
import { ageBand, ageInYears } from "~/domain/case-display";
import { isOpen } from "~/domain/case-lifecycle";
import type { CaseListQuery, CaseSort } from "~/domain/case-list-query";
import type { Viewer } from "~/domain/consent";
import type { Db } from "./db.server";
import { amsterdamToday } from "./case-progress.server";
import { advisorProgress } from "./screening.server";
import { countAtMost, keysetOrder, keysetPage, type SortKey } from "./pagination.server";
import type { Page, PageTotal } from "~/domain/pagination";

/** Whose cases a list holds; the caller has checked the permission for it. */
export type CaseListScope = { kind: "table"; tableId: number } | { kind: "referrer"; organisationId: number } | { kind: "insurer"; insurerId: number };

const latestConsent = alias(consents, "lc");

/** The case's latest consent names `viewer` as a person not to be involved. */
function excludedSql(viewer: Viewer): SQL {
  return sql`(${latestConsent.id} is not null and exists (select 1 from json_each(${latestConsent.excludedPersons}) where lower(json_extract(value, '$.email')) = ${viewer.email.toLowerCase()}))`;
}

/** 0 none (named as not to be involved), 1 de-identified, 2 identified: what consent lets `viewer` see. */
export function visibilitySql(viewer: Viewer): SQL<number> {
  return sql<number>`(case
    when ${excludedSql(viewer)} then 0
    when ${regionalTables.leadOrganisationId} = ${viewer.organisationId} then 2
    when ${latestConsent.id} is null or ${latestConsent.status} <> 'active' then 1
    when ${cases.referrerOrganisationId} = ${viewer.organisationId} then 2
    when exists (select 1 from json_each(${latestConsent.scopeOrganisationIds}) where value = ${viewer.organisationId}) then 2
    when exists (select 1 from json_each(${latestConsent.scopeOrganisationTypes}) where value = ${viewer.organisationType}) then 2
    else 1 end)`;
}

/**
 * Whether `viewer` sees the row at all: visibilitySql(viewer) > 0, asked without the rest of the
 * rule, so a list's conditions and count read only the case's latest consent.
 */
const visibleSql = (viewer: Viewer): SQL => sql`not ${excludedSql(viewer)}`;

const urgencyRank = urgencyRankOf(cases.urgency);

const SORT_KEYS: Record<CaseSort, SortKey[]> = {
  urgentie: [
    { column: urgencyRank, direction: "asc", type: "number" },
    { column: cases.receivedAt, direction: "asc", type: "string" },
    { column: cases.id, direction: "asc", type: "number" },
  ],
  nieuwste: [
    { column: cases.receivedAt, direction: "desc", type: "string" },
    { column: cases.id, direction: "desc", type: "number" },
  ],
  oudste: [
    { column: cases.receivedAt, direction: "asc", type: "string" },
    { column: cases.id, direction: "asc", type: "number" },
  ],
  code: [
    { column: cases.code, direction: "asc", type: "string" },
    { column: cases.id, direction: "asc", type: "number" },
  ],
};

function scopeCondition(scope: CaseListScope): SQL {
  if (scope.kind === "table") return eq(cases.tableId, scope.tableId);
  if (scope.kind === "referrer") return eq(cases.referrerOrganisationId, scope.organisationId);
  return eq(cases.insurerId, scope.insurerId);
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Search: a code (current or earlier) matches for everyone on the list; a name or BSN only where
 * identity is visible. A code is matched by prefix on the unique code index, a BSN through the
 * patients' BSN index; a name is a substring within the list's scope (a table, an organisation).
 */
function searchCondition(search: NonNullable<CaseListQuery["search"]>, visibility: SQL<number>): SQL {
  const text = search.text;
  if (search.kind === "bsn") {
    return and(sql`${visibility} = 2`, inArray(cases.patientId, sql`(select ${patients.id} from ${patients} where ${patients.bsn} = ${search.digits})`))!;
  }
  const upper = text.toUpperCase();
  const byCode = or(
    and(gte(cases.code, upper), lt(cases.code, `${upper}\u{10FFFF}`)),
    inArray(cases.id, sql`(select ${caseCodes.caseId} from ${caseCodes} where ${caseCodes.code} = ${upper})`),
  )!;
  if (search.kind === "code") return byCode;
  return or(byCode, and(sql`${visibility} = 2`, sql`${patients.name} like ${`%${likeEscape(text)}%`} escape '\\'`))!;
}

function conditions(scope: CaseListScope, query: CaseListQuery, viewer: Viewer, visibility: SQL<number>, tableIdOf: (slug: string) => number | null): SQL {
  const tableId = query.table ? tableIdOf(query.table) : null;
  return and(
    scopeCondition(scope),
    visibleSql(viewer),
    query.states ? inArray(cases.status, [...query.states]) : undefined,
    // Said as the partial index of running cases says it, so a list of running cases walks that
    // index instead of stepping over years of closed ones.
    query.states?.every(isOpen) ? runningCase(cases.status) : undefined,
    query.urgency ? eq(cases.urgency, query.urgency) : undefined,
    query.table ? eq(cases.tableId, tableId ?? -1) : undefined,
    query.from ? gte(cases.receivedAt, amsterdamDayStart(query.from).toISOString()) : undefined,
    query.to ? lt(cases.receivedAt, amsterdamDayEnd(query.to).toISOString()) : undefined,
    query.search ? searchCondition(query.search, visibility) : undefined,
  )!;
}

const CARE_QUESTION_CHARS = 140;

function selectRows(db: Db, viewer: Viewer) {
  const visibility = visibilitySql(viewer);
  const base = () =>
    db
      .select({
        id: cases.id,
        code: cases.code,
        status: cases.status,
        urgency: cases.urgency,
        urgencyRank,
        source: cases.source,
        viaVwsUnit: cases.viaVwsUnit,
        referrerOrganisationId: cases.referrerOrganisationId,
        referrerName: organisations.name,
        receivedAt: cases.receivedAt,
        // The vraagstelling, cut in SQL: a list never loads whole referral texts.
        careQuestion: sql<string>`substr(${cases.careQuestion}, 1, ${CARE_QUESTION_CHARS + 1})`,
        patientId: cases.patientId,
        tableId: cases.tableId,
        tableName: regionalTables.name,
        tableNumber: regionalTables.number,
        visibility,
        // Identity columns: the model hands them on only for visibility 2.
        patientName: patients.name,
        dateOfBirth: patients.dateOfBirth,
        municipality: patients.municipality,
        province: patients.province,
      })
      .from(cases)
      .innerJoin(patients, eq(patients.id, cases.patientId))
      .innerJoin(regionalTables, eq(regionalTables.id, cases.tableId))
      .innerJoin(organisations, eq(organisations.id, cases.referrerOrganisationId))
      .leftJoin(latestConsent, latestConsentOf);
  // Counting needs the rows' conditions, not their columns: SQLite computes every selected column
  // of a counted subquery, so this one selects nothing and joins only what the conditions read
  // (the patient and the table only for a search, which asks whether identity may be seen).
  const countable = (searching: boolean) => {
    const counted = db.select({ one: sql`1` }).from(cases).leftJoin(latestConsent, latestConsentOf);
    return searching
      ? counted.innerJoin(patients, eq(patients.id, cases.patientId)).innerJoin(regionalTables, eq(regionalTables.id, cases.tableId))
      : counted;
  };
  return { visibility, base, countable };
}

const latestConsentOf = sql`${latestConsent.id} = (select max(${consents.id}) from ${consents} where ${consents.caseId} = ${cases.id})`;

export type CaseListRow = {
  id: number;
  code: string;
  status: (typeof cases.$inferSelect)["status"];
  urgency: (typeof cases.$inferSelect)["urgency"];
  source: (typeof cases.$inferSelect)["source"];
  viaVwsUnit: boolean;
  referrerOrganisationId: number;
  referrerName: string;
  receivedAt: string;
  careQuestion: string;
  patientId: number;
  tableId: number;
  tableName: string;
  tableNumber: number;
  identified: boolean;
  /** "43 jaar" with identity, a five-year band without. */
  age: string;
  /** Only where identity may be seen; otherwise null (the page shows the province instead of the municipality). */
  patientName: string | null;
  dateOfBirth: string | null;
  municipality: string | null;
  province: string;
};

type RawRow = ReturnType<ReturnType<typeof selectRows>["base"]>["_"]["result"][number] & { urgencyRank: number; visibility: number };

function present(row: RawRow, today: string): CaseListRow {
  const identified = row.visibility === 2;
  const years = ageInYears(row.dateOfBirth, today);
  const careQuestion = row.careQuestion.length > CARE_QUESTION_CHARS ? `${row.careQuestion.slice(0, CARE_QUESTION_CHARS).trimEnd()}…` : row.careQuestion;
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    urgency: row.urgency,
    source: row.source,
    viaVwsUnit: row.viaVwsUnit,
    referrerOrganisationId: row.referrerOrganisationId,
    referrerName: row.referrerName,
    receivedAt: row.receivedAt,
    careQuestion,
    patientId: row.patientId,
    tableId: row.tableId,
    tableName: row.tableName,
    tableNumber: row.tableNumber,
    identified,
    age: identified ? (years == null ? "Leeftijd onbekend" : `${years} jaar`) : ageBand(row.dateOfBirth, today),
    patientName: identified ? row.patientName : null,
    dateOfBirth: identified ? row.dateOfBirth : null,
    municipality: identified ? row.municipality : null,
    province: row.province,
  };
}

function tableIdBySlug(db: Db) {
  return (slug: string) => db.select({ id: regionalTables.id }).from(regionalTables).where(eq(regionalTables.slug, slug)).get()?.id ?? null;
}

export const CASE_LIST_PAGE_SIZE = 25;
/** Counting stops here ("meer dan 1.000"): a count costs at most this many rows. */
export const CASE_LIST_COUNT_CAP = 1000;

/** One page of a case list for the request's URL (filters kept in the pager's links). */
export function caseListPage(db: Db, scope: CaseListScope, viewer: Viewer, query: CaseListQuery, url: URL, size = CASE_LIST_PAGE_SIZE): Page<CaseListRow> {
  const { visibility, base, countable } = selectRows(db, viewer);
  const where = conditions(scope, query, viewer, visibility, tableIdBySlug(db));
  const keys = SORT_KEYS[query.sort];
  const page = keysetPage<RawRow>(url, {
    size,
    keys,
    keyOf: (row) => keys.map((k) => (k.column === urgencyRank ? row.urgencyRank : k.column === cases.receivedAt ? row.receivedAt : k.column === cases.code ? row.code : row.id)),
    fetch: (paging, orderBy, limit) => base().where(and(where, paging)).orderBy(...orderBy).limit(limit).all() as RawRow[],
    total: () => countCases(db, where, countable(query.search != null)),
  });
  const today = amsterdamToday();
  return { ...page, items: page.items.map((row) => present(row, today)) };
}

function countCases(db: Db, where: SQL, countable: ReturnType<ReturnType<typeof selectRows>["countable"]>): PageTotal {
  return countAtMost(db as never, countable.where(where) as never, CASE_LIST_COUNT_CAP);
}

/** For home pages: how many cases match, and the first few (same rules as the list page). */
export function caseListSummary(db: Db, scope: CaseListScope, viewer: Viewer, query: CaseListQuery, first = 5): { total: PageTotal; items: CaseListRow[] } {
  const { visibility, base, countable } = selectRows(db, viewer);
  const where = conditions(scope, query, viewer, visibility, tableIdBySlug(db));
  const keys = SORT_KEYS[query.sort];
  const items = (base().where(where).orderBy(...keysetOrder(keys)).limit(first).all() as RawRow[]).map((row) => present(row, amsterdamToday()));
  return { total: countCases(db, where, countable(query.search != null)), items };
}

export const ADVISOR_QUEUE_SIZE = 50;

/**
 * The advisor's queue: their insured's cases presented for their check, longest waiting first
 * (the first ADVISOR_QUEUE_SIZE; the total counts them all), with when each was presented and
 * the advisor's newest assessment.
 */
export function advisorQueue(db: Db, insurerId: number, viewer: Viewer) {
  const query: CaseListQuery = { search: null, status: "advisor_check", states: ["advisor_check"], urgency: null, table: null, from: null, to: null, sort: "oudste" };
  const { total, items } = caseListSummary(db, { kind: "insurer", insurerId }, viewer, query, ADVISOR_QUEUE_SIZE);
  const progress = advisorProgress(db, items.map((r) => r.id));
  const rows = items.map((r) => ({ ...r, ...progress(r.id) })).sort((a, b) => (a.presentedAt ?? "").localeCompare(b.presentedAt ?? ""));
  return { total, items: rows };
}
