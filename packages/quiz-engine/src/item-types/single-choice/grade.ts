import type { SingleChoiceItem, SingleChoiceResponse } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";

export function readSingleChoice(item: SingleChoiceItem, raw: unknown): SingleChoiceResponse | undefined {
  const choice = field(raw, "choice");
  return typeof choice === "string" && item.options.some((o) => o.id === choice) ? { choice } : undefined;
}

export function gradeSingleChoice(item: SingleChoiceItem, response: SingleChoiceResponse): Graded {
  const option = item.options.find((o) => o.id === response.choice);
  if (!option) return { fraction: 0, feedback: [] };
  return {
    fraction: option.correct ? 1 : (option.score ?? 0),
    feedback: option.feedback ? [option.feedback] : [],
  };
}

export function singleChoiceKey(item: SingleChoiceItem): SingleChoiceResponse {
  return { choice: item.options.find((o) => o.correct)?.id ?? "" };
}
