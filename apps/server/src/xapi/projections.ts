import { parseActivityId, verbName } from "@bvte/learning-records";
import type { CourseCatalog } from "../content.ts";
import type { Queryable } from "../db/database.ts";

/** How long a pass lasts, per course: from the course manifest (and its certification section). */
export interface ValidityRules {
  courseMonths(courseId: string): number | null;
  certificationMonths(courseId: string): number | null;
}

export function validityRules(catalog: CourseCatalog): ValidityRules {
  return {
    courseMonths: (courseId) => catalog.find(courseId)?.manifest.validityMonths ?? null,
    certificationMonths: (courseId) => catalog.find(courseId)?.manifest.certification?.validityMonths ?? null,
  };
}

/** What projections read of a stored statement. */
export interface ProjectedStatement {
  id: string;
  verbId: string;
  activityId: string | null;
  timestamp: string;
  scaledScore: number | null;
}

interface CourseDelta {
  startedAt: string;
  /** Lessons completed, in the order first seen. */
  lessons: string[];
  /** A course-level `completed`. */
  completed: boolean;
  completedAt: string | null;
  lastPassedAt: string | null;
  bestScore: number | null;
  certifiedAt: string | null;
  passes: { statementId: string; at: string; score: number | null }[];
}

const earliest = (a: string | null, b: string) => (a === null || b < a ? b : a);
const latest = (a: string | null, b: string) => (a === null || b > a ? b : a);
const best = (a: number | null, b: number | null) => (b === null ? a : a === null ? b : Math.max(a, b));

/** What a set of statements says about each course, before it meets the stored projection. */
function deltas(statements: ProjectedStatement[]): Map<string, CourseDelta> {
  const out = new Map<string, CourseDelta>();
  for (const statement of statements) {
    const activity = statement.activityId ? parseActivityId(statement.activityId) : undefined;
    const verb = verbName(statement.verbId);
    if (!activity || !verb) continue;
    const at = statement.timestamp;
    const delta = out.get(activity.courseId) ?? {
      startedAt: at,
      lessons: [],
      completed: false,
      completedAt: null,
      lastPassedAt: null,
      bestScore: null,
      certifiedAt: null,
      passes: [],
    };
    out.set(activity.courseId, delta);
    delta.startedAt = earliest(delta.startedAt, at);
    const graded = activity.assessment !== undefined || activity.lessonId === undefined;
    if (verb === "completed" && activity.lessonId && !delta.lessons.includes(activity.lessonId)) {
      delta.lessons.push(activity.lessonId);
    }
    if (verb === "completed" && !activity.lessonId && !activity.assessment) {
      delta.completed = true;
      delta.completedAt = earliest(delta.completedAt, at);
    }
    if ((verb === "passed" || verb === "failed") && graded)
      delta.bestScore = best(delta.bestScore, statement.scaledScore);
    if (verb === "passed" && graded) {
      delta.completedAt = earliest(delta.completedAt, at);
      delta.lastPassedAt = latest(delta.lastPassedAt, at);
      delta.passes.push({ statementId: statement.id, at, score: statement.scaledScore });
    }
    if (verb === "passed" && activity.assessment === "certification")
      delta.certifiedAt = latest(delta.certifiedAt, at);
  }
  return out;
}

/**
 * Folds newly stored statements of one person into the course-status projection: one upsert per
 * course, whatever the batch size. Statements may arrive out of order, so every merge keeps the
 * earliest start and the latest pass rather than "the last write" (least/greatest skip nulls), and
 * the result is the same whatever the order: re-deriving after a voiding relies on that.
 */
export async function applyToProjections(
  tx: Queryable,
  rules: ValidityRules,
  personId: string,
  statements: ProjectedStatement[],
): Promise<void> {
  for (const [courseId, d] of deltas(statements)) {
    const status = d.passes.length > 0 ? "passed" : d.completed ? "completed" : "in_progress";
    await tx.query(
      `insert into course_status as cs (person_id, course_id, status, started_at, completed_at, last_passed_at,
         best_score, lessons_completed, expires_at, certified_at, certification_expires_at)
       values ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::numeric, $8::text[],
               $6::timestamptz + make_interval(months => $9::int), $10::timestamptz,
               $10::timestamptz + make_interval(months => $11::int))
       on conflict (person_id, course_id) do update set
         status = case when 'passed' in (cs.status, excluded.status) then 'passed'
                       when 'completed' in (cs.status, excluded.status) then 'completed' else 'in_progress' end,
         started_at = least(cs.started_at, excluded.started_at),
         completed_at = least(cs.completed_at, excluded.completed_at),
         last_passed_at = greatest(cs.last_passed_at, excluded.last_passed_at),
         best_score = greatest(cs.best_score, excluded.best_score),
         lessons_completed = cs.lessons_completed || array(
           select lesson from unnest(excluded.lessons_completed) with ordinality as added(lesson, n)
            where not (lesson = any(cs.lessons_completed)) order by n),
         expires_at = greatest(cs.last_passed_at, excluded.last_passed_at) + make_interval(months => $9::int),
         certified_at = greatest(cs.certified_at, excluded.certified_at),
         certification_expires_at = greatest(cs.certified_at, excluded.certified_at) + make_interval(months => $11::int),
         updated_at = now()`,
      [
        personId,
        courseId,
        status,
        d.startedAt,
        d.completedAt,
        d.lastPassedAt,
        d.bestScore,
        d.lessons,
        rules.courseMonths(courseId),
        d.certifiedAt,
        rules.certificationMonths(courseId),
      ],
    );
    if (d.passes.length > 0) {
      // Every pass is kept: "trained on date D" needs the latest pass on or before D.
      await tx.query(
        `insert into course_passes (statement_id, person_id, course_id, passed_at, score)
         select p.statement_id, $1, $2, p.at, p.score
           from jsonb_to_recordset($3::jsonb) as p(statement_id uuid, at timestamptz, score numeric)`,
        [
          personId,
          courseId,
          JSON.stringify(d.passes.map((p) => ({ statement_id: p.statementId, at: p.at, score: p.score }))),
        ],
      );
    }
  }
}

/**
 * Derives a person's projections again from their statements that still count: what voiding a
 * statement does, since a fold cannot take a statement back out.
 */
export async function rebuildProjections(
  tx: Queryable,
  rules: ValidityRules,
  personId: string,
): Promise<void> {
  await tx.query("delete from course_passes where person_id = $1", [personId]);
  await tx.query("delete from course_status where person_id = $1", [personId]);
  const { rows } = await tx.query<{
    id: string;
    verb: string;
    object_id: string | null;
    ts: string;
    scaled: number | null;
  }>(
    `select id, verb, object_id, to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts,
            (statement #>> '{result,score,scaled}')::float8 as scaled
       from statements where person_id = $1 and not voided order by "timestamp", stored, seq`,
    [personId],
  );
  await applyToProjections(
    tx,
    rules,
    personId,
    rows.map((row) => ({
      id: row.id,
      verbId: row.verb,
      activityId: row.object_id,
      timestamp: row.ts,
      scaledScore: row.scaled,
    })),
  );
}

/**
 * Expiry follows the course manifests: run at start, it fills in expiry for passes recorded before
 * expiry was projected, and moves it when a course's validity changes. Idempotent; touches only rows
 * whose expiry differs from what the rules say.
 */
export async function syncExpiry(db: Queryable, catalog: CourseCatalog): Promise<void> {
  for (const course of catalog.courses) {
    await db.query(
      `update course_status
          set expires_at = last_passed_at + make_interval(months => $2::int),
              certification_expires_at = certified_at + make_interval(months => $3::int)
        where course_id = $1
          and (expires_at is distinct from last_passed_at + make_interval(months => $2::int)
               or certification_expires_at is distinct from certified_at + make_interval(months => $3::int))`,
      [
        course.manifest.id,
        course.manifest.validityMonths,
        course.manifest.certification?.validityMonths ?? null,
      ],
    );
  }
}
