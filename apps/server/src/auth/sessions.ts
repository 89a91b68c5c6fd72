import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/database.ts";

export interface SessionPerson {
  id: string;
  login: string;
  displayName: string;
  roles: string[];
  homeUnitId: string;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function createSession(db: Queryable, personId: string, ttlHours: number) {
  const token = randomBytes(32).toString("base64url");
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, person_id, expires_at)
     values ($1, $2, now() + make_interval(secs => $3)) returning expires_at`,
    [hashToken(token), personId, ttlHours * 3600],
  );
  return { token, expiresAt: new Date(rows[0]?.expires_at ?? Date.now()) };
}

/** The signed-in person for a token, or null when unknown, expired or deactivated. */
export async function findSession(db: Queryable, token: string): Promise<SessionPerson | null> {
  const { rows } = await db.query<{
    id: string;
    login: string;
    display_name: string;
    roles: string[];
    home_unit_id: string;
  }>(
    `select p.id, p.login, p.display_name, p.roles, p.home_unit_id
       from sessions s join people p on p.id = s.person_id
      where s.token_hash = $1 and s.expires_at > now() and p.active`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    roles: row.roles,
    homeUnitId: row.home_unit_id,
  };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query("delete from sessions where token_hash = $1", [hashToken(token)]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query("delete from sessions where expires_at <= now()");
}
