import type { PublicScenarioStep } from "../../public-types.ts";
import type { ScenarioItem, ScenarioResponse, ScenarioStep } from "../../types.ts";
import type { ItemType, Mint } from "../item-type.ts";
import { drawIds, field, publicChoices, translateId } from "../shared.ts";
import { gradeScenario, readScenario } from "./grade.ts";
import { bestPath, walkScenario } from "./graph.ts";
import { scenarioFields, validateScenario } from "./schema.ts";

/** A step as a certification candidate sees it: opaque ids, no scores, feedback or `next`. */
export function publicStep(
  item: ScenarioItem,
  order: Record<string, string[]>,
  index: number,
  mint: Mint,
): PublicScenarioStep | undefined {
  const step = item.steps[index];
  if (!step) return undefined;
  return {
    id: mint(step.id, "s", index),
    prompt: step.prompt,
    options: publicChoices(
      order[step.id],
      (id) => step.options.find((o) => o.id === id)?.text,
      mint,
      `o:${step.id}`,
      index,
    ),
  };
}

export const scenario: ItemType<"scenario"> = {
  type: "scenario",
  fields: scenarioFields,
  validate: validateScenario,
  readResponse: (_item, raw) => readScenario(raw),
  isComplete: (item, response) => walkScenario(item, response.path).pending === undefined,
  grade: gradeScenario,
  correctResponse: (item) => ({ path: bestPath(item).path }),
  drawOrder: (item, rng, shuffle) =>
    Object.fromEntries(item.steps.map((step) => [step.id, drawIds(step.options, rng, shuffle)])),
  publicView: (item, order, mint) => {
    // Every step is minted so its ids can be looked up later, but only the first is shown:
    // later steps are revealed one at a time by nextPublicScenarioStep.
    const steps = item.steps.map((_, i) => publicStep(item, order, i, mint));
    const firstStep = steps[0] ?? { id: "", prompt: item.stem, options: [] };
    return { firstStep };
  },
  fromPublicResponse: (raw, lookup) => {
    const path = field(raw, "path");
    if (!Array.isArray(path)) return undefined;
    return {
      path: path.map((entry) => {
        const step = translateId(field(entry, "step"), "s", lookup);
        return { step, choice: step && translateId(field(entry, "choice"), `o:${step}`, lookup) };
      }),
    };
  },
  responseKeys: (item, response) =>
    walkScenario(item, response.path).path.map((e) => `${e.step}:${e.choice}`),
  knownKeys: (item) => item.steps.flatMap((s) => s.options.map((o) => `${s.id}:${o.id}`)),
};

/** @public The step the learner answers next after `path`, or undefined once the scenario has ended. */
export function nextScenarioStep(
  item: ScenarioItem,
  path: ScenarioResponse["path"],
): ScenarioStep | undefined {
  const pending = walkScenario(item, path).pending;
  return pending === undefined ? undefined : item.steps[pending];
}
