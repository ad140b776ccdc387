// Synthetic volume for `npm run bench:scale`: clones the demo cases (so every value is one the
// portal itself wrote) into N cases with their patients, consents and case events, and appends
// audit events in proportion (10 per case: ≥ 1M at 100k), hash-chained like audit() does.
// Raw prepared statements in large transactions: 100k cases + 1M events in well under a minute.
import type Database from "better-sqlite3";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../app/domain/audit-chain";

const OPEN_STATES = ["received", "screening", "included", "scheduled", "discussed", "plan_agreed", "advisor_check", "placed", "follow_up"];
const AUDIT_PER_CASE = 10;
const BATCH = 5000;

function columns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((n) => n !== "id");
}

/** Clone statement: copies one row of `table`, overriding some columns with parameters. */
function cloner(sqlite: Database.Database, table: string, overrides: string[]) {
  const cols = columns(sqlite, table);
  const select = cols.map((c) => (overrides.includes(c) ? `@${c}` : c));
  return sqlite.prepare(`INSERT INTO ${table} (${cols.join(", ")}) SELECT ${select.join(", ")} FROM ${table} WHERE id = @templateId`);
}

export function growTo(sqlite: Database.Database, targetCases: number, log: (s: string) => void = () => {}): void {
  const have = (sqlite.prepare("SELECT count(*) AS n FROM cases").get() as { n: number }).n;
  if (have >= targetCases) return;
  const templates = sqlite.prepare("SELECT id, patient_id AS patientId FROM cases ORDER BY id LIMIT 8").all() as { id: number; patientId: number }[];
  const tables = (sqlite.prepare("SELECT id FROM regional_tables ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  const actors = sqlite.prepare("SELECT u.id, u.email, m.role, u.organisation_id AS organisationId FROM users u JOIN memberships m ON m.user_id = u.id LIMIT 20").all() as {
    id: string;
    email: string;
    role: string;
    organisationId: number;
  }[];
  const clonePatient = cloner(sqlite, "patients", ["name"]);
  const cloneCase = cloner(sqlite, "cases", ["code", "patient_id", "table_id", "status", "received_at", "updated_at"]);
  const consentIds = sqlite.prepare("SELECT id FROM consents WHERE case_id = ?");
  const cloneConsent = cloner(sqlite, "consents", ["case_id"]);
  const eventIds = sqlite.prepare("SELECT id FROM case_events WHERE case_id = ?");
  const cloneEvent = cloner(sqlite, "case_events", ["case_id"]);
  const consentsOf = new Map(templates.map((t) => [t.id, (consentIds.all(t.id) as { id: number }[]).map((r) => r.id)]));
  const eventsOf = new Map(templates.map((t) => [t.id, (eventIds.all(t.id) as { id: number }[]).map((r) => r.id)]));

  const lastHash = sqlite.prepare("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1");
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_events (at, action, outcome, user_id, user_email, role, organisation_id, responsible_user_id, object_type, object_id, patient_id, detail, consent_override, ip, user_agent, prev_hash, hash)
     VALUES (@at, @action, @outcome, @userId, @userEmail, @role, @organisationId, @responsibleUserId, @objectType, @objectId, @patientId, @detail, 0, @ip, @userAgent, @prevHash, @hash)`,
  );
  const started = Date.now();
  const tenYears = 10 * 365 * 86_400_000;
  for (let from = have; from < targetCases; from += BATCH) {
    const to = Math.min(targetCases, from + BATCH);
    sqlite.transaction(() => {
      let prevHash = (lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
      for (let i = from; i < to; i++) {
        const template = templates[i % templates.length];
        const patientId = Number(clonePatient.run({ templateId: template.patientId, name: `Bench Patiënt ${i}` }).lastInsertRowid);
        // Ten years of referrals, oldest first; most are closed, the newest fifth still open.
        const receivedAt = new Date(Date.now() - tenYears + (tenYears * i) / targetCases).toISOString();
        const status = i < targetCases * 0.8 ? "closed" : OPEN_STATES[i % OPEN_STATES.length];
        const caseId = Number(
          cloneCase.run({ templateId: template.id, code: `RTB-${i}`, patient_id: patientId, table_id: tables[i % tables.length], status, received_at: receivedAt, updated_at: receivedAt })
            .lastInsertRowid,
        );
        for (const id of consentsOf.get(template.id)!) cloneConsent.run({ templateId: id, case_id: caseId });
        for (const id of eventsOf.get(template.id)!) cloneEvent.run({ templateId: id, case_id: caseId });
        for (let k = 0; k < AUDIT_PER_CASE; k++) {
          const actor = actors[(i + k) % actors.length];
          const fields: ChainedFields = {
            at: new Date(Date.parse(receivedAt) + k * 3_600_000).toISOString(),
            action: k === 0 ? "referral.create" : k % 3 ? "case.view" : "case.list_view",
            outcome: "success",
            userId: actor.id,
            userEmail: actor.email,
            role: actor.role,
            organisationId: actor.organisationId,
            responsibleUserId: actor.id,
            objectType: "case",
            objectId: String(caseId),
            patientId: String(patientId),
            detail: `RTB-${i}`,
            consentOverride: false,
            ip: "192.0.2.1",
            userAgent: "bench",
          };
          const hash = hashEvent(prevHash, fields);
          insertAudit.run({ ...fields, prevHash, hash });
          prevHash = hash;
        }
      }
    })();
    log(`  ${to.toLocaleString("en")} cases, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  sqlite.exec("ANALYZE");
}
