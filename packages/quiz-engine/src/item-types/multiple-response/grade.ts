import type { MultipleResponseItem, MultipleResponseResponse } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field, readStringList } from "../shared.ts";

export function readMultipleResponse(
  item: MultipleResponseItem,
  raw: unknown,
): MultipleResponseResponse | undefined {
  const choices = readStringList(field(raw, "choices"));
  if (!choices || choices.length === 0) return undefined;
  return choices.every((c) => item.options.some((o) => o.id === c)) ? { choices } : undefined;
}

/**
 * Credit per option under partial scoring (QTI map_response): explicit `score`s, else +1/k for each
 * of the k correct options and -1/w for each of the w wrong ones. Positive credits are scaled to add
 * up to exactly 1 so GIFT weights like 33.333% still give full marks.
 */
function optionCredits(item: MultipleResponseItem): Map<string, number> {
  const k = item.options.filter((o) => o.correct).length;
  const w = item.options.length - k;
  const raw = item.options.map((o) => [o.id, o.score ?? (o.correct ? 1 / k : -1 / w)] as const);
  const positive = raw.reduce((sum, [, s]) => (s > 0 ? sum + s : sum), 0);
  return new Map(raw.map(([id, s]) => [id, s > 0 ? s / positive : s]));
}

const creditCache = new WeakMap<MultipleResponseItem, Map<string, number>>();

export function gradeMultipleResponse(
  item: MultipleResponseItem,
  response: MultipleResponseResponse,
): Graded {
  const picked = new Set(response.choices);
  const feedback = item.options.flatMap((o) => (picked.has(o.id) && o.feedback ? [o.feedback] : []));
  if (item.scoring !== "partial") {
    const exact = item.options.every((o) => (o.correct ?? false) === picked.has(o.id));
    return { fraction: exact ? 1 : 0, feedback };
  }
  let credits = creditCache.get(item);
  if (!credits) {
    credits = optionCredits(item);
    creditCache.set(item, credits);
  }
  let sum = 0;
  for (const id of picked) sum += credits.get(id) ?? 0;
  return { fraction: Math.min(1, Math.max(0, sum)), feedback };
}

export function multipleResponseKey(item: MultipleResponseItem): MultipleResponseResponse {
  return { choices: item.options.filter((o) => o.correct).map((o) => o.id) };
}
