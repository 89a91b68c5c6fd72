/**
 * SQL fragments shared by every cohort figure, so the overview, the dashboard, the member lists and
 * the exports all count the same way. They read `cohort_spans` (migration 004), which triggers keep
 * in step with passes, course status, memberships and cohort settings. Each takes the SQL
 * expressions to plug in (aliases or parameters), never values.
 */

/**
 * Row `span` of cohort_spans counts at instant `at`: the person was a member then, and the span
 * (started, trained, …) had begun and not yet ended; `lo` and `hi` are the span clipped to the
 * membership. A person's memberships of one cohort never overlap, so nobody is counted twice.
 */
export function spanAt(span: string, at: string): string {
  return `(${span}.lo <= ${at} and ${span}.hi > ${at})`;
}

/**
 * Member at instant `memberAt` and in the span at instant `spanAt`: "among the members of the as-of
 * date, who was trained 90 days before" (the forecast's pace).
 */
export function spanAtWhileMemberAt(span: string, memberAt: string, at: string): string {
  return `(${span}.member_from <= ${memberAt} and ${span}.member_until > ${memberAt}
           and ${span}.from_at <= ${at} and ${span}.until_at > ${at})`;
}
