import { shuffled } from "../../random.ts";
import type { ItemType } from "../item-type.ts";
import { field, publicChoices, translateId } from "../shared.ts";
import { gradeOrdering, readOrdering } from "./grade.ts";
import { orderingFields, validateOrdering } from "./schema.ts";

export const ordering: ItemType<"ordering"> = {
  type: "ordering",
  fields: orderingFields,
  validate: validateOrdering,
  readResponse: readOrdering,
  isComplete: () => true,
  grade: gradeOrdering,
  correctResponse: (item) => ({ order: item.sequence.map((s) => s.id) }),
  // Always shuffled, whatever the settings: the definition order is the answer.
  drawOrder: (item, rng) => ({
    sequence: shuffled(
      item.sequence.map((s) => s.id),
      rng,
    ),
  }),
  publicView: (item, order, mint) => ({
    sequence: publicChoices(order.sequence, (id) => item.sequence.find((s) => s.id === id)?.text, mint, "q"),
  }),
  fromPublicResponse: (raw, lookup) => {
    const order = field(raw, "order");
    return { order: Array.isArray(order) ? order.map((id) => translateId(id, "q", lookup)) : undefined };
  },
  responseKeys: (_item, response) => response.order.map((id, i) => `${id}@${i + 1}`),
  knownKeys: () => [],
};
