import type { Lang, Text } from "@bvte/quiz-engine";
import type { ReactNode } from "react";
import type { ItemModel, ItemModelOf } from "../item-model.ts";

/** What every item renderer receives. Responses go out in the quiz engine's shapes. */
export interface ItemInputProps<T extends ItemModel["type"] = ItemModel["type"]> {
  item: ItemModelOf<T>;
  /** The saved response (engine shape), or undefined when unanswered. */
  response: unknown;
  lang: Lang;
  /** The answer can no longer change (checked, submitted, or time is up). */
  locked: boolean;
  /** The question number and stem, rendered as the group's legend. */
  legend: ReactNode;
  /** A new response; undefined clears the answer. */
  onAnswer: (response: unknown) => void;
  /** Scenario only: feedback on the choice made at a step, when the quiz allows showing it. */
  stepFeedback?: (stepId: string) => Text | undefined;
  /** Scenario only: shown instead of the next step while it is not known yet (certification, offline). */
  scenarioNotice?: ReactNode;
}
