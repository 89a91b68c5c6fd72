import type { Queryable } from "../db/database.ts";

/** Actions the audit log records. Exports of personal data and erasures must always be among them. */
export type AuditAction =
  | "personal-data.export"
  | "person.erase"
  | "certificate.revoke"
  | "lrs-credential.create"
  | "lrs-credential.revoke"
  | "report.export"
  | "cohort.delete"
  | (string & {});

/**
 * Appends to the audit log, in the caller's transaction when given one, so an export or erasure and
 * its log entry are committed together or not at all.
 */
export async function writeAudit(
  db: Queryable,
  entry: {
    actorId: string | null;
    action: AuditAction;
    subjectId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.query("insert into audit_log (actor_id, action, subject_id, details) values ($1, $2, $3, $4)", [
    entry.actorId,
    entry.action,
    entry.subjectId ?? null,
    JSON.stringify(entry.details ?? {}),
  ]);
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/** The newest entries first; `before` pages back in time. */
export async function readAudit(db: Queryable, limit: number, before?: string): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    id: string;
    at: Date;
    actor_id: string | null;
    action: string;
    subject_id: string | null;
    details: Record<string, unknown>;
  }>(
    `select id, at, actor_id, action, subject_id, details from audit_log
      where $1::timestamptz is null or at < $1::timestamptz order by at desc, id limit $2`,
    [before ?? null, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    action: row.action,
    subjectId: row.subject_id,
    details: row.details,
  }));
}
