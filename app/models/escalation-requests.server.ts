// Level-4 escalations as the national project leader reads them: table, case code, bottleneck
// category and what is asked — never the patient, never the case's own reasons. The project
// leader moves the status along and answers; the chair reads the answer on the case.
import { and, asc, desc, eq } from "drizzle-orm";
import { escalationRequests, regionalTables, users } from "#db/schema";
import { requestProblems, requestUpdateProblem, type EscalationRequestField, type EscalationRequestStatus } from "~/domain/escalation-request";
import type { EscalationLevel } from "~/domain/escalation";
import type { Db } from "./db.server";
import { recordEscalation, type Failure } from "./case-progress.server";

export type EscalationInput = {
  level: EscalationLevel;
  reason: string;
  /** Only for the project leader's level: the non-identifying request. */
  request: { bottleneck: string | null; question: string; confirmedNoPatientData: boolean } | null;
};

export type EscalateResult =
  | { ok: true; escalationId: number; requestId: number | null }
  | (Failure & { fieldErrors?: Partial<Record<EscalationRequestField, string>> });

/** Undoes the step when its request is refused, carrying the field messages out of the transaction. */
class RequestRefused extends Error {
  constructor(readonly fieldErrors: Partial<Record<EscalationRequestField, string>>) {
    super("Controleer de velden met een foutmelding.");
  }
}

/**
 * One step up the ladder; at the project leader's level together with its request (both or
 * neither). The ladder's own rules (state, level, reason) speak first, then the request's fields.
 */
export function escalateCase(db: Db, c: { id: number; code: string; tableId: number }, input: EscalationInput, actorUserId: string, now: Date = new Date()): EscalateResult {
  try {
    return db.$client
      .transaction((): EscalateResult => {
        const step = recordEscalation(db, c.id, { level: input.level, reason: input.reason }, actorUserId);
        if (!step.ok || input.level !== "national_project_leader") return step.ok ? { ok: true, escalationId: step.id, requestId: null } : step;
        const request = input.request ?? { bottleneck: null, question: "", confirmedNoPatientData: false };
        const problems = requestProblems(request);
        if (Object.keys(problems).length) throw new RequestRefused(problems);
        const { id } = db
          .insert(escalationRequests)
          .values({ escalationId: step.id, caseId: c.id, tableId: c.tableId, caseCode: c.code, bottleneck: request.bottleneck!, question: request.question.trim(), status: "open", createdAt: now.toISOString() })
          .returning({ id: escalationRequests.id })
          .get();
        return { ok: true, escalationId: step.id, requestId: id };
      })
      .immediate();
  } catch (error) {
    if (error instanceof RequestRefused) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}

const requestColumns = {
  id: escalationRequests.id,
  caseId: escalationRequests.caseId,
  caseCode: escalationRequests.caseCode,
  tableName: regionalTables.name,
  tableNumber: regionalTables.number,
  bottleneck: escalationRequests.bottleneck,
  question: escalationRequests.question,
  status: escalationRequests.status,
  response: escalationRequests.response,
  respondedAt: escalationRequests.respondedAt,
  respondedBy: users.name,
  createdAt: escalationRequests.createdAt,
};

/** Every request, for the project leader: open ones first, then newest first. No case id leaves here. */
export function requestsForProjectLeader(db: Db) {
  const rows = db
    .select(requestColumns)
    .from(escalationRequests)
    .innerJoin(regionalTables, eq(escalationRequests.tableId, regionalTables.id))
    .leftJoin(users, eq(escalationRequests.respondedByUserId, users.id))
    .orderBy(desc(escalationRequests.createdAt), desc(escalationRequests.id))
    .all();
  const order = (s: EscalationRequestStatus) => (s === "open" ? 0 : s === "in_progress" ? 1 : 2);
  return rows.sort((a, b) => order(a.status) - order(b.status)).map(({ caseId: _caseId, ...r }) => r);
}

/** The requests of one case, for the chair on the case's progress page. */
export function requestsOfCase(db: Db, caseId: number) {
  return db
    .select(requestColumns)
    .from(escalationRequests)
    .innerJoin(regionalTables, eq(escalationRequests.tableId, regionalTables.id))
    .leftJoin(users, eq(escalationRequests.respondedByUserId, users.id))
    .where(eq(escalationRequests.caseId, caseId))
    .orderBy(asc(escalationRequests.id))
    .all();
}

/** The project leader records a status and answer. */
export function updateRequest(
  db: Db,
  requestId: number,
  input: { status: EscalationRequestStatus; response: string },
  userId: string,
  now: Date = new Date(),
): { ok: true; caseId: number; caseCode: string } | { ok: false; error: string } {
  const problem = requestUpdateProblem(input);
  if (problem) return { ok: false, error: problem };
  const row = db.select({ caseId: escalationRequests.caseId, caseCode: escalationRequests.caseCode }).from(escalationRequests).where(eq(escalationRequests.id, requestId)).get();
  if (!row) return { ok: false, error: "Dit verzoek bestaat niet (meer)." };
  const response = input.response.trim();
  db.update(escalationRequests)
    .set({ status: input.status, ...(response ? { response, respondedByUserId: userId, respondedAt: now.toISOString() } : {}) })
    .where(and(eq(escalationRequests.id, requestId)))
    .run();
  return { ok: true, ...row };
}
