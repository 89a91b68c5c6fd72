import type { CohortRecord, CourseFunnel, Forecast, TrendPoint, UnitNode } from "@bvte/api";
import { type CohortFigures, cohortFigures } from "@bvte/learning-records";
import type { Queryable } from "../db/database.ts";
import { type AsOf, addDays, daysBetween, endOfMonth, endOfVietnamDay, vietnamDate } from "./dates.ts";
import { spanAt, spanAtWhileMemberAt } from "./sql.ts";

/** Members needed to meet the target: ceil(target × members), rounded as `cohortFigures` rounds. */
export function requiredCount(targetShare: number, members: number): number {
  return Math.ceil(Number((targetShare * members).toFixed(9)));
}

// One collator for every comparison: localeCompare with a locale builds one per call, which for the
// thousands of units under a national cohort took longer than the query.
const byVietnameseName = new Intl.Collator("vi");

/**
 * How deep the dashboard's unit tree goes below the scope unit: a province's communes and their
 * schools, the whole country's provinces and communes. Exports give every level.
 */
export const DASHBOARD_UNIT_LEVELS = 2;

/**
 * Members and trained per unit, rolled up the unit tree from the cohort's scope unit down to each
 * member's home unit, or down to `levels` below the scope unit (a national cohort's schools would
 * be ten thousand rows: there the tree stops at communes, and members still count in them).
 * Counting is done in SQL per home unit; only the units are handled here.
 */
export async function figuresByUnit(
  db: Queryable,
  cohort: CohortRecord,
  asOf: AsOf,
  levels = Number.POSITIVE_INFINITY,
): Promise<UnitNode[]> {
  const { rows } = await db.query<{ path: string; members: number; trained: number }>(
    `select u.path, f.members, f.trained
       from (select s.unit_id, count(*) filter (where s.kind = 'member')::int as members,
                    count(*) filter (where s.kind = 'trained')::int as trained
               from cohort_spans s
              where s.cohort_id = $1 and s.kind in ('member', 'trained') and ${spanAt("s", "$2")}
              group by s.unit_id) f
       join units u on u.id = f.unit_id`,
    [cohort.id, asOf.instant.toISOString()],
  );
  const scopePath = cohort.scopeUnit.path;
  const totals = new Map<string, { members: number; trained: number; parent: string | null }>();
  for (const row of rows) {
    const segments = row.path.split("/").filter(Boolean);
    // Members outside the scope unit (added before a scope change, say) keep their whole chain.
    const first = row.path.startsWith(scopePath) ? segments.indexOf(cohort.scopeUnit.id) : 0;
    let parent: string | null = null;
    for (const id of segments.slice(first, first + levels + 1)) {
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
    list.sort((a, b) => byVietnameseName.compare(a.name, b.name));
    for (const node of list) sortTree(node.children);
  };
  sortTree(roots);
  return roots;
}

/** How many of a cohort's span rows of each kind (and course) count at the as-of instant. */
export type SpanCounts = (kind: string, courseId?: string) => number;

/** Every kind of span counted at once: the headline figures and the course funnel in one pass. */
export async function spanCounts(db: Queryable, cohort: CohortRecord, asOf: AsOf): Promise<SpanCounts> {
  const { rows } = await db.query<{ kind: string; course_id: string; n: number }>(
    `select s.kind::text, s.course_id, count(*)::int as n
       from cohort_spans s
      where s.cohort_id = $1 and ${spanAt("s", "$2")}
      group by s.kind, s.course_id`,
    [cohort.id, asOf.instant.toISOString()],
  );
  const counts = new Map(rows.map((row) => [`${row.kind}/${row.course_id}`, row.n]));
  return (kind, courseId = "") => counts.get(`${kind}/${courseId}`) ?? 0;
}

/**
 * Each member's stage in each required course on the as-of date; the four stages of a course add up to
 * the members. A pass that has expired counts as "completed": the course was done, the training is due
 * again. Each stage's span lies within the one before (passed ⊂ completed ⊂ started), so the stages
 * are differences of counts.
 */
export function funnelFrom(cohort: CohortRecord, count: SpanCounts): CourseFunnel[] {
  const members = count("member");
  return cohort.requiredCourses.map((courseId) => {
    const started = count("course_started", courseId);
    const completed = count("course_completed", courseId);
    const passed = count("course_passed", courseId);
    return {
      courseId,
      notStarted: members - started,
      inProgress: started - completed,
      completed: completed - passed,
      passed,
    };
  });
}

export async function funnelByCourse(
  db: Queryable,
  cohort: CohortRecord,
  asOf: AsOf,
): Promise<CourseFunnel[]> {
  return funnelFrom(cohort, await spanCounts(db, cohort, asOf));
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
  // Each span is counted at the points from the first at or after its start to the last before its
  // end: width_bucket against the instants plus 1 µs gives those two indexes, so the whole trend is
  // one pass over the cohort's spans and a running sum here.
  const { rows } = await db.query<{ kind: "member" | "trained"; opens: number; closes: number; n: number }>(
    `with point as (select array_agg(d.at + interval '1 microsecond' order by d.at) as bounds
                      from unnest($2::timestamptz[]) as d(at))
     select b.kind::text as kind, b.opens, b.closes, count(*)::int as n
       from (select s.kind, width_bucket(s.lo, point.bounds) as opens, width_bucket(s.hi, point.bounds) as closes
               from cohort_spans s, point
              where s.cohort_id = $1 and s.kind in ('member', 'trained')) b
      where b.opens < b.closes
      group by b.kind, b.opens, b.closes`,
    [cohort.id, instants],
  );
  const members = new Array<number>(dates.length + 1).fill(0);
  const trained = new Array<number>(dates.length + 1).fill(0);
  for (const row of rows) {
    const counts = row.kind === "member" ? members : trained;
    counts[row.opens] = (counts[row.opens] as number) + row.n;
    counts[row.closes] = (counts[row.closes] as number) - row.n;
  }
  let memberCount = 0;
  let trainedCount = 0;
  return dates.map((date, index) => {
    memberCount += members[index] as number;
    trainedCount += trained[index] as number;
    const figures = cohortFigures(memberCount, trainedCount, cohort.targetShare);
    return {
      date,
      members: memberCount,
      trained: trainedCount,
      rate: figures.rate,
      required: requiredCount(cohort.targetShare, memberCount),
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
    `select count(*)::int as trained from cohort_spans s
      where s.cohort_id = $1 and s.kind = 'trained' and ${spanAtWhileMemberAt("s", "$2", "$3")}`,
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
