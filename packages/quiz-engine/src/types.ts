/**
 * The engine's data model. Everything here is plain JSON (no classes, Dates or Maps) so a
 * definition, a form or an attempt can be stored in IndexedDB, sent over HTTP and read back unchanged.
 * The YAML shape of definitions is documented in FORMAT.md.
 */

/** @public A learner-facing text, Vietnamese first. */
export interface Text {
  vi: string;
  en: string;
}

/** @public */
export type Lang = keyof Text;

/** @public A problem found in a definition or a file. `path` is like `items[3].options`. */
export interface Diagnostic {
  path: string;
  message: string;
  /** Absent means "error". Warnings never stop a quiz from loading. */
  severity?: "error" | "warning";
  line?: number;
  column?: number;
  file?: string;
}

/** @public */
export type Difficulty = "easy" | "medium" | "hard";

/** @public */
export interface ItemFeedback {
  correct?: Text;
  incorrect?: Text;
}

/** @public Fields every item type shares. */
export interface ItemBase {
  id: string;
  objective: string;
  difficulty?: Difficulty;
  tags?: string[];
  /** Weight of the item; 1 when absent. */
  points?: number;
  /** An optional human title (GIFT `::title::`); never shown in public forms. */
  title?: Text;
  stem: Text;
  hints?: Text[];
  feedback?: ItemFeedback;
  explanation?: Text;
  references?: string[];
}

/** @public */
export interface ChoiceOption {
  id: string;
  text: Text;
  correct?: boolean;
  /**
   * Credit for picking this option. single-choice: 0..1 for a non-key option (partial credit).
   * multiple-response with `scoring: partial`: -1..1, overriding the default +1/k or -1/w.
   */
  score?: number;
  feedback?: Text;
}

/** @public */
export interface SingleChoiceItem extends ItemBase {
  type: "single-choice";
  options: ChoiceOption[];
}

/** @public */
export interface MultipleResponseItem extends ItemBase {
  type: "multiple-response";
  options: ChoiceOption[];
  scoring?: "all-or-nothing" | "partial";
}

/** @public */
export interface TrueFalseItem extends ItemBase {
  type: "true-false";
  answer: boolean;
  optionFeedback?: { true?: Text; false?: Text };
}

/** @public */
export interface MatchingPair {
  id: string;
  prompt: Text;
  match: Text;
}

/** @public */
export interface MatchingItem extends ItemBase {
  type: "matching";
  pairs: MatchingPair[];
  distractors?: { id: string; text: Text }[];
}

/** @public */
export interface OrderingItem extends ItemBase {
  type: "ordering";
  /** In the correct order. */
  sequence: { id: string; text: Text }[];
  scoring?: "all-or-nothing" | "partial";
}

/** @public A graded alternative answer with its own credit and feedback (GIFT `=%50%answer#feedback`). */
export interface ShortTextAnswer {
  text: string;
  score: number;
  feedback?: Text;
}

/** @public */
export interface ShortTextItem extends ItemBase {
  type: "short-text";
  accepted: { vi: string[]; en: string[] };
  ignoreDiacritics?: boolean;
  answers?: ShortTextAnswer[];
}

/** @public */
export interface NumericAnswer {
  answer?: number;
  tolerance?: number;
  range?: [number, number];
  score: number;
  feedback?: Text;
}

/** @public */
export interface NumericItem extends ItemBase {
  type: "numeric";
  answer?: number;
  tolerance?: number;
  range?: [number, number];
  unit?: Text;
  answers?: NumericAnswer[];
}

/** @public */
export interface ScenarioOption {
  id: string;
  text: Text;
  /** Credit for this choice at this step, 0..1. */
  score: number;
  feedback?: Text;
  /** A step id, or `end`. Absent: the next step in the list (or the end after the last one). */
  next?: string;
}

/** @public */
export interface ScenarioStep {
  id: string;
  prompt: Text;
  options: ScenarioOption[];
}

/** @public */
export interface ScenarioItem extends ItemBase {
  type: "scenario";
  steps: ScenarioStep[];
}

/** @public Discriminated on `type`. */
export type Item =
  | SingleChoiceItem
  | MultipleResponseItem
  | TrueFalseItem
  | MatchingItem
  | OrderingItem
  | ShortTextItem
  | NumericItem
  | ScenarioItem;

/** @public */
export type ItemTypeName = Item["type"];

/** @public */
export type ItemOfType<T extends ItemTypeName> = Extract<Item, { type: T }>;

/** @public */
export interface SingleChoiceResponse {
  choice: string;
}
/** @public */
export interface MultipleResponseResponse {
  choices: string[];
}
/** @public */
export interface TrueFalseResponse {
  value: boolean;
}
/** @public Left (pair) id → right id (a pair id or a distractor id). */
export interface MatchingResponse {
  pairs: Record<string, string>;
}
/** @public */
export interface OrderingResponse {
  order: string[];
}
/** @public */
export interface ShortTextResponse {
  text: string;
}
/** @public */
export interface NumericResponse {
  value: number;
}
/** @public */
export interface ScenarioResponse {
  path: { step: string; choice: string }[];
}

/** @public */
export interface ResponseByType {
  "single-choice": SingleChoiceResponse;
  "multiple-response": MultipleResponseResponse;
  "true-false": TrueFalseResponse;
  matching: MatchingResponse;
  ordering: OrderingResponse;
  "short-text": ShortTextResponse;
  numeric: NumericResponse;
  scenario: ScenarioResponse;
}

/** @public */
export type Response = ResponseByType[ItemTypeName];

/** @public Responses of one attempt, by item id. */
export type Responses = Record<string, Response>;

/** @public */
export type FeedbackMode = "immediate" | "deferred";

/** @public When correct answers and explanations are shown after submit. */
export type ReviewPolicy = "never" | "after-submit" | "after-pass";

/** @public */
export interface QuizSettings {
  /** Fraction 0..1. */
  passMark: number;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  cooldownMinutes: number;
  feedback: FeedbackMode;
  review: ReviewPolicy;
  shuffleItems: boolean;
  shuffleOptions: boolean;
}

/** @public */
export interface BlueprintEntry {
  tag: string;
  count: number;
}

/** @public A validated quiz: settings are complete (defaults filled in). */
export interface QuizDefinition {
  id: string;
  title: Text;
  settings: QuizSettings;
  blueprint?: BlueprintEntry[];
  items: Item[];
}

/**
 * @public One item as drawn into a form, with its realised orders. Keys of `order` per type:
 * choice types `options`; matching `prompts` and `choices`; ordering `sequence`; scenario one key
 * per step id. Types without options have `{}`.
 */
export interface FormItem {
  itemId: string;
  order: Record<string, string[]>;
}

/**
 * @public The realised form of a quiz: which items, in which order, with which option orders.
 * Recorded once so replay never re-rolls. The seed is secret for certification forms.
 */
export interface Form {
  quizId: string;
  seed: string;
  /** Drawn for a certification exam: items and options always shuffled. */
  secure: boolean;
  items: FormItem[];
}

/** @public Moodle-style grade states; "unanswered" is Moodle's gaveup. */
export type GradeState = "right" | "partial" | "wrong" | "unanswered";

/** @public */
export interface ItemGrade {
  itemId: string;
  score: number;
  max: number;
  fraction: number;
  correct: boolean;
  state: GradeState;
  feedback: {
    /** The item's correct/incorrect feedback, when the item has one. */
    item?: Text;
    /** Feedback attached to what the learner picked (options, steps, matched answers). */
    responses: Text[];
  };
}

/** @public */
export interface ItemResult {
  itemId: string;
  objective: string;
  score: number;
  max: number;
  fraction: number;
  state: GradeState;
}

/** @public */
export interface ObjectiveMastery {
  objective: string;
  items: number;
  score: number;
  max: number;
  fraction: number;
  /** fraction ≥ the quiz pass mark */
  mastered: boolean;
}

/** @public */
export interface QuizResult {
  score: number;
  max: number;
  /** score ÷ max, 0..1 */
  fraction: number;
  /** 0..100 */
  percentage: number;
  passMark: number;
  passed: boolean;
  items: ItemResult[];
  mastery: ObjectiveMastery[];
}
