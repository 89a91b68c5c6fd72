import type { Queryable } from "../db/database.ts";

/**
 * Failures (wrong passwords, unknown join codes) are counted in the database, not in memory, so
 * every server instance behind a load balancer enforces the same limits. Each failure is a row
 * under a key; a key with `limit` failures in the last window is blocked until its oldest one ages
 * out of the window.
 */
export const ATTEMPT_WINDOW_MINUTES = 15;

export interface AttemptLimit {
  key: string;
  limit: number;
}

export const SIGNIN_LIMITS = { perLogin: 5, perAddress: 30, windowMinutes: ATTEMPT_WINDOW_MINUTES } as const;

export const signinLimits = (login: string, address: string): AttemptLimit[] => [
  { key: `login:${login}`, limit: SIGNIN_LIMITS.perLogin },
  { key: `addr:${address}`, limit: SIGNIN_LIMITS.perAddress },
];

/** Seconds until the first of these keys that is over its limit may try again; null when none is. */
export async function attemptsBlocked(db: Queryable, limits: AttemptLimit[]): Promise<number | null> {
  const { rows } = await db.query<{ key: string; failures: number; oldest: Date }>(
    `select key, count(*)::int as failures, min(at) as oldest from failed_attempts
      where key = any($1) and at > now() - make_interval(mins => $2) group by key`,
    [limits.map((limit) => limit.key), ATTEMPT_WINDOW_MINUTES],
  );
  for (const row of rows) {
    const limit = limits.find((candidate) => candidate.key === row.key)?.limit ?? Number.POSITIVE_INFINITY;
    if (row.failures >= limit) {
      const retryAt = new Date(row.oldest).getTime() + ATTEMPT_WINDOW_MINUTES * 60_000;
      return Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    }
  }
  return null;
}

export async function recordFailedAttempt(db: Queryable, limits: AttemptLimit[]): Promise<void> {
  await db.query("insert into failed_attempts (key) select unnest($1::text[])", [
    limits.map((limit) => limit.key),
  ]);
}

export async function clearFailedAttempts(db: Queryable, keys: string[]): Promise<void> {
  await db.query("delete from failed_attempts where key = any($1)", [keys]);
}

export async function pruneFailedAttempts(db: Queryable): Promise<void> {
  await db.query("delete from failed_attempts where at <= now() - make_interval(mins => $1)", [
    ATTEMPT_WINDOW_MINUTES,
  ]);
}
