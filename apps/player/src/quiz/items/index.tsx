import { type ComponentType, useCallback, useState } from "react";
import type { ItemModel } from "../item-model.ts";
import { MultipleResponse, SingleChoice, TrueFalse } from "./ChoiceItems.tsx";
import { Matching } from "./MatchingItem.tsx";
import { Ordering } from "./OrderingItem.tsx";
import { Scenario } from "./ScenarioItem.tsx";
import { Numeric, ShortText } from "./TextItems.tsx";
import type { ItemInputProps } from "./types.ts";

/** The renderer for each item type of the quiz engine, keyed like the engine's own registry. */
export const itemRenderers: { [T in ItemModel["type"]]: ComponentType<ItemInputProps<T>> } = {
  "single-choice": SingleChoice,
  "multiple-response": MultipleResponse,
  "true-false": TrueFalse,
  matching: Matching,
  ordering: Ordering,
  "short-text": ShortText,
  numeric: Numeric,
  scenario: Scenario,
};

/**
 * Renders any item with its type's renderer. A new answer shows at once, while it is being saved:
 * controlled inputs would otherwise flip back until the database write comes round (a screen reader
 * would announce the choice as undone), and two quick answers would flicker through the first. The
 * saved answer wins again once it has caught up, or if it turns into something this input never
 * sent (the answer was refused, or changed elsewhere), and always once the item is locked.
 */
export function ItemInput(props: ItemInputProps) {
  const Renderer = itemRenderers[props.item.type] as ComponentType<ItemInputProps>;
  const saved = JSON.stringify(props.response ?? null);
  const [sent, setSent] = useState<{ values: string[]; latest: unknown } | null>(null);
  const pending =
    sent !== null &&
    !props.locked &&
    sent.values.includes(saved) &&
    saved !== JSON.stringify(sent.latest ?? null);
  const { onAnswer } = props;
  const answer = useCallback(
    (next: unknown) => {
      setSent((previous) => ({
        values: [...(pending && previous ? previous.values : [saved]), JSON.stringify(next ?? null)],
        latest: next,
      }));
      onAnswer(next);
    },
    [onAnswer, pending, saved],
  );
  return <Renderer {...props} response={pending ? sent?.latest : props.response} onAnswer={answer} />;
}
