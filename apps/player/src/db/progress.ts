import { db as defaultDb, type LessonProgress, type PlayerDB } from "./player-db.ts";
import { enqueueRecord } from "./records.ts";

/**
 * Records that a lesson was opened. The progress row and its learning record are written in one
 * transaction, so a crash can never leave one without the other.
 */
export async function openLesson(personId: string, courseId: string, lessonId: string, db = defaultDb) {
  await db.transaction("rw", db.lessonProgress, db.outbox, async () => {
    const existing = await db.lessonProgress.get([personId, courseId, lessonId]);
    if (existing) return;
    const now = new Date();
    await db.lessonProgress.put({
      personId,
      courseId,
      lessonId,
      status: "started",
      position: 0,
      updatedAt: now.getTime(),
    });
    await enqueueRecord(db, {
      personId,
      verb: "initialized",
      activity: { courseId, lessonId },
      timestamp: now.toISOString(),
    });
  });
}

export async function saveLessonPosition(
  personId: string,
  courseId: string,
  lessonId: string,
  position: number,
  db = defaultDb,
) {
  await db.lessonProgress.update([personId, courseId, lessonId], { position, updatedAt: Date.now() });
}

/**
 * Marks a lesson completed. When it is the last of the course's lessons to be finished, the course
 * is recorded as completed too, once, in the same transaction.
 */
export async function completeLesson(
  personId: string,
  course: { id: string; lessonIds: readonly string[] },
  lessonId: string,
  db: PlayerDB = defaultDb,
) {
  const courseId = course.id;
  await db.transaction(
    "rw",
    [db.lessonProgress, db.outbox, db.courseCompletions, db.serverStatus],
    async () => {
      const existing = await db.lessonProgress.get([personId, courseId, lessonId]);
      if (existing?.status === "completed") return;
      const now = new Date();
      await db.lessonProgress.put({
        personId,
        courseId,
        lessonId,
        status: "completed",
        position: existing?.position ?? 1,
        updatedAt: now.getTime(),
      });
      await enqueueRecord(db, {
        personId,
        verb: "completed",
        activity: { courseId, lessonId },
        timestamp: now.toISOString(),
      });

      const rows = await db.lessonProgress
        .where("[personId+courseId]")
        .equals([personId, courseId])
        .toArray();
      const done = new Set(rows.filter((row) => row.status === "completed").map((row) => row.lessonId));
      if (!course.lessonIds.every((id) => done.has(id))) return;
      const server = await db.serverStatus.get([personId, courseId]);
      // The server already knows the course was completed (on another device): nothing new to record.
      if (server && server.status !== "in_progress") return;
      if (await db.courseCompletions.get([personId, courseId])) return;
      await db.courseCompletions.put({ personId, courseId, completedAt: now.getTime() });
      await enqueueRecord(db, {
        personId,
        verb: "completed",
        activity: { courseId },
        timestamp: now.toISOString(),
      });
    },
  );
}

export type CourseState = "not-started" | "in-progress" | "completed" | "passed";

/**
 * A course's state for the learner, from what this device knows (lessons, a passed final attempt)
 * plus what the server restored.
 */
export function courseState(
  lessonIds: readonly string[],
  progress: readonly LessonProgress[],
  serverStatus?: { status: string },
  finalPassed = false,
): CourseState {
  if (finalPassed || serverStatus?.status === "passed") return "passed";
  const completed = new Set(progress.filter((row) => row.status === "completed").map((row) => row.lessonId));
  if (lessonIds.length > 0 && lessonIds.every((id) => completed.has(id))) return "completed";
  if (serverStatus?.status === "completed") return "completed";
  if (progress.length > 0 || serverStatus) return "in-progress";
  return "not-started";
}

/** The lesson to continue with: the one read most recently if unfinished, else the next unfinished one. */
export function nextLesson(
  lessonIds: readonly string[],
  progress: readonly LessonProgress[],
): string | undefined {
  const latest = progress.toSorted((a, b) => b.updatedAt - a.updatedAt)[0];
  if (latest?.status === "started") return latest.lessonId;
  const completed = new Set(progress.filter((row) => row.status === "completed").map((row) => row.lessonId));
  const start = latest ? lessonIds.indexOf(latest.lessonId) + 1 : 0;
  return [...lessonIds.slice(start), ...lessonIds.slice(0, start)].find((id) => !completed.has(id));
}
