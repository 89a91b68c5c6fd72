import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeMultipleResponse, text } from "../../testing/index.ts";
import { fractionOf, itemErrors } from "../test-helpers.ts";

describe("multiple-response, all-or-nothing (default)", () => {
  const item = makeMultipleResponse();

  it.each([
    [["a", "b"], 1],
    [["b", "a"], 1],
    [["a"], 0],
    [["a", "b", "c"], 0],
    [["c", "d"], 0],
  ])("%j scores %d", (choices, fraction) => {
    expect(fractionOf(item, { choices })).toBe(fraction);
  });

  it("returns the feedback of every picked option", () => {
    expect(gradeResponse(item, { choices: ["a", "c"] }).feedback.responses).toEqual([text("Not C.")]);
  });

  it("treats empty, duplicated or unknown choices as unanswered", () => {
    for (const choices of [[], ["a", "a"], ["a", "z"], "a", [1]]) {
      expect(gradeResponse(item, { choices }).state).toBe("unanswered");
    }
  });
});

describe("multiple-response, partial", () => {
  const item = makeMultipleResponse({ scoring: "partial" });

  it.each([
    [["a", "b"], 1],
    [["a"], 0.5],
    [["a", "c"], 0],
    [["a", "b", "c"], 0.5],
    [["c", "d"], 0],
    [["a", "b", "c", "d"], 0],
  ])("%j scores %d (each right pick +1/2, each wrong pick -1/2, never below 0)", (choices, fraction) => {
    expect(fractionOf(item, { choices })).toBeCloseTo(fraction, 12);
  });

  it("uses explicit option scores (GIFT weights) and still reaches exactly full credit", () => {
    const weighted = makeMultipleResponse({
      scoring: "partial",
      options: [
        { id: "a", text: text("A"), correct: true, score: 0.33333 },
        { id: "b", text: text("B"), correct: true, score: 0.33333 },
        { id: "c", text: text("C"), correct: true, score: 0.33333 },
        { id: "d", text: text("D"), score: -1 },
      ],
    });
    expect(gradeResponse(weighted, { choices: ["a", "b", "c"] }).state).toBe("right");
    expect(fractionOf(weighted, { choices: ["a", "b", "c", "d"] })).toBe(0);
    expect(fractionOf(weighted, { choices: ["a"] })).toBeCloseTo(1 / 3, 9);
  });
});

describe("multiple-response validation", () => {
  it("needs at least one key", () => {
    const item = makeMultipleResponse({
      options: [
        { id: "a", text: text("A") },
        { id: "b", text: text("B") },
      ],
    });
    expect(itemErrors(item)).toEqual(["options: at least one option must have `correct: true`"]);
  });

  it("rejects an unknown scoring and scores without partial scoring", () => {
    expect(itemErrors({ ...makeMultipleResponse(), scoring: "some" })).toEqual([
      "scoring: must be all-or-nothing or partial",
    ]);
    const scored = makeMultipleResponse();
    scored.options[0] = { id: "a", text: text("A"), correct: true, score: 0.5 };
    expect(itemErrors(scored)).toEqual([
      "options[0].score: option scores apply only with `scoring: partial`",
    ]);
  });

  it("requires the correct options' scores to add up to 1, and signs to agree with `correct`", () => {
    const item = makeMultipleResponse({
      scoring: "partial",
      options: [
        { id: "a", text: text("A"), correct: true, score: 0.5 },
        { id: "b", text: text("B"), correct: true, score: -0.2 },
        { id: "c", text: text("C"), score: 0.2 },
      ],
    });
    expect(itemErrors(item)).toEqual([
      "options[1].score: a correct option must earn credit",
      "options[2].score: a wrong option cannot earn credit",
      "options: the correct options' scores add up to 0.7; they must add up to 1",
    ]);
  });
});
