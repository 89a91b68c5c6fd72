import type { MatchingItem, MatchingResponse } from "../../types.ts";
import { isObject } from "../../validate/check.ts";
import type { Graded } from "../item-type.ts";
import { field } from "../shared.ts";

function isRight(item: MatchingItem, id: string): boolean {
  return item.pairs.some((p) => p.id === id) || (item.distractors ?? []).some((d) => d.id === id);
}

export function readMatching(item: MatchingItem, raw: unknown): MatchingResponse | undefined {
  const pairs = field(raw, "pairs");
  if (!isObject(pairs)) return undefined;
  const out: Record<string, string> = {};
  for (const [left, right] of Object.entries(pairs)) {
    if (!item.pairs.some((p) => p.id === left) || typeof right !== "string" || !isRight(item, right)) {
      return undefined;
    }
    out[left] = right;
  }
  return Object.keys(out).length > 0 ? { pairs: out } : undefined;
}

export function gradeMatching(item: MatchingItem, response: MatchingResponse): Graded {
  const right = item.pairs.filter((p) => response.pairs[p.id] === p.id).length;
  return { fraction: right / item.pairs.length, feedback: [] };
}

export function matchingKey(item: MatchingItem): MatchingResponse {
  return { pairs: Object.fromEntries(item.pairs.map((p) => [p.id, p.id])) };
}
