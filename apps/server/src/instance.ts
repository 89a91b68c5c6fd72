import type { Queryable } from "./db/database.ts";

export type InstanceMode = "demo" | "production";

export async function instanceMode(db: Queryable): Promise<InstanceMode | null> {
  const { rows } = await db.query<{ value: InstanceMode }>(
    "select value from instance_meta where key = 'mode'",
  );
  return rows[0]?.value ?? null;
}

/**
 * A database remembers the mode that first used it, so a production server never starts on a
 * database that holds demo accounts with published passwords.
 */
export async function claimInstanceMode(db: Queryable, mode: InstanceMode): Promise<InstanceMode> {
  await db.query(
    `insert into instance_meta (key, value) values ('mode', to_jsonb($1::text)) on conflict (key) do nothing`,
    [mode],
  );
  const current = await instanceMode(db);
  if (current !== mode) {
    throw new Error(
      mode === "production"
        ? "This database holds demo data with published passwords; production mode needs a fresh DATA_DIR or database."
        : "This database belongs to a production instance; demo mode will not seed it. Use another DATA_DIR.",
    );
  }
  return current;
}
