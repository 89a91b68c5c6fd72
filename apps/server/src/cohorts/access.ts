import type { CohortRecord } from "@bvte/api";
import { z } from "zod";
import type { SessionPerson } from "../auth/sessions.ts";
import type { Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { subtreePattern, unitScopeCondition } from "./scope.ts";

interface Row {
  id: string;
  name: string;
  scope_unit_id: string;
  unit_name: string;
  unit_path: string;
  target_share: string;
  start_date: string | null;
  deadline: string | null;
  validity_months: number | null;
  required_courses: string[];
}

/**
 * The cohort, when it exists and lies within the person's units. Otherwise a 404: unknown and
 * out-of-scope cohorts look the same, so ids outside one's units reveal nothing.
 */
export async function cohortInScope(
  db: Queryable,
  person: SessionPerson,
  cohortId: string,
): Promise<CohortRecord> {
  if (!z.uuid().safeParse(cohortId).success) throw new HttpError(404, "not_found", "No such cohort");
  const scope = unitScopeCondition(person, "$1");
  const { rows } = await db.query<Row>(
    `select c.id, c.name, c.scope_unit_id, u.name as unit_name, u.path as unit_path, c.target_share::text,
            to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.deadline, 'YYYY-MM-DD') as deadline,
            c.validity_months,
            coalesce((select array_agg(cc.course_id order by cc.course_id) from cohort_courses cc
                       where cc.cohort_id = c.id), '{}') as required_courses
       from cohorts c join units u on u.id = c.scope_unit_id
      where c.id = $2 and ${scope.sql}`,
    [scope.value, cohortId],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, "not_found", "No such cohort");
  return {
    id: row.id,
    name: row.name,
    scopeUnit: { id: row.scope_unit_id, name: row.unit_name, path: row.unit_path },
    targetShare: Number(row.target_share),
    startDate: row.start_date,
    deadline: row.deadline,
    validityMonths: row.validity_months,
    requiredCourses: row.required_courses,
  };
}

/** SQL condition: the unit aliased `unitAlias` lies in the subtree whose root path is `pathParam`. */
export function withinSubtree(unitAlias: string, pathParam: string): string {
  return `${unitAlias}.path like ${subtreePattern(`${pathParam}::text`)}`;
}
