// Two years of plausible past referrals across the seven tables (demo only), so the monitor shows
// real figures next to suppressed ones. Written with prepared statements in one transaction
// (a few hundred cases in well under a second). Deterministic: every choice follows from the
// case's number, so two seeds give the same data. Names and BSNs are fictitious; the BSNs come
// from a range the demo cases and tests do not use. The history ends where the current quarter
// starts: the current quarter holds only the demo cases and what people add.
import type { Db } from "../app/models/db.server";
import { isValidBsn } from "../app/domain/bsn";
import { amsterdamDayStart } from "../app/domain/amsterdam-time";

const FIRST_NAMES = ["Anna", "Bas", "Chantal", "Daan", "Esra", "Frank", "Gerda", "Hamza", "Iris", "Joost", "Karin", "Levi", "Mila", "Nadia", "Olaf", "Priya", "Quinten", "Rosa", "Stefan", "Tess", "Umut", "Vera", "Wouter", "Yara", "Zeynep"];
const LAST_NAMES = ["Aydın", "Bos", "Claassen", "Dekker", "Evers", "Frijns", "Gerritsen", "Hoekstra", "Idema", "Jacobs", "Koster", "Lammers", "Meijer", "Nijland", "Oosterhuis", "Prins", "Roelofs", "Schouten", "Timmermans", "Uijttewaal", "Verbeek", "Wolters", "Zwart"];

/** Where the referred people live, per table (municipality, province) — each routes to that table. */
const PLACES: Record<string, [string, string][]> = {
  denhaag: [["Den Haag", "Zuid-Holland"], ["Zoetermeer", "Zuid-Holland"], ["Delft", "Zuid-Holland"], ["Leiden", "Zuid-Holland"]],
  rotterdam: [["Rotterdam", "Zuid-Holland"], ["Schiedam", "Zuid-Holland"], ["Vlaardingen", "Zuid-Holland"], ["Middelburg", "Zeeland"]],
  amsterdam: [["Amsterdam", "Noord-Holland"], ["Haarlem", "Noord-Holland"], ["Zaanstad", "Noord-Holland"], ["Alkmaar", "Noord-Holland"]],
  centraal: [["Utrecht", "Utrecht"], ["Almere", "Flevoland"], ["Amersfoort", "Utrecht"], ["Groningen", "Groningen"]],
  gelderland: [["Nijmegen", "Gelderland"], ["Arnhem", "Gelderland"], ["Apeldoorn", "Gelderland"], ["Zwolle", "Overijssel"]],
  brabant: [["Tilburg", "Noord-Brabant"], ["Breda", "Noord-Brabant"], ["Eindhoven", "Noord-Brabant"], ["'s-Hertogenbosch", "Noord-Brabant"]],
  limburg: [["Maastricht", "Limburg"], ["Heerlen", "Limburg"], ["Sittard-Geleen", "Limburg"], ["Venlo", "Limburg"]],
};
/** Referrals per quarter at each table: the big cities see more. */
const PER_QUARTER: Record<string, number> = { denhaag: 9, rotterdam: 12, amsterdam: 11, centraal: 8, gelderland: 7, brabant: 6, limburg: 4 };
const QUESTIONS = [
  "Passende klinische behandeling bij vervlochten psychotische en verslavingsproblematiek.",
  "Beschermde woonplek met intensieve begeleiding na langdurige opname.",
  "Gecombineerde behandeling bij LVB en psychiatrische problematiek.",
  "Uitstroom uit de kliniek vastgelopen: passende Wmo-woonplek gezocht.",
  "Specialistische eetstoornisbehandeling met somatische bewaking.",
];

/** BSNs from 800 000 000 up that pass the elfproef: a range nobody else seeds. */
function* historyBsns(): Generator<string> {
  for (let candidate = 800_000_000; ; candidate++) if (isValidBsn(String(candidate))) yield String(candidate);
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The first day of the quarter `now` lies in (Amsterdam). */
export function currentQuarterStart(now: Date): Date {
  const day = now.toISOString().slice(0, 10);
  const [y, m] = day.split("-").map(Number);
  const month = Math.floor((m - 1) / 3) * 3 + 1;
  return amsterdamDayStart(`${y}-${String(month).padStart(2, "0")}-01`);
}

export function seedDemoHistory(db: Db, now: Date = new Date()) {
  const sqlite = db.$client;
  const tables = sqlite.prepare("SELECT id, number, slug FROM regional_tables ORDER BY number").all() as { id: number; number: number; slug: string }[];
  const org = (name: string) => (sqlite.prepare("SELECT id FROM organisations WHERE name = ?").get(name) as { id: number } | undefined)?.id;
  const insurers = ["VGZ", "Zilveren Kruis", "Menzis", "CZ"].map(org).filter((id): id is number => id != null);
  // Referring providers without demo accounts, so no demo referrer's own list fills with history.
  const providers = ["GGZ Delfland", "Dimence Groep", "Lentis"].map(org).filter((id): id is number => id != null);
  const chairs = new Map(
    (sqlite.prepare("SELECT m.table_id AS tableId, u.id AS userId, u.organisation_id AS organisationId FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'chair'").all() as { tableId: number; userId: string; organisationId: number }[]).map((c) => [c.tableId, c]),
  );
  if (!insurers.length || !providers.length) return;

  const insertPatient = sqlite.prepare("INSERT INTO patients (name, bsn, date_of_birth, municipality, province, insurer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  const insertCase = sqlite.prepare(`INSERT INTO cases (code, patient_id, table_id, source, via_vws_unit, referrer_organisation_id, insurer_id, current_providers,
    treatment_history, care_question, problem_description, prior_attempts, urgency, contact_name, contact_phone, contact_email, status, submitted_via, received_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'Ambulant FACT-team; huisarts', 'Meerdere opnames en ambulante behandeling.', ?, 'Meerdere vervlochten aandoeningen op meerdere levensdomeinen.', '[]', ?,
    'Zorgbemiddeling', '088 123 45 67', 'zorgbemiddeling@regiotafel.test', ?, ?, ?, ?) RETURNING id`);
  const insertEvent = sqlite.prepare("INSERT INTO case_events (case_id, event, from_state, to_state, actor_user_id, actor_organisation_id, to_table_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insertAssessment = sqlite.prepare("INSERT INTO criteria_assessments (case_id, kind, assessor_user_id, at) VALUES (?, 'screening', ?, ?) RETURNING id");
  const insertVerdict = sqlite.prepare("INSERT INTO criterion_verdicts (assessment_id, criterion, verdict, motivation) VALUES (?, ?, ?, ?)");
  const insertEscalation = sqlite.prepare("INSERT INTO escalations (case_id, level, reason, actor_user_id, at) VALUES (?, ?, ?, ?, ?)");

  const end = currentQuarterStart(now).getTime();
  const start = end - 2 * 365 * DAY;
  const quarters = 8;
  const bsns = historyBsns();
  const codeCounters = new Map<string, number>();
  const nextCode = (tableNumber: number, year: number) => {
    const prefix = `RT${tableNumber}-${year}-`;
    if (!codeCounters.has(prefix)) {
      const row = sqlite.prepare("SELECT max(cast(substr(code, ?) as integer)) AS n FROM cases WHERE code LIKE ?").get(prefix.length + 1, `${prefix}%`) as { n: number | null };
      codeCounters.set(prefix, row.n ?? 0);
    }
    const n = codeCounters.get(prefix)! + 1;
    codeCounters.set(prefix, n);
    return `${prefix}${String(n).padStart(3, "0")}`;
  };

  let n = 0;
  sqlite.transaction(() => {
    for (const table of tables) {
      const chair = chairs.get(table.id);
      if (!chair) continue;
      const places = PLACES[table.slug] ?? PLACES.centraal;
      const perQuarter = PER_QUARTER[table.slug] ?? 5;
      // Arrivals spread over each quarter; a little growth over the two years.
      const arrivals: number[] = [];
      for (let q = 0; q < quarters; q++) {
        const count = perQuarter + (q % 3 === 2 ? 1 : 0) + Math.floor(q / 4);
        for (let k = 0; k < count; k++) arrivals.push(start + ((q + (k + 0.5) / count) * (end - start)) / quarters);
      }
      for (const received of arrivals) {
        n++;
        const [municipality, province] = places[n % places.length];
        const name = `${FIRST_NAMES[(n * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(n * 11) % LAST_NAMES.length]}`;
        const born = `${1955 + ((n * 13) % 45)}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + ((n * 5) % 28)).padStart(2, "0")}`;
        const insurer = insurers[n % insurers.length];
        const viaInsurer = n % 3 !== 0;
        const receivedAt = Math.round(received + ((n * 37) % 24) * 3_600_000);
        const year = Number(new Date(receivedAt).toISOString().slice(0, 4));

        // The path this case took, with day offsets from receipt (only steps before the quarter started).
        const path: [string, string, number, string | null][] = [["start_screening", "screening", 1 + (n % 4), null]];
        const included = n % 5 !== 0;
        if (included) {
          path.push(["include", "included", 6 + (n % 10), null], ["schedule", "scheduled", 10 + (n % 10), null], ["discuss", "discussed", 21 + (n % 21), null]);
          if (n % 7 !== 0) {
            path.push(["agree_plan", "plan_agreed", 30 + (n % 21), null], ["request_advisor_check", "advisor_check", 33 + (n % 21), null], ["arrange_funding", "funding_arranged", 45 + (n % 30), null]);
            if (n % 4 !== 0) path.push(["place", "placed", 70 + (n % 50), null], ["start_follow_up", "follow_up", 75 + (n % 50), null]);
          }
          path.push(["close", "closed", 200 + (n % 150), "Traject afgerond; vervolg in de reguliere zorg."]);
        } else {
          path.push(["not_include", "not_included", 8 + (n % 12), "Reguliere specialistische behandeling is nog niet ingezet."]);
        }
        // Every past case has finished before the current quarter: a recent arrival went faster.
        const scale = Math.min(1, (end - DAY - receivedAt) / (path[path.length - 1][2] * DAY));
        const steps = path.map(([event, to, days, reason]) => [event, to, days * scale, reason] as const);
        const status = steps[steps.length - 1][1];

        const patient = insertPatient.get(name, bsns.next().value, born, municipality, province, insurer, iso(receivedAt)) as { id: number };
        const urgency = n % 9 === 0 ? "crisis" : n % 4 === 0 ? "high" : "regular";
        const lastAt = receivedAt + steps[steps.length - 1][2] * DAY;
        const created = insertCase.get(
          nextCode(table.number, year), patient.id, table.id, viaInsurer ? "insurer_mediation" : "provider", n % 11 === 0 ? 1 : 0,
          viaInsurer ? insurer : providers[n % providers.length], insurer, QUESTIONS[n % QUESTIONS.length], urgency, status, n % 6 === 0 ? "api" : "form", iso(receivedAt), iso(lastAt),
        ) as { id: number };
        insertEvent.run(created.id, "receive", null, "received", null, viaInsurer ? insurer : providers[n % providers.length], table.id, null, iso(receivedAt));
        let from = "received";
        for (const [event, to, days, reason] of steps) {
          const at = iso(receivedAt + days * DAY);
          if (event === "include" || event === "not_include") {
            const assessment = insertAssessment.get(created.id, chair.userId, at) as { id: number };
            for (let criterion = 1; criterion <= 7; criterion++) {
              const notMet = event === "not_include" && (criterion === 5 || criterion === 1 + (n % 7));
              insertVerdict.run(assessment.id, criterion, notMet ? "not_met" : "met", notMet ? "Blijkt niet uit de verwijzing." : "Blijkt uit de verwijzing.");
            }
          }
          insertEvent.run(created.id, event, from, to, chair.userId, chair.organisationId, table.id, reason, at);
          from = to;
        }
        if (included && n % 6 === 1) {
          insertEscalation.run(created.id, n % 12 === 1 ? "supra_regional" : "own_region", "Geen passend aanbod in de eigen regio.", chair.userId, iso(receivedAt + 25 * DAY));
        }
      }
    }
  })();
  return n;
}
