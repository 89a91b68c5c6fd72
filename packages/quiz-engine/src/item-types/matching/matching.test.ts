import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeMatching, text } from "../../testing/index.ts";
import { fractionOf, itemErrors } from "../test-helpers.ts";

describe("matching grading", () => {
  const item = makeMatching();

  it("scores the fraction of pairs matched", () => {
    expect(fractionOf(item, { pairs: { p1: "p1", p2: "p2", p3: "p3" } })).toBe(1);
    expect(fractionOf(item, { pairs: { p1: "p1", p2: "p3", p3: "p2" } })).toBeCloseTo(1 / 3, 12);
    expect(fractionOf(item, { pairs: { p1: "d1", p2: "p2" } })).toBeCloseTo(1 / 3, 12);
    expect(fractionOf(item, { pairs: { p1: "p2", p2: "p1", p3: "d1" } })).toBe(0);
  });

  it("treats unknown left or right ids as unanswered, not as partly right", () => {
    expect(gradeResponse(item, { pairs: { p1: "p1", zz: "p2" } }).state).toBe("unanswered");
    expect(gradeResponse(item, { pairs: { p1: "p1", p2: "zz" } }).state).toBe("unanswered");
    expect(gradeResponse(item, { pairs: {} }).state).toBe("unanswered");
  });
});

describe("matching validation", () => {
  it("rejects a distractor id that repeats a pair id", () => {
    const item = makeMatching({ distractors: [{ id: "p2", text: text("4") }] });
    expect(itemErrors(item)).toEqual([
      'distractors[0].id: duplicate id "p2" (first used at items[0].pairs[1].id)',
    ]);
  });

  it("rejects duplicate prompts and a distractor equal to a match", () => {
    const item = makeMatching({
      pairs: [
        { id: "p1", prompt: text("One"), match: text("1") },
        { id: "p2", prompt: text("One"), match: text("2") },
      ],
      distractors: [{ id: "d1", text: text("2") }],
    });
    expect(itemErrors(item)).toEqual([
      'pairs[1].prompt.vi: duplicate prompt "One" (same as items[0].pairs[0].prompt.vi)',
      'pairs[1].prompt.en: duplicate prompt "One" (same as items[0].pairs[0].prompt.en)',
      'distractors[0].text.vi: duplicate match "2" (same as items[0].pairs[1].match.vi)',
      'distractors[0].text.en: duplicate match "2" (same as items[0].pairs[1].match.en)',
    ]);
  });

  it("needs two pairs", () => {
    expect(itemErrors(makeMatching({ pairs: [{ id: "p1", prompt: text("a"), match: text("b") }] }))).toEqual([
      "pairs: needs at least 2 entries",
    ]);
  });
});
