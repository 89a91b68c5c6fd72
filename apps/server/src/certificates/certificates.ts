import type { Queryable } from "../db/database.ts";
import {
  buildCredential,
  type CertificateFacts,
  type Credential,
  canonicalJson,
  signCredential,
  verifyCredential,
} from "./credential.ts";
import { type SigningKey, verificationKeys } from "./keys.ts";

export type CertificateStatus = "valid" | "expired" | "revoked" | "forged";

/** Issues and signs a certificate inside the caller's transaction (the one that records the pass). */
export async function issueCertificate(
  tx: Queryable,
  key: SigningKey,
  baseUrl: string,
  facts: CertificateFacts & { personId: string; attemptId: string | null },
): Promise<void> {
  const credential = signCredential(buildCredential(facts, baseUrl), key, baseUrl, facts.issuedAt);
  await tx.query(
    `insert into certificates (id, person_id, course_id, attempt_id, issued_at, expires_at, key_id, credential)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      facts.id,
      facts.personId,
      facts.courseId,
      facts.attemptId,
      facts.issuedAt,
      facts.expiresAt,
      key.id,
      JSON.stringify(credential),
    ],
  );
}

/** What a verifier is shown: the facts the signature vouches for, and whether they hold today. */
export interface Verification {
  id: string;
  status: CertificateStatus;
  holderName: string | null;
  courseId: string | null;
  courseTitle: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unknown = (id: string) => ({
  id,
  holderName: null,
  courseId: null,
  courseTitle: null,
  issuedAt: null,
  expiresAt: null,
  revokedAt: null,
});

interface CertificateRow {
  id: string;
  course_id: string;
  credential: Credential | null;
  revoked_at: Date | null;
}

function facts(credential: Credential | null) {
  const subject = (credential?.credentialSubject ?? {}) as {
    identifier?: { identityHash?: string }[];
    achievement?: { name?: string };
  };
  return {
    holderName: subject.identifier?.[0]?.identityHash ?? null,
    courseTitle: subject.achievement?.name ?? null,
    issuedAt: typeof credential?.validFrom === "string" ? credential.validFrom : null,
    expiresAt: typeof credential?.validUntil === "string" ? credential.validUntil : null,
  };
}

/**
 * A certificate issued here, checked again: its stored credential must still carry a valid proof by
 * one of our keys and name this certificate (else someone altered it: forged), then revocation, then
 * expiry. An id we never issued is reported as forged too: whoever shows it did not get it from us.
 */
export async function verifyCertificate(db: Queryable, id: string, now = new Date()): Promise<Verification> {
  if (!UUID.test(id)) return { ...unknown(id), status: "forged" };
  const { rows } = await db.query<CertificateRow>(
    "select id, course_id, credential, revoked_at from certificates where id = $1",
    [id],
  );
  const row = rows[0];
  const empty = unknown(id);
  if (!row) return { ...empty, status: "forged" };
  const revokedAt = row.revoked_at ? new Date(row.revoked_at).toISOString() : null;
  if (!row.credential) return { ...empty, courseId: row.course_id, revokedAt, status: "revoked" };
  const signed =
    verifyCredential(row.credential, await verificationKeys(db)) &&
    row.credential.id === `urn:uuid:${row.id}`;
  const shown = { ...empty, ...facts(row.credential), courseId: row.course_id, revokedAt };
  if (!signed) return { ...shown, status: "forged" };
  if (revokedAt) return { ...shown, status: "revoked" };
  if (shown.expiresAt && Date.parse(shown.expiresAt) <= now.getTime()) return { ...shown, status: "expired" };
  return { ...shown, status: "valid" };
}

/**
 * A credential presented by its holder (e.g. the JSON from a wallet): it counts only if it is, in
 * canonical form, exactly the credential we issued under its id; any edit makes it forged.
 */
export async function verifyPresented(
  db: Queryable,
  credential: unknown,
  now = new Date(),
): Promise<Verification> {
  const claimed = (credential as { id?: unknown } | null)?.id;
  const id = typeof claimed === "string" ? claimed.replace(/^urn:uuid:/, "") : "";
  if (!UUID.test(id)) return { ...unknown(id), status: "forged" };
  const known = await verifyCertificate(db, id, now);
  if (known.status === "forged") return known;
  const { rows } = await db.query<{ credential: Credential | null }>(
    "select credential from certificates where id = $1",
    [id],
  );
  const stored = rows[0]?.credential;
  if (!stored) return known;
  return canonicalJson(stored) === canonicalJson(credential) ? known : { ...known, status: "forged" };
}
