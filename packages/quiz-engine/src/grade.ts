import { gradeState } from "./item-types/item-type.ts";
import { typeOf } from "./item-types/registry.ts";
import type { Item, ItemGrade, ItemResult, ObjectiveMastery, QuizResult } from "./types.ts";

/** @public An item's weight. */
export function itemPoints(item: Item): number {
  return item.points ?? 1;
}

/**
 * @public Grades one response to one item. The response is untrusted: anything that is not a
 * well-formed response to this item (wrong shape, unknown ids) counts as unanswered.
 */
export function gradeResponse(item: Item, response: unknown): ItemGrade {
  const max = itemPoints(item);
  const type = typeOf(item);
  const read = response === undefined || response === null ? undefined : type.readResponse(item, response);
  if (read === undefined) {
    return {
      itemId: item.id,
      score: 0,
      max,
      fraction: 0,
      correct: false,
      state: "unanswered",
      feedback: { responses: [] },
    };
  }
  const graded = type.grade(item, read);
  const fraction = Math.min(1, Math.max(0, graded.fraction));
  const state = gradeState(fraction);
  const itemFeedback = state === "right" ? item.feedback?.correct : item.feedback?.incorrect;
  return {
    itemId: item.id,
    score: fraction * max,
    max,
    fraction,
    correct: state === "right",
    state,
    feedback: itemFeedback
      ? { item: itemFeedback, responses: graded.feedback }
      : { responses: graded.feedback },
  };
}

/** Grades of the items, in order, to a quiz result with mastery per objective. */
function resultOf(items: readonly Item[], grades: readonly ItemGrade[], passMark: number): QuizResult {
  const results: ItemResult[] = [];
  const byObjective = new Map<string, ObjectiveMastery>();
  let score = 0;
  let max = 0;
  grades.forEach((grade, i) => {
    const objective = items[i]?.objective ?? "";
    results.push({
      itemId: grade.itemId,
      objective,
      score: grade.score,
      max: grade.max,
      fraction: grade.fraction,
      state: grade.state,
    });
    score += grade.score;
    max += grade.max;
    const m = byObjective.get(objective) ?? {
      objective,
      items: 0,
      score: 0,
      max: 0,
      fraction: 0,
      mastered: false,
    };
    m.items += 1;
    m.score += grade.score;
    m.max += grade.max;
    byObjective.set(objective, m);
  });
  const fraction = max > 0 ? score / max : 0;
  // Rounding must not fail a learner who is exactly at the pass mark (0.8 × 10 = 7.999…).
  const passes = (f: number) => f >= passMark - 1e-9;
  const mastery = [...byObjective.values()].map((m) => {
    const f = m.max > 0 ? m.score / m.max : 0;
    return { ...m, fraction: f, mastered: passes(f) };
  });
  return {
    score,
    max,
    fraction,
    percentage: fraction * 100,
    passMark,
    passed: passes(fraction),
    items: results,
    mastery,
  };
}

/** @public Grades every item against the responses (by item id) and sums up. */
export function gradeItems(
  items: readonly Item[],
  responses: Readonly<Record<string, unknown>>,
  passMark: number,
): QuizResult {
  return resultOf(
    items,
    items.map((item) => gradeResponse(item, responses[item.id])),
    passMark,
  );
}
