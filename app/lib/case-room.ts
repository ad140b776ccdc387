// The case room's protocol, shared by the socket.io server, the page and the browser component:
// event payloads and the one rule for keeping a message list (by id: ordered, no duplicates).
// No server code here: the browser bundle imports it.

export type RoomVisibility = "identified" | "deidentified" | "none";

/** What the room shows about the case: the patient's name only with identity. */
export type RoomCaseSummary = { caseId: number; code: string; tableName: string; patientName: string | null };

/** A message as participants see it: the author is a professional, shown with their organisation. */
export type RoomMessage = {
  id: number;
  caseId: number;
  authorName: string;
  authorOrganisation: string;
  body: string;
  createdAt: string;
  /** createdAt as people read it (Europe/Amsterdam), formatted on the server. */
  time: string;
};

export type PresentPerson = { name: string; organisation: string };
export type PresenceUpdate = { caseId: number; present: PresentPerson[] };

/** Sent when a consent change alters what someone in the room may see; "none" means they were removed. */
export type Revocation = { caseId: number; visibility: RoomVisibility; summary: RoomCaseSummary | null };

/** Why an event was refused: bad input, session ended, no access (any more), or not in the room. */
export type RoomFailureReason = "rate" | "invalid" | "session" | "access" | "not_joined" | "error";
export type RoomFailure = { ok: false; reason: RoomFailureReason; error: string };
export type JoinAck =
  | {
      ok: true;
      caseId: number;
      visibility: Exclude<RoomVisibility, "none">;
      summary: RoomCaseSummary;
      /** Messages after the lastMessageId sent with the join, oldest first. */
      messages: RoomMessage[];
      /** More missed messages than fit in one answer: join again with the last id received. */
      hasMore: boolean;
      present: PresentPerson[];
    }
  | RoomFailure;
export type MessageAck = { ok: true; message: RoomMessage } | RoomFailure;
export type LeaveAck = { ok: true } | RoomFailure;

export type JoinPayload = { caseId: number; lastMessageId?: number };
export type MessagePayload = { caseId: number; clientMessageId: string; body: string };

export interface RoomServerToClientEvents {
  "room:message": (message: RoomMessage) => void;
  "room:presence": (update: PresenceUpdate) => void;
  "room:revoked": (revocation: Revocation) => void;
}

// Payloads arrive as unknown: the server validates every one with zod before use, and answers
// an ack when the client asked for one.
export interface RoomClientToServerEvents {
  "room:join": (payload: unknown, ack: (answer: JoinAck) => void) => void;
  "room:message": (payload: unknown, ack: (answer: MessageAck) => void) => void;
  "room:leave": (payload: unknown, ack: (answer: LeaveAck) => void) => void;
}

export const roomName = (caseId: number) => `case:${caseId}`;

/** Limits shared by the form, the socket schema and the page. */
export const MESSAGE_MAX = 4000;
export const CLIENT_MESSAGE_ID_MAX = 100;

/**
 * Adds incoming messages to a list kept in id order, skipping ids already there. Returns the
 * same array when nothing was new, so React does not re-render for a duplicate.
 */
export function mergeMessages(current: readonly RoomMessage[], incoming: readonly RoomMessage[]): RoomMessage[] {
  const known = new Set(current.map((m) => m.id));
  const fresh = incoming.filter((m) => {
    if (known.has(m.id)) return false;
    known.add(m.id);
    return true;
  });
  if (!fresh.length) return current as RoomMessage[];
  const last = current.length ? current[current.length - 1].id : 0;
  const merged = [...current, ...fresh];
  // Usually the new ones come after the last one we had; sort only when they do not.
  if (fresh.some((m) => m.id < last) || fresh.some((m, i) => i > 0 && m.id < fresh[i - 1].id)) merged.sort((a, b) => a.id - b.id);
  return merged;
}

/** A fresh message id for the send queue (also without crypto.randomUUID on older browsers). */
export function newClientMessageId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
