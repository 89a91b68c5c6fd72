/**
 * SQL fragments shared by every cohort figure, so the overview, the dashboard, the member lists and
 * the exports all count the same way. Each takes the SQL expressions to plug in (aliases or
 * parameters), never values.
 */

/**
 * The people who were members of cohort `cohort` at instant `at` (one column, `person_id`): current
 * members who joined by then, and former members whose membership spanned it. The spans of one
 * person never overlap, so nobody is counted twice.
 */
export function membersAt(cohort: string, at: string): string {
  return `(select cm.person_id from cohort_members cm where cm.cohort_id = ${cohort} and cm.joined_at <= ${at}
           union all
           select h.person_id from cohort_member_history h
            where h.cohort_id = ${cohort} and h.joined_at <= ${at} and h.left_at > ${at})`;
}

/**
 * A pass of `course` by `person` that counts at instant `at`: on or before it and, when the cohort
 * has a validity, less than that many calendar months before it (DESIGN.md §4; `isTrained` in
 * @bvte/learning-records is the same rule in TypeScript).
 */
export function validPassExists(person: string, course: string, validityMonths: string, at: string): string {
  return `exists (select 1 from course_passes cp
                   where cp.person_id = ${person} and cp.course_id = ${course} and cp.passed_at <= ${at}
                     and (${validityMonths} is null
                          or cp.passed_at + make_interval(months => ${validityMonths}) > ${at}))`;
}

/**
 * A one-row subquery: the required courses of cohort `cohort` as one `text[]` column `courses` (empty
 * when it has none). Queries join it laterally once per cohort (`cross join lateral … k`), so the
 * per-member conditions read `k.courses` instead of scanning `cohort_courses` again for every member:
 * at 100,000 members those rescans were most of the query's time. (An aggregate, so the planner
 * cannot flatten it back into a per-member subquery.)
 */
export function requiredCourses(cohort: string): string {
  return `(select coalesce(array_agg(cc.course_id), '{}') as courses from cohort_courses cc where cc.cohort_id = ${cohort})`;
}

/**
 * `person` is trained at instant `at` for a cohort requiring `courses` (a `text[]`, from
 * `requiredCourses`) with validity `validityMonths`: there is at least one required course and each
 * has a pass that counts.
 */
export function trainedAt(person: string, courses: string, validityMonths: string, at: string): string {
  return `(cardinality(${courses}) > 0
           and not exists (select 1 from unnest(${courses}) rc(course_id)
                            where not ${validPassExists(person, "rc.course_id", validityMonths, at)}))`;
}

/** `person` had started at least one of `courses` (a `text[]`) by instant `at`. */
export function startedAt(person: string, courses: string, at: string): string {
  return `exists (select 1 from course_status cs
                   where cs.person_id = ${person} and cs.course_id = any(${courses}) and cs.started_at <= ${at})`;
}
