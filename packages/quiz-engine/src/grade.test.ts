import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeItems, gradeResponse } from "./grade.ts";
import {
  makeEveryItem,
  makeMultipleResponse,
  makeNumeric,
  makeSingleChoice,
  makeTrueFalse,
} from "./testing/index.ts";
import type { Item } from "./types.ts";

/** Ids an attacker or a buggy client might send: the item's own, plus junk. */
function idsOf(item: Item): string[] {
  const ids = JSON.stringify(item).match(/"id":"[^"]+"/g) ?? [];
  return [...ids.map((m) => m.slice(6, -1)), "zz", "", "__proto__", "end"];
}

/** Responses of the right shape with random ids and values, or anything at all. */
function responseFor(item: Item): fc.Arbitrary<unknown> {
  const id = fc.constantFrom(...idsOf(item));
  return fc.oneof(
    fc.anything(),
    fc.record({ choice: id }),
    fc.record({ choices: fc.array(id, { maxLength: 6 }) }),
    fc.record({ value: fc.oneof(fc.boolean(), fc.double(), fc.integer({ min: 100, max: 120 })) }),
    fc.record({ pairs: fc.dictionary(id, id, { maxKeys: 5 }) }),
    fc.record({ order: fc.shuffledSubarray(idsOf(item), { minLength: 0 }) }),
    fc.record({ text: fc.oneof(fc.string(), fc.constantFrom("Hà Nội", "hanoi", " HÀ NỘI ")) }),
    fc.record({ path: fc.array(fc.record({ step: id, choice: id }), { maxLength: 6 }) }),
  );
}

const SCORE_SEED = 424_242;

describe("gradeResponse", () => {
  for (const base of makeEveryItem()) {
    const item = { ...base, points: 3 } as Item;
    it(`keeps ${item.type} scores within [0, max] for any response (fast-check seed ${SCORE_SEED})`, () => {
      fc.assert(
        fc.property(responseFor(item), (response) => {
          const grade = gradeResponse(item, response);
          expect(grade.max).toBe(3);
          expect(grade.score).toBeGreaterThanOrEqual(0);
          expect(grade.score).toBeLessThanOrEqual(3);
          expect(grade.fraction * 3).toBeCloseTo(grade.score, 12);
          expect(grade.correct).toBe(grade.state === "right");
        }),
        { seed: SCORE_SEED, numRuns: 500 },
      );
    });
  }

  it("never throws on hostile input", () => {
    const hostile = [
      Object.create(null),
      { choice: { toString: () => "a" } },
      { choices: new Array(3) },
      { pairs: [] },
    ];
    for (const item of makeEveryItem())
      for (const r of hostile) expect(gradeResponse(item, r).state).toBe("unanswered");
  });

  it("is unanswered for a missing response", () => {
    expect(gradeResponse(makeTrueFalse(), undefined)).toEqual({
      itemId: "tf",
      score: 0,
      max: 1,
      fraction: 0,
      correct: false,
      state: "unanswered",
      feedback: { responses: [] },
    });
  });
});

describe("gradeItems", () => {
  const items: Item[] = [
    makeSingleChoice({ id: "a", objective: "lo1", points: 2 }),
    makeTrueFalse({ id: "b", objective: "lo1" }),
    makeMultipleResponse({ id: "c", objective: "lo2", scoring: "partial" }),
    makeNumeric({ id: "d", objective: "lo2", points: 5 }),
  ];

  it("adds up score, maximum, percentage and mastery per objective", () => {
    const result = gradeItems(
      items,
      { a: { choice: "a" }, b: { value: false }, c: { choices: ["a"] }, d: { value: 111 } },
      0.8,
    );
    expect(result).toMatchObject({ score: 7.5, max: 9, passMark: 0.8, passed: true });
    expect(result.percentage).toBeCloseTo(83.333, 3);
    expect(result.mastery).toEqual([
      { objective: "lo1", items: 2, score: 2, max: 3, fraction: 2 / 3, mastered: false },
      { objective: "lo2", items: 2, score: 5.5, max: 6, fraction: 5.5 / 6, mastered: true },
    ]);
    expect(result.items.map((i) => i.state)).toEqual(["right", "wrong", "partial", "right"]);
  });

  it("passes a learner exactly at the pass mark despite floating-point rounding", () => {
    const five = Array.from({ length: 5 }, (_, i) => makeTrueFalse({ id: `t${i}`, points: 0.3 }));
    const responses = Object.fromEntries(five.map((t, i) => [t.id, { value: i < 4 }]));
    const result = gradeItems(five, responses, 0.8);
    expect(result.fraction).toBeLessThan(0.8); // 1.2 / 1.5 in floating point is 0.7999999999999999
    expect(result.passed).toBe(true);
    expect(gradeItems(five, { ...responses, t3: { value: false } }, 0.8).passed).toBe(false);
  });
});
