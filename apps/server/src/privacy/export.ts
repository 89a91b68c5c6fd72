import type { Database } from "../db/database.ts";
import { present, type StoredRow } from "../xapi/format.ts";
import { writeAudit } from "./audit.ts";
import { NOTICE_VERSION } from "./notice.ts";

/**
 * Everything this instance holds about a person, as one JSON document they can download: profile,
 * consents, cohorts, progress, every statement about them, exam attempts and certificates. Exam
 * attempts are given as totals: their drawn forms hold certification keys, which stay on the server.
 * The export and its audit-log entry are one transaction.
 */
export async function exportPersonalData(db: Database, personId: string) {
  return db.transaction(async (tx) => {
    const person = (
      await tx.query<Record<string, unknown>>(
        `select p.id, p.login, p.display_name as "displayName", p.roles, p.phone, p.email, p.created_at as "createdAt",
                json_build_object('id', u.id, 'name', u.name) as "homeUnit"
           from people p join units u on u.id = p.home_unit_id where p.id = $1`,
        [personId],
      )
    ).rows[0];
    const consents = (
      await tx.query(
        `select notice_version as "noticeVersion", accepted, decided_at as "decidedAt"
           from consents where person_id = $1 order by decided_at`,
        [personId],
      )
    ).rows;
    const sessions = (
      await tx.query(
        `select created_at as "createdAt", expires_at as "expiresAt" from sessions where person_id = $1 order by created_at`,
        [personId],
      )
    ).rows;
    const cohorts = (
      await tx.query(
        `select c.id, c.name, m.joined_at as "joinedAt" from cohort_members m join cohorts c on c.id = m.cohort_id
          where m.person_id = $1 order by c.name`,
        [personId],
      )
    ).rows;
    const progress = (
      await tx.query(
        `select course_id as "courseId", status, started_at as "startedAt", completed_at as "completedAt",
                last_passed_at as "lastPassedAt", best_score::float8 as "bestScore", lessons_completed as "lessonsCompleted",
                expires_at as "expiresAt", certified_at as "certifiedAt",
                certification_expires_at as "certificationExpiresAt"
           from course_status where person_id = $1 order by course_id`,
        [personId],
      )
    ).rows;
    const statementRows = (
      await tx.query<StoredRow & { voided: boolean }>(
        `select s.id, s.statement, s.authority, s.seq::text as seq, s.voided,
                to_char(s.stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stored,
                to_char(s."timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts
           from statements s where s.person_id = $1 order by s.stored, s.seq`,
        [personId],
      )
    ).rows;
    const attempts = (
      await tx.query(
        `select course_id as "courseId", attempt_number as "attemptNumber", started_at as "startedAt",
                deadline, ended_at as "endedAt", ended_by as "endedBy", score::float8 as score,
                max_score::float8 as "maxScore", passed
           from certification_attempts where person_id = $1 order by started_at`,
        [personId],
      )
    ).rows;
    const certificates = (
      await tx.query(
        `select id, course_id as "courseId", issued_at as "issuedAt", expires_at as "expiresAt",
                revoked_at as "revokedAt", credential
           from certificates where person_id = $1 order by issued_at`,
        [personId],
      )
    ).rows;
    await writeAudit(tx, {
      actorId: personId,
      action: "personal-data.export",
      subjectId: personId,
      details: { statements: statementRows.length, certificates: certificates.length },
    });
    return {
      exportedAt: new Date().toISOString(),
      noticeVersion: NOTICE_VERSION,
      person,
      consents,
      sessions,
      cohorts,
      progress,
      statements: statementRows.filter((row) => !row.voided).map((row) => present(row, "exact", [])),
      voidedStatements: statementRows.filter((row) => row.voided).map((row) => present(row, "exact", [])),
      certificationAttempts: attempts,
      certificates,
    };
  });
}
