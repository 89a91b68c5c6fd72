import { parseActivityId, verbName } from "@bvte/learning-records";
import type { Queryable } from "../db/database.ts";
import type { StoredStatement } from "./ingest.ts";

/**
 * Folds one newly stored statement into the course-status projection. Statements may arrive out of
 * order, so every update keeps the earliest start and the latest pass rather than "the last write".
 */
export async function applyToProjections(
  tx: Queryable,
  personId: string,
  statement: StoredStatement["statement"],
): Promise<void> {
  const activity = parseActivityId(statement.object.id);
  const verb = verbName(statement.verb.id);
  if (!activity || !verb) return;
  const at = statement.timestamp;
  const { courseId } = activity;

  await tx.query(
    `insert into course_status (person_id, course_id, status, started_at)
     values ($1, $2, 'in_progress', $3)
     on conflict (person_id, course_id) do update
       set started_at = least(course_status.started_at, excluded.started_at), updated_at = now()`,
    [personId, courseId, at],
  );

  if (verb === "completed" && activity.lessonId) {
    await tx.query(
      `update course_status set lessons_completed = array_append(lessons_completed, $3)
        where person_id = $1 and course_id = $2 and not ($3 = any(lessons_completed))`,
      [personId, courseId, activity.lessonId],
    );
  }
  if (verb === "completed" && !activity.lessonId && !activity.assessment) {
    await tx.query(
      `update course_status
          set status = case when status = 'passed' then status else 'completed' end,
              completed_at = least(coalesce(completed_at, $3), $3)
        where person_id = $1 and course_id = $2`,
      [personId, courseId, at],
    );
  }
  if (verb === "passed" && (activity.assessment || !activity.lessonId)) {
    const score = statement.result?.score?.scaled ?? null;
    await tx.query(
      `insert into course_passes (statement_id, person_id, course_id, passed_at, score)
       values ($1, $2, $3, $4, $5)`,
      [statement.id, personId, courseId, at, score],
    );
    await tx.query(
      `update course_status
          set status = 'passed',
              completed_at = least(coalesce(completed_at, $3), $3),
              last_passed_at = greatest(coalesce(last_passed_at, $3), $3),
              best_score = greatest(best_score, $4)
        where person_id = $1 and course_id = $2`,
      [personId, courseId, at, score],
    );
  }
}
