import type { CohortDashboard, CohortSummary, CourseName, MemberStatus, UnitNode } from "@bvte/api";
import type { ReportLabels, ReportLanguage } from "./labels.ts";

/** A typed cell: the writers turn each type into a real spreadsheet value or its CSV text. */
export type Cell =
  | { type: "text"; value: string }
  | { type: "integer"; value: number }
  | { type: "decimal"; value: number }
  /** A fraction (0.815), shown as a percentage with one decimal, as on screen. */
  | { type: "percent"; value: number }
  /** A calendar day, YYYY-MM-DD. */
  | { type: "date"; value: string }
  | { type: "empty" };

export interface ReportTable {
  /** Stable id used in URLs (?view=units). */
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export const text = (value: string): Cell => ({ type: "text", value });
export const integer = (value: number): Cell => ({ type: "integer", value });
export const percent = (value: number): Cell => ({ type: "percent", value });
export const date = (value: string | null): Cell => (value ? { type: "date", value } : { type: "empty" });
const yesNo = (labels: ReportLabels, value: boolean) => text(value ? labels.yes : labels.no);

const courseTitle = (courses: CourseName[], id: string, language: ReportLanguage) =>
  courses.find((course) => course.id === id)?.title[language] ?? id;

function summaryTable(
  dashboard: CohortDashboard,
  labels: ReportLabels,
  language: ReportLanguage,
): ReportTable {
  const { cohort, forecast } = dashboard;
  const { figures } = cohort;
  const rows: [string, Cell][] = [
    [labels.cohort, text(cohort.name)],
    [labels.unit, text(`${cohort.scopeUnit.name} (${cohort.scopeUnit.id})`)],
    [labels.asOf, date(dashboard.asOf)],
    [labels.requiredCourses, text(dashboard.courses.map((course) => course.title[language]).join("; "))],
    [labels.target, percent(figures.targetShare)],
    [labels.startDate, date(cohort.startDate)],
    [labels.deadline, date(cohort.deadline)],
    [labels.validityMonths, cohort.validityMonths ? integer(cohort.validityMonths) : text(labels.noExpiry)],
    [labels.members, integer(figures.members)],
    [labels.trained, integer(figures.trained)],
    [labels.rate, percent(figures.rate)],
    [labels.gap, integer(figures.gap)],
    [labels.targetMet, yesNo(labels, figures.targetMet)],
    [labels.inProgress, integer(figures.inProgress)],
    [labels.notStarted, integer(figures.notStarted)],
    [labels.forecast, text(labels.forecastStatus[forecast.status])],
    [labels.projectedDate, date(forecast.projectedDate)],
    [labels.pace, { type: "decimal", value: Math.round(forecast.pacePer30Days * 10) / 10 }],
  ];
  return {
    id: "summary",
    title: labels.sheets.summary,
    columns: [labels.field, labels.value],
    rows: rows.map(([field, value]) => [text(field), value]),
  };
}

function unitsTable(units: UnitNode[], labels: ReportLabels): ReportTable {
  const rows: Cell[][] = [];
  const walk = (nodes: UnitNode[], level: number) => {
    for (const node of nodes) {
      rows.push([
        text(node.id),
        text(node.name),
        integer(level),
        integer(node.figures.members),
        integer(node.figures.trained),
        percent(node.figures.rate),
        integer(node.figures.gap),
        yesNo(labels, node.figures.targetMet),
      ]);
      walk(node.children, level + 1);
    }
  };
  walk(units, 1);
  return {
    id: "units",
    title: labels.sheets.units,
    columns: [
      labels.unitCode,
      labels.unit,
      labels.level,
      labels.members,
      labels.trained,
      labels.rate,
      labels.gap,
      labels.targetMet,
    ],
    rows,
  };
}

function coursesTable(
  dashboard: CohortDashboard,
  labels: ReportLabels,
  language: ReportLanguage,
): ReportTable {
  return {
    id: "courses",
    title: labels.sheets.courses,
    columns: [
      labels.courseId,
      labels.course,
      labels.notStarted,
      labels.inProgress,
      labels.completed,
      labels.passed,
      labels.members,
    ],
    rows: dashboard.byCourse.map((course) => [
      text(course.courseId),
      text(courseTitle(dashboard.courses, course.courseId, language)),
      integer(course.notStarted),
      integer(course.inProgress),
      integer(course.completed),
      integer(course.passed),
      integer(course.notStarted + course.inProgress + course.completed + course.passed),
    ]),
  };
}

function trendTable(dashboard: CohortDashboard, labels: ReportLabels): ReportTable {
  return {
    id: "trend",
    title: labels.sheets.trend,
    columns: [labels.date, labels.members, labels.trained, labels.rate, labels.required],
    rows: dashboard.trend.map((point) => [
      date(point.date),
      integer(point.members),
      integer(point.trained),
      percent(point.rate),
      integer(point.required),
    ]),
  };
}

function notTrainedTable(
  members: MemberStatus[],
  courses: CourseName[],
  labels: ReportLabels,
  language: ReportLanguage,
): ReportTable {
  return {
    id: "not-trained",
    title: labels.sheets.notTrained,
    columns: [labels.name, labels.login, labels.unitCode, labels.unit, labels.lacking, labels.joined],
    rows: members.map((member) => [
      text(member.displayName),
      text(member.login),
      text(member.unit.id),
      text(member.unit.name),
      text(member.lacking.map((id) => courseTitle(courses, id, language)).join("; ")),
      date(member.joinedOn),
    ]),
  };
}

function expiringTable(members: MemberStatus[], labels: ReportLabels): ReportTable {
  return {
    id: "expiring",
    title: labels.sheets.expiring,
    columns: [labels.name, labels.login, labels.unitCode, labels.unit, labels.expires],
    rows: members.map((member) => [
      text(member.displayName),
      text(member.login),
      text(member.unit.id),
      text(member.unit.name),
      date(member.expiresOn),
    ]),
  };
}

/** The cohort report: one table per dashboard view, in the order the dashboard shows them. */
export function cohortTables(
  dashboard: CohortDashboard,
  lists: { notTrained: MemberStatus[]; expiring: MemberStatus[] },
  labels: ReportLabels,
  language: ReportLanguage,
): ReportTable[] {
  return [
    summaryTable(dashboard, labels, language),
    unitsTable(dashboard.byUnit, labels),
    coursesTable(dashboard, labels, language),
    trendTable(dashboard, labels),
    notTrainedTable(lists.notTrained, dashboard.courses, labels, language),
    expiringTable(lists.expiring, labels),
  ];
}

/** The overview report: every cohort in scope, furthest behind first, as on screen. */
export function overviewTable(cohorts: CohortSummary[], labels: ReportLabels): ReportTable {
  return {
    id: "overview",
    title: labels.sheets.overview,
    columns: [
      labels.cohort,
      labels.unit,
      labels.members,
      labels.trained,
      labels.rate,
      labels.target,
      labels.gap,
      labels.targetMet,
      labels.inProgress,
      labels.notStarted,
      labels.deadline,
    ],
    rows: cohorts.map(({ name, scopeUnit, figures, deadline }) => [
      text(name),
      text(scopeUnit.name),
      integer(figures.members),
      integer(figures.trained),
      percent(figures.rate),
      percent(figures.targetShare),
      integer(figures.gap),
      yesNo(labels, figures.targetMet),
      integer(figures.inProgress),
      integer(figures.notStarted),
      date(deadline),
    ]),
  };
}
