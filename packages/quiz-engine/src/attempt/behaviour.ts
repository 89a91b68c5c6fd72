/**
 * Behaviours (Moodle's question behaviours): the flow around items. A behaviour decides which
 * actions are legal and which feedback is visible, as a function of the attempt's state only, so
 * the UI never decides what may be shown.
 */
import { typeOf } from "../item-types/registry.ts";
import type { FeedbackMode, Item } from "../types.ts";
import type { Attempt, AttemptAction } from "./types.ts";

/** @public What may be shown for one item right now. */
export interface DisplayOptions {
  /** The item's score and state. */
  marks: boolean;
  /** Feedback on what was picked (and, with marks, the item's correct/incorrect feedback). */
  feedback: boolean;
  correctResponse: boolean;
  /** The explanation and its references. */
  explanation: boolean;
}

/** @public */
export interface Behaviour {
  readonly mode: FeedbackMode;
  /** Why this action is not allowed for this item in this mode, or undefined. */
  refuse(attempt: Attempt, action: AttemptAction & { itemId: string }, item: Item): string | undefined;
  display(attempt: Attempt, item: Item): DisplayOptions;
}

const HIDDEN: DisplayOptions = { marks: false, feedback: false, correctResponse: false, explanation: false };

/** After submit the review policy decides; the overall result is always shown. */
function afterSubmit(attempt: Attempt): DisplayOptions {
  const review = attempt.settings.review;
  if (review === "never") return HIDDEN;
  const answers = review === "after-submit" || (attempt.result?.passed ?? false);
  return { marks: true, feedback: true, correctResponse: answers, explanation: answers };
}

/** Saves answers, grades everything at submit (Moodle deferredfeedback). */
export const deferredFeedback: Behaviour = {
  mode: "deferred",
  refuse: (_attempt, action) => {
    if (action.type === "check") return "feedback is given after the quiz is submitted";
    if (action.type === "hint") return "hints are offered only with immediate feedback";
    return undefined;
  },
  display: (attempt) => (attempt.status === "graded" ? afterSubmit(attempt) : HIDDEN),
};

/** Each item can be checked once, which grades it and makes it final (Moodle immediatefeedback). */
export const immediateFeedback: Behaviour = {
  mode: "immediate",
  refuse: (attempt, action, item) => {
    const checked = attempt.checked.includes(action.itemId);
    if (checked && action.type !== "hint") return `item "${item.id}" has been checked; its answer is final`;
    if (action.type === "check") {
      const response = attempt.responses[item.id];
      const type = typeOf(item);
      const read = response === undefined ? undefined : type.readResponse(item, response);
      if (read === undefined || !type.isComplete(item, read))
        return `answer item "${item.id}" fully before checking it`;
    }
    if (action.type === "hint" && (attempt.hintsShown[item.id] ?? 0) >= (item.hints?.length ?? 0)) {
      return `item "${item.id}" has no more hints`;
    }
    return undefined;
  },
  display: (attempt, item) => {
    if (attempt.status === "graded") return afterSubmit(attempt);
    const checked = attempt.checked.includes(item.id);
    // Correct answers during the attempt only when the review policy would show them to everyone.
    const answers = checked && attempt.settings.review === "after-submit";
    return {
      marks: checked,
      // Scenario choices are final once made, so their feedback can follow each step.
      feedback: checked || item.type === "scenario",
      correctResponse: answers,
      explanation: answers,
    };
  },
};

/** @public The behaviour for a feedback mode. */
export function behaviourFor(mode: FeedbackMode): Behaviour {
  return mode === "immediate" ? immediateFeedback : deferredFeedback;
}
