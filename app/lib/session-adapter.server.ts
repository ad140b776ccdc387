// lucia's drizzle adapter, with the one look-up every signed-in request makes (session + user by
// session id) as a single prepared statement: the stock adapter builds two drizzle queries per
// request (~8% of a page's CPU in the profile of issue 9). Everything else is inherited.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { DatabaseSession, DatabaseUser } from "lucia";
import { sessions, users } from "#db/schema";
import type { Db } from "~/models/db.server";

export class PreparedSessionAdapter extends DrizzleSQLiteAdapter {
  private readonly sessionAndUser;

  constructor(db: Db) {
    super(db, sessions, users);
    this.sessionAndUser = db
      .select({ session: getTableColumns(sessions), user: getTableColumns(users) })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare();
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = this.sessionAndUser.get({ id: sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...sessionAttributes } = row.session;
    const { id: uid, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt: new Date(expiresAt * 1000), attributes: sessionAttributes },
      { id: uid, attributes: userAttributes },
    ];
  }
}
