import type { ItemType } from "../item-type.ts";
import { gradeNumeric, numericKey, readNumeric } from "./grade.ts";
import { numericFields, validateNumeric } from "./schema.ts";

export const numeric: ItemType<"numeric"> = {
  type: "numeric",
  fields: numericFields,
  validate: validateNumeric,
  readResponse: (_item, raw) => readNumeric(raw),
  isComplete: () => true,
  grade: gradeNumeric,
  correctResponse: numericKey,
  drawOrder: () => ({}),
  publicView: (item) => (item.unit ? { unit: item.unit } : {}),
  fromPublicResponse: (raw) => readNumeric(raw),
  responseKeys: (_item, response) => [String(response.value)],
  knownKeys: () => [],
};
