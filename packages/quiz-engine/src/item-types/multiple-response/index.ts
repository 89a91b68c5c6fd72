import type { ItemType } from "../item-type.ts";
import { drawIds, field, publicChoices, translateId } from "../shared.ts";
import { gradeMultipleResponse, multipleResponseKey, readMultipleResponse } from "./grade.ts";
import { multipleResponseFields, validateMultipleResponse } from "./schema.ts";

export const multipleResponse: ItemType<"multiple-response"> = {
  type: "multiple-response",
  fields: multipleResponseFields,
  validate: validateMultipleResponse,
  readResponse: readMultipleResponse,
  isComplete: () => true,
  grade: gradeMultipleResponse,
  correctResponse: multipleResponseKey,
  drawOrder: (item, rng, shuffle) => ({ options: drawIds(item.options, rng, shuffle) }),
  publicView: (item, order, mint) => ({
    options: publicChoices(order.options, (id) => item.options.find((o) => o.id === id)?.text, mint, "o"),
  }),
  fromPublicResponse: (raw, lookup) => {
    const choices = field(raw, "choices");
    return { choices: Array.isArray(choices) ? choices.map((c) => translateId(c, "o", lookup)) : undefined };
  },
  responseKeys: (_item, response) => response.choices,
  knownKeys: (item) => item.options.map((o) => o.id),
};
