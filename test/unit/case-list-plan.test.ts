// The inbox stays fast with years of closed cases only if SQLite can use the partial index of
// running cases (migration 0024), which it does only when the query names the index's condition
// exactly; and its count reads no more than the consent rule needs. Both are easy to lose in a
// rewrite, so the plans are checked here.
import { regionalTables } from "#db/schema";
import { seedReferenceData } from "#db/seed";
import { parseCaseListQuery, type StatusGroup } from "~/domain/case-list-query";
import { openDatabase, type Db } from "~/models/db.server";
import { caseListPage } from "~/models/case-lists.server";

let db: Db;
let prepared: string[] = [];

beforeAll(() => {
  db = openDatabase(":memory:");
  seedReferenceData(db);
  // Record the SQL drizzle prepares (its session holds the statement cache).
  const session = (db as unknown as { session: { client: { prepare(sql: string): unknown } } }).session;
  const prepare = session.client.prepare;
  session.client.prepare = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
});

function inboxQueries(status?: StatusGroup, search?: string) {
  const table = db.select().from(regionalTables).all()[0];
  const url = new URL(`http://localhost/tafels/${table.slug}/inbox`);
  if (status) url.searchParams.set("status", status);
  if (search) url.searchParams.set("zoek", search);
  const { query } = parseCaseListQuery(url.searchParams, { defaultStatus: "lopend", defaultSort: "urgentie" });
  prepared = [];
  caseListPage(db, { kind: "table", tableId: table.id }, { email: "voorzitter@example.nl", organisationId: 1, organisationType: "ggz_provider" }, query, url);
  const rows = prepared.find((sql) => !sql.startsWith("select count(*)"));
  const count = prepared.find((sql) => sql.startsWith("select count(*)"));
  return { rows: rows!, count: count! };
}

function plan(sql: string): string {
  const params = new Array((sql.match(/\?/g) ?? []).length).fill(null);
  return (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
}

it("reads running cases in inbox order from the partial index of running cases", () => {
  const { rows } = inboxQueries();
  expect(plan(rows)).toContain("USING INDEX cases_open_table_urgency_received");
  expect(plan(rows)).not.toContain("TEMP B-TREE"); // no sort
});

it("uses the index of all cases when closed cases are asked for too", () => {
  const { rows } = inboxQueries("alle");
  expect(plan(rows)).toContain("USING INDEX cases_table_urgency_received");
});

it("counts without reading the patients, the table or the selected columns", () => {
  const { count } = inboxQueries();
  expect(count).not.toMatch(/"patients"|"regional_tables"|substr/);
  expect(plan(count)).toContain("COVERING INDEX cases_table_status");
});

it("joins the patient for a search by name, which may match only where identity is visible", () => {
  const { count } = inboxQueries(undefined, "Jansen");
  expect(count).toContain('"patients"');
  expect(count).toContain('"regional_tables"');
});
