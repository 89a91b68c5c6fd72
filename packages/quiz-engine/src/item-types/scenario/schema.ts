import type { ScenarioItem } from "../../types.ts";
import {
  type Ctx,
  checkArray,
  checkEntries,
  checkKeys,
  checkNumber,
  checkString,
  checkText,
  need,
  type Obj,
  optional,
  type PathSeg,
} from "../../validate/check.ts";
import { bestPath, END, nextStepId, stepIndex } from "./graph.ts";

export const scenarioFields = ["steps"] as const;

export function validateScenario(item: Obj, path: readonly PathSeg[], ctx: Ctx): void {
  const errorsBefore = ctx.errorCount;
  const list = need(item, "steps", path, ctx, (v, p, c) => checkArray(v, p, c, 1)) ?? [];
  const steps = checkEntries(list, [...path, "steps"], ctx);
  const stepIds = new Set(steps.map((s) => s.id));
  const nexts: { next: string; at: PathSeg[] }[] = [];
  for (const { entry, index, id } of steps) {
    const at = [...path, "steps", index];
    if (id === END) ctx.error([...at, "id"], `"${END}" is reserved for \`next: ${END}\``);
    checkKeys(entry, ["id", "prompt", "options"], at, ctx);
    need(entry, "prompt", at, ctx, checkText);
    const options = need(entry, "options", at, ctx, (v, p, c) => checkArray(v, p, c, 2)) ?? [];
    for (const option of checkEntries(options, [...at, "options"], ctx)) {
      const oat = [...at, "options", option.index];
      checkKeys(option.entry, ["id", "text", "score", "feedback", "next"], oat, ctx);
      need(option.entry, "text", oat, ctx, checkText);
      need(option.entry, "score", oat, ctx, (v, p, c) => checkNumber(v, p, c, { min: 0, max: 1 }));
      optional(option.entry, "feedback", oat, ctx, checkText);
      const next = optional(option.entry, "next", oat, ctx, checkString);
      if (next === undefined) continue;
      if (next !== END && !stepIds.has(next)) {
        ctx.error([...oat, "next"], `no step "${next}" in this scenario (use a step id or "${END}")`);
      }
      nexts.push({ next, at: [...oat, "next"] });
    }
  }
  // The graph checks below need a well-formed scenario.
  if (ctx.errorCount > errorsBefore) return;
  checkPaths(item as unknown as ScenarioItem, path, ctx);
}

/** Every path must end (no loops), every step should be reachable, and some path should earn full credit. */
function checkPaths(item: ScenarioItem, path: readonly PathSeg[], ctx: Ctx): void {
  const state: ("visiting" | "done" | undefined)[] = [];
  let looped = false;
  const visit = (i: number): void => {
    state[i] = "visiting";
    item.steps[i]?.options.forEach((option, o) => {
      const next = stepIndex(item, nextStepId(item, i, option));
      if (next === undefined || looped) return;
      if (state[next] === "visiting") {
        looped = true;
        ctx.error(
          [...path, "steps", i, "options", o, option.next === undefined ? "id" : "next"],
          `leads back to step "${item.steps[next]?.id}": a scenario must always reach the end`,
        );
      } else if (state[next] === undefined) visit(next);
    });
    state[i] = "done";
  };
  visit(0);
  if (looped) return;
  item.steps.forEach((step, i) => {
    if (state[i] === undefined) ctx.warn([...path, "steps", i], `step "${step.id}" can never be reached`);
  });
  const best = bestPath(item).fraction;
  if (best < 0.999999) {
    ctx.warn([...path, "steps"], `no path earns full credit (the best path earns ${+best.toFixed(3)})`);
  }
}
