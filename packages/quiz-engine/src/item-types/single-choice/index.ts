import type { ItemType } from "../item-type.ts";
import { drawIds, field, publicChoices, translateId } from "../shared.ts";
import { gradeSingleChoice, readSingleChoice, singleChoiceKey } from "./grade.ts";
import { singleChoiceFields, validateSingleChoice } from "./schema.ts";

export const singleChoice: ItemType<"single-choice"> = {
  type: "single-choice",
  fields: singleChoiceFields,
  validate: validateSingleChoice,
  readResponse: readSingleChoice,
  isComplete: () => true,
  grade: gradeSingleChoice,
  correctResponse: singleChoiceKey,
  drawOrder: (item, rng, shuffle) => ({ options: drawIds(item.options, rng, shuffle) }),
  publicView: (item, order, mint) => ({
    options: publicChoices(order.options, (id) => item.options.find((o) => o.id === id)?.text, mint, "o"),
  }),
  fromPublicResponse: (raw, lookup) => ({ choice: translateId(field(raw, "choice"), "o", lookup) }),
  responseKeys: (_item, response) => [response.choice],
  knownKeys: (item) => item.options.map((o) => o.id),
};
