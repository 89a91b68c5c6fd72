import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeSingleChoice, text } from "../../testing/index.ts";
import { fractionOf, itemErrors } from "../test-helpers.ts";

describe("single-choice grading", () => {
  const item = makeSingleChoice({
    points: 2,
    feedback: { correct: text("Well done"), incorrect: text("Look again") },
  });

  it("gives full points for the key, with its option feedback and the item's correct feedback", () => {
    const grade = gradeResponse(item, { choice: "a" });
    expect(grade).toMatchObject({ score: 2, max: 2, fraction: 1, correct: true, state: "right" });
    expect(grade.feedback).toEqual({ item: text("Well done"), responses: [text("Yes, A.")] });
  });

  it("gives nothing for a wrong option, with that option's feedback", () => {
    const grade = gradeResponse(item, { choice: "b" });
    expect(grade).toMatchObject({ score: 0, fraction: 0, correct: false, state: "wrong" });
    expect(grade.feedback).toEqual({ item: text("Look again"), responses: [text("Not B.")] });
  });

  it("treats unknown options and malformed responses as unanswered", () => {
    for (const response of [{ choice: "z" }, { choice: 1 }, { choices: ["a"] }, "a", null, undefined, []]) {
      expect(gradeResponse(item, response)).toMatchObject({ score: 0, state: "unanswered", correct: false });
    }
  });

  it("gives partial credit to a non-key option with a score", () => {
    const partial = makeSingleChoice({
      options: [
        { id: "a", text: text("A"), correct: true },
        { id: "b", text: text("B"), score: 0.5 },
      ],
    });
    expect(gradeResponse(partial, { choice: "b" })).toMatchObject({
      fraction: 0.5,
      state: "partial",
      correct: false,
    });
    expect(fractionOf(partial, { choice: "a" })).toBe(1);
  });
});

describe("single-choice validation", () => {
  it("accepts the builder's item", () => {
    expect(itemErrors(makeSingleChoice())).toEqual([]);
  });

  it("rejects two keys, naming them", () => {
    const item = makeSingleChoice({
      options: [
        { id: "a", text: text("A"), correct: true },
        { id: "b", text: text("B"), correct: true },
      ],
    });
    expect(itemErrors(item)).toEqual([
      "options: exactly one option must have `correct: true` (found 2: a, b)",
    ]);
  });

  it("rejects no key, one option, duplicate ids and duplicate texts", () => {
    expect(
      itemErrors(
        makeSingleChoice({
          options: [
            { id: "a", text: text("A") },
            { id: "b", text: text("B") },
          ],
        }),
      ),
    ).toEqual(["options: exactly one option must have `correct: true`"]);
    expect(itemErrors(makeSingleChoice({ options: [{ id: "a", text: text("A"), correct: true }] }))).toEqual([
      "options: needs at least 2 entries",
    ]);
    const dupes = makeSingleChoice({
      options: [
        { id: "a", text: text("Same"), correct: true },
        { id: "a", text: text("same ") },
      ],
    });
    expect(itemErrors(dupes)).toEqual([
      'options[1].id: duplicate id "a" (first used at items[0].options[0].id)',
      'options[1].text.vi: duplicate option "same " (same as items[0].options[0].text.vi)',
      'options[1].text.en: duplicate option "same " (same as items[0].options[0].text.en)',
    ]);
  });

  it("rejects a score on the key and a score out of range", () => {
    const item = makeSingleChoice({
      options: [
        { id: "a", text: text("A"), correct: true, score: 0.5 },
        { id: "b", text: text("B"), score: 2 },
      ],
    });
    expect(itemErrors(item)).toEqual([
      "options[1].score: must be at most 1",
      "options[0].score: the correct option always earns full credit",
    ]);
  });
});
