import type { OrderingItem, OrderingResponse } from "../../types.ts";
import type { Graded } from "../item-type.ts";
import { field, readStringList } from "../shared.ts";

/** Only a permutation of the sequence is a response; anything else is unreadable. */
export function readOrdering(item: OrderingItem, raw: unknown): OrderingResponse | undefined {
  const order = readStringList(field(raw, "order"));
  if (!order || order.length !== item.sequence.length) return undefined;
  return order.every((id) => item.sequence.some((s) => s.id === id)) ? { order } : undefined;
}

export function gradeOrdering(item: OrderingItem, response: OrderingResponse): Graded {
  const inPlace = item.sequence.filter((s, i) => response.order[i] === s.id).length;
  const all = inPlace === item.sequence.length;
  return {
    fraction: item.scoring === "partial" ? inPlace / item.sequence.length : all ? 1 : 0,
    feedback: [],
  };
}
