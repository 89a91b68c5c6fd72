import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeNumeric, text } from "../../testing/index.ts";
import { fractionOf, itemErrors } from "../test-helpers.ts";
import { parseLocaleNumber } from "./grade.ts";

describe("numeric grading", () => {
  it("matches exactly by default, forgiving binary rounding", () => {
    expect(fractionOf(makeNumeric(), { value: 111 })).toBe(1);
    expect(fractionOf(makeNumeric(), { value: 111.01 })).toBe(0);
    expect(fractionOf(makeNumeric({ answer: 0.3 }), { value: 0.1 + 0.2 })).toBe(1);
  });

  it("accepts values within the tolerance, inclusive", () => {
    const item = makeNumeric({ answer: 72, tolerance: 2 });
    expect([69.9, 70, 72, 74, 74.1].map((value) => fractionOf(item, { value }))).toEqual([0, 1, 1, 1, 0]);
  });

  it("accepts values in a range, inclusive", () => {
    const item = makeNumeric({ answer: undefined, range: [16, 18] });
    expect([15.99, 16, 17.5, 18, 18.01].map((value) => fractionOf(item, { value }))).toEqual([0, 1, 1, 1, 0]);
  });

  it("gives scored answers their credit, preferring the best", () => {
    const item = makeNumeric({
      answer: 1822,
      answers: [{ answer: 1822, tolerance: 2, score: 0.5, feedback: text("Close.") }],
    });
    expect(fractionOf(item, { value: 1822 })).toBe(1);
    expect(gradeResponse(item, { value: 1823 })).toMatchObject({
      fraction: 0.5,
      feedback: { responses: [text("Close.")] },
    });
    expect(fractionOf(item, { value: 1830 })).toBe(0);
  });

  it("rejects non-numbers", () => {
    for (const value of ["111", Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(gradeResponse(makeNumeric(), { value }).state).toBe("unanswered");
    }
  });
});

describe("numeric validation", () => {
  it("needs exactly one of answer and range", () => {
    expect(itemErrors({ ...makeNumeric(), answer: undefined })).toEqual([": needs `answer` or `range`"]);
    expect(itemErrors(makeNumeric({ range: [1, 2] }))).toEqual([": give `answer` or `range`, not both"]);
  });

  it("checks tolerance and range", () => {
    expect(itemErrors(makeNumeric({ tolerance: -1 }))).toEqual(["tolerance: must be at least 0"]);
    expect(itemErrors(makeNumeric({ answer: undefined, range: [5, 1] }))).toEqual([
      "range: min 5 is above max 1",
    ]);
    expect(itemErrors({ ...makeNumeric({ answer: undefined }), range: [1] })).toEqual([
      "range: must be [min, max]",
    ]);
    expect(itemErrors({ ...makeNumeric({ answer: undefined, range: [1, 2] }), tolerance: 1 })).toEqual([
      "tolerance: applies only to `answer`",
    ]);
  });

  it("reports a misspelt field with a suggestion", () => {
    expect(itemErrors({ ...makeNumeric(), tolerence: 1 })).toEqual([
      "tolerence: unknown field `tolerence`; did you mean `tolerance`?",
    ]);
  });
});

describe("parseLocaleNumber", () => {
  it.each([
    ["3,5", "vi", 3.5],
    ["3.5", "vi", 3.5],
    ["1.500", "vi", 1500],
    ["1.234.567,8", "vi", 1234567.8],
    ["-2", "vi", -2],
    ["3.5", "en", 3.5],
    ["3,5", "en", 3.5],
    ["1,500", "en", 1500],
    ["1,234,567.8", "en", 1234567.8],
    [" 111 ", "en", 111],
  ] as const)("%s in %s is %d", (input, lang, value) => {
    expect(parseLocaleNumber(input, lang)).toBe(value);
  });

  it.each(["", "abc", "1,2,3", "1..2"])("%j is not a number", (input) => {
    expect(parseLocaleNumber(input, "vi")).toBeUndefined();
  });
});
