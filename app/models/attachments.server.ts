// Reading a referral's attachment rows: one file's row for a download, and a draft's or case's
// list with who uploaded each. Storing and deleting (bytes on disk too) are in ~/lib/attachments.server.
import { asc, eq } from "drizzle-orm";
import { attachments, users } from "#db/schema";
import type { Db } from "./db.server";

export type AttachmentRow = typeof attachments.$inferSelect;

export function getAttachment(db: Db, id: number): AttachmentRow | null {
  return db.select().from(attachments).where(eq(attachments.id, id)).get() ?? null;
}

export function listAttachments(db: Db, owner: { draftId: number } | { caseId: number }) {
  const where = "draftId" in owner ? eq(attachments.draftId, owner.draftId) : eq(attachments.caseId, owner.caseId);
  return db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      size: attachments.size,
      uploadedAt: attachments.uploadedAt,
      uploadedBy: users.name,
      informationRequestId: attachments.informationRequestId,
    })
    .from(attachments)
    .leftJoin(users, eq(attachments.uploadedByUserId, users.id))
    .where(where)
    .orderBy(asc(attachments.id))
    .all();
}
