import { buildStatement, type StatementInput } from "@bvte/learning-records";
import { db as defaultDb, type LessonProgress, type PlayerDB } from "./player-db.ts";

const newId = () => crypto.randomUUID();

async function enqueue(db: PlayerDB, input: StatementInput) {
  await db.outbox.add({
    statementId: input.id,
    personId: input.personId,
    statement: buildStatement(input),
    createdAt: Date.now(),
  });
}

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
    await enqueue(db, {
      id: newId(),
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

export async function completeLesson(personId: string, courseId: string, lessonId: string, db = defaultDb) {
  await db.transaction("rw", db.lessonProgress, db.outbox, async () => {
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
    await enqueue(db, {
      id: newId(),
      personId,
      verb: "completed",
      activity: { courseId, lessonId },
      timestamp: now.toISOString(),
    });
  });
}

export type CourseState = "not-started" | "in-progress" | "completed" | "passed";

/** A course's state for the learner, from what this device knows plus what the server restored. */
export function courseState(
  lessonIds: readonly string[],
  progress: readonly LessonProgress[],
  serverStatus?: { status: string },
): CourseState {
  if (serverStatus?.status === "passed") return "passed";
  const completed = new Set(progress.filter((row) => row.status === "completed").map((row) => row.lessonId));
  if (lessonIds.length > 0 && lessonIds.every((id) => completed.has(id))) return "completed";
  if (progress.length > 0 || serverStatus) return "in-progress";
  return "not-started";
}
