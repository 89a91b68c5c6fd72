import { type ActivityRef, activityId } from "./activities.ts";
import { VERBS, type VerbName } from "./verbs.ts";

/** The subset of an xAPI 1.0.3 statement this product writes. */
export interface XapiStatement {
  id: string;
  actor: { objectType: "Agent"; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: "Activity"; id: string };
  result?: {
    score?: { scaled: number; raw?: number; max?: number; min?: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context?: { registration?: string; contextActivities?: { parent?: { id: string }[] } };
  timestamp: string;
}

export interface StatementInput {
  id: string;
  personId: string;
  verb: VerbName;
  activity: ActivityRef;
  timestamp: string;
  score?: { scaled: number; raw?: number; max?: number };
  success?: boolean;
  registration?: string;
}

/** Agents are identified by the opaque person id, never by name, phone or e-mail. */
export const AGENT_HOME_PAGE = "https://bvte.academy";

const display: Record<VerbName, Record<string, string>> = {
  initialized: { "en-US": "initialized", vi: "bắt đầu" },
  progressed: { "en-US": "progressed", vi: "tiến triển" },
  completed: { "en-US": "completed", vi: "hoàn thành" },
  passed: { "en-US": "passed", vi: "đạt" },
  failed: { "en-US": "failed", vi: "chưa đạt" },
  terminated: { "en-US": "terminated", vi: "kết thúc" },
  voided: { "en-US": "voided", vi: "huỷ" },
};

export function buildStatement(input: StatementInput): XapiStatement {
  const statement: XapiStatement = {
    id: input.id,
    actor: { objectType: "Agent", account: { homePage: AGENT_HOME_PAGE, name: input.personId } },
    verb: { id: VERBS[input.verb], display: display[input.verb] },
    object: { objectType: "Activity", id: activityId(input.activity) },
    timestamp: input.timestamp,
  };
  if (input.score || input.success !== undefined) {
    statement.result = {};
    if (input.score) statement.result.score = input.score;
    if (input.success !== undefined) statement.result.success = input.success;
  }
  if (input.activity.lessonId || input.activity.assessment || input.registration) {
    statement.context = {};
    if (input.registration) statement.context.registration = input.registration;
    if (input.activity.lessonId || input.activity.assessment) {
      statement.context.contextActivities = {
        parent: [{ id: activityId({ courseId: input.activity.courseId }) }],
      };
    }
  }
  return statement;
}

/**
 * `result.extensions` key under which a quiz statement (passed/failed on a final assessment or a
 * knowledge check) carries its per-item outcomes, so the server can run item analysis:
 * an array of `{ itemId, score, max, response }` (response as the quiz engine defines it).
 */
export const ITEM_RESULTS_EXTENSION = "https://bvte.academy/xapi/extensions/item-results";
