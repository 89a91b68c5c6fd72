import { Hono } from "hono";
import type { Database } from "../db/database.ts";
import { type AppEnv, requirePerson } from "./session.ts";

/** What a signed-in learner needs: their progress (to restore a new device) and what is required of them. */
export function learnerRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get("/progress", async (c) => {
    const person = requirePerson(c);
    const { rows } = await db.query<{
      course_id: string;
      status: string;
      started_at: Date;
      completed_at: Date | null;
      last_passed_at: Date | null;
      best_score: string | null;
      lessons_completed: string[];
    }>(
      `select course_id, status, started_at, completed_at, last_passed_at, best_score::text, lessons_completed
         from course_status where person_id = $1 order by course_id`,
      [person.id],
    );
    return c.json({
      courses: rows.map((row) => ({
        courseId: row.course_id,
        status: row.status,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        lastPassedAt: row.last_passed_at,
        bestScore: row.best_score === null ? null : Number(row.best_score),
        lessonsCompleted: row.lessons_completed,
      })),
    });
  });

  app.get("/requirements", async (c) => {
    const person = requirePerson(c);
    const { rows } = await db.query<{
      cohort_id: string;
      name: string;
      deadline: string | null;
      course_id: string;
    }>(
      `select c.id as cohort_id, c.name, to_char(c.deadline, 'YYYY-MM-DD') as deadline, cc.course_id
         from cohort_members m join cohorts c on c.id = m.cohort_id
         join cohort_courses cc on cc.cohort_id = c.id
        where m.person_id = $1 order by c.deadline nulls last, c.name, cc.course_id`,
      [person.id],
    );
    return c.json({
      requirements: rows.map((row) => ({
        cohortId: row.cohort_id,
        cohortName: row.name,
        deadline: row.deadline,
        courseId: row.course_id,
      })),
    });
  });

  return app;
}
