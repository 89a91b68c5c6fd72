import { describe, expect, it } from "vitest";
import { makeEveryItem, makeSingleChoice, makeTrueFalse, text } from "../testing/index.ts";
import { DEFAULT_SETTINGS, validateQuiz } from "./quiz.ts";

const quiz = (extra: Record<string, unknown> = {}) => ({
  id: "final",
  title: text("Final"),
  items: makeEveryItem(),
  ...extra,
});

const errors = (def: unknown, opts = {}) =>
  validateQuiz(def, opts)
    .diagnostics.filter((d) => d.severity !== "warning")
    .map((d) => `${d.path}: ${d.message}`);

describe("validateQuiz", () => {
  it("returns the quiz with default settings filled in", () => {
    const { quiz: q, diagnostics } = validateQuiz(
      quiz({ settings: { passMark: 0.7, feedback: "immediate" } }),
    );
    expect(diagnostics).toEqual([]);
    expect(q?.settings).toEqual({ ...DEFAULT_SETTINGS, passMark: 0.7, feedback: "immediate" });
  });

  it("returns no quiz when there is an error", () => {
    const result = validateQuiz(quiz({ id: "Final Quiz" }));
    expect(result.quiz).toBeUndefined();
    expect(result.diagnostics.map((d) => d.path)).toEqual(["id"]);
  });

  it("reports a single-choice item with two keys at items[i].options", () => {
    const items = makeEveryItem();
    items.splice(
      3,
      0,
      makeSingleChoice({
        id: "two-keys",
        options: [
          { id: "a", text: text("A"), correct: true },
          { id: "b", text: text("B"), correct: true },
        ],
      }),
    );
    expect(errors(quiz({ items }))).toEqual([
      "items[3].options: exactly one option must have `correct: true` (found 2: a, b)",
    ]);
  });

  it("reports a blueprint asking for more items than the pool has", () => {
    expect(
      errors(
        quiz({
          blueprint: [
            { tag: "lo1", count: 9 },
            { tag: "nothing", count: 1 },
          ],
        }),
      ),
    ).toEqual([
      'blueprint[0].count: asks for 9 items tagged "lo1" but the pool has 8',
      'blueprint[1].count: asks for 1 items tagged "nothing" but the pool has 0',
    ]);
  });

  it("reports a blueprint that overlapping tags make impossible", () => {
    const items = [
      makeSingleChoice({ id: "x1", objective: "a", tags: ["b"] }),
      makeTrueFalse({ id: "x2", objective: "a", tags: ["b"] }),
      makeTrueFalse({ id: "x3", objective: "c" }),
    ];
    expect(
      errors(
        quiz({
          items,
          blueprint: [
            { tag: "a", count: 2 },
            { tag: "b", count: 1 },
          ],
        }),
      ),
    ).toEqual([
      "blueprint: cannot be filled: 3 distinct items are needed, but items carrying several of these tags would have to be drawn twice",
    ]);
  });

  it("reports duplicate item ids, unknown types and missing fields with exact paths", () => {
    const items = [
      makeSingleChoice({ id: "q" }),
      makeTrueFalse({ id: "q" }),
      { id: "x", type: "essay", objective: "lo1" },
    ];
    expect(errors(quiz({ items }))).toEqual([
      'items[2].type: unknown item type "essay"; use one of: single-choice, multiple-response, true-false, matching, ordering, short-text, numeric, scenario',
      "items[2].stem: is required",
      'items[1].id: duplicate item id "q" (first used at items[0].id)',
    ]);
  });

  it("checks settings", () => {
    const settings = {
      passMark: 80,
      timeLimitMinutes: 0,
      maxAttempts: 1.5,
      feedback: "later",
      shuffle: true,
    };
    expect(errors(quiz({ settings }))).toEqual([
      "settings.shuffle: unknown field `shuffle`; did you mean `shuffleItems`?",
      "settings.passMark: must be at most 1",
      "settings.timeLimitMinutes: must be more than 0",
      "settings.maxAttempts: must be a whole number",
      "settings.feedback: must be one of: immediate, deferred",
    ]);
    expect(errors(quiz({ settings: { timeLimitMinutes: null, maxAttempts: null } }))).toEqual([]);
  });

  it("checks common item fields", () => {
    const item = {
      ...makeTrueFalse(),
      difficulty: "tricky",
      points: 0,
      hints: ["x"],
      feedback: {},
      references: "luat",
    };
    expect(errors(quiz({ items: [item] }))).toEqual([
      "items[0].difficulty: must be one of: easy, medium, hard",
      "items[0].points: must be more than 0",
      "items[0].hints[0]: must be a text { vi: ..., en: ... }",
      "items[0].feedback: needs `correct`, `incorrect` or both",
      "items[0].references: must be a list",
    ]);
  });

  it("requires both languages by default, or only the ones asked for", () => {
    const item = makeTrueFalse({ stem: { vi: "Câu hỏi", en: "" } });
    expect(errors(quiz({ items: [item] }))).toEqual(["items[0].stem.en: must not be empty"]);
    expect(errors(quiz({ items: [item] }), { languages: ["vi"] })).toEqual([]);
  });

  it("requires explanations when asked to (course content)", () => {
    const { explanation: _, ...item } = makeTrueFalse();
    expect(errors(quiz({ items: [item] }))).toEqual([]);
    expect(errors(quiz({ items: [item] }), { requireExplanation: true })).toEqual([
      "items[0].explanation: is required in course content",
    ]);
  });

  it("warns about text that is not NFC", () => {
    const item = makeTrueFalse({ stem: { vi: "Trẻ em".normalize("NFD"), en: "Children" } });
    expect(validateQuiz(quiz({ items: [item] })).diagnostics).toEqual([
      {
        path: "items[0].stem.vi",
        message: "is not Unicode NFC (decomposed diacritics); save the file as NFC",
        severity: "warning",
      },
    ]);
  });

  it("rejects things that are not quizzes", () => {
    expect(errors(null)).toEqual([": must be a mapping"]);
    expect(errors({})).toEqual(["id: is required", "title: is required", "items: is required"]);
    expect(errors(quiz({ items: [] }))).toEqual(["items: needs at least 1 entry"]);
  });
});
