import "fake-indexeddb/auto";
import { ITEM_RESULTS_EXTENSION, verbName } from "@bvte/learning-records";
import { makeQuiz, makeSingleChoice, makeTrueFalse } from "@bvte/quiz-engine/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actOnAttempt, attemptsOf, startPracticeAttempt } from "./attempts.ts";
import { FINAL_QUIZ, PlayerDB } from "./player-db.ts";

const person = "6f1c1c8e-1d7b-4a8e-9a53-2f0b7a7f1a11";
const course = "parenting-skills";
const MINUTE = 60_000;
let name: string;
let db: PlayerDB;

beforeEach(() => {
  name = `test-${crypto.randomUUID()}`;
  db = new PlayerDB(name);
});
afterEach(() => db.delete());

const items = [makeSingleChoice({ id: "q1" }), makeTrueFalse({ id: "q2" })];
const knowledgeCheck = makeQuiz({ id: "check", items, settings: { feedback: "immediate", passMark: 0.5 } });
const finalQuiz = makeQuiz({ id: "final", items, settings: { feedback: "deferred", passMark: 0.8 } });

async function start(quiz = finalQuiz, quizKey = FINAL_QUIZ, now = 1_000) {
  const started = await startPracticeAttempt({ personId: person, courseId: course, quizKey, quiz, now }, db);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  return started.attempt;
}

const records = async () =>
  (await db.outbox.orderBy("seq").toArray()).map((entry) => ({
    verb: verbName(entry.statement.verb.id),
    object: entry.statement.object.id.replace(/^.*\/courses\//, ""),
    statement: entry.statement,
  }));

describe("a final assessment attempt", () => {
  it("is recorded as initialized when it starts, with the attempt as registration", async () => {
    const record = await start();
    expect(await records()).toMatchObject([
      {
        verb: "initialized",
        object: `${course}/final`,
        statement: { context: { registration: record.id } },
      },
    ]);
  });

  it("survives closing the database and resumes with the same form and answers", async () => {
    const record = await start();
    await actOnAttempt(record.id, { type: "answer", itemId: "q1", response: { choice: "b" } }, 2_000, db);
    db.close();
    const reopened = new PlayerDB(name);
    const [resumed] = await attemptsOf(person, course, FINAL_QUIZ, reopened);
    expect(resumed?.attempt.form).toEqual(record.attempt.form);
    expect(resumed?.attempt.responses).toEqual({ q1: { choice: "b" } });
    expect(resumed?.attempt.status).toBe("in-progress");
    reopened.close();
    db = new PlayerDB(name);
  });

  it("writes failed with score, item outcomes and a terminated record when submitted", async () => {
    const record = await start();
    await actOnAttempt(record.id, { type: "answer", itemId: "q1", response: { choice: "a" } }, 2_000, db);
    await actOnAttempt(record.id, { type: "answer", itemId: "q2", response: { value: false } }, 3_000, db);
    const graded = await actOnAttempt(record.id, { type: "submit" }, 61_000, db);
    expect(graded?.attempt.result).toMatchObject({ score: 1, max: 2, passed: false });

    const written = await records();
    expect(written.map((entry) => entry.verb)).toEqual(["initialized", "failed", "terminated"]);
    const failed = written[1]?.statement;
    expect(failed?.result).toMatchObject({
      score: { scaled: 0.5, raw: 1, max: 2 },
      success: false,
      extensions: {
        [ITEM_RESULTS_EXTENSION]: [
          { itemId: expect.any(String), score: expect.any(Number), max: 1, response: expect.anything() },
          { itemId: expect.any(String), score: expect.any(Number), max: 1, response: expect.anything() },
        ],
      },
    });
    const extensions = (
      failed?.result as { extensions?: Record<string, { itemId: string; response: unknown }[]> }
    )?.extensions;
    const outcomes = extensions?.[ITEM_RESULTS_EXTENSION];
    expect(Object.fromEntries((outcomes ?? []).map((o) => [o.itemId, o.response]))).toEqual({
      q1: { choice: "a" },
      q2: { value: false },
    });
    expect(written[2]?.statement.result).toEqual({ duration: "PT60S" });
    expect(new Set(written.map((entry) => entry.statement.id)).size).toBe(3);
  });

  it("writes nothing for an action the engine refuses", async () => {
    const record = await start();
    await actOnAttempt(record.id, { type: "submit" }, 2_000, db);
    const before = await db.outbox.count();
    await actOnAttempt(record.id, { type: "submit" }, 3_000, db);
    await actOnAttempt(record.id, { type: "answer", itemId: "q1", response: { choice: "a" } }, 4_000, db);
    expect(await db.outbox.count()).toBe(before);
    expect((await db.attempts.get(record.id))?.attempt.responses).toEqual({});
  });

  it("ends a timed attempt by the clock, graded on the answers saved in time", async () => {
    const timed = makeQuiz({ id: "timed", items, settings: { timeLimitMinutes: 10 } });
    const record = await start(timed);
    await actOnAttempt(record.id, { type: "answer", itemId: "q1", response: { choice: "a" } }, 2_000, db);
    const ended = await actOnAttempt(record.id, { type: "tick" }, 1_000 + 10 * MINUTE, db);
    expect(ended?.attempt).toMatchObject({ status: "graded", endedBy: "timeout", result: { score: 1 } });
    expect((await records()).map((entry) => entry.verb)).toEqual(["initialized", "failed", "terminated"]);
  });
});

describe("starting attempts", () => {
  it("allows one open attempt at a time", async () => {
    await start();
    const again = await startPracticeAttempt(
      { personId: person, courseId: course, quizKey: FINAL_QUIZ, quiz: finalQuiz, now: 2_000 },
      db,
    );
    expect(again).toEqual({ ok: false, reason: "in-progress" });
  });

  it("respects the maximum number of attempts and the cooldown", async () => {
    const strict = makeQuiz({ id: "strict", items, settings: { maxAttempts: 2, cooldownMinutes: 30 } });
    const first = await start(strict);
    await actOnAttempt(first.id, { type: "submit" }, 2_000, db);
    const early = await startPracticeAttempt(
      { personId: person, courseId: course, quizKey: FINAL_QUIZ, quiz: strict, now: 2_000 + 29 * MINUTE },
      db,
    );
    expect(early).toEqual({ ok: false, reason: "cooldown", retryAt: 2_000 + 30 * MINUTE });
    const second = await start(strict, FINAL_QUIZ, 2_000 + 30 * MINUTE);
    expect(second.attempt.attemptNumber).toBe(2);
    await actOnAttempt(second.id, { type: "submit" }, 3 * 60 * MINUTE, db);
    const third = await startPracticeAttempt(
      { personId: person, courseId: course, quizKey: FINAL_QUIZ, quiz: strict, now: 10 * 60 * MINUTE },
      db,
    );
    expect(third).toEqual({ ok: false, reason: "max-attempts" });
  });
});

describe("a knowledge check (immediate feedback)", () => {
  it("is submitted once every item is checked, and records passed on the lesson", async () => {
    const record = await start(knowledgeCheck, "l01-positive-parenting");
    expect(await db.outbox.count()).toBe(0);
    await actOnAttempt(record.id, { type: "answer", itemId: "q1", response: { choice: "a" } }, 2_000, db);
    await actOnAttempt(record.id, { type: "check", itemId: "q1" }, 2_000, db);
    expect((await db.attempts.get(record.id))?.attempt.status).toBe("in-progress");
    await actOnAttempt(record.id, { type: "answer", itemId: "q2", response: { value: true } }, 3_000, db);
    const done = await actOnAttempt(record.id, { type: "check", itemId: "q2" }, 3_000, db);
    expect(done?.attempt).toMatchObject({ status: "graded", result: { passed: true, percentage: 100 } });
    expect(await records()).toMatchObject([
      {
        verb: "passed",
        object: `${course}/lessons/l01-positive-parenting`,
        statement: { result: { success: true, score: { scaled: 1 } }, context: { registration: record.id } },
      },
    ]);
  });
});
