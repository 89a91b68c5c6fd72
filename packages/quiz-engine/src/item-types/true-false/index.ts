import type { ItemType } from "../item-type.ts";
import { gradeTrueFalse, readTrueFalse } from "./grade.ts";
import { trueFalseFields, validateTrueFalse } from "./schema.ts";

export const trueFalse: ItemType<"true-false"> = {
  type: "true-false",
  fields: trueFalseFields,
  validate: validateTrueFalse,
  readResponse: (_item, raw) => readTrueFalse(raw),
  isComplete: () => true,
  grade: gradeTrueFalse,
  correctResponse: (item) => ({ value: item.answer }),
  drawOrder: () => ({}),
  publicView: () => ({}),
  // Both values are always offered, so the response carries no ids to translate.
  fromPublicResponse: (raw) => readTrueFalse(raw),
  responseKeys: (_item, response) => [String(response.value)],
  knownKeys: () => ["true", "false"],
};
