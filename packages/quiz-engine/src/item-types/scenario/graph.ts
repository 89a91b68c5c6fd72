import type { ScenarioItem, ScenarioOption, ScenarioResponse, Text } from "../../types.ts";

/** The `next` that finishes a scenario. */
export const END = "end";

/** Where a choice leads: its `next`, else the following step, else the end. */
export function nextStepId(item: ScenarioItem, stepIndex: number, option: ScenarioOption): string {
  return option.next ?? item.steps[stepIndex + 1]?.id ?? END;
}

export function stepIndex(item: ScenarioItem, id: string): number | undefined {
  const i = item.steps.findIndex((s) => s.id === id);
  return i < 0 ? undefined : i;
}

export interface Walk {
  /** Sum of the scores of the choices made along the valid part of the path. */
  sum: number;
  /** The valid part of the path. */
  path: ScenarioResponse["path"];
  feedback: Text[];
  /** Index of the step the learner still has to answer; undefined once the scenario has ended. */
  pending: number | undefined;
}

/**
 * Follows a learner's path through the scenario. The path is trusted only as far as it agrees with
 * the branching: the first entry for an unexpected step or an unknown option ends it there.
 */
export function walkScenario(item: ScenarioItem, path: ScenarioResponse["path"]): Walk {
  const walk: Walk = { sum: 0, path: [], feedback: [], pending: 0 };
  for (const entry of path) {
    const index = walk.pending;
    const step = index === undefined ? undefined : item.steps[index];
    const option = step?.id === entry.step ? step.options.find((o) => o.id === entry.choice) : undefined;
    if (index === undefined || !option) break;
    walk.sum += option.score;
    walk.path.push(entry);
    if (option.feedback) walk.feedback.push(option.feedback);
    const next = nextStepId(item, index, option);
    walk.pending = next === END ? undefined : stepIndex(item, next);
  }
  return walk;
}

const longestCache = new WeakMap<ScenarioItem, number[]>();

/** Steps on the longest path from each step to the end (validated scenarios have no cycles). */
export function longestFrom(item: ScenarioItem, index: number): number {
  let memo = longestCache.get(item);
  if (!memo) {
    memo = [];
    longestCache.set(item, memo);
  }
  const known = memo[index];
  if (known !== undefined) return known;
  let longest = 0;
  for (const option of item.steps[index]?.options ?? []) {
    const next = stepIndex(item, nextStepId(item, index, option));
    longest = Math.max(longest, next === undefined ? 0 : longestFrom(item, next));
  }
  memo[index] = longest + 1;
  return longest + 1;
}

/**
 * The path with the best average score. Averages do not add up step by step, so the search keeps,
 * for every step and every remaining length, the best total over paths of exactly that length.
 */
export function bestPath(item: ScenarioItem): { fraction: number; path: ScenarioResponse["path"] } {
  const n = item.steps.length;
  // best[i][len]: best total from step i over paths of exactly len steps to the end.
  const best: { total: number; choice: number }[][] = item.steps.map(() => []);
  for (let len = 1; len <= n; len++) {
    item.steps.forEach((step, i) => {
      step.options.forEach((option, o) => {
        const next = nextStepId(item, i, option);
        const rest =
          next === END ? (len === 1 ? 0 : undefined) : best[stepIndex(item, next) ?? -1]?.[len - 1]?.total;
        if (rest === undefined) return;
        const total = option.score + rest;
        const row = best[i] as { total: number; choice: number }[];
        if ((row[len]?.total ?? -1) < total) row[len] = { total, choice: o };
      });
    });
  }
  let bestLen = 0;
  let bestFraction = -1;
  (best[0] ?? []).forEach((cell, len) => {
    if (cell && cell.total / len > bestFraction) {
      bestFraction = cell.total / len;
      bestLen = len;
    }
  });
  const path: ScenarioResponse["path"] = [];
  let index: number | undefined = 0;
  for (let len = bestLen; len > 0 && index !== undefined; len--) {
    const step = item.steps[index];
    const option = step?.options[best[index]?.[len]?.choice ?? -1];
    if (!step || !option) break;
    path.push({ step: step.id, choice: option.id });
    const next = nextStepId(item, index, option);
    index = next === END ? undefined : stepIndex(item, next);
  }
  return { fraction: Math.max(0, bestFraction), path };
}
