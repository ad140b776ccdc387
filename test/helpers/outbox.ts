// Reads what the portal queued in its mail outbox, to check that a flow notifies the right people.
import { asc, gt } from "drizzle-orm";
import { outboxMails } from "#db/schema";
import type { Db } from "~/models/db.server";

/** The newest outbox id now; pass it to `mailedSince` after the action under test. */
export const outboxMark = (db: Db) => db.select({ id: outboxMails.id }).from(outboxMails).orderBy(asc(outboxMails.id)).all().at(-1)?.id ?? 0;

/** "kind → address" for every mail queued after `mark`, sorted, so a test can compare the whole set. */
export const mailedSince = (db: Db, mark: number) =>
  db
    .select({ kind: outboxMails.kind, to: outboxMails.toAddress })
    .from(outboxMails)
    .where(gt(outboxMails.id, mark))
    .all()
    .map((m) => `${m.kind} → ${m.to}`)
    .sort();
