import { type CohortFigures, cohortFigures } from "@bvte/learning-records";
import type { SessionPerson } from "../auth/sessions.ts";
import type { Queryable } from "../db/database.ts";
import { unitScopeCondition } from "./scope.ts";

export interface CohortSummary {
  id: string;
  name: string;
  scopeUnit: { id: string; name: string };
  requiredCourses: string[];
  startDate: string | null;
  deadline: string | null;
  validityMonths: number | null;
  figures: CohortFigures & { inProgress: number; notStarted: number };
}

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

// "Trained" is DESIGN.md §4 in SQL; `isTrained` in @bvte/learning-records is the same rule and the
// tests hold the two to the same answers.
const cohortSelect = `
  select c.id, c.name, c.scope_unit_id, u.name as unit_name, c.target_share::text,
         to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.deadline, 'YYYY-MM-DD') as deadline,
         c.validity_months,
         coalesce((select array_agg(cc.course_id order by cc.course_id) from cohort_courses cc
                    where cc.cohort_id = c.id), '{}') as required_courses,
         (select count(*)::int from cohort_members m join people p on p.id = m.person_id
           where m.cohort_id = c.id and p.active) as members,
         (select count(*)::int from cohort_members m join people p on p.id = m.person_id
           where m.cohort_id = c.id and p.active
             and exists (select 1 from cohort_courses cc where cc.cohort_id = c.id)
             and not exists (
               select 1 from cohort_courses cc where cc.cohort_id = c.id and not exists (
                 select 1 from course_passes cp
                  where cp.person_id = m.person_id and cp.course_id = cc.course_id and cp.passed_at <= $2
                    and (c.validity_months is null
                         or cp.passed_at + make_interval(months => c.validity_months) > $2)))) as trained,
         (select count(*)::int from cohort_members m join people p on p.id = m.person_id
           where m.cohort_id = c.id and p.active and exists (
             select 1 from cohort_courses cc join course_status cs
               on cs.course_id = cc.course_id and cs.person_id = m.person_id
              where cc.cohort_id = c.id and cs.started_at <= $2)) as started
    from cohorts c join units u on u.id = c.scope_unit_id`;

function toSummary(row: CohortRow): CohortSummary {
  const base = cohortFigures(row.members, row.trained, Number(row.target_share));
  return {
    id: row.id,
    name: row.name,
    scopeUnit: { id: row.scope_unit_id, name: row.unit_name },
    requiredCourses: row.required_courses,
    startDate: row.start_date,
    deadline: row.deadline,
    validityMonths: row.validity_months,
    figures: { ...base, inProgress: row.started - row.trained, notStarted: row.members - row.started },
  };
}

/** Cohorts whose scope unit lies within the person's units, each with its figures as of `asOf`. */
export async function listCohorts(
  db: Queryable,
  person: SessionPerson,
  asOf: Date,
): Promise<CohortSummary[]> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<CohortRow>(`${cohortSelect} where ${scope.sql} order by c.name`, [
    scope.value,
    asOf.toISOString(),
  ]);
  return rows.map(toSummary);
}

/** One cohort, or null when it does not exist or lies outside the person's units. */
export async function findCohort(
  db: Queryable,
  person: SessionPerson,
  cohortId: string,
  asOf: Date,
): Promise<CohortSummary | null> {
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<CohortRow>(`${cohortSelect} where c.id = $3 and ${scope.sql}`, [
    scope.value,
    asOf.toISOString(),
    cohortId,
  ]);
  return rows[0] ? toSummary(rows[0]) : null;
}
