import { type CohortFigures, cohortFigures } from "@bvte/learning-records";
import type { Queryable } from "../db/database.ts";
import type { CohortRecord } from "./access.ts";
import { type AsOf, addDays, daysBetween, endOfMonth, endOfVietnamDay, vietnamDate } from "./dates.ts";
import { membersAt, requiredCourses, trainedAt, validPassExists } from "./sql.ts";

/** Members needed to meet the target: ceil(target × members), rounded as `cohortFigures` rounds. */
export function requiredCount(targetShare: number, members: number): number {
  return Math.ceil(Number((targetShare * members).toFixed(9)));
}

export interface UnitNode {
  id: string;
  name: string;
  kind: string;
  figures: CohortFigures;
  children: UnitNode[];
}

/**
 * Members and trained per unit, rolled up the unit tree from the cohort's scope unit down to each
 * member's home unit. Counting is done in SQL per home unit; only the (few) units are handled here.
 */
export async function figuresByUnit(db: Queryable, cohort: CohortRecord, asOf: AsOf): Promise<UnitNode[]> {
  const { rows } = await db.query<{ path: string; members: number; trained: number }>(
    `select u.path, count(*)::int as members,
            count(*) filter (where ${trainedAt("m.person_id", "k.courses", "c.validity_months", "$2")})::int as trained
       from cohorts c
       cross join lateral ${requiredCourses("c.id")} k
       cross join lateral ${membersAt("c.id", "$2")} m
       join people p on p.id = m.person_id and p.active
       join units u on u.id = p.home_unit_id
      where c.id = $1
      group by u.path`,
    [cohort.id, asOf.instant.toISOString()],
  );
  const scopePath = cohort.scopeUnit.path;
  const totals = new Map<string, { members: number; trained: number; parent: string | null }>();
  for (const row of rows) {
    const segments = row.path.split("/").filter(Boolean);
    // Members outside the scope unit (added before a scope change, say) keep their whole chain.
    const first = row.path.startsWith(scopePath) ? segments.indexOf(cohort.scopeUnit.id) : 0;
    let parent: string | null = null;
    for (const id of segments.slice(first)) {
      const total = totals.get(id) ?? { members: 0, trained: 0, parent };
      total.members += row.members;
      total.trained += row.trained;
      totals.set(id, total);
      parent = id;
    }
  }
  if (totals.size === 0) return [];
  const { rows: units } = await db.query<{ id: string; name: string; kind: string }>(
    "select id, name, kind from units where id = any($1)",
    [[...totals.keys()]],
  );
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) {
    const total = totals.get(unit.id);
    if (!total) continue;
    nodes.set(unit.id, {
      ...unit,
      figures: cohortFigures(total.members, total.trained, cohort.targetShare),
      children: [],
    });
  }
  const roots: UnitNode[] = [];
  for (const [id, node] of nodes) {
    const parent = totals.get(id)?.parent;
    const parentNode = parent ? nodes.get(parent) : undefined;
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  const sortTree = (list: UnitNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, "vi"));
    for (const node of list) sortTree(node.children);
  };
  sortTree(roots);
  return roots;
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

/**
 * Each member's stage in each required course on the as-of date; the four stages of a course add up to
 * the members. A pass that has expired counts as "completed": the course was done, the training is due again.
 */
export function stageCase(person: string, course: string, at: string): string {
  return `case when ${validPassExists(person, course, "c.validity_months", at)} then 'passed'
               when cs.completed_at <= ${at} then 'completed'
               when cs.started_at <= ${at} then 'in_progress'
               else 'not_started' end`;
}

export async function funnelByCourse(
  db: Queryable,
  cohort: CohortRecord,
  asOf: AsOf,
): Promise<CourseFunnel[]> {
  const { rows } = await db.query<{ course_id: string; stage: CourseStage; n: number }>(
    `select s.course_id, s.stage, count(*)::int as n from (
       select cc.course_id, ${stageCase("m.person_id", "cc.course_id", "$2")} as stage
         from cohorts c
         cross join lateral ${membersAt("c.id", "$2")} m
         join people p on p.id = m.person_id and p.active
         join cohort_courses cc on cc.cohort_id = c.id
         left join course_status cs on cs.person_id = m.person_id and cs.course_id = cc.course_id
        where c.id = $1) s
      group by s.course_id, s.stage`,
    [cohort.id, asOf.instant.toISOString()],
  );
  return cohort.requiredCourses.map((courseId) => {
    const count = (stage: CourseStage) =>
      rows.find((row) => row.course_id === courseId && row.stage === stage)?.n ?? 0;
    return {
      courseId,
      notStarted: count("not_started"),
      inProgress: count("in_progress"),
      completed: count("completed"),
      passed: count("passed"),
    };
  });
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

/** At most this many points, so a cohort running for years still draws a readable chart. */
const MAX_POINTS = 60;

/**
 * The days to count the trend at: the end of every month from the cohort's start to the as-of date
 * (the end of every week when that is under three months), always ending on the as-of date itself.
 */
export function trendDates(start: string, asOf: string): string[] {
  if (start >= asOf) return [asOf];
  const dates: string[] = [];
  if (daysBetween(start, asOf) <= 92) {
    for (let day = addDays(start, 6); day < asOf; day = addDays(day, 7)) dates.push(day);
  } else {
    for (let day = endOfMonth(start); day < asOf; day = endOfMonth(addDays(day, 1))) dates.push(day);
  }
  dates.push(asOf);
  return dates.slice(-MAX_POINTS);
}

export async function trend(db: Queryable, cohort: CohortRecord, asOf: AsOf): Promise<TrendPoint[]> {
  const start = cohort.startDate ?? (await firstJoined(db, cohort.id)) ?? addDays(asOf.date, -365);
  const dates = trendDates(start, asOf.date);
  // The last point is the as-of instant itself, so it equals the headline figures exactly.
  const instants = dates.map((date) =>
    (date === asOf.date ? asOf.instant : endOfVietnamDay(date)).toISOString(),
  );
  const { rows } = await db.query<{ at: Date; members: number; trained: number }>(
    `select d.at, count(m.person_id)::int as members,
            count(*) filter (where m.person_id is not null
                               and ${trainedAt("m.person_id", "k.courses", "c.validity_months", "d.at")})::int as trained
       from cohorts c
       cross join lateral ${requiredCourses("c.id")} k
       cross join unnest($2::timestamptz[]) as d(at)
       left join lateral (
         select x.person_id from ${membersAt("c.id", "d.at")} x join people p on p.id = x.person_id and p.active
       ) m on true
      where c.id = $1
      group by d.at order by d.at`,
    [cohort.id, instants],
  );
  return rows.map((row, index) => {
    const figures = cohortFigures(row.members, row.trained, cohort.targetShare);
    return {
      date: dates[index] as string,
      members: row.members,
      trained: row.trained,
      rate: figures.rate,
      required: requiredCount(cohort.targetShare, row.members),
    };
  });
}

async function firstJoined(db: Queryable, cohortId: string): Promise<string | null> {
  const { rows } = await db.query<{ first: Date | null }>(
    `select least((select min(joined_at) from cohort_members where cohort_id = $1),
                  (select min(joined_at) from cohort_member_history where cohort_id = $1)) as first`,
    [cohortId],
  );
  const first = rows[0]?.first;
  return first ? vietnamDate(new Date(first)) : null;
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

const PACE_WINDOW_DAYS = 90;

/**
 * When the target will be met if the last 90 days' pace goes on: linear in people trained per day,
 * over the members of the as-of date (so people joining do not read as progress).
 */
export async function forecast(
  db: Queryable,
  cohort: CohortRecord,
  asOf: AsOf,
  now: CohortFigures,
): Promise<Forecast> {
  const sinceStart = cohort.startDate ? daysBetween(cohort.startDate, asOf.date) + 1 : PACE_WINDOW_DAYS;
  const windowDays = Math.max(1, Math.min(PACE_WINDOW_DAYS, sinceStart));
  const { rows } = await db.query<{ trained: number }>(
    `select count(*) filter (where ${trainedAt("m.person_id", "k.courses", "c.validity_months", "$3")})::int as trained
       from cohorts c
       cross join lateral ${requiredCourses("c.id")} k
       cross join lateral ${membersAt("c.id", "$2")} m
       join people p on p.id = m.person_id and p.active
      where c.id = $1`,
    [cohort.id, asOf.instant.toISOString(), endOfVietnamDay(addDays(asOf.date, -windowDays)).toISOString()],
  );
  const trainedInWindow = now.trained - (rows[0]?.trained ?? 0);
  const perDay = trainedInWindow / windowDays;
  const base = {
    windowDays,
    trainedInWindow,
    pacePer30Days: perDay * 30,
    deadline: cohort.deadline,
  };
  if (now.members === 0) return { ...base, status: "no-members", projectedDate: null };
  if (now.targetMet) return { ...base, status: "met", projectedDate: null };
  if (perDay <= 0) return { ...base, status: "no-progress", projectedDate: null };
  const projectedDate = addDays(asOf.date, Math.ceil(now.gap / perDay));
  const late = cohort.deadline !== null && projectedDate > cohort.deadline;
  return { ...base, status: late ? "after-deadline" : "on-track", projectedDate };
}
