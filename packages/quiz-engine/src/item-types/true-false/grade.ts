import type { TrueFalseItem, TrueFalseResponse } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";

export function readTrueFalse(raw: unknown): TrueFalseResponse | undefined {
  const value = field(raw, "value");
  return typeof value === "boolean" ? { value } : undefined;
}

export function gradeTrueFalse(item: TrueFalseItem, response: TrueFalseResponse): Graded {
  const feedback = item.optionFeedback?.[response.value ? "true" : "false"];
  return { fraction: response.value === item.answer ? 1 : 0, feedback: feedback ? [feedback] : [] };
}
