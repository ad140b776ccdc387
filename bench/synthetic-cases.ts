// Synthetic cases for the monitor benchmark, written with plain SQL (INSERT … SELECT over a
// recursive counter) in transactions of 100,000: a million cases with their lifecycle events,
// screenings, escalations and arrangements in about a minute. Deterministic: every choice is a
// function of the case number, so two runs give the same data. One synthetic patient stands for all.
import type { Database } from "better-sqlite3";

export type SyntheticOptions = { cases: number; firstYear: number; years: number };

const CHUNK = 100_000;
const fmt = (julian: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${julian})`;

/** Adds `cases` synthetic cases received evenly over the years, spread over all tables. */
export function generateSyntheticCases(sqlite: Database, options: SyntheticOptions): void {
  const org = sqlite.prepare("SELECT id FROM organisations ORDER BY id LIMIT 1").get() as { id: number };
  const insurer = (sqlite.prepare("SELECT id FROM organisations WHERE type = 'insurer' ORDER BY id LIMIT 1").get() as { id: number } | undefined) ?? org;
  const user = sqlite.prepare("SELECT id FROM users ORDER BY id LIMIT 1").get() as { id: string } | undefined;
  if (!user) throw new Error("synthetic cases need one user (an assessor)");
  const patient = sqlite
    .prepare("INSERT INTO patients (name, bsn, date_of_birth, municipality, province, insurer_id) VALUES ('Synthetisch', '000000000', '1980-01-01', 'Utrecht', 'Utrecht', ?) RETURNING id")
    .get(insurer.id) as { id: number };
  const start = (sqlite.prepare("SELECT julianday(?) AS j").get(`${options.firstYear}-01-01T00:00:00Z`) as { j: number }).j;
  const spanDays = options.years * 365;
  const base = (sqlite.prepare("SELECT coalesce(max(id), 0) AS n FROM cases").get() as { n: number }).n;

  // A case's number i decides everything: table i % 7, arrival spread by a multiplicative hash.
  const insertCases = sqlite.prepare(`
    WITH RECURSIVE seq(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM seq WHERE i < @to),
    t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM regional_tables)
    INSERT INTO cases (code, patient_id, table_id, source, via_vws_unit, referrer_organisation_id, insurer_id, current_providers,
      treatment_history, care_question, problem_description, prior_attempts, urgency, contact_name, contact_phone, contact_email,
      status, submitted_via, received_at, updated_at)
    SELECT 'SYN-' || i, @patient, t.id, CASE WHEN i % 3 = 0 THEN 'provider' ELSE 'insurer_mediation' END, i % 11 = 0, @org, @insurer,
      '-', '-', '-', '-', '[]', 'regular', '-', '-', '-', 'received', 'api',
      ${fmt(`@start + ((i * 2654435761) % (@span * 86400)) / 86400.0`)}, ${fmt(`@start + ((i * 2654435761) % (@span * 86400)) / 86400.0`)}
    FROM seq JOIN t ON t.k = i % (SELECT count(*) FROM regional_tables)`);

  // Lifecycle events at day offsets from receipt; n = the case's number.
  const event = (name: string, toState: string, where: string, days: string) =>
    sqlite.prepare(`
      INSERT INTO case_events (case_id, event, to_state, to_table_id, at)
      SELECT c.id, '${name}', '${toState}', c.table_id, ${fmt(`julianday(c.received_at) + ${days}`)}
      FROM cases c WHERE c.id > @lo AND c.id <= @hi AND ${where}`);
  const n = "c.id";
  const events = [
    event("receive", "received", "1", "0"),
    event("start_screening", "screening", `${n} % 10 <> 0`, `(${n} % 9) + 1`),
    event("include", "included", `${n} % 10 <> 0 AND ${n} % 4 <> 0`, `(${n} % 9) + 2 + (${n} % 5)`),
    event("not_include", "not_included", `${n} % 10 <> 0 AND ${n} % 4 = 0`, `(${n} % 9) + 3`),
    event("discuss", "discussed", `${n} % 10 <> 0 AND ${n} % 4 <> 0`, `20 + (${n} % 30)`),
    event("agree_plan", "plan_agreed", `${n} % 10 <> 0 AND ${n} % 4 <> 0 AND ${n} % 3 <> 0`, `35 + (${n} % 25)`),
    event("place", "placed", `${n} % 10 <> 0 AND ${n} % 4 <> 0 AND ${n} % 3 <> 0 AND ${n} % 5 < 3`, `70 + (${n} % 40)`),
    event("close", "closed", `${n} % 2 = 0`, `130 + (${n} % 60)`),
  ];
  const assessments = sqlite.prepare(`
    INSERT INTO criteria_assessments (case_id, kind, assessor_user_id, at)
    SELECT c.id, 'screening', @user, ${fmt("julianday(c.received_at) + 3")} FROM cases c WHERE c.id > @lo AND c.id <= @hi AND c.id % 10 <> 0`);
  const verdicts = sqlite.prepare(`
    INSERT INTO criterion_verdicts (assessment_id, criterion, verdict, motivation)
    SELECT a.id, k.n, CASE WHEN a.case_id % 4 = 0 AND k.n = (a.case_id % 7) + 1 THEN 'not_met' ELSE 'met' END, 'Synthetisch.'
    FROM criteria_assessments a, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) k
    WHERE a.case_id > @lo AND a.case_id <= @hi`);
  const escalations = sqlite.prepare(`
    INSERT INTO escalations (case_id, level, reason, at)
    SELECT c.id, CASE c.id % 4 WHEN 0 THEN 'own_region' WHEN 1 THEN 'supra_regional' WHEN 2 THEN 'national_mediation' ELSE 'national_project_leader' END,
      'Synthetisch.', ${fmt("julianday(c.received_at) + 15")}
    FROM cases c WHERE c.id > @lo AND c.id <= @hi AND c.id % 10 = 1`);
  const arrangements = sqlite.prepare(`
    INSERT INTO arrangements (case_id, description, period_start, period_end, cost_estimate, status, approved_at, created_at)
    SELECT c.id, 'Synthetisch.', '2026-01-01', '2026-12-31', 50000, 'approved', ${fmt("julianday(c.received_at) + 45")}, ${fmt("julianday(c.received_at) + 40")}
    FROM cases c WHERE c.id > @lo AND c.id <= @hi AND c.id % 20 = 1`);
  const components = sqlite.prepare(`
    INSERT INTO arrangement_components (arrangement_id, kind, description, legal_domain, funding_instrument, financier_organisation_id)
    SELECT a.id, 'treatment', 'Synthetisch.', CASE a.case_id % 3 WHEN 0 THEN 'wmo' ELSE 'zvw' END, 'other', @insurer
    FROM arrangements a WHERE a.case_id > @lo AND a.case_id <= @hi`);

  for (let from = 1; from <= options.cases; from += CHUNK) {
    const to = Math.min(options.cases, from + CHUNK - 1);
    sqlite.transaction(() => {
      insertCases.run({ from: base + from, to: base + to, patient: patient.id, org: org.id, insurer: insurer.id, start, span: spanDays });
      const range = { lo: base + from - 1, hi: base + to };
      for (const e of events) e.run(range);
      assessments.run({ ...range, user: user.id });
      verdicts.run(range);
      escalations.run(range);
      arrangements.run(range);
      components.run({ ...range, insurer: insurer.id });
    })();
  }
  sqlite.exec("ANALYZE");
}
