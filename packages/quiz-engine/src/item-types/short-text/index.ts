import type { ItemType } from "../item-type.ts";
import { gradeShortText, readShortText, shortTextKey, shortTextResponseKey } from "./grade.ts";
import { shortTextFields, validateShortText } from "./schema.ts";

export const shortText: ItemType<"short-text"> = {
  type: "short-text",
  fields: shortTextFields,
  validate: validateShortText,
  readResponse: (_item, raw) => readShortText(raw),
  isComplete: () => true,
  grade: gradeShortText,
  correctResponse: shortTextKey,
  drawOrder: () => ({}),
  publicView: () => ({}),
  fromPublicResponse: (raw) => readShortText(raw),
  responseKeys: (item, response) => [shortTextResponseKey(item, response)],
  knownKeys: () => [],
};
