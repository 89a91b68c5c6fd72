import type { ScenarioItem, ScenarioResponse } from "../../types.ts";
import { isObject } from "../../validate/check.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";
import { longestFrom, walkScenario } from "./graph.ts";

export function readScenario(raw: unknown): ScenarioResponse | undefined {
  const path = field(raw, "path");
  if (!Array.isArray(path) || path.length === 0) return undefined;
  const ok = path.every((e) => isObject(e) && typeof e.step === "string" && typeof e.choice === "string");
  return ok ? { path: path.map((e) => ({ step: e.step, choice: e.choice })) } : undefined;
}

/**
 * Sum of the scores along the path ÷ the steps on the path. An unfinished path is divided by its
 * longest possible completion, so stopping early never beats answering on.
 */
export function gradeScenario(item: ScenarioItem, response: ScenarioResponse): Graded {
  const walk = walkScenario(item, response.path);
  const steps = walk.path.length + (walk.pending === undefined ? 0 : longestFrom(item, walk.pending));
  return { fraction: steps === 0 ? 0 : walk.sum / steps, feedback: walk.feedback };
}
