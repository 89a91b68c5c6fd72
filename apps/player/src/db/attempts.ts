import type { ActivityRef } from "@bvte/learning-records";
import {
  type Attempt,
  type AttemptAction,
  applyAction,
  canStartAttempt,
  type QuizDefinition,
  type StartCheck,
  startAttempt,
} from "@bvte/quiz-engine";
import {
  db as defaultDb,
  FINAL_QUIZ,
  type PlayerDB,
  type PracticeAttempt,
  type QuizKey,
} from "./player-db.ts";
import { enqueueRecord, isoDuration } from "./records.ts";

function activityOf(courseId: string, quizKey: QuizKey): ActivityRef {
  return quizKey === FINAL_QUIZ ? { courseId, assessment: "final" } : { courseId, lessonId: quizKey };
}

export function attemptsOf(personId: string, courseId: string, quizKey: QuizKey, db: PlayerDB = defaultDb) {
  return db.attempts.where("[personId+courseId+quizKey]").equals([personId, courseId, quizKey]).toArray();
}

/** The attempts in the order they were started (the engine numbers them). */
export function byAttemptNumber(attempts: readonly PracticeAttempt[]): PracticeAttempt[] {
  return attempts.toSorted((a, b) => a.attempt.attemptNumber - b.attempt.attemptNumber);
}

/**
 * Starts an attempt if the quiz's rules allow one now (one at a time, max attempts, cooldown).
 * A final assessment attempt is a session of its own, so it is recorded as `initialized`.
 */
export async function startPracticeAttempt(
  {
    personId,
    courseId,
    quizKey,
    quiz,
    now = Date.now(),
  }: { personId: string; courseId: string; quizKey: QuizKey; quiz: QuizDefinition; now?: number },
  db: PlayerDB = defaultDb,
): Promise<{ ok: true; attempt: PracticeAttempt } | Exclude<StartCheck, { ok: true }>> {
  return db.transaction("rw", db.attempts, db.outbox, async () => {
    const previous = await attemptsOf(personId, courseId, quizKey, db);
    const check = canStartAttempt(
      quiz.settings,
      previous.map((row) => row.attempt),
      now,
    );
    if (!check.ok) return check;
    const id = crypto.randomUUID();
    const record: PracticeAttempt = {
      id,
      personId,
      courseId,
      quizKey,
      attempt: startAttempt({ quiz, seed: id, now, attemptNumber: check.attemptNumber }),
    };
    await db.attempts.add(record);
    if (quizKey === FINAL_QUIZ) {
      await enqueueRecord(db, {
        personId,
        verb: "initialized",
        activity: activityOf(courseId, quizKey),
        timestamp: new Date(now).toISOString(),
        registration: id,
      });
    }
    return { ok: true as const, attempt: record };
  });
}

/**
 * With immediate feedback every checked item is final, so once the last one is checked there is
 * nothing left to do: the attempt is submitted for its grade of record.
 */
function settle(attempt: Attempt, now: number): Attempt {
  const allChecked = attempt.items.every((item) => attempt.checked.includes(item.id));
  if (attempt.status === "in-progress" && attempt.settings.feedback === "immediate" && allChecked) {
    return applyAction(attempt, { type: "submit" }, now);
  }
  return attempt;
}

/**
 * Applies one learner (or clock) action to a stored attempt. The new state is saved at once, so a
 * reload resumes exactly here; when the action ends the attempt, its passed/failed record (with the
 * score and every item's outcome) is written in the same transaction.
 */
export async function actOnAttempt(
  attemptId: string,
  action: AttemptAction,
  now = Date.now(),
  db: PlayerDB = defaultDb,
): Promise<PracticeAttempt | undefined> {
  return db.transaction("rw", db.attempts, db.outbox, async () => {
    const record = await db.attempts.get(attemptId);
    if (!record) return undefined;
    const next = settle(applyAction(record.attempt, action, now), now);
    if (next === record.attempt) return record;
    const updated = { ...record, attempt: next };
    await db.attempts.put(updated);
    if (record.attempt.status === "in-progress" && next.status === "graded")
      await recordResult(db, updated, now);
    return updated;
  });
}

async function recordResult(
  db: PlayerDB,
  { id, personId, courseId, quizKey, attempt }: PracticeAttempt,
  now: number,
) {
  const result = attempt.result;
  if (!result) return;
  const activity = activityOf(courseId, quizKey);
  const timestamp = new Date(attempt.endedAt ?? now).toISOString();
  await enqueueRecord(
    db,
    {
      personId,
      verb: result.passed ? "passed" : "failed",
      activity,
      timestamp,
      registration: id,
      score: { scaled: result.fraction, raw: result.score, max: result.max },
      success: result.passed,
    },
    {
      itemResults: result.items.map((item) => ({
        itemId: item.itemId,
        score: item.score,
        max: item.max,
        response: attempt.responses[item.itemId] ?? null,
      })),
    },
  );
  if (quizKey === FINAL_QUIZ) {
    await enqueueRecord(
      db,
      { personId, verb: "terminated", activity, timestamp, registration: id },
      { duration: isoDuration((attempt.endedAt ?? now) - attempt.startedAt) },
    );
  }
}
