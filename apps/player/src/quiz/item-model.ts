import {
  type FormItem,
  type Item,
  type Lang,
  localize,
  nextScenarioStep,
  type PublicItem,
  type PublicScenarioStep,
  type Response,
  type Text,
} from "@bvte/quiz-engine";

/** An option as the learner sees it. */
export interface Choice {
  id: string;
  text: Text;
}

/**
 * What an item renderer needs, in presentation order, and nothing that grades it. Practice items
 * (with internal ids) and certification items (public forms, opaque ids) both become this, so one
 * set of accessible renderers serves both; the responses it produces have the engine's shapes.
 */
export type ItemModel = { id: string; stem: Text } & (
  | { type: "single-choice"; options: Choice[] }
  | { type: "multiple-response"; options: Choice[] }
  | { type: "true-false" }
  | { type: "matching"; prompts: Choice[]; choices: Choice[] }
  | { type: "ordering"; sequence: Choice[] }
  | { type: "short-text" }
  | { type: "numeric"; unit?: Text }
  /** The steps revealed so far: those answered, then the one to answer (unless `ended`). */
  | { type: "scenario"; steps: PublicScenarioStep[]; ended: boolean }
);

export type ItemModelOf<T extends ItemModel["type"]> = Extract<ItemModel, { type: T }>;

/** The entries in the drawn order, reduced to id and text (no key, score, feedback or branching). */
function ordered(ids: readonly string[] | undefined, all: readonly Choice[]): Choice[] {
  const chosen = ids ? ids.flatMap((id) => all.filter((entry) => entry.id === id)) : all;
  return chosen.map(({ id, text }) => ({ id, text }));
}

/** A practice item as drawn into the learner's form, with the scenario steps reached by `response`. */
export function practiceItemModel(item: Item, formItem: FormItem, response: Response | undefined): ItemModel {
  const { order } = formItem;
  const base = { id: item.id, stem: item.stem };
  switch (item.type) {
    case "single-choice":
      return { ...base, type: item.type, options: ordered(order.options, item.options) };
    case "multiple-response":
      return { ...base, type: item.type, options: ordered(order.options, item.options) };
    case "true-false":
    case "short-text":
      return { ...base, type: item.type };
    case "numeric":
      return item.unit ? { ...base, type: "numeric", unit: item.unit } : { ...base, type: "numeric" };
    case "matching": {
      const prompts = item.pairs.map((pair) => ({ id: pair.id, text: pair.prompt }));
      const choices = [
        ...item.pairs.map((pair) => ({ id: pair.id, text: pair.match })),
        ...(item.distractors ?? []),
      ];
      return {
        ...base,
        type: "matching",
        prompts: ordered(order.prompts, prompts),
        choices: ordered(order.choices, choices),
      };
    }
    case "ordering":
      return { ...base, type: "ordering", sequence: ordered(order.sequence, item.sequence) };
    case "scenario": {
      const path = response && "path" in response ? response.path : [];
      const visible = (stepId: string): PublicScenarioStep | undefined => {
        const step = item.steps.find((candidate) => candidate.id === stepId);
        return step && { id: step.id, prompt: step.prompt, options: ordered(order[step.id], step.options) };
      };
      const answered = path.flatMap((entry) => visible(entry.step) ?? []);
      const pending = nextScenarioStep(item, path);
      const pendingStep = pending && visible(pending.id);
      return {
        ...base,
        type: "scenario",
        steps: pendingStep ? [...answered, pendingStep] : answered,
        ended: pending === undefined,
      };
    }
  }
}

/** A certification item from the public form, with the scenario steps the server has revealed. */
export function publicItemModel(
  item: PublicItem,
  revealed: readonly PublicScenarioStep[] = [],
  ended = false,
): ItemModel {
  if (item.type === "scenario") {
    const { firstStep, ...rest } = item;
    return { ...rest, steps: [firstStep, ...revealed], ended };
  }
  return item;
}

/** A response in words, for review ("the correct answer was …"); one line per part. */
export function describeResponse(
  item: Item,
  response: Response,
  lang: Lang,
  truth: { true: string; false: string },
): string[] {
  const text = (value: Text | undefined) => (value ? localize(value, lang) : "");
  switch (item.type) {
    case "single-choice":
      return "choice" in response ? [text(item.options.find((o) => o.id === response.choice)?.text)] : [];
    case "multiple-response":
      return "choices" in response
        ? response.choices.map((id) => text(item.options.find((o) => o.id === id)?.text))
        : [];
    case "true-false":
      return "value" in response ? [response.value ? truth.true : truth.false] : [];
    case "matching":
      return "pairs" in response
        ? item.pairs.map((pair) => {
            const rightId = response.pairs[pair.id];
            const right =
              item.pairs.find((p) => p.id === rightId)?.match ??
              item.distractors?.find((d) => d.id === rightId)?.text;
            return `${text(pair.prompt)} → ${text(right)}`;
          })
        : [];
    case "ordering":
      return "order" in response
        ? response.order.map(
            (id, index) => `${index + 1}. ${text(item.sequence.find((s) => s.id === id)?.text)}`,
          )
        : [];
    case "short-text":
      return "text" in response ? [response.text] : [];
    case "numeric":
      return "value" in response
        ? [`${response.value.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB")} ${text(item.unit)}`.trim()]
        : [];
    case "scenario":
      return "path" in response
        ? response.path.map((entry) => {
            const step = item.steps.find((s) => s.id === entry.step);
            return `${text(step?.prompt)} → ${text(step?.options.find((o) => o.id === entry.choice)?.text)}`;
          })
        : [];
  }
}
