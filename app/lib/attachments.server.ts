// Files sent with a referral. The type is decided from the bytes (never the name or the
// browser's word), files live outside the web root under a random name, and every download
// is checked against the sha256 recorded at upload.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import { attachments } from "#db/schema";
import { hasBidiControls } from "~/domain/dutch-errors";
import { ALLOWED_CONTENT_TYPES } from "./attachment-format";
import type { AttachmentRow } from "~/models/attachments.server";
import type { Db } from "~/models/db.server";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_DRAFT = 20;


export const UPLOAD_MESSAGES = {
  tooLarge: "Het bestand is groter dan 10 MB.",
  notAllowed: "Dit soort bestand kan niet worden toegevoegd. Voeg een PDF of een afbeelding (PNG, JPEG, GIF, WebP, TIFF of HEIC) toe.",
  missing: "Kies een bestand om toe te voegen.",
  empty: "Het gekozen bestand is leeg.",
  unreadable: "Het formulier met het bestand kon niet worden gelezen. Probeer het opnieuw.",
  bidi: "De bestandsnaam bevat onzichtbare tekens die de leesrichting omdraaien. Geef het bestand een gewone naam en probeer het opnieuw.",
  tooMany: `U kunt hoogstens ${MAX_ATTACHMENTS_PER_DRAFT} bijlagen toevoegen.`,
} as const;

/**
 * How much of a too-large file is read and thrown away, so the browser gets our Dutch answer
 * instead of a reset connection. Beyond this the upload is cut off.
 */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

const UPLOAD_TEXT_FIELDS = ["stap", "intent"];

/** The multipart post of the upload form (file field "bestand"); too large and malformed posts become Dutch messages. */
export async function readUploadForm(
  request: Request,
  options: { textFields?: string[]; maxFiles?: number } = {},
): Promise<{ ok: true; formData: FormData } | { ok: false; error: string; status: number }> {
  const textFields = [...UPLOAD_TEXT_FIELDS, ...(options.textFields ?? [])];
  const maxFiles = options.maxFiles ?? 1;
  let filesSeen = 0;
  let tooLarge = false;
  const memory = unstable_createMemoryUploadHandler({
    maxPartSize: MAX_ATTACHMENT_BYTES,
    // Only the form's own fields, and at most maxFiles files per post: anything else is skipped, not buffered.
    filter: ({ name, filename }) => {
      if (typeof filename !== "string") return textFields.includes(name);
      if (name !== "bestand" || filesSeen >= maxFiles) return false;
      filesSeen++;
      return true;
    },
  });
  const handler: UploadHandler = async (part) => {
    try {
      return await memory(part);
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw error;
      // Read the rest of this part without keeping it, then let the parser finish the post.
      tooLarge = true;
      let discarded = 0;
      for await (const chunk of part.data) {
        discarded += chunk.byteLength;
        if (discarded > MAX_DISCARD_BYTES) throw error;
      }
      return undefined;
    }
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    if (tooLarge) return { ok: false, error: UPLOAD_MESSAGES.tooLarge, status: 413 };
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: UPLOAD_MESSAGES.tooLarge, status: 413 };
    // A malformed multipart body: the sender's form, not the server, is at fault.
    return { ok: false, error: UPLOAD_MESSAGES.unreadable, status: 400 };
  }
}

/** The name shown and offered on download: no folders, no control or path characters. */
export function displayName(original: string, ext: string): string {
  const base = original.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"|?*\\/]/g, "")
    .replace(/^[.\s]+/, "")
    .replace(/\s+/g, " ")
    .trim();
  const stem = cleaned.replace(/\.[^.]{1,10}$/, "").trim().slice(0, 150) || "bijlage";
  // The extension follows what the file is, so "scan.pdf" that is a PNG downloads as scan.png.
  return `${stem}.${ext}`;
}

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

const STORAGE_KEY = /^[a-f0-9]{32}$/;

function storagePath(uploadsPath: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("invalid storage key");
  return path.join(path.resolve(uploadsPath), storageKey);
}

export type StoreResult = { ok: true; attachment: AttachmentRow } | { ok: false; error: string };

export function storeDraftAttachment(db: Db, uploadsPath: string, input: { file: FormDataEntryValue | null; draftId: number; userId: string }): Promise<StoreResult> {
  return storeAttachment(db, uploadsPath, { file: input.file, userId: input.userId, owner: { draftId: input.draftId } });
}

/** A file sent with an answer to a table's information request: stored with the case directly. */
export function storeAnswerAttachment(db: Db, uploadsPath: string, input: { file: FormDataEntryValue | null; caseId: number; informationRequestId: number; userId: string }): Promise<StoreResult> {
  return storeAttachment(db, uploadsPath, { file: input.file, userId: input.userId, owner: { caseId: input.caseId, informationRequestId: input.informationRequestId } });
}

async function storeAttachment(
  db: Db,
  uploadsPath: string,
  input: { file: FormDataEntryValue | null; userId: string; owner: { draftId: number } | { caseId: number; informationRequestId: number } },
): Promise<StoreResult> {
  const file = input.file;
  if (!file || typeof file === "string" || !file.name) return { ok: false, error: UPLOAD_MESSAGES.missing };
  if (hasBidiControls(file.name)) return { ok: false, error: UPLOAD_MESSAGES.bidi };
  if (file.size === 0) return { ok: false, error: UPLOAD_MESSAGES.empty };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, error: UPLOAD_MESSAGES.tooLarge };
  const ownerFilter = "draftId" in input.owner ? eq(attachments.draftId, input.owner.draftId) : eq(attachments.informationRequestId, input.owner.informationRequestId);
  const existing = db.select({ id: attachments.id }).from(attachments).where(ownerFilter).all().length;
  if (existing >= MAX_ATTACHMENTS_PER_DRAFT) return { ok: false, error: UPLOAD_MESSAGES.tooMany };

  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const allowed = detected ? ALLOWED_CONTENT_TYPES[detected.mime] : undefined;
  if (!detected || !allowed) return { ok: false, error: UPLOAD_MESSAGES.notAllowed };

  const storageKey = crypto.randomBytes(16).toString("hex");
  const target = storagePath(uploadsPath, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await fs.writeFile(target, bytes, { mode: 0o600, flag: "wx" });
  try {
    const attachment = db
      .insert(attachments)
      .values({
        ...input.owner,
        fileName: displayName(file.name, allowed.ext),
        contentType: detected.mime,
        size: bytes.byteLength,
        sha256: sha256(bytes),
        storageKey,
        uploadedByUserId: input.userId,
        uploadedAt: new Date().toISOString(),
      })
      .returning()
      .get();
    return { ok: true, attachment };
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}

/** Removes a draft's attachment (row and file); a case's attachments are never removed here. */
export async function deleteDraftAttachment(db: Db, uploadsPath: string, draftId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const row = db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.draftId, draftId))).get();
  if (!row) return null;
  db.delete(attachments).where(eq(attachments.id, row.id)).run();
  await fs.rm(storagePath(uploadsPath, row.storageKey), { force: true });
  return row;
}

export async function deleteAllDraftAttachments(db: Db, uploadsPath: string, draftId: number): Promise<number> {
  const rows = db.select().from(attachments).where(eq(attachments.draftId, draftId)).all();
  for (const row of rows) await deleteDraftAttachment(db, uploadsPath, draftId, row.id);
  return rows.length;
}

export type ReadResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: "missing" | "mismatch"; actual?: string };

/** The stored bytes, only when they still match the checksum recorded at upload. */
export async function readVerifiedAttachment(uploadsPath: string, row: AttachmentRow): Promise<ReadResult> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await fs.readFile(storagePath(uploadsPath, row.storageKey)));
  } catch {
    return { ok: false, reason: "missing" };
  }
  const actual = sha256(bytes);
  if (actual !== row.sha256) return { ok: false, reason: "mismatch", actual };
  return { ok: true, bytes };
}

/** Content-Disposition for a download: an ASCII fallback plus the exact name (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\;%]/g, "_") || "bijlage";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
