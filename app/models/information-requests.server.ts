// "Meer informatie nodig": the chair asks the referrer a question and the case pauses
// (information_requested); the referrer answers with text and attachments and screening resumes.
// Both are lifecycle events, so the pause counts in the monitor's lead times.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { attachments, informationRequests, users } from "#db/schema";
import type { Db } from "./db.server";
import { applyCaseEvent, type CaseActor, type StepResult } from "./cases.server";

export function openInformationRequest(db: Db, caseId: number) {
  return db
    .select()
    .from(informationRequests)
    .where(and(eq(informationRequests.caseId, caseId), isNull(informationRequests.answeredAt)))
    .orderBy(desc(informationRequests.id))
    .limit(1)
    .get() ?? null;
}

/** Every request of a case with its answer and the files sent with it, oldest first. */
export function informationRequestsOf(db: Db, caseId: number) {
  const requests = db.select().from(informationRequests).where(eq(informationRequests.caseId, caseId)).orderBy(asc(informationRequests.id)).all();
  const names = new Map(db.select({ id: users.id, name: users.name }).from(users).all().map((u) => [u.id, u.name]));
  const files = db
    .select({ id: attachments.id, requestId: attachments.informationRequestId, fileName: attachments.fileName, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .all();
  return requests.map((r) => ({
    id: r.id,
    question: r.question,
    askedAt: r.askedAt,
    askedBy: names.get(r.askedByUserId) ?? null,
    answer: r.answer,
    answeredAt: r.answeredAt,
    answeredBy: r.answeredByUserId ? (names.get(r.answeredByUserId) ?? null) : null,
    attachments: files.filter((f) => f.requestId === r.id),
  }));
}

/** The chair's question: the case pauses until the referrer answers. */
export function requestInformation(db: Db, caseId: number, question: string, actor: CaseActor & { userId: string }): StepResult {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const step = applyCaseEvent(t, caseId, { event: "request_information", reason: question }, actor);
    if (!step.ok) return step;
    tx.insert(informationRequests).values({ caseId, question, askedByUserId: actor.userId, askedAt: new Date().toISOString() }).run();
    return step;
  });
}

/** The referrer's answer (the files were stored with this request's id first): screening resumes. */
export function answerInformationRequest(db: Db, caseId: number, requestId: number, answer: string, actor: CaseActor & { userId: string }): StepResult {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const open = openInformationRequest(t, caseId);
    if (!open || open.id !== requestId) return { ok: false as const, error: "Deze vraag is al beantwoord." };
    const step = applyCaseEvent(t, caseId, { event: "answer_information", reason: null }, actor);
    if (!step.ok) return step;
    tx.update(informationRequests)
      .set({ answer, answeredByUserId: actor.userId, answeredAt: new Date().toISOString() })
      .where(eq(informationRequests.id, requestId))
      .run();
    return step;
  });
}
