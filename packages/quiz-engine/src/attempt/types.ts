import type { Form, Item, QuizResult, QuizSettings, Response, Responses } from "../types.ts";

/**
 * @public What a learner (or the clock) does to an attempt. `id`, when given, makes an action
 * idempotent: an action whose id is already in the attempt is ignored, so a client may resend
 * its outbox after a lost connection.
 */
export type AttemptAction = { id?: string } & (
  | { type: "answer"; itemId: string; response: Response }
  | { type: "clear"; itemId: string }
  /** Immediate feedback: grade this item now and make its answer final. */
  | { type: "check"; itemId: string }
  /** Immediate feedback: reveal the item's next hint. */
  | { type: "hint"; itemId: string }
  | { type: "submit" }
  /** The clock: ends the attempt once its deadline has passed. */
  | { type: "tick" }
);

/** @public One accepted action, with when it happened (epoch ms). */
export interface AttemptStep {
  at: number;
  action: AttemptAction;
}

/**
 * @public An attempt: the drawn form and a snapshot of its items (so grading never depends on a
 * definition that changed since), the append-only list of accepted steps, and the current state
 * those steps produced. Plain JSON: store it, reload it, resume it.
 */
export interface Attempt {
  version: 1;
  quizId: string;
  attemptNumber: number;
  form: Form;
  items: Item[];
  settings: QuizSettings;
  startedAt: number;
  /** Epoch ms; null when untimed. */
  deadline: number | null;
  status: "in-progress" | "graded";
  endedBy?: "submit" | "timeout";
  endedAt?: number;
  responses: Responses;
  /** Items checked in immediate-feedback mode; their answers are final. */
  checked: string[];
  hintsShown: Record<string, number>;
  /** The grade of record, set once when the attempt ends. */
  result?: QuizResult;
  steps: AttemptStep[];
}
