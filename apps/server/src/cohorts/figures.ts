import type { CohortRecord, CohortSummary } from "@bvte/api";
import { cohortFigures } from "@bvte/learning-records";
import type { SessionPerson } from "../auth/sessions.ts";
import type { Queryable } from "../db/database.ts";
import { unitScopeCondition } from "./scope.ts";
import { spanAt } from "./sql.ts";

interface CohortRow {
  id: string;
  name: string;
  scope_unit_id: string;
  unit_name: string;
  target_share: string;
  start_date: string | null;
  deadline: string | null;
  validity_months: number | null;
  required_courses: string[];
  members: number;
  trained: number;
  started: number;
}

/**
 * The cohorts matching `where` (on cohorts `c` and their scope unit `u`) with their figures: the
 * active people who were members at the as-of instant ($2), each once. Counting is one grouped pass
 * over the cohorts' spans, which PostgreSQL can split across workers for the national overview.
 */
const cohortSelect = (where: string) => `
  with cohort as (
    select c.id, c.name, c.scope_unit_id, u.name as unit_name, c.target_share::text,
           to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.deadline, 'YYYY-MM-DD') as deadline,
           c.validity_months,
           coalesce((select array_agg(cc.course_id order by cc.course_id) from cohort_courses cc
                      where cc.cohort_id = c.id), '{}') as required_courses
      from cohorts c join units u on u.id = c.scope_unit_id
     where ${where}
  ), figures as (
    select s.cohort_id,
           count(*) filter (where s.kind = 'member')::int as members,
           count(*) filter (where s.kind = 'trained')::int as trained,
           count(*) filter (where s.kind = 'started')::int as started
      from cohort_spans s
     where s.cohort_id in (select id from cohort) and s.kind in ('member', 'trained', 'started')
       and ${spanAt("s", "$2")}
     group by s.cohort_id
  )
  select cohort.*, coalesce(f.members, 0) as members, coalesce(f.trained, 0) as trained,
         coalesce(f.started, 0) as started
    from cohort left join figures f on f.cohort_id = cohort.id`;

function toSummary(row: CohortRow): CohortSummary {
  return summarize(
    {
      id: row.id,
      name: row.name,
      scopeUnit: { id: row.scope_unit_id, name: row.unit_name },
      requiredCourses: row.required_courses,
      startDate: row.start_date,
      deadline: row.deadline,
      validityMonths: row.validity_months,
      targetShare: Number(row.target_share),
    },
    row,
  );
}

/** A cohort's settings with its figures, from the counts of its members, trained and started. */
export function summarize(
  cohort: Omit<CohortRecord, "scopeUnit"> & { scopeUnit: { id: string; name: string } },
  counts: { members: number; trained: number; started: number },
): CohortSummary {
  const base = cohortFigures(counts.members, counts.trained, cohort.targetShare);
  return {
    id: cohort.id,
    name: cohort.name,
    scopeUnit: { id: cohort.scopeUnit.id, name: cohort.scopeUnit.name },
    requiredCourses: cohort.requiredCourses,
    startDate: cohort.startDate,
    deadline: cohort.deadline,
    validityMonths: cohort.validityMonths,
    // Trained members have passed every course, so they have started one: started ≥ trained.
    figures: {
      ...base,
      inProgress: counts.started - counts.trained,
      notStarted: counts.members - counts.started,
    },
  };
}

const byVietnameseName = new Intl.Collator("vi");

/**
 * Furthest behind first: the share still missing to reach the target, then the number of people
 * still to train, then the name. The overview screen and its exports use this one order.
 */
export function behindFirst(a: CohortSummary, b: CohortSummary): number {
  const shortfall = (cohort: CohortSummary) => Math.max(0, cohort.figures.targetShare - cohort.figures.rate);
  return (
    shortfall(b) - shortfall(a) || b.figures.gap - a.figures.gap || byVietnameseName.compare(a.name, b.name)
  );
}

/** Cohorts whose scope unit lies within the person's units, furthest behind first, as of `asOf`. */
export async function listCohorts(
  db: Queryable,
  person: SessionPerson,
  asOf: Date,
): Promise<CohortSummary[]> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<CohortRow>(cohortSelect(scope.sql), [scope.value, asOf.toISOString()]);
  return rows.map(toSummary).sort(behindFirst);
}

/** One cohort, or null when it does not exist or lies outside the person's units. */
export async function findCohort(
  db: Queryable,
  person: SessionPerson,
  cohortId: string,
  asOf: Date,
): Promise<CohortSummary | null> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<CohortRow>(cohortSelect(`c.id = $3 and ${scope.sql}`), [
    scope.value,
    asOf.toISOString(),
    cohortId,
  ]);
  return rows[0] ? toSummary(rows[0]) : null;
}
