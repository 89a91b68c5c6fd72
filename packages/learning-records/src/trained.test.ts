import { describe, expect, it } from "vitest";
import { cohortFigures, isTrained } from "./trained.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("isTrained", () => {
  const required = ["school-violence-prevention", "parenting-skills"];

  it("needs a pass of every required course", () => {
    const passes = [{ courseId: "school-violence-prevention", passedAt: day("2026-01-10") }];
    expect(
      isTrained({ passes, requiredCourses: required, validityMonths: null, asOf: day("2026-06-01") }),
    ).toBe(false);
    passes.push({ courseId: "parenting-skills", passedAt: day("2026-02-10") });
    expect(
      isTrained({ passes, requiredCourses: required, validityMonths: null, asOf: day("2026-06-01") }),
    ).toBe(true);
  });

  it("ignores passes after the as-of date", () => {
    const passes = [{ courseId: "parenting-skills", passedAt: day("2026-05-21") }];
    const input = { passes, requiredCourses: ["parenting-skills"], validityMonths: null };
    expect(isTrained({ ...input, asOf: day("2026-05-20") })).toBe(false);
    expect(isTrained({ ...input, asOf: day("2026-05-21") })).toBe(true);
  });

  it("expires a pass after the cohort's validity, counting calendar months", () => {
    const passes = [{ courseId: "parenting-skills", passedAt: day("2025-01-31") }];
    const input = { passes, requiredCourses: ["parenting-skills"], validityMonths: 1 };
    expect(isTrained({ ...input, asOf: day("2025-02-27") })).toBe(true);
    expect(isTrained({ ...input, asOf: day("2025-02-28") })).toBe(false);
  });

  it("is renewed by a later pass", () => {
    const passes = [
      { courseId: "parenting-skills", passedAt: day("2024-01-01") },
      { courseId: "parenting-skills", passedAt: day("2025-03-01") },
    ];
    expect(
      isTrained({
        passes,
        requiredCourses: ["parenting-skills"],
        validityMonths: 12,
        asOf: day("2025-06-01"),
      }),
    ).toBe(true);
  });
});

describe("cohortFigures", () => {
  it("computes the gap to the target as ceil(target × members) − trained", () => {
    expect(cohortFigures(200, 163, 1)).toMatchObject({ gap: 37, targetMet: false, rate: 0.815 });
    expect(cohortFigures(10, 9, 0.9)).toMatchObject({ gap: 0, targetMet: true });
    expect(cohortFigures(11, 9, 0.9)).toMatchObject({ gap: 1, targetMet: false });
  });

  it("never reports a negative gap and treats an empty cohort as not met", () => {
    expect(cohortFigures(10, 10, 0.8).gap).toBe(0);
    expect(cohortFigures(0, 0, 1)).toMatchObject({ gap: 0, rate: 0, targetMet: false });
  });
});
