-- Cohort figures at national scale (issue 8). Counting "trained on date D" from the passes at query
-- time costs ~10 µs a member, so a cohort of 100,000 took over a second and a 60-point trend a
-- minute. `cohort_spans` keeps, for every membership of an active person, the spans of time in which
-- they had started, completed, passed and were trained: a figure at instant t is then a count of the
-- rows whose membership and span both contain t, and a trend one pass over those rows.
--
-- Triggers keep it exact in the transaction that changes its inputs (passes, course status,
-- memberships, required courses, validity, a person's unit or active flag), whoever writes them.

create type cohort_span_kind as enum (
  'member',           -- the membership itself
  'started',          -- started one of the cohort's courses
  'trained',          -- every required course passed and still valid (DESIGN.md §4)
  'course_started',   -- per course (course_id): started it
  'course_completed', -- per course: completed or passed it (an expired pass still counts as done)
  'course_passed'     -- per course: holds a pass still valid under the cohort's validity
);

-- Spans are half-open [from_at, until_at); 'infinity' when they never end. A row is one span within
-- one membership: a person who left and rejoined has their spans once per membership, so any
-- instant is counted once.
create table cohort_spans (
  cohort_id uuid not null references cohorts (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  kind cohort_span_kind not null,
  course_id text not null default '',
  unit_id text not null,
  member_from timestamptz not null,
  member_until timestamptz not null,
  from_at timestamptz not null,
  until_at timestamptz not null,
  -- The part of the span within the membership: the row counts at instant t when lo <= t < hi.
  lo timestamptz not null generated always as (greatest(member_from, from_at)) stored,
  hi timestamptz not null generated always as (least(member_until, until_at)) stored,
  check (member_until >= member_from and until_at > from_at)
);
-- Narrow on purpose: a figure of a 100,000-member cohort reads some 200,000 of these entries.
create index cohort_spans_cohort_idx on cohort_spans (cohort_id, kind, course_id) include (lo, hi, unit_id);
-- The forecast asks who, among today's members, was trained on another day: unclipped spans.
create index cohort_spans_trained_idx on cohort_spans (cohort_id)
  include (member_from, member_until, from_at, until_at) where kind = 'trained';
create index cohort_spans_person_idx on cohort_spans (person_id, cohort_id);
create index cohort_member_history_person_idx on cohort_member_history (person_id);

-- The rows of cohort_spans for the given (cohort, person) pairs (two arrays read side by side).
create function cohort_span_rows(pair_cohorts uuid[], pair_people uuid[])
returns table (cohort_id uuid, person_id uuid, kind cohort_span_kind, course_id text, unit_id text,
               member_from timestamptz, member_until timestamptz, from_at timestamptz, until_at timestamptz)
language sql stable as $$
  with pair as (
    select distinct x.cohort_id, x.person_id from unnest(pair_cohorts, pair_people) as x (cohort_id, person_id)
  ), membership as (
    select cm.cohort_id, cm.person_id, cm.joined_at as member_from, 'infinity'::timestamptz as member_until
      from pair join cohort_members cm using (cohort_id, person_id)
    union all
    select h.cohort_id, h.person_id, h.joined_at, h.left_at
      from pair join cohort_member_history h using (cohort_id, person_id)
  ), member as (
    select m.*, p.home_unit_id as unit_id
      from membership m join people p on p.id = m.person_id and p.active
     where m.member_until > m.member_from
  ), required as (
    select s.cohort_id, s.person_id, cc.course_id, c.validity_months,
           count(*) over (partition by s.cohort_id, s.person_id) as courses
      from (select distinct cohort_id, person_id from member) s
      join cohorts c on c.id = s.cohort_id
      join cohort_courses cc on cc.cohort_id = s.cohort_id
  ), pass as (
    select r.cohort_id, r.person_id, r.course_id, r.courses, cp.passed_at as from_at,
           case when r.validity_months is null then 'infinity'::timestamptz
                else cp.passed_at + make_interval(months => r.validity_months) end as until_at
      from required r join course_passes cp on cp.person_id = r.person_id and cp.course_id = r.course_id
  ), pass_island as (
    -- A pass that starts before the earlier ones have lapsed extends their span (gaps and islands).
    select p.*, sum(p.opens) over (partition by p.cohort_id, p.person_id, p.course_id
                                   order by p.from_at, p.until_at rows unbounded preceding) as island
      from (select pass.*,
                   case when from_at <= max(until_at) over (partition by cohort_id, person_id, course_id
                          order by from_at, until_at rows between unbounded preceding and 1 preceding)
                        then 0 else 1 end as opens
              from pass) p
  ), passed as (
    select cohort_id, person_id, course_id, courses, min(from_at) as from_at, max(until_at) as until_at
      from pass_island group by cohort_id, person_id, course_id, courses, island
  ), level_change as (
    -- Trained while every required course has a valid pass: sweep the passed spans' ends, keeping
    -- the instants where the number of courses covered changes.
    select cohort_id, person_id, courses, at, sum(delta) as delta
      from (select cohort_id, person_id, courses, from_at as at, 1 as delta from passed
            union all
            select cohort_id, person_id, courses, until_at, -1 from passed) e
     group by cohort_id, person_id, courses, at
    having sum(delta) <> 0
  ), level as (
    select cohort_id, person_id, courses, at,
           sum(delta) over (partition by cohort_id, person_id order by at) as covered,
           lead(at) over (partition by cohort_id, person_id order by at) as next_at
      from level_change
  ), status as (
    select r.cohort_id, r.person_id, r.course_id,
           least(cs.started_at, cs.completed_at, fp.first_pass) as started_at,
           least(cs.completed_at, fp.first_pass) as completed_at
      from required r
      left join course_status cs on cs.person_id = r.person_id and cs.course_id = r.course_id
      cross join lateral (select min(cp.passed_at) as first_pass from course_passes cp
                           where cp.person_id = r.person_id and cp.course_id = r.course_id) fp
  ), span as (
    select cohort_id, person_id, 'trained'::cohort_span_kind as kind, '' as course_id, at as from_at, next_at as until_at
      from level where covered = courses
    union all
    select cohort_id, person_id, 'started', '', min(started_at), 'infinity'
      from status where started_at is not null group by cohort_id, person_id
    union all
    select cohort_id, person_id, 'course_started', course_id, started_at, 'infinity'
      from status where started_at is not null
    union all
    select cohort_id, person_id, 'course_completed', course_id, completed_at, 'infinity'
      from status where completed_at is not null
    union all
    select cohort_id, person_id, 'course_passed', course_id, from_at, until_at from passed
  )
  select m.cohort_id, m.person_id, 'member'::cohort_span_kind, '', m.unit_id,
         m.member_from, m.member_until, m.member_from, m.member_until
    from member m
  union all
  select m.cohort_id, m.person_id, s.kind, s.course_id, m.unit_id, m.member_from, m.member_until, s.from_at, s.until_at
    from member m join span s using (cohort_id, person_id)
$$;

-- PL/pgSQL rather than SQL functions: PL/pgSQL keeps each statement's plan for the session, where a
-- SQL function plans the whole of cohort_span_rows again on every call (most of a batch's cost).
create function cohort_spans_refresh(pair_cohorts uuid[], pair_people uuid[])
returns void language plpgsql as $$
begin
  if coalesce(cardinality(pair_cohorts), 0) = 0 then return; end if;
  delete from cohort_spans s using unnest(pair_cohorts, pair_people) as x (cohort_id, person_id)
   where s.cohort_id = x.cohort_id and s.person_id = x.person_id;
  insert into cohort_spans (cohort_id, person_id, kind, course_id, unit_id, member_from, member_until, from_at, until_at)
  select * from cohort_span_rows(pair_cohorts, pair_people);
end $$;

-- Every membership, past or present, of the given people.
create function cohort_spans_refresh_people(person_ids uuid[])
returns void language plpgsql as $$
declare
  pair_cohorts uuid[];
  pair_people uuid[];
begin
  if coalesce(cardinality(person_ids), 0) = 0 then return; end if;
  select array_agg(m.cohort_id), array_agg(m.person_id) into pair_cohorts, pair_people
    from (select cohort_id, person_id from cohort_members where person_id = any(person_ids)
          union
          select cohort_id, person_id from cohort_member_history where person_id = any(person_ids)) m;
  perform cohort_spans_refresh(pair_cohorts, pair_people);
end $$;

-- Every membership, past or present, of the given cohorts.
create function cohort_spans_refresh_cohorts(cohort_ids uuid[])
returns void language plpgsql as $$
declare
  pair_cohorts uuid[];
  pair_people uuid[];
begin
  if coalesce(cardinality(cohort_ids), 0) = 0 then return; end if;
  select array_agg(m.cohort_id), array_agg(m.person_id) into pair_cohorts, pair_people
    from (select cohort_id, person_id from cohort_members where cohort_id = any(cohort_ids)
          union
          select cohort_id, person_id from cohort_member_history where cohort_id = any(cohort_ids)) m;
  perform cohort_spans_refresh(pair_cohorts, pair_people);
end $$;

-- Trigger functions read the statement's changed rows as the transition table `changed`.
create function cohort_spans_after_person_rows() returns trigger language plpgsql as $$
begin
  perform cohort_spans_refresh_people(array(select distinct person_id from changed));
  return null;
end $$;

create function cohort_spans_after_membership_rows() returns trigger language plpgsql as $$
begin
  perform cohort_spans_refresh(array_agg(cohort_id), array_agg(person_id))
     from (select distinct cohort_id, person_id from changed) c;
  return null;
end $$;

create function cohort_spans_after_cohort_rows() returns trigger language plpgsql as $$
begin
  perform cohort_spans_refresh_cohorts(array(select distinct cohort_id from changed));
  return null;
end $$;

create function cohort_spans_after_people_update() returns trigger language plpgsql as $$
begin
  perform cohort_spans_refresh_people(array(
    select n.id from changed n join changed_before o on o.id = n.id
     where n.active is distinct from o.active or n.home_unit_id is distinct from o.home_unit_id));
  return null;
end $$;

create function cohort_spans_after_validity_update() returns trigger language plpgsql as $$
begin
  perform cohort_spans_refresh_cohorts(array(
    select n.id from changed n join changed_before o on o.id = n.id
     where n.validity_months is distinct from o.validity_months));
  return null;
end $$;

create trigger cohort_spans_passes_insert after insert on course_passes
  referencing new table as changed for each statement execute function cohort_spans_after_person_rows();
create trigger cohort_spans_passes_delete after delete on course_passes
  referencing old table as changed for each statement execute function cohort_spans_after_person_rows();
create trigger cohort_spans_status_insert after insert on course_status
  referencing new table as changed for each statement execute function cohort_spans_after_person_rows();
create trigger cohort_spans_status_update after update on course_status
  referencing new table as changed for each statement execute function cohort_spans_after_person_rows();
create trigger cohort_spans_status_delete after delete on course_status
  referencing old table as changed for each statement execute function cohort_spans_after_person_rows();

create trigger cohort_spans_members_insert after insert on cohort_members
  referencing new table as changed for each statement execute function cohort_spans_after_membership_rows();
create trigger cohort_spans_members_update after update on cohort_members
  referencing new table as changed for each statement execute function cohort_spans_after_membership_rows();
create trigger cohort_spans_members_delete after delete on cohort_members
  referencing old table as changed for each statement execute function cohort_spans_after_membership_rows();
create trigger cohort_spans_history_insert after insert on cohort_member_history
  referencing new table as changed for each statement execute function cohort_spans_after_membership_rows();
create trigger cohort_spans_history_update after update on cohort_member_history
  referencing new table as changed for each statement execute function cohort_spans_after_membership_rows();
create trigger cohort_spans_history_delete after delete on cohort_member_history
  referencing old table as changed for each statement execute function cohort_spans_after_membership_rows();

create trigger cohort_spans_courses_insert after insert on cohort_courses
  referencing new table as changed for each statement execute function cohort_spans_after_cohort_rows();
create trigger cohort_spans_courses_delete after delete on cohort_courses
  referencing old table as changed for each statement execute function cohort_spans_after_cohort_rows();
create trigger cohort_spans_validity_update after update on cohorts
  referencing old table as changed_before new table as changed
  for each statement execute function cohort_spans_after_validity_update();
create trigger cohort_spans_people_update after update on people
  referencing old table as changed_before new table as changed
  for each statement execute function cohort_spans_after_people_update();

select cohort_spans_refresh(array_agg(cohort_id), array_agg(person_id))
  from (select cohort_id, person_id from cohort_members
        union
        select cohort_id, person_id from cohort_member_history) m;
