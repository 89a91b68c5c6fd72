import { gradeResponse } from "../grade.ts";
import { typeOf } from "../item-types/registry.ts";
import type { GradeState, ItemGrade, Response, Text } from "../types.ts";
import { behaviourFor, type DisplayOptions } from "./behaviour.ts";
import type { Attempt } from "./types.ts";

/** @public Everything the UI may show for one item of an attempt right now, and nothing more. */
export interface ItemView {
  itemId: string;
  /** "todo"/"complete" while open (Moodle's active states), a grade state once graded or checked. */
  state: "todo" | "complete" | GradeState;
  response?: Response;
  /** The answer can no longer change. */
  locked: boolean;
  hints: Text[];
  display: DisplayOptions;
  grade?: Pick<ItemGrade, "score" | "max" | "fraction" | "state">;
  feedback?: ItemGrade["feedback"];
  correctResponse?: Response;
  explanation?: Text;
  references?: string[];
}

/** @public The behaviour layer's answer to "what can the learner see for this item?". */
export function itemView(attempt: Attempt, itemId: string): ItemView | undefined {
  const item = attempt.items.find((i) => i.id === itemId);
  if (!item) return undefined;
  const type = typeOf(item);
  const display = behaviourFor(attempt.settings.feedback).display(attempt, item);
  const response = attempt.responses[itemId];
  const graded = attempt.status === "graded" || attempt.checked.includes(itemId);
  const grade = gradeResponse(item, response);
  const read = response === undefined ? undefined : type.readResponse(item, response);
  const view: ItemView = {
    itemId,
    state: graded ? grade.state : read !== undefined && type.isComplete(item, read) ? "complete" : "todo",
    locked: attempt.status === "graded" || attempt.checked.includes(itemId),
    hints: (item.hints ?? []).slice(0, attempt.hintsShown[itemId] ?? 0),
    display,
  };
  if (response !== undefined) view.response = response;
  if (display.marks)
    view.grade = { score: grade.score, max: grade.max, fraction: grade.fraction, state: grade.state };
  if (display.feedback) {
    view.feedback =
      display.marks && grade.feedback.item ? grade.feedback : { responses: grade.feedback.responses };
  }
  if (display.correctResponse) view.correctResponse = type.correctResponse(item);
  if (display.explanation) {
    if (item.explanation) view.explanation = item.explanation;
    if (item.references) view.references = item.references;
  }
  return view;
}
