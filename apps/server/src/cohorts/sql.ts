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

/** `person` is trained for cohort `cohort` (with validity `validityMonths`) at instant `at`. */
export function trainedAt(person: string, cohort: string, validityMonths: string, at: string): string {
  return `(exists (select 1 from cohort_courses cc where cc.cohort_id = ${cohort})
           and not exists (select 1 from cohort_courses cc where cc.cohort_id = ${cohort}
                            and not ${validPassExists(person, "cc.course_id", validityMonths, at)}))`;
}

/** `person` had started at least one of the cohort's courses by instant `at`. */
export function startedAt(person: string, cohort: string, at: string): string {
  return `exists (select 1 from cohort_courses cc join course_status cs
                    on cs.course_id = cc.course_id and cs.person_id = ${person}
                   where cc.cohort_id = ${cohort} and cs.started_at <= ${at})`;
}
