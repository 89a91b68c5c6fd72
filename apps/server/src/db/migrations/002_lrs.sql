-- Issue 6: the statements table becomes a full xAPI 1.0.3 statement store, plus LRS credentials,
-- certification attempts, signed certificates, consent and an audit log.

-- Statements about agents who are not people of this instance (other systems' learners, groups) are
-- stored too, so person_id is only set when the actor is one of our people.
alter table statements alter column person_id drop not null;
-- object_id now holds the Activity id only when the object is an Activity (the `activity` filter).
alter table statements alter column object_id drop not null;
-- Millisecond precision: the `stored` we return is then exactly the one we compare `since` against.
alter table statements alter column stored set default date_trunc('milliseconds', clock_timestamp());
-- Insertion order breaks ties between statements stored in the same millisecond, for stable paging.
alter table statements add column seq bigint generated always as identity;
-- Set by the LRS from the credentials that sent the statement.
alter table statements add column authority jsonb;
-- The target of a StatementRef object (voiding, comments): StatementRef filter rules and voiding.
alter table statements add column ref_statement_id uuid;
-- Inverse functional identifiers as 'Agent account <homePage> <name>' (see xapi/index-keys.ts): the
-- actor and object (with group members) for the `agent` filter, and every agent the statement names
-- for `related_agents`. Activity ids likewise for `related_activities`.
alter table statements add column agents text[] not null default '{}';
alter table statements add column related_agents text[] not null default '{}';
alter table statements add column related_activities text[] not null default '{}';

-- Rows from 001 were all written by this product's player: an account agent, an activity object, a
-- parent course in context. Give them the index columns and authority the new code expects.
update statements set
  agents = array['Agent account ' || (statement #>> '{actor,account,homePage}') || ' '
    || (statement #>> '{actor,account,name}')],
  related_agents = array['Agent account ' || (statement #>> '{actor,account,homePage}') || ' '
    || (statement #>> '{actor,account,name}')],
  related_activities = array[object_id] || coalesce(array(
    select a ->> 'id' from jsonb_array_elements(statement #> '{context,contextActivities,parent}') a), '{}'),
  authority = jsonb_build_object('objectType', 'Agent', 'account', statement #> '{actor,account}'),
  stored = date_trunc('milliseconds', stored),
  statement = case when statement ? 'version' then statement else statement || '{"version": "1.0.0"}' end;
alter table statements alter column authority set not null;

drop index statements_stored_idx;
create index statements_stored_idx on statements (stored, seq);
create index statements_ref_idx on statements (ref_statement_id) where ref_statement_id is not null;
create index statements_ref_stored_idx on statements (stored, seq) where ref_statement_id is not null;
create index statements_registration_idx on statements (registration) where registration is not null;
create index statements_related_agents_idx on statements using gin (related_agents);
create index statements_related_activities_idx on statements using gin (related_activities);

-- Projection: expiry of the latest pass (course validity) and certification (certification validity).
alter table course_status add column expires_at timestamptz;
alter table course_status add column certified_at timestamptz;
alter table course_status add column certification_expires_at timestamptz;

-- Credentials for HTTP Basic access to /xapi. The secret is 32 random bytes, so a SHA-256 hash is as
-- strong as a slow KDF here and keeps every Basic request cheap.
create table lrs_credentials (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (key ~ '^[A-Za-z0-9._-]{3,100}$'),
  secret_hash text not null,
  label text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- A certification attempt. `state` is the quiz engine's attempt: the secret form (its seed) and the
-- drawn items with their answer keys. It never leaves the server.
create table certification_attempts (
  id uuid primary key,
  person_id uuid not null references people (id),
  course_id text not null,
  attempt_number integer not null check (attempt_number > 0),
  started_at timestamptz not null,
  deadline timestamptz,
  grace_seconds integer not null check (grace_seconds >= 0),
  status text not null check (status in ('in_progress', 'graded')),
  ended_at timestamptz,
  ended_by text check (ended_by in ('submit', 'timeout')),
  score numeric,
  max_score numeric,
  passed boolean,
  statement_id uuid,
  certificate_id uuid,
  state jsonb not null,
  unique (person_id, course_id, attempt_number)
);
-- At most one open attempt per person and course, whatever number of servers race to start one.
create unique index certification_attempts_open_idx on certification_attempts (person_id, course_id)
  where status = 'in_progress';

-- Ed25519 keys that sign certificates. Public keys stay forever so old certificates still verify;
-- the private key is null for a key supplied through CERT_SIGNING_KEY (it then lives only in the env).
create table signing_keys (
  id text primary key,
  public_key text not null,
  private_key text,
  created_at timestamptz not null default now()
);

create table certificates (
  id uuid primary key,
  person_id uuid not null references people (id),
  course_id text not null,
  attempt_id uuid references certification_attempts (id),
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  key_id text not null references signing_keys (id),
  -- The signed Open Badges 3.0 credential; null once its holder has been erased.
  credential jsonb,
  revoked_at timestamptz,
  revoke_reason text,
  revoked_by uuid
);
create index certificates_person_idx on certificates (person_id, course_id);

-- One row per decision, so the history of consent (and its withdrawal) is kept.
create table consents (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  notice_version text not null,
  accepted boolean not null,
  decided_at timestamptz not null default now()
);
create index consents_person_idx on consents (person_id, decided_at);

-- Who exported or erased what, when. No foreign keys: the log outlives the people it mentions.
create table audit_log (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null default now(),
  actor_id uuid,
  action text not null,
  subject_id uuid,
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at);

alter table people add column erased_at timestamptz;
