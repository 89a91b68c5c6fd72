import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeTrueFalse, text } from "../../testing/index.ts";
import { itemErrors } from "../test-helpers.ts";

describe("true-false", () => {
  it("grades both answers with the feedback for the value given", () => {
    const item = makeTrueFalse({ answer: false });
    expect(gradeResponse(item, { value: false })).toMatchObject({
      fraction: 1,
      feedback: { responses: [text("No.")] },
    });
    expect(gradeResponse(item, { value: true })).toMatchObject({
      fraction: 0,
      feedback: { responses: [text("Right.")] },
    });
  });

  it("does not take strings for booleans", () => {
    expect(gradeResponse(makeTrueFalse(), { value: "true" }).state).toBe("unanswered");
  });

  it("validates answer and optionFeedback", () => {
    expect(itemErrors(makeTrueFalse())).toEqual([]);
    expect(itemErrors({ ...makeTrueFalse(), answer: "yes" })).toEqual(["answer: must be true or false"]);
    expect(itemErrors({ ...makeTrueFalse(), optionFeedback: { yes: text("x") } })).toEqual([
      "optionFeedback.yes: unknown field `yes`",
    ]);
  });
});
