import { shuffled } from "../../random.ts";
import { isObject } from "../../validate/check.ts";
import type { ItemType } from "../item-type.ts";
import { drawIds, field, publicChoices, translateId } from "../shared.ts";
import { gradeMatching, matchingKey, readMatching } from "./grade.ts";
import { matchingFields, validateMatching } from "./schema.ts";

export const matching: ItemType<"matching"> = {
  type: "matching",
  fields: matchingFields,
  validate: validateMatching,
  readResponse: readMatching,
  isComplete: (item, response) => item.pairs.every((p) => response.pairs[p.id] !== undefined),
  grade: gradeMatching,
  correctResponse: matchingKey,
  // The right column is always shuffled: in definition order it would line up with the prompts.
  drawOrder: (item, rng, shuffle) => ({
    prompts: drawIds(item.pairs, rng, shuffle),
    choices: shuffled(
      [...item.pairs, ...(item.distractors ?? [])].map((e) => e.id),
      rng,
    ),
  }),
  publicView: (item, order, mint) => ({
    prompts: publicChoices(order.prompts, (id) => item.pairs.find((p) => p.id === id)?.prompt, mint, "p"),
    choices: publicChoices(
      order.choices,
      (id) => item.pairs.find((p) => p.id === id)?.match ?? item.distractors?.find((d) => d.id === id)?.text,
      mint,
      "c",
    ),
  }),
  fromPublicResponse: (raw, lookup) => {
    const pairs = field(raw, "pairs");
    if (!isObject(pairs)) return undefined;
    const entries = Object.entries(pairs).map(([left, right]) => [
      translateId(left, "p", lookup),
      translateId(right, "c", lookup),
    ]);
    // An unknown id on either side spoils the response, as it would with internal ids.
    return entries.every(([l, r]) => l !== undefined && r !== undefined)
      ? { pairs: Object.fromEntries(entries) }
      : undefined;
  },
  responseKeys: (_item, response) => Object.entries(response.pairs).map(([l, r]) => `${l}→${r}`),
  knownKeys: () => [],
};
