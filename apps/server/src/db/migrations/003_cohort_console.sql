-- Trainer console (issue 7): membership history for as-of figures, join codes, and an index for
-- item analysis.

-- `cohort_members` holds who is a member now. When someone is removed, the span they were a member is
-- kept here, so a report "as it stood on 20/05" still counts them if they were a member that day.
create table cohort_member_history (
  cohort_id uuid not null references cohorts (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  joined_at timestamptz not null,
  left_at timestamptz not null,
  check (left_at >= joined_at)
);
create index cohort_member_history_cohort_idx on cohort_member_history (cohort_id, joined_at);

-- Self-enrolment: a learner who signs in and enters the code (or opens /join/<code>) joins the cohort.
-- Codes are stored normalised (upper case, no separators) so typing "k7qm-x4pr" still matches.
create table cohort_join_codes (
  id uuid primary key default gen_random_uuid(),
  cohort_id uuid not null references cohorts (id) on delete cascade,
  code text not null unique check (code ~ '^[A-Z0-9]{8,16}$'),
  created_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  max_uses integer check (max_uses > 0),
  uses integer not null default 0 check (uses >= 0),
  revoked_at timestamptz
);
create index cohort_join_codes_cohort_idx on cohort_join_codes (cohort_id);

-- Item analysis reads every quiz result statement of a course's quizzes; without this it scans all
-- statements.
create index statements_quiz_results_idx on statements (object_id)
  where verb in ('http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed')
    and not voided;
