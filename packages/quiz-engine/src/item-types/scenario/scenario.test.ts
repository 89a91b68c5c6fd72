import { describe, expect, it } from "vitest";
import { gradeResponse } from "../../grade.ts";
import { makeScenario, text } from "../../testing/index.ts";
import type { ScenarioItem } from "../../types.ts";
import { fractionOf, itemDiagnostics, itemErrors } from "../test-helpers.ts";
import { nextScenarioStep, scenario } from "./index.ts";

const path = (...entries: [string, string][]) => ({
  path: entries.map(([step, choice]) => ({ step, choice })),
});

describe("scenario grading: sum of scores on the path ÷ steps on the path", () => {
  const item = makeScenario();

  it.each([
    ["the best branch", path(["st1", "a"], ["st2", "a"]), 1],
    ["a half-right second step", path(["st1", "a"], ["st2", "b"]), 0.75],
    ["a wrong first step, then recovery", path(["st1", "b"], ["st3", "a"], ["st4", "a"]), 2 / 3],
    ["a wrong first step, then giving up", path(["st1", "b"], ["st3", "b"]), 0],
  ])("%s", (_name, response, fraction) => {
    expect(fractionOf(item, response)).toBeCloseTo(fraction, 12);
  });

  it("returns the feedback of every choice on the path", () => {
    expect(gradeResponse(item, path(["st1", "b"], ["st3", "b"])).feedback.responses).toEqual([
      text("feedback b 0"),
      text("feedback b 0"),
    ]);
  });

  it("divides an unfinished path by its longest completion, so stopping early never pays", () => {
    // After st1 b, the longest completion is st3 → st4: 3 steps in all.
    expect(fractionOf(item, path(["st1", "b"], ["st3", "a"]))).toBeCloseTo(1 / 3, 12);
    expect(fractionOf(item, path(["st1", "a"]))).toBeCloseTo(1 / 2, 12);
  });

  it("trusts the path only as far as it follows the branching", () => {
    // st1 b leads to st3, so an answer for st2 does not count, nor anything after it.
    expect(fractionOf(item, path(["st1", "b"], ["st2", "a"]))).toBeCloseTo(0, 12);
    expect(fractionOf(item, path(["st1", "a"], ["st2", "zz"]))).toBeCloseTo(0.5, 12);
    expect(fractionOf(item, path(["st2", "a"]))).toBe(0);
    // Entries after the end are ignored.
    expect(fractionOf(item, path(["st1", "a"], ["st2", "a"], ["st3", "a"]))).toBe(1);
  });

  it("knows when a path is complete and what the best path is", () => {
    expect(scenario.isComplete(item, path(["st1", "a"]))).toBe(false);
    expect(scenario.isComplete(item, path(["st1", "a"], ["st2", "b"]))).toBe(true);
    expect(scenario.correctResponse(item)).toEqual(path(["st1", "a"], ["st2", "a"]));
  });

  it("finds the best average even when it is on a longer path", () => {
    const long: ScenarioItem = makeScenario({
      steps: [
        {
          id: "s1",
          prompt: text("?"),
          options: [
            { id: "short", text: text("short"), score: 0.5, next: "end" },
            { id: "long", text: text("long"), score: 1, next: "s2" },
          ],
        },
        {
          id: "s2",
          prompt: text("?"),
          options: [
            { id: "x", text: text("x"), score: 1 },
            { id: "y", text: text("y"), score: 0 },
          ],
        },
      ],
    });
    expect(scenario.correctResponse(long)).toEqual(path(["s1", "long"], ["s2", "x"]));
  });

  it("tells the UI which step comes next", () => {
    expect(nextScenarioStep(item, [])?.id).toBe("st1");
    expect(nextScenarioStep(item, path(["st1", "b"]).path)?.id).toBe("st3");
    expect(nextScenarioStep(item, path(["st1", "b"], ["st3", "a"]).path)?.id).toBe("st4");
    expect(nextScenarioStep(item, path(["st1", "a"], ["st2", "a"]).path)).toBeUndefined();
  });
});

describe("scenario validation", () => {
  it("accepts the builder's scenario", () => {
    expect(itemDiagnostics(makeScenario())).toEqual([]);
  });

  it("rejects a `next` to a missing step and the reserved id `end`", () => {
    const item = makeScenario();
    const steps = structuredClone(item.steps);
    (steps[0] as ScenarioItem["steps"][number]).options[0] = {
      id: "a",
      text: text("a"),
      score: 1,
      next: "st9",
    };
    (steps[3] as ScenarioItem["steps"][number]).id = "end";
    expect(itemErrors({ ...item, steps })).toEqual([
      'steps[0].options[0].next: no step "st9" in this scenario (use a step id or "end")',
      'steps[3].id: "end" is reserved for `next: end`',
    ]);
  });

  it("rejects loops, pointing at the choice that loops", () => {
    const item = makeScenario();
    const steps = structuredClone(item.steps);
    (steps[2] as ScenarioItem["steps"][number]).options[1] = {
      id: "b",
      text: text("b"),
      score: 0,
      next: "st1",
    };
    expect(itemErrors({ ...item, steps })).toEqual([
      'steps[2].options[1].next: leads back to step "st1": a scenario must always reach the end',
    ]);
  });

  it("needs a score between 0 and 1 on every option", () => {
    const item = makeScenario();
    const steps = structuredClone(item.steps) as unknown as { options: Record<string, unknown>[] }[];
    const [first, second] = steps.map((s) => s.options[0] as Record<string, unknown>);
    delete first?.score;
    if (second) second.score = 1.5;
    expect(itemErrors({ ...item, steps })).toEqual([
      "steps[0].options[0].score: is required",
      "steps[1].options[0].score: must be at most 1",
    ]);
  });

  it("warns about unreachable steps and about scenarios where no path earns full credit", () => {
    const item = makeScenario();
    const steps = structuredClone(item.steps);
    (steps[0] as ScenarioItem["steps"][number]).options[1] = {
      id: "b",
      text: text("b"),
      score: 0,
      next: "st2",
    };
    for (const o of (steps[1] as ScenarioItem["steps"][number]).options) o.score = 0.5;
    expect(itemDiagnostics({ ...item, steps })).toEqual([
      { path: "steps[2]", message: 'step "st3" can never be reached', severity: "warning" },
      { path: "steps[3]", message: 'step "st4" can never be reached', severity: "warning" },
      { path: "steps", message: "no path earns full credit (the best path earns 0.75)", severity: "warning" },
    ]);
  });
});
