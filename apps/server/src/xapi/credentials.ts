import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { LrsCredential } from "@bvte/api";
import type { Queryable } from "../db/database.ts";

export const DEMO_CREDENTIAL_LABEL = "demo (generated at start)";

const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

export async function createCredential(
  db: Queryable,
  label: string,
  createdBy: string | null,
): Promise<{ id: string; key: string; secret: string }> {
  const key = `bvte-${randomBytes(9).toString("base64url")}`;
  const secret = randomBytes(32).toString("base64url");
  const { rows } = await db.query<{ id: string }>(
    "insert into lrs_credentials (key, secret_hash, label, created_by) values ($1, $2, $3, $4) returning id",
    [key, hashSecret(secret), label, createdBy],
  );
  return { id: rows[0]?.id as string, key, secret };
}

export async function listCredentials(db: Queryable): Promise<LrsCredential[]> {
  const { rows } = await db.query<{
    id: string;
    key: string;
    label: string;
    created_at: Date;
    revoked_at: Date | null;
  }>("select id, key, label, created_at, revoked_at from lrs_credentials order by created_at, key");
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }));
}

/** Revokes a credential; false when there is no such credential. Revoking twice changes nothing. */
export async function revokeCredential(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(
    "update lrs_credentials set revoked_at = coalesce(revoked_at, now()) where id = $1 returning id",
    [id],
  );
  return rows.length > 0;
}

/** The credential a `Basic` Authorization header names, or null when it is wrong or revoked. */
export async function authenticateBasic(
  db: Queryable,
  header: string,
): Promise<{ id: string; key: string } | null> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const key = decoded.slice(0, colon);
  const { rows } = await db.query<{ id: string; secret_hash: string }>(
    "select id, secret_hash from lrs_credentials where key = $1 and revoked_at is null",
    [key],
  );
  const row = rows[0];
  const given = Buffer.from(hashSecret(decoded.slice(colon + 1)), "hex");
  const expected = Buffer.from(row?.secret_hash ?? hashSecret(""), "hex");
  return row && timingSafeEqual(given, expected) ? { id: row.id, key } : null;
}

/** XAPI_BASIC_AUTH=key:secret: makes sure exactly this pair works, re-enabling it if it was revoked. */
export async function ensureCredential(db: Queryable, pair: string): Promise<void> {
  const colon = pair.indexOf(":");
  const [key, secret] = [pair.slice(0, colon), pair.slice(colon + 1)];
  await db.query(
    `insert into lrs_credentials (key, secret_hash, label) values ($1, $2, 'XAPI_BASIC_AUTH')
     on conflict (key) do update set secret_hash = excluded.secret_hash, revoked_at = null`,
    [key, hashSecret(secret)],
  );
}

/**
 * Demo mode without XAPI_BASIC_AUTH: a fresh pair at every start, printed in the banner; the pair of
 * the previous start stops working, since its secret was never stored and cannot be shown again.
 */
export async function generateDemoCredential(db: Queryable): Promise<{ key: string; secret: string }> {
  await db.query("update lrs_credentials set revoked_at = now() where label = $1 and revoked_at is null", [
    DEMO_CREDENTIAL_LABEL,
  ]);
  const { key, secret } = await createCredential(db, DEMO_CREDENTIAL_LABEL, null);
  return { key, secret };
}
