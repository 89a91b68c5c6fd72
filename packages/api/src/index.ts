import type { CohortFigures } from "@bvte/learning-records";
import type { Item, QuizAnalysis, Text } from "@bvte/quiz-engine";

export type { ItemAnalysis } from "@bvte/quiz-engine";
export type { CohortFigures, Text };

export const ROLES = [
  "teacher",
  "health-worker",
  "investigator",
  "parent",
  "child-protection-officer",
  "trainer",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = [
  "province",
  "commune",
  "ward",
  "special-zone",
  "school",
  "health-facility",
  "police-unit",
  "department",
  "other",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

// ---- cohorts and their figures ------------------------------------------------------------------

/** The shared "trained" arithmetic plus how many members are still on the way. */
export interface CohortProgress extends CohortFigures {
  inProgress: number;
  notStarted: number;
}

/** A cohort's settings, without figures. */
export interface CohortRecord {
  id: string;
  name: string;
  scopeUnit: { id: string; name: string; path: string };
  targetShare: number;
  startDate: string | null;
  deadline: string | null;
  validityMonths: number | null;
  requiredCourses: string[];
}

export interface CohortSummary {
  id: string;
  name: string;
  scopeUnit: { id: string; name: string };
  requiredCourses: string[];
  startDate: string | null;
  deadline: string | null;
  validityMonths: number | null;
  figures: CohortProgress;
}

export interface UnitNode {
  id: string;
  name: string;
  kind: string;
  figures: CohortFigures;
  children: UnitNode[];
}

export type CourseStage = "not_started" | "in_progress" | "completed" | "passed";

export interface CourseFunnel {
  courseId: string;
  notStarted: number;
  inProgress: number;
  completed: number;
  /** Passed and, when the cohort has a validity, still valid on the as-of date. */
  passed: number;
}

export interface TrendPoint {
  /** The Vietnamese day the point is counted at (its end). */
  date: string;
  members: number;
  trained: number;
  rate: number;
  /** Members needed to meet the target on that day. */
  required: number;
}

export type ForecastStatus = "met" | "on-track" | "after-deadline" | "no-progress" | "no-members";

export interface Forecast {
  status: ForecastStatus;
  /** Days the pace is measured over: the last 90, or fewer when the cohort started more recently. */
  windowDays: number;
  /** Members who became trained over the window, net of those whose training expired. */
  trainedInWindow: number;
  /** Net members trained per 30 days at that pace. */
  pacePer30Days: number;
  /** The day the target would be met at that pace; null when met already or never at this pace. */
  projectedDate: string | null;
  deadline: string | null;
}

export interface CourseName {
  id: string;
  title: Text;
}

/** Everything the cohort dashboard shows; the exports are built from this same object. */
export interface CohortDashboard {
  asOf: string;
  cohort: CohortSummary;
  courses: CourseName[];
  byUnit: UnitNode[];
  byCourse: CourseFunnel[];
  trend: TrendPoint[];
  forecast: Forecast;
}

// ---- members ------------------------------------------------------------------------------------

export interface MemberCourse {
  courseId: string;
  stage: CourseStage;
  /** Vietnamese calendar day of the last pass on or before the as-of date. */
  lastPassedOn: string | null;
  /** The day that pass stops counting; null when the cohort's training never expires. */
  expiresOn: string | null;
}

export interface MemberStatus {
  personId: string;
  displayName: string;
  login: string;
  unit: { id: string; name: string };
  /** Can sign in: imported people have no password until a trainer sets one. */
  hasPassword: boolean;
  joinedOn: string;
  trained: boolean;
  /** Required courses without a valid pass on the as-of date: what the member still lacks. */
  lacking: string[];
  /** The day a trained member's training lapses (the earliest expiry of their passes). */
  expiresOn: string | null;
  courses: MemberCourse[];
}

export interface MemberPage {
  total: number;
  page: number;
  pageSize: number;
  members: MemberStatus[];
}

export interface JoinCode {
  id: string;
  /** As shown: two groups of four, e.g. "K7QM-X4PR". */
  code: string;
  /** Path of the self-enrolment link in the learner app. */
  path: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
}

// ---- roster import ------------------------------------------------------------------------------

export const ROSTER_COLUMNS = ["name", "login", "role", "unit", "phone", "email"] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Where a problem is: a spreadsheet row (the header is row 1) and a column, or the file as a whole. */
export interface RosterProblem {
  row: number | null;
  column: RosterColumn | null;
  code: string;
  message: string;
  /** The row that already holds a duplicated login. */
  otherRow?: number;
}

export type RowStatus = "new" | "existing" | "member";

export interface PreviewRow {
  row: number;
  name: string;
  login: string;
  role: Role | null;
  unitId: string;
  unitName: string | null;
  phone: string | null;
  email: string | null;
  /** new: an account is created; existing: an account of the cohort's units is added; member: nothing to do. */
  status: RowStatus | null;
}

export interface RosterPreview {
  format: "csv" | "xlsx";
  rows: PreviewRow[];
  problems: RosterProblem[];
  counts: { rows: number; new: number; existing: number; member: number };
}

// ---- question quality ---------------------------------------------------------------------------

export interface ItemSummary {
  id: string;
  type: Item["type"];
  stem: Text;
  /** Option (or pair, step choice) ids with their text and whether they are keyed correct, for reading optionCounts. */
  options: { id: string; text: Text; correct: boolean }[];
}

export interface QuizQuality {
  /** "final", or the lesson id of a knowledge check. */
  key: string;
  quizId: string;
  title: Text;
  analysis: QuizAnalysis;
  items: ItemSummary[];
}

// ---- administration -----------------------------------------------------------------------------

export interface UnitEntry {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  /** Active people whose home unit this is (not counting sub-units). */
  people: number;
}

export interface TrainerEntry {
  id: string;
  login: string;
  displayName: string;
  homeUnitId: string;
  active: boolean;
  admin: boolean;
  scopes: { id: string; name: string }[];
}

export interface LrsCredential {
  id: string;
  key: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A course as the console lists it for choosing required courses. */
export interface CatalogCourse {
  id: string;
  title: Text;
  validityMonths: number | null;
}
