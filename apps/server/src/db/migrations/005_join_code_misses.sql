-- Join codes a signed-in person tried that lead nowhere. Counted in the database, like failed
-- sign-ins, so every server instance enforces one limit on guessing codes.
create table join_code_misses (
  person_id uuid not null references people (id) on delete cascade,
  at timestamptz not null default now()
);
create index join_code_misses_person_at_idx on join_code_misses (person_id, at);
