/**
 * @bvte/quiz-engine: item types, validation, forms, grading, attempts, secure forms and item
 * analysis. Pure TypeScript: no DOM, no I/O, no clock (callers pass `now`), no randomness that
 * is not seeded.
 */

export type { AnalysisInput, ItemAnalysis, ItemFlag, QuizAnalysis, Reliability } from "./analysis.ts";
export { analyzeItems } from "./analysis.ts";
export type { StartAttemptOptions, StartCheck } from "./attempt/attempt.ts";
export {
  actionError,
  applyAction,
  attemptResult,
  canStartAttempt,
  regradeAttempt,
  startAttempt,
} from "./attempt/attempt.ts";
export type { Behaviour, DisplayOptions } from "./attempt/behaviour.ts";
export { behaviourFor, deferredFeedback, immediateFeedback } from "./attempt/behaviour.ts";
export type { Attempt, AttemptAction, AttemptStep } from "./attempt/types.ts";
export type { ItemView } from "./attempt/view.ts";
export { itemView } from "./attempt/view.ts";
export { itemTags } from "./blueprint.ts";
export type { DrawOptions } from "./form.ts";
export { drawForm, formItems } from "./form.ts";
export { gradeItems, gradeResponse, itemPoints } from "./grade.ts";
export { parseLocaleNumber } from "./item-types/numeric/grade.ts";
export { nextScenarioStep } from "./item-types/scenario/index.ts";
export type { PublicScenarioNext } from "./public-form.ts";
export {
  fromPublicResponses,
  gradePublicResponses,
  nextPublicScenarioStep,
  toPublicForm,
} from "./public-form.ts";
export type {
  PublicChoice,
  PublicForm,
  PublicItem,
  PublicResponses,
  PublicScenarioStep,
} from "./public-types.ts";
export type { Rng } from "./random.ts";
export { seededRng, shuffled } from "./random.ts";
export type { NormalizeOptions } from "./text.ts";
export { localize, normalizeAnswer, sameText } from "./text.ts";
export type * from "./types.ts";
export type { ValidateOptions } from "./validate/quiz.ts";
export { DEFAULT_SETTINGS, validateQuiz } from "./validate/quiz.ts";
