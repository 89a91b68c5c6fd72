export { ACTIVITY_BASE, type ActivityRef, activityId, parseActivityId } from "./activities.ts";
export {
  AGENT_HOME_PAGE,
  buildStatement,
  ITEM_RESULTS_EXTENSION,
  type StatementInput,
  type XapiStatement,
} from "./statements.ts";
export { type CohortFigures, cohortFigures, isTrained, type PassRecord } from "./trained.ts";
export { VERBS, type VerbName, verbName } from "./verbs.ts";
