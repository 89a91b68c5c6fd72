import type { Queryable } from "../db/database.ts";

/**
 * Failed sign-ins are counted in the database, not in memory, so every server instance behind a
 * load balancer enforces the same limit.
 */
export const SIGNIN_LIMITS = { perLogin: 5, perAddress: 30, windowMinutes: 15 } as const;

export async function signinBlocked(db: Queryable, login: string, address: string): Promise<number | null> {
  const { rows } = await db.query<{ key: string; failures: number; oldest: Date }>(
    `select key, count(*)::int as failures, min(at) as oldest from signin_failures
      where key = any($1) and at > now() - make_interval(mins => $2) group by key`,
    [[`login:${login}`, `addr:${address}`], SIGNIN_LIMITS.windowMinutes],
  );
  for (const row of rows) {
    const limit = row.key.startsWith("login:") ? SIGNIN_LIMITS.perLogin : SIGNIN_LIMITS.perAddress;
    if (row.failures >= limit) {
      const retryAt = new Date(row.oldest).getTime() + SIGNIN_LIMITS.windowMinutes * 60_000;
      return Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    }
  }
  return null;
}

export async function recordSigninFailure(db: Queryable, login: string, address: string): Promise<void> {
  await db.query("insert into signin_failures (key) values ($1), ($2)", [
    `login:${login}`,
    `addr:${address}`,
  ]);
}

export async function clearSigninFailures(db: Queryable, login: string): Promise<void> {
  await db.query("delete from signin_failures where key = $1", [`login:${login}`]);
}

export async function pruneSigninFailures(db: Queryable): Promise<void> {
  await db.query("delete from signin_failures where at <= now() - make_interval(mins => $1)", [
    SIGNIN_LIMITS.windowMinutes,
  ]);
}
