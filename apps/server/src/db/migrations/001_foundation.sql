-- Units form a tree of any depth; `path` ('/QN/QN-HL/QN-HL-TH1/') makes "everything under a unit" one
-- indexed prefix match that works the same on PGlite, PostgreSQL and a Citus cluster.
create table units (
  id text primary key check (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
  parent_id text references units (id),
  name text not null,
  kind text not null check (kind in ('province', 'commune', 'ward', 'special-zone', 'school',
    'health-facility', 'police-unit', 'department', 'other')),
  path text not null unique,
  created_at timestamptz not null default now()
);
create index units_parent_idx on units (parent_id);
create index units_path_idx on units (path text_pattern_ops);

create table people (
  id uuid primary key default gen_random_uuid(),
  login text not null unique check (login = lower(login)),
  display_name text not null,
  password_hash text,
  roles text[] not null check (cardinality(roles) > 0 and roles <@ array['teacher', 'health-worker',
    'investigator', 'parent', 'child-protection-officer', 'trainer', 'admin']),
  home_unit_id text not null references units (id),
  phone text,
  email text,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index people_home_unit_idx on people (home_unit_id);

create table trainer_scopes (
  person_id uuid not null references people (id) on delete cascade,
  unit_id text not null references units (id),
  primary key (person_id, unit_id)
);

-- Only a hash of the session token is stored, so a leaked table cannot be replayed as cookies.
create table sessions (
  token_hash text primary key,
  person_id uuid not null references people (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_person_idx on sessions (person_id);

create table signin_failures (
  key text not null,
  at timestamptz not null default now()
);
create index signin_failures_key_at_idx on signin_failures (key, at);

create table cohorts (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  scope_unit_id text not null references units (id),
  target_share numeric(5, 4) not null default 1 check (target_share > 0 and target_share <= 1),
  start_date date,
  deadline date,
  validity_months integer check (validity_months > 0),
  created_at timestamptz not null default now()
);
create index cohorts_scope_unit_idx on cohorts (scope_unit_id);

create table cohort_courses (
  cohort_id uuid not null references cohorts (id) on delete cascade,
  course_id text not null,
  primary key (cohort_id, course_id)
);

create table cohort_members (
  cohort_id uuid not null references cohorts (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  joined_at timestamptz not null default now(),
  primary key (cohort_id, person_id)
);
create index cohort_members_person_idx on cohort_members (person_id);

-- xAPI statements exactly as received (plus id/timestamp filled in); immutable apart from voiding.
create table statements (
  id uuid primary key,
  person_id uuid not null references people (id),
  verb text not null,
  object_id text not null,
  registration uuid,
  "timestamp" timestamptz not null,
  stored timestamptz not null default clock_timestamp(),
  voided boolean not null default false,
  statement jsonb not null
);
create index statements_person_idx on statements (person_id, "timestamp");
create index statements_stored_idx on statements (stored);

-- Projections, written in the same transaction as the statements they come from.
create table course_status (
  person_id uuid not null references people (id) on delete cascade,
  course_id text not null,
  status text not null check (status in ('in_progress', 'completed', 'passed')),
  started_at timestamptz not null,
  completed_at timestamptz,
  last_passed_at timestamptz,
  best_score numeric,
  lessons_completed text[] not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (person_id, course_id)
);

-- Every pass is kept: "trained on date D" needs the latest pass on or before D, not just the latest.
create table course_passes (
  statement_id uuid primary key references statements (id),
  person_id uuid not null references people (id) on delete cascade,
  course_id text not null,
  passed_at timestamptz not null,
  score numeric
);
create index course_passes_person_course_idx on course_passes (person_id, course_id, passed_at);

create table instance_meta (
  key text primary key,
  value jsonb not null
);
