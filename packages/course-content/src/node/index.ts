// Node entry: reads content from disk. Not for the browser.
export { ContentError, loadCertificationBank } from "./bank.ts";
export { type CheckResult, checkContent, contentRules, type ModuleStats } from "./check.ts";
export { formatDiagnostic, formatStats } from "./format.ts";
export {
  type Language,
  type LoadedCourse,
  type LoadedLesson,
  type LoadResult,
  languages,
  loadContent,
} from "./load.ts";
