/**
 * Attempts as an explicit state machine: in-progress → graded (by submit, or by the clock).
 * applyAction is a pure reducer; a refused or redundant action returns the very same attempt, so
 * callers can tell "nothing happened" with ===, and a graded attempt never changes again.
 */
import { drawForm, formItems } from "../form.ts";
import { gradeItems } from "../grade.ts";
import { typeOf } from "../item-types/registry.ts";
import type { QuizDefinition, QuizSettings, Response } from "../types.ts";
import { behaviourFor } from "./behaviour.ts";
import type { Attempt, AttemptAction, AttemptStep } from "./types.ts";

const MINUTE = 60_000;

/** @public */
export interface StartAttemptOptions {
  quiz: QuizDefinition;
  seed: string;
  /** Epoch ms. */
  now: number;
  attemptNumber?: number;
  /** Draw a certification form (see drawForm). */
  secure?: boolean;
}

/** @public Starts an attempt on a freshly drawn form. */
export function startAttempt({
  quiz,
  seed,
  now,
  attemptNumber = 1,
  secure = false,
}: StartAttemptOptions): Attempt {
  const form = drawForm(quiz, seed, { secure });
  const limit = quiz.settings.timeLimitMinutes;
  return {
    version: 1,
    quizId: quiz.id,
    attemptNumber,
    form,
    items: formItems(quiz, form),
    settings: quiz.settings,
    startedAt: now,
    deadline: limit === null ? null : now + limit * MINUTE,
    status: "in-progress",
    responses: {},
    checked: [],
    hintsShown: {},
    steps: [],
  };
}

function isExpired(attempt: Attempt, now: number): boolean {
  return attempt.deadline !== null && now >= attempt.deadline;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A scenario's choices are final: a new path must extend the old one. */
function rewritesScenario(old: Response | undefined, next: Response): boolean {
  if (!old || !("path" in old) || !("path" in next)) return false;
  return old.path.length > next.path.length || old.path.some((e, i) => !sameJson(e, next.path[i]));
}

/** The legality check, with the response read once for the reducer. */
function vet(attempt: Attempt, action: AttemptAction, now: number): { error?: string; response?: Response } {
  if (attempt.status !== "in-progress") return { error: "the attempt is finished" };
  if (isExpired(attempt, now) && action.type !== "tick") return { error: "the time is up" };
  if (action.type === "submit" || action.type === "tick") return {};
  const item = attempt.items.find((i) => i.id === action.itemId);
  if (!item) return { error: `no item "${action.itemId}" in this attempt` };
  let response: Response | undefined;
  if (action.type === "answer") {
    response = typeOf(item).readResponse(item, action.response);
    if (response === undefined) return { error: `not a valid response to item "${item.id}"` };
    if (rewritesScenario(attempt.responses[item.id], response)) {
      return { error: "a scenario choice cannot be changed once made" };
    }
  }
  const error = behaviourFor(attempt.settings.feedback).refuse(attempt, action, item);
  return error === undefined ? { response } : { error };
}

/** @public Why `action` would be refused at `now`, or undefined when it is allowed. */
export function actionError(attempt: Attempt, action: AttemptAction, now: number): string | undefined {
  return vet(attempt, action, now).error;
}

function finish(
  attempt: Attempt,
  endedBy: "submit" | "timeout",
  endedAt: number,
  step: AttemptStep,
): Attempt {
  return {
    ...attempt,
    status: "graded",
    endedBy,
    endedAt,
    result: gradeItems(attempt.items, attempt.responses, attempt.settings.passMark),
    steps: [...attempt.steps, step],
  };
}

/**
 * @public The reducer. Returns a new attempt, or the same one when the action is refused (see
 * actionError) or changes nothing. Any action after the deadline ends the attempt by timeout,
 * graded on the answers saved in time.
 */
export function applyAction(attempt: Attempt, action: AttemptAction, now: number): Attempt {
  if (attempt.status !== "in-progress") return attempt;
  if (action.id !== undefined && attempt.steps.some((s) => s.action.id === action.id)) return attempt;
  if (isExpired(attempt, now)) {
    return finish(attempt, "timeout", attempt.deadline ?? now, { at: now, action: { type: "tick" } });
  }
  const { error, response } = vet(attempt, action, now);
  if (error !== undefined) return attempt;
  const step: AttemptStep = { at: now, action };
  const steps = [...attempt.steps, step];
  switch (action.type) {
    case "tick":
      return attempt;
    case "submit":
      return finish(attempt, "submit", now, step);
    case "answer":
      if (!response || sameJson(response, attempt.responses[action.itemId])) return attempt;
      return { ...attempt, responses: { ...attempt.responses, [action.itemId]: response }, steps };
    case "clear": {
      if (!(action.itemId in attempt.responses)) return attempt;
      const { [action.itemId]: _cleared, ...responses } = attempt.responses;
      return { ...attempt, responses, steps };
    }
    case "check":
      return { ...attempt, checked: [...attempt.checked, action.itemId], steps };
    case "hint": {
      const shown = (attempt.hintsShown[action.itemId] ?? 0) + 1;
      return { ...attempt, hintsShown: { ...attempt.hintsShown, [action.itemId]: shown }, steps };
    }
  }
}

/** @public The grade of record, once the attempt has ended. */
export function attemptResult(attempt: Attempt): Attempt["result"] {
  return attempt.result;
}

/**
 * @public Replays an attempt's steps against the quiz as it is now (same form, same items, fixed
 * keys): the way to regrade after item analysis finds a bad question. Steps the fixed items no
 * longer accept are dropped.
 */
export function regradeAttempt(attempt: Attempt, quiz: QuizDefinition): Attempt {
  const { endedBy: _endedBy, endedAt: _endedAt, result: _result, ...header } = attempt;
  const fresh: Attempt = {
    ...header,
    items: formItems(quiz, attempt.form),
    settings: quiz.settings,
    status: "in-progress",
    responses: {},
    checked: [],
    hintsShown: {},
    steps: [],
  };
  return attempt.steps.reduce((a, step) => applyAction(a, step.action, step.at), fresh);
}

/** @public */
export type StartCheck =
  | { ok: true; attemptNumber: number }
  | { ok: false; reason: "in-progress" | "max-attempts" }
  | { ok: false; reason: "cooldown"; retryAt: number };

/** @public Whether another attempt may start now: one at a time, max attempts, cooldown after the last. */
export function canStartAttempt(
  settings: Pick<QuizSettings, "maxAttempts" | "cooldownMinutes">,
  previousAttempts: readonly Pick<Attempt, "status" | "endedAt">[],
  now: number,
): StartCheck {
  if (previousAttempts.some((a) => a.status === "in-progress")) return { ok: false, reason: "in-progress" };
  if (settings.maxAttempts !== null && previousAttempts.length >= settings.maxAttempts) {
    return { ok: false, reason: "max-attempts" };
  }
  const lastEnd = Math.max(-Infinity, ...previousAttempts.map((a) => a.endedAt ?? -Infinity));
  const retryAt = lastEnd + settings.cooldownMinutes * MINUTE;
  if (settings.cooldownMinutes > 0 && now < retryAt) return { ok: false, reason: "cooldown", retryAt };
  return { ok: true, attemptNumber: previousAttempts.length + 1 };
}
