/**
 * Builders and a driver for tests in other packages. Every builder returns a valid item; pass
 * overrides to change what a test is about.
 */
import { applyAction, startAttempt } from "../attempt/attempt.ts";
import type { Attempt } from "../attempt/types.ts";
import { itemView } from "../attempt/view.ts";
import { sameText } from "../text.ts";
import type {
  Item,
  MatchingItem,
  MultipleResponseItem,
  NumericItem,
  OrderingItem,
  QuizDefinition,
  QuizSettings,
  Response,
  ScenarioItem,
  ShortTextItem,
  SingleChoiceItem,
  Text,
  TrueFalseItem,
} from "../types.ts";
import { validateQuiz } from "../validate/quiz.ts";

/** @public The same text in both languages. */
export const text = (s: string): Text => sameText(s);

const base = { objective: "lo1", stem: text("Question?"), explanation: text("Because.") };

/** @public Options a (correct), b, c. */
export function makeSingleChoice(overrides: Partial<SingleChoiceItem> = {}): SingleChoiceItem {
  return {
    id: "sc",
    type: "single-choice",
    ...base,
    options: [
      { id: "a", text: text("A"), correct: true, feedback: text("Yes, A.") },
      { id: "b", text: text("B"), feedback: text("Not B.") },
      { id: "c", text: text("C") },
    ],
    ...overrides,
  };
}

/** @public Options a and b correct, c and d wrong; all-or-nothing unless overridden. */
export function makeMultipleResponse(overrides: Partial<MultipleResponseItem> = {}): MultipleResponseItem {
  return {
    id: "mr",
    type: "multiple-response",
    ...base,
    options: [
      { id: "a", text: text("A"), correct: true },
      { id: "b", text: text("B"), correct: true },
      { id: "c", text: text("C"), feedback: text("Not C.") },
      { id: "d", text: text("D") },
    ],
    ...overrides,
  };
}

/** @public Answer true. */
export function makeTrueFalse(overrides: Partial<TrueFalseItem> = {}): TrueFalseItem {
  return {
    id: "tf",
    type: "true-false",
    ...base,
    answer: true,
    optionFeedback: { true: text("Right."), false: text("No.") },
    ...overrides,
  };
}

/** @public Pairs p1..p3 and one distractor d1. */
export function makeMatching(overrides: Partial<MatchingItem> = {}): MatchingItem {
  return {
    id: "ma",
    type: "matching",
    ...base,
    pairs: [
      { id: "p1", prompt: text("One"), match: text("1") },
      { id: "p2", prompt: text("Two"), match: text("2") },
      { id: "p3", prompt: text("Three"), match: text("3") },
    ],
    distractors: [{ id: "d1", text: text("4") }],
    ...overrides,
  };
}

/** @public Sequence s1..s4 in that order. */
export function makeOrdering(overrides: Partial<OrderingItem> = {}): OrderingItem {
  return {
    id: "or",
    type: "ordering",
    ...base,
    sequence: ["s1", "s2", "s3", "s4"].map((id) => ({ id, text: text(id.toUpperCase()) })),
    ...overrides,
  };
}

/** @public Accepts "Hà Nội" / "Hanoi". */
export function makeShortText(overrides: Partial<ShortTextItem> = {}): ShortTextItem {
  return {
    id: "st",
    type: "short-text",
    ...base,
    accepted: { vi: ["Hà Nội"], en: ["Hanoi"] },
    ...overrides,
  };
}

/** @public Answer 111, exact. */
export function makeNumeric(overrides: Partial<NumericItem> = {}): NumericItem {
  return { id: "nu", type: "numeric", ...base, answer: 111, ...overrides };
}

/**
 * @public A branching scenario. st1: a (1) → st2, b (0) → st3. st2: a (1) or b (0.5), then the
 * end. st3: a (1) → st4, b (0) → end. st4: a (1) or b (0), then the end.
 */
export function makeScenario(overrides: Partial<ScenarioItem> = {}): ScenarioItem {
  const option = (id: string, score: number, next?: string) => ({
    id,
    text: text(`${id}?`),
    score,
    feedback: text(`feedback ${id} ${score}`),
    ...(next ? { next } : {}),
  });
  return {
    id: "sn",
    type: "scenario",
    ...base,
    stem: text("A case."),
    steps: [
      { id: "st1", prompt: text("First?"), options: [option("a", 1, "st2"), option("b", 0, "st3")] },
      { id: "st2", prompt: text("Then?"), options: [option("a", 1, "end"), option("b", 0.5, "end")] },
      { id: "st3", prompt: text("Recover?"), options: [option("a", 1), option("b", 0, "end")] },
      { id: "st4", prompt: text("Finally?"), options: [option("a", 1), option("b", 0)] },
    ],
    ...overrides,
  };
}

/** @public One item of every type. */
export function makeEveryItem(): Item[] {
  return [
    makeSingleChoice(),
    makeMultipleResponse(),
    makeTrueFalse(),
    makeMatching(),
    makeOrdering(),
    makeShortText(),
    makeNumeric(),
    makeScenario(),
  ];
}

/** @public A validated quiz; throws with the diagnostics when the definition is invalid. */
export function makeQuiz(
  overrides: Partial<Omit<QuizDefinition, "settings">> & { settings?: Partial<QuizSettings> } = {},
): QuizDefinition {
  const { quiz, diagnostics } = validateQuiz({
    id: "quiz",
    title: text("Quiz"),
    items: makeEveryItem(),
    ...overrides,
  });
  if (!quiz)
    throw new Error(`invalid test quiz:\n${diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n")}`);
  return quiz;
}

/**
 * @public Drives an attempt with a fake clock, for walkthrough tests:
 * `new AttemptDriver(quiz).answer("sc", { choice: "a" }).advance(5).submit().attempt`.
 */
export class AttemptDriver {
  attempt: Attempt;
  now: number;

  constructor(quiz: QuizDefinition, opts: { seed?: string; now?: number; secure?: boolean } = {}) {
    this.now = opts.now ?? 0;
    this.attempt = startAttempt({
      quiz,
      seed: opts.seed ?? "seed",
      now: this.now,
      secure: opts.secure ?? false,
    });
  }

  advance(minutes: number): this {
    this.now += minutes * 60_000;
    return this;
  }

  answer(itemId: string, response: Response): this {
    this.attempt = applyAction(this.attempt, { type: "answer", itemId, response }, this.now);
    return this;
  }

  clear(itemId: string): this {
    this.attempt = applyAction(this.attempt, { type: "clear", itemId }, this.now);
    return this;
  }

  check(itemId: string): this {
    this.attempt = applyAction(this.attempt, { type: "check", itemId }, this.now);
    return this;
  }

  hint(itemId: string): this {
    this.attempt = applyAction(this.attempt, { type: "hint", itemId }, this.now);
    return this;
  }

  submit(): this {
    this.attempt = applyAction(this.attempt, { type: "submit" }, this.now);
    return this;
  }

  tick(): this {
    this.attempt = applyAction(this.attempt, { type: "tick" }, this.now);
    return this;
  }

  view(itemId: string) {
    return itemView(this.attempt, itemId);
  }
}
