import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { seededRng } from "../../random.ts";
import { makeOrdering } from "../../testing/index.ts";
import { fractionOf, itemErrors } from "../test-helpers.ts";
import { ordering } from "./index.ts";

describe("ordering", () => {
  it("is all-or-nothing by default", () => {
    const item = makeOrdering();
    expect(fractionOf(item, { order: ["s1", "s2", "s3", "s4"] })).toBe(1);
    expect(fractionOf(item, { order: ["s1", "s2", "s4", "s3"] })).toBe(0);
  });

  it("with partial scoring credits each entry in its place", () => {
    const item = makeOrdering({ scoring: "partial" });
    expect(fractionOf(item, { order: ["s1", "s2", "s4", "s3"] })).toBe(0.5);
    expect(fractionOf(item, { order: ["s4", "s3", "s2", "s1"] })).toBe(0);
  });

  it("accepts only permutations of the sequence", () => {
    const item = makeOrdering();
    for (const order of [
      ["s1", "s2", "s3"],
      ["s1", "s1", "s2", "s3"],
      ["s1", "s2", "s3", "x"],
    ]) {
      expect(gradeResponse(item, { order }).state).toBe("unanswered");
    }
  });

  it("is always shuffled, even when option shuffling is off", () => {
    const item = makeOrdering();
    const orders = new Set(
      Array.from({ length: 50 }, (_, i) =>
        ordering.drawOrder(item, seededRng(`s${i}`), false).sequence?.join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(10);
  });

  it("validates scoring and entries", () => {
    expect(itemErrors({ ...makeOrdering(), scoring: "best" })).toEqual([
      "scoring: must be all-or-nothing or partial",
    ]);
    expect(itemErrors(makeOrdering({ sequence: [{ id: "x", text: { vi: "X", en: "" } }] }))).toEqual([
      "sequence: needs at least 2 entries",
      "sequence[0].text.en: must not be empty",
    ]);
  });
});
