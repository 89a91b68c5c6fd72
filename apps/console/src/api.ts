import type { CohortFigures as TrainedFigures } from "@bvte/learning-records";
/** A failed request: the HTTP status and, when the server sent one, its error code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null = null,
    message = `HTTP ${status}`,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: string;
    message?: string;
    details?: unknown;
  } | null;
  return new ApiError(
    response.status,
    body?.error ?? null,
    body?.message ?? `HTTP ${response.status}`,
    body?.details,
  );
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? "GET",
    credentials: "same-origin",
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Sends a file's bytes as they are (the server tells CSV from XLSX by content). */
export async function upload<T>(path: string, file: Blob): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface Text {
  vi: string;
  en: string;
}

/** The server's figures: the shared "trained" arithmetic plus how many are still on the way. */
export interface CohortFigures extends TrainedFigures {
  inProgress: number;
  notStarted: number;
}

export interface CohortSummary {
  id: string;
  name: string;
  scopeUnit: { id: string; name: string };
  requiredCourses: string[];
  startDate: string | null;
  deadline: string | null;
  validityMonths: number | null;
  figures: CohortFigures;
}

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

export interface UnitFigures {
  members: number;
  trained: number;
  rate: number;
  targetShare: number;
  targetMet: boolean;
  gap: number;
}

export interface UnitNode {
  id: string;
  name: string;
  kind: string;
  figures: UnitFigures;
  children: UnitNode[];
}

export interface CourseFunnel {
  courseId: string;
  notStarted: number;
  inProgress: number;
  completed: number;
  passed: number;
}

export interface TrendPoint {
  date: string;
  members: number;
  trained: number;
  rate: number;
  required: number;
}

export type ForecastStatus = "met" | "on-track" | "after-deadline" | "no-progress" | "no-members";

export interface Forecast {
  status: ForecastStatus;
  windowDays: number;
  trainedInWindow: number;
  pacePer30Days: number;
  projectedDate: string | null;
  deadline: string | null;
}

export interface CourseName {
  id: string;
  title: Text;
}

export interface CohortDashboard {
  asOf: string;
  cohort: CohortSummary;
  courses: CourseName[];
  byUnit: UnitNode[];
  byCourse: CourseFunnel[];
  trend: TrendPoint[];
  forecast: Forecast;
}

export type CourseStage = "not_started" | "in_progress" | "completed" | "passed";

export interface MemberStatus {
  personId: string;
  displayName: string;
  login: string;
  unit: { id: string; name: string };
  hasPassword: boolean;
  joinedOn: string;
  trained: boolean;
  lacking: string[];
  expiresOn: string | null;
  courses: { courseId: string; stage: CourseStage; lastPassedOn: string | null; expiresOn: string | null }[];
}

export interface MemberPage {
  total: number;
  page: number;
  pageSize: number;
  members: MemberStatus[];
}

export interface CatalogCourse {
  id: string;
  title: Text;
  validityMonths: number | null;
}

export interface UnitEntry {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  people: number;
}

export interface RosterProblem {
  row: number | null;
  column: "name" | "login" | "role" | "unit" | "phone" | "email" | null;
  code: string;
  message: string;
  otherRow?: number;
}

export interface RosterPreviewRow {
  row: number;
  name: string;
  login: string;
  role: string | null;
  unitId: string;
  unitName: string | null;
  phone: string | null;
  email: string | null;
  status: "new" | "existing" | "member" | null;
}

export interface RosterPreview {
  format: "csv" | "xlsx";
  rows: RosterPreviewRow[];
  problems: RosterProblem[];
  counts: { rows: number; new: number; existing: number; member: number };
}

export interface JoinCode {
  id: string;
  code: string;
  path: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
}

export interface ItemAnalysis {
  itemId: string;
  type: string;
  n: number;
  difficulty: number | null;
  discrimination: number | null;
  optionCounts: Record<string, number>;
  omitted: number;
  flags: string[];
}

export interface QuizQuality {
  key: string;
  quizId: string;
  title: Text;
  analysis: {
    attempts: number;
    responses: number;
    items: ItemAnalysis[];
    reliability: { coefficient: number | null; method: "kr20" | "alpha"; k: number; attempts: number };
  };
  items: { id: string; type: string; stem: Text; options: { id: string; text: Text; correct: boolean }[] }[];
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
