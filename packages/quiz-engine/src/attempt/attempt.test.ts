import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AttemptDriver, makeQuiz, makeSingleChoice, makeTrueFalse, text } from "../testing/index.ts";
import type { QuizSettings } from "../types.ts";
import {
  actionError,
  applyAction,
  attemptResult,
  canStartAttempt,
  regradeAttempt,
  startAttempt,
} from "./attempt.ts";
import type { Attempt, AttemptAction } from "./types.ts";
import { itemView } from "./view.ts";

const MIN = 60_000;

function twoItemQuiz(settings: Partial<QuizSettings> = {}) {
  return makeQuiz({
    items: [
      makeSingleChoice({ id: "q1", hints: [text("Think of A."), text("It is A.")] }),
      makeTrueFalse({ id: "q2", feedback: { correct: text("Good"), incorrect: text("Check the law") } }),
    ],
    settings: { shuffleItems: false, ...settings },
  });
}

describe("deferred feedback walkthrough", () => {
  // Each step: an action at a minute, then the expected status, score and visible marks.
  const steps: [string, AttemptAction, number, { status: string; score?: number; marks: boolean }][] = [
    [
      "answer q1 wrongly",
      { type: "answer", itemId: "q1", response: { choice: "b" } },
      1,
      { status: "in-progress", marks: false },
    ],
    [
      "change q1",
      { type: "answer", itemId: "q1", response: { choice: "a" } },
      2,
      { status: "in-progress", marks: false },
    ],
    [
      "answer q2",
      { type: "answer", itemId: "q2", response: { value: false } },
      3,
      { status: "in-progress", marks: false },
    ],
    ["submit", { type: "submit" }, 4, { status: "graded", score: 1, marks: true }],
    ["submit again", { type: "submit" }, 5, { status: "graded", score: 1, marks: true }],
    [
      "answer after submit",
      { type: "answer", itemId: "q2", response: { value: true } },
      6,
      { status: "graded", score: 1, marks: true },
    ],
  ];

  it("goes start → answer/change → submit → graded, and never grades twice", () => {
    let attempt = startAttempt({ quiz: twoItemQuiz(), seed: "s", now: 0 });
    for (const [name, action, minute, expected] of steps) {
      const before = attempt;
      attempt = applyAction(attempt, action, minute * MIN);
      expect(attempt.status, name).toBe(expected.status);
      expect(attempt.result?.score, name).toBe(expected.score);
      expect(itemView(attempt, "q1")?.display.marks, name).toBe(expected.marks);
      if (before.status === "graded") expect(attempt, name).toBe(before);
    }
    expect(attempt.steps.map((s) => s.action.type)).toEqual(["answer", "answer", "answer", "submit"]);
    expect(attempt).toMatchObject({ endedBy: "submit", endedAt: 4 * MIN });
    expect(attemptResult(attempt)).toBe(attempt.result);
  });

  it("survives a reload at every step and resumes exactly", () => {
    let live = startAttempt({ quiz: twoItemQuiz(), seed: "s", now: 0 });
    let reloaded: Attempt = JSON.parse(JSON.stringify(live));
    for (const [name, action, minute] of steps) {
      live = applyAction(live, action, minute * MIN);
      reloaded = JSON.parse(JSON.stringify(applyAction(reloaded, action, minute * MIN)));
      expect(reloaded, name).toEqual(JSON.parse(JSON.stringify(live)));
    }
  });

  it("refuses checks and hints, and shows nothing before submit", () => {
    const d = new AttemptDriver(twoItemQuiz()).answer("q1", { choice: "a" });
    expect(actionError(d.attempt, { type: "check", itemId: "q1" }, 0)).toBe(
      "feedback is given after the quiz is submitted",
    );
    expect(actionError(d.attempt, { type: "hint", itemId: "q1" }, 0)).toBe(
      "hints are offered only with immediate feedback",
    );
    expect(d.view("q1")).toEqual({
      itemId: "q1",
      state: "complete",
      response: { choice: "a" },
      locked: false,
      hints: [],
      display: { marks: false, feedback: false, correctResponse: false, explanation: false },
    });
  });
});

describe("the clock", () => {
  const timed = twoItemQuiz({ timeLimitMinutes: 30 });

  it("sets a deadline and ignores ticks before it", () => {
    const attempt = startAttempt({ quiz: timed, seed: "s", now: 1_000 });
    expect(attempt.deadline).toBe(1_000 + 30 * MIN);
    expect(applyAction(attempt, { type: "tick" }, 29 * MIN)).toBe(attempt);
  });

  it("expires at the deadline, grading only what was saved in time", () => {
    const d = new AttemptDriver(timed)
      .answer("q1", { choice: "a" })
      .advance(31)
      .answer("q2", { value: true });
    expect(d.attempt).toMatchObject({ status: "graded", endedBy: "timeout", endedAt: 30 * MIN });
    expect(d.attempt.responses).toEqual({ q1: { choice: "a" } });
    expect(d.attempt.result?.score).toBe(1);
    expect(d.attempt.steps.map((s) => s.action.type)).toEqual(["answer", "tick"]);
    expect(actionError(d.attempt, { type: "submit" }, 32 * MIN)).toBe("the attempt is finished");
  });

  it("expires on a tick too", () => {
    const d = new AttemptDriver(timed).advance(30).tick();
    expect(d.attempt).toMatchObject({ status: "graded", endedBy: "timeout" });
  });
});

describe("immediate feedback walkthrough", () => {
  it("checks an item once, locks it and shows its marks and feedback", () => {
    const d = new AttemptDriver(twoItemQuiz({ feedback: "immediate" }));
    expect(actionError(d.attempt, { type: "check", itemId: "q2" }, 0)).toBe(
      'answer item "q2" fully before checking it',
    );
    d.answer("q2", { value: false }).check("q2");
    expect(d.attempt.checked).toEqual(["q2"]);
    expect(d.view("q2")).toMatchObject({
      state: "wrong",
      locked: true,
      grade: { score: 0, max: 1, fraction: 0, state: "wrong" },
      feedback: { item: text("Check the law"), responses: [text("No.")] },
      correctResponse: { value: true },
      explanation: text("Because."),
    });
    const locked = d.attempt;
    expect(d.answer("q2", { value: true }).attempt).toBe(locked);
    expect(actionError(locked, { type: "answer", itemId: "q2", response: { value: true } }, 0)).toBe(
      'item "q2" has been checked; its answer is final',
    );
    expect(d.view("q1")).toMatchObject({ state: "todo", locked: false, display: { marks: false } });
  });

  it("keeps correct answers back during the attempt unless review is after-submit", () => {
    const d = new AttemptDriver(twoItemQuiz({ feedback: "immediate", review: "after-pass" }));
    d.answer("q2", { value: false }).check("q2");
    const view = d.view("q2");
    expect(view?.display).toEqual({
      marks: true,
      feedback: true,
      correctResponse: false,
      explanation: false,
    });
    expect(view?.correctResponse).toBeUndefined();
  });

  it("reveals hints one at a time until there are none left", () => {
    const d = new AttemptDriver(twoItemQuiz({ feedback: "immediate" })).hint("q1");
    expect(d.view("q1")?.hints).toEqual([text("Think of A.")]);
    d.hint("q1");
    expect(d.view("q1")?.hints).toEqual([text("Think of A."), text("It is A.")]);
    expect(actionError(d.attempt, { type: "hint", itemId: "q1" }, 0)).toBe('item "q1" has no more hints');
  });
});

describe("review after submit", () => {
  const finish = (review: QuizSettings["review"], right: boolean) =>
    new AttemptDriver(twoItemQuiz({ review }))
      .answer("q1", { choice: right ? "a" : "b" })
      .answer("q2", { value: right })
      .submit()
      .view("q1")?.display;

  it.each([
    ["never", true, { marks: false, feedback: false, correctResponse: false, explanation: false }],
    ["after-submit", false, { marks: true, feedback: true, correctResponse: true, explanation: true }],
    ["after-pass", false, { marks: true, feedback: true, correctResponse: false, explanation: false }],
    ["after-pass", true, { marks: true, feedback: true, correctResponse: true, explanation: true }],
  ] as const)("review %s, passed %s", (review, right, display) => {
    expect(finish(review, right)).toEqual(display);
  });
});

describe("actions", () => {
  it("refuses unknown items and invalid responses, and ignores unchanged answers", () => {
    const d = new AttemptDriver(twoItemQuiz()).answer("q1", { choice: "a" });
    const a = d.attempt;
    expect(actionError(a, { type: "answer", itemId: "q9", response: { value: true } }, 0)).toBe(
      'no item "q9" in this attempt',
    );
    expect(actionError(a, { type: "answer", itemId: "q1", response: { choice: "z" } }, 0)).toBe(
      'not a valid response to item "q1"',
    );
    expect(applyAction(a, { type: "answer", itemId: "q1", response: { choice: "a" } }, 0)).toBe(a);
    expect(d.clear("q1").attempt.responses).toEqual({});
    expect(d.clear("q1").attempt.steps).toHaveLength(2);
  });

  it("ignores an action whose id it has already applied (resent outbox)", () => {
    const quiz = twoItemQuiz();
    const action: AttemptAction = { id: "act-1", type: "answer", itemId: "q1", response: { choice: "b" } };
    const once = applyAction(startAttempt({ quiz, seed: "s", now: 0 }), action, 1);
    const changed = applyAction(once, { type: "answer", itemId: "q1", response: { choice: "a" } }, 2);
    expect(applyAction(changed, action, 3)).toBe(changed);
  });

  it("keeps scenario choices final: a path may only grow", () => {
    const quiz = makeQuiz({ settings: { shuffleItems: false } });
    const d = new AttemptDriver(quiz).answer("sn", { path: [{ step: "st1", choice: "b" }] });
    const rewrite: AttemptAction = {
      type: "answer",
      itemId: "sn",
      response: { path: [{ step: "st1", choice: "a" }] },
    };
    expect(actionError(d.attempt, rewrite, 0)).toBe("a scenario choice cannot be changed once made");
    d.answer("sn", {
      path: [
        { step: "st1", choice: "b" },
        { step: "st3", choice: "a" },
      ],
    });
    expect(d.attempt.responses.sn).toEqual({
      path: [
        { step: "st1", choice: "b" },
        { step: "st3", choice: "a" },
      ],
    });
  });
});

describe("regradeAttempt", () => {
  it("replays the recorded steps against a corrected key", () => {
    const quiz = twoItemQuiz();
    const d = new AttemptDriver(quiz).answer("q1", { choice: "b" }).answer("q2", { value: true }).submit();
    expect(d.attempt.result?.score).toBe(1);
    const fixed = {
      ...quiz,
      items: [
        makeSingleChoice({
          id: "q1",
          options: [
            { id: "a", text: text("A") },
            { id: "b", text: text("B"), correct: true },
          ],
        }),
        quiz.items[1],
      ],
    } as typeof quiz;
    const regraded = regradeAttempt(d.attempt, fixed);
    expect(regraded).toMatchObject({ status: "graded", endedBy: "submit", endedAt: d.attempt.endedAt });
    expect(regraded.result?.score).toBe(2);
    expect(regraded.steps).toEqual(d.attempt.steps);
  });
});

describe("canStartAttempt", () => {
  const settings = { maxAttempts: 3, cooldownMinutes: 60 };
  const done = (endedAt: number) => ({ status: "graded" as const, endedAt });

  it.each([
    ["the first attempt", [], 0, { ok: true, attemptNumber: 1 }],
    ["one still open", [{ status: "in-progress" as const }], 0, { ok: false, reason: "in-progress" }],
    ["during the cooldown", [done(0)], 59 * MIN, { ok: false, reason: "cooldown", retryAt: 60 * MIN }],
    ["after the cooldown", [done(0)], 60 * MIN, { ok: true, attemptNumber: 2 }],
    [
      "after the last allowed attempt",
      [done(0), done(1), done(2)],
      999 * MIN,
      { ok: false, reason: "max-attempts" },
    ],
  ])("%s", (_name, previous, now, expected) => {
    expect(canStartAttempt(settings, previous, now)).toEqual(expected);
  });

  it("allows unlimited attempts without cooldown", () => {
    const many = Array.from({ length: 50 }, (_, i) => done(i));
    expect(canStartAttempt({ maxAttempts: null, cooldownMinutes: 0 }, many, 50)).toEqual({
      ok: true,
      attemptNumber: 51,
    });
  });
});

const MACHINE_SEED = 99_017;

describe("attempt invariants", () => {
  const quiz = makeQuiz({ settings: { timeLimitMinutes: 20, feedback: "immediate" } });
  const itemIds = quiz.items.map((i) => i.id);
  const action: fc.Arbitrary<AttemptAction> = fc.oneof(
    fc.record({
      type: fc.constant("answer" as const),
      itemId: fc.constantFrom(...itemIds),
      response: fc.oneof(
        fc.record({ choice: fc.constantFrom("a", "b", "c") }),
        fc.record({ value: fc.oneof(fc.boolean(), fc.integer({ min: 110, max: 112 })) }),
        fc.record({ text: fc.constantFrom("Hà Nội", "x") }),
        fc.record({
          path: fc.array(
            fc.record({ step: fc.constantFrom("st1", "st2", "st3"), choice: fc.constantFrom("a", "b") }),
            { maxLength: 3 },
          ),
        }),
      ),
    }) as fc.Arbitrary<AttemptAction>,
    fc.record({
      type: fc.constantFrom("check" as const, "hint" as const, "clear" as const),
      itemId: fc.constantFrom(...itemIds),
    }),
    fc.constant({ type: "submit" as const }),
    fc.constant({ type: "tick" as const }),
  );

  it(`stays serializable, bounded and final under any actions (fast-check seed ${MACHINE_SEED})`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(action, fc.integer({ min: 0, max: 3 * MIN })), { maxLength: 25 }),
        (script) => {
          let attempt = startAttempt({ quiz, seed: "prop", now: 0 });
          let now = 0;
          for (const [a, dt] of script) {
            now += dt;
            const before = attempt;
            attempt = applyAction(JSON.parse(JSON.stringify(attempt)), a, now);
            if (before.status === "graded") expect(attempt).toEqual(before);
            expect(JSON.parse(JSON.stringify(attempt))).toEqual(attempt);
          }
          const result = attempt.result;
          if (result) {
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(result.max);
            expect(regradeAttempt(attempt, quiz).result).toEqual(result);
          }
        },
      ),
      { seed: MACHINE_SEED, numRuns: 300 },
    );
  });
});
