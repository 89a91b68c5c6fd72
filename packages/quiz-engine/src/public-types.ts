import type { Text } from "./types.ts";

/** @public An option as a learner sees it in a public form: an opaque id and its text. */
export interface PublicChoice {
  id: string;
  text: Text;
}

/** @public One scenario step as revealed to the learner. */
export interface PublicScenarioStep {
  id: string;
  prompt: Text;
  options: PublicChoice[];
}

/**
 * @public An item with nothing that reveals its key: opaque ids, presentation order only, no
 * `correct`, scores, feedback, hints, explanations, accepted answers or branching.
 */
export type PublicItem = { id: string; stem: Text } & (
  | { type: "single-choice"; options: PublicChoice[] }
  | { type: "multiple-response"; options: PublicChoice[] }
  | { type: "true-false" }
  | { type: "matching"; prompts: PublicChoice[]; choices: PublicChoice[] }
  | { type: "ordering"; sequence: PublicChoice[] }
  | { type: "short-text" }
  | { type: "numeric"; unit?: Text }
  | { type: "scenario"; firstStep: PublicScenarioStep }
);

/** @public What a certification candidate receives. */
export interface PublicForm {
  formId: string;
  title: Text;
  timeLimitMinutes: number | null;
  items: PublicItem[];
}

/**
 * @public Responses to a public form, by public item id, in the same shapes as `Response` but with
 * public ids.
 */
export type PublicResponses = Record<string, unknown>;
