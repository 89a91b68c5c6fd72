import type { CohortRecord, CourseStage, MemberStatus } from "@bvte/api";
import type { Queryable } from "../db/database.ts";
import { HttpError } from "../http/validation.ts";
import { withinSubtree } from "./access.ts";
import { type AsOf, addDays, endOfVietnamDay, vietnamDate } from "./dates.ts";
import { subtreePattern } from "./scope.ts";
import { spanAt } from "./sql.ts";

export type MemberFilter = "all" | "trained" | "not-trained" | "expiring";
export type MemberSort = "name" | "unit" | "expires";

export interface MemberQuery {
  filter: MemberFilter;
  /** For `expiring`: training that lapses within this many days after the as-of date. */
  withinDays: number;
  /** Matches name or login, case-insensitively. */
  search: string;
  /** Only members whose home unit lies in this unit's subtree. */
  unitId: string | null;
  sort: MemberSort;
  /** null: every matching member (exports). */
  page: { offset: number; limit: number } | null;
}

interface Row {
  person_id: string;
  display_name: string;
  login: string;
  unit_id: string;
  unit_name: string;
  has_password: boolean;
  joined_at: string;
  trained: boolean;
  courses: { courseId: string; stage: CourseStage; lastPassedAt: string | null; expiresAt: string | null }[];
  total: number;
}

const day = (instant: string | null) => (instant ? vietnamDate(new Date(instant)) : null);

const iso = (expression: string) =>
  `to_char((${expression}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const orderBy: Record<MemberSort, string> = {
  name: "display_name, login",
  unit: "unit_name, display_name, login",
  expires: "expires_at nulls last, display_name, login",
};

/**
 * When a trained member's training lapses: the earliest expiry among the latest passes (on or before
 * the as-of instant $2) of the cohort's courses; null when the cohort's training never expires.
 */
const expiry = (person: string) =>
  `(select min(lp.last_pass + make_interval(months => c.validity_months))
      from cohort_courses cc
      cross join lateral (select max(cp.passed_at) as last_pass from course_passes cp
                           where cp.person_id = ${person} and cp.course_id = cc.course_id and cp.passed_at <= $2) lp
     where cc.cohort_id = c.id)`;

/**
 * Members on the as-of date with what each has done of every required course, filtered and paged in
 * SQL. `trained` here is the same span the cohort figures count, so "not trained" lists exactly the
 * gap; the per-course detail is worked out for the requested page only.
 */
export async function listMembers(
  db: Queryable,
  cohort: CohortRecord,
  asOf: AsOf,
  query: MemberQuery,
): Promise<{ total: number; members: MemberStatus[] }> {
  const params: unknown[] = [cohort.id, asOf.instant.toISOString()];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.search) {
    const pattern = param(`%${query.search.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`);
    where.push(`(lower(p.display_name) like ${pattern} or p.login like ${pattern})`);
  }
  if (query.unitId) {
    where.push(`u.path like ${subtreePattern(`(select path from units where id = ${param(query.unitId)})`)}`);
  }
  // Each filter as a condition on the member rows, and (for expiry) one on the rows with expiry.
  const filters: Record<MemberFilter, () => { member: string; expiry: string }> = {
    all: () => ({ member: "true", expiry: "true" }),
    trained: () => ({ member: "t.person_id is not null", expiry: "true" }),
    "not-trained": () => ({ member: "t.person_id is null", expiry: "true" }),
    expiring: () => {
      const until = param(endOfVietnamDay(addDays(asOf.date, query.withinDays)).toISOString());
      return { member: "t.person_id is not null", expiry: `expires_at <= ${until}::timestamptz` };
    },
  };
  const filter = filters[query.filter]();
  // Expiry costs a look at each member's passes: only for every member when the list depends on it.
  const expiryForAll = query.filter === "expiring" || query.sort === "expires";
  const limit = query.page
    ? `limit ${param(query.page.limit)}::int offset ${param(query.page.offset)}::int`
    : "";
  // Materialized steps keep the planner from walking all people in name order to find a page
  // (minutes on a national cohort): the window's total needs every row anyway.
  const { rows } = await db.query<Row>(
    `with member_span as materialized (
       select m.person_id, m.member_from, m.unit_id from cohort_spans m
        where m.cohort_id = $1 and m.kind = 'member' and ${spanAt("m", "$2")}
     ), trained_span as materialized (
       select t.person_id from cohort_spans t
        where t.cohort_id = $1 and t.kind = 'trained' and ${spanAt("t", "$2")}
     ), member as materialized (
       select m.person_id, p.display_name, p.login, u.id as unit_id, u.name as unit_name,
              p.password_hash is not null as has_password, m.member_from as joined_at,
              t.person_id is not null as trained
         from member_span m
         join people p on p.id = m.person_id
         join units u on u.id = m.unit_id
         left join trained_span t on t.person_id = m.person_id
        where ${filter.member} ${where.map((condition) => `and ${condition}`).join(" ")}
     ), x as (
       select member.*, ${expiryForAll ? `case when trained then ${expiry("member.person_id")} end` : "null::timestamptz"} as expires_at
         from member cross join cohorts c where c.id = $1
     ), page as (
       select x.*, count(*) over ()::int as total from x where ${filter.expiry}
        order by ${orderBy[query.sort]} ${limit}
     )
     select page.person_id, page.display_name, page.login, page.unit_id, page.unit_name, page.has_password,
            ${iso("page.joined_at")} as joined_at, page.trained, k.courses, page.total
       from page
       cross join cohorts c
       cross join lateral (
         select coalesce(jsonb_agg(jsonb_build_object(
                  'courseId', cc.course_id, 'stage', st.stage,
                  'lastPassedAt', ${iso("lp.last_pass")},
                  'expiresAt', ${iso("lp.last_pass + make_interval(months => c.validity_months)")})
                  order by cc.course_id), '[]') as courses
           from cohort_courses cc
           cross join lateral (select max(cp.passed_at) as last_pass from course_passes cp
                                where cp.person_id = page.person_id and cp.course_id = cc.course_id
                                  and cp.passed_at <= $2) lp
           cross join lateral (
             select case when bool_or(s.kind = 'course_passed') then 'passed'
                         when bool_or(s.kind = 'course_completed') then 'completed'
                         when bool_or(s.kind = 'course_started') then 'in_progress'
                         else 'not_started' end as stage
               from cohort_spans s
              where s.person_id = page.person_id and s.cohort_id = $1 and s.course_id = cc.course_id
                and ${spanAt("s", "$2")}) st
          where cc.cohort_id = c.id) k
      where c.id = $1
      order by ${orderBy[query.sort].replace(/(^|, )/g, "$1page.")}`,
    params,
  );
  return {
    total: rows[0]?.total ?? (query.page ? await countOnly(db, cohort, asOf, query) : 0),
    members: rows.map((row) => ({
      personId: row.person_id,
      displayName: row.display_name,
      login: row.login,
      unit: { id: row.unit_id, name: row.unit_name },
      hasPassword: row.has_password,
      joinedOn: day(row.joined_at) as string,
      trained: row.trained,
      lacking: row.courses.filter((course) => course.stage !== "passed").map((course) => course.courseId),
      // Every course of a trained member is passed: the training lapses with the first to expire.
      expiresOn: row.trained ? (row.courses.map((course) => day(course.expiresAt)).sort()[0] ?? null) : null,
      courses: row.courses.map((course) => ({
        courseId: course.courseId,
        stage: course.stage,
        lastPassedOn: day(course.lastPassedAt),
        expiresOn: day(course.expiresAt),
      })),
    })),
  };
}

/** A page past the end has no rows to carry the total; count without paging instead. */
async function countOnly(db: Queryable, cohort: CohortRecord, asOf: AsOf, query: MemberQuery) {
  if (query.page && query.page.offset === 0) return 0;
  const all = await listMembers(db, cohort, asOf, { ...query, page: { offset: 0, limit: 1 } });
  return all.total;
}

/**
 * Adds people to a cohort. Each must be active and have their home unit within the cohort's scope
 * unit, so a trainer never pulls in someone from outside their units. People already members stay as
 * they are. Returns how many were added.
 */
export async function addMembers(db: Queryable, cohort: CohortRecord, personIds: string[]): Promise<number> {
  const { rows: found } = await db.query<{ id: string }>(
    `select p.id from people p join units u on u.id = p.home_unit_id
      where p.id = any($1::uuid[]) and p.active and ${withinSubtree("u", "$2")}`,
    [personIds, cohort.scopeUnit.path],
  );
  const allowed = new Set(found.map((row) => row.id));
  const refused = personIds.findIndex((id) => !allowed.has(id));
  if (refused >= 0) {
    throw new HttpError(
      400,
      "invalid_body",
      `personIds.${refused}: no such active person in ${cohort.scopeUnit.name} or its units`,
    );
  }
  const { rows } = await db.query(
    `insert into cohort_members (cohort_id, person_id)
     select $1, unnest($2::uuid[]) on conflict do nothing returning person_id`,
    [cohort.id, personIds],
  );
  return rows.length;
}

/** Removes a member, keeping the span of their membership so past figures stay as they were. */
export async function removeMember(db: Queryable, cohortId: string, personId: string): Promise<boolean> {
  const { rows } = await db.query(
    `with removed as (
       delete from cohort_members where cohort_id = $1 and person_id = $2 returning cohort_id, person_id, joined_at)
     insert into cohort_member_history (cohort_id, person_id, joined_at, left_at)
     select cohort_id, person_id, joined_at, greatest(now(), joined_at) from removed returning person_id`,
    [cohortId, personId],
  );
  return rows.length > 0;
}

export interface Candidate {
  personId: string;
  displayName: string;
  login: string;
  unit: { id: string; name: string };
}

/** Active people of the cohort's units who are not members yet, matching a name or login: for "add member". */
export async function findCandidates(
  db: Queryable,
  cohort: CohortRecord,
  search: string,
): Promise<Candidate[]> {
  const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
  const { rows } = await db.query<{
    id: string;
    display_name: string;
    login: string;
    unit_id: string;
    unit_name: string;
  }>(
    `select p.id, p.display_name, p.login, u.id as unit_id, u.name as unit_name
       from people p join units u on u.id = p.home_unit_id
      where p.active and ${withinSubtree("u", "$2")}
        and (lower(p.display_name) like $3 or p.login like $3)
        and not exists (select 1 from cohort_members m where m.cohort_id = $1 and m.person_id = p.id)
      order by p.display_name, p.login limit 20`,
    [cohort.id, cohort.scopeUnit.path, pattern],
  );
  return rows.map((row) => ({
    personId: row.id,
    displayName: row.display_name,
    login: row.login,
    unit: { id: row.unit_id, name: row.unit_name },
  }));
}
