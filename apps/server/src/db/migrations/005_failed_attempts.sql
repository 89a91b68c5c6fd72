-- One table for every failure a limit counts: wrong passwords (keys `login:…`, `addr:…`) and, from
-- now on, join codes that lead nowhere (`join:<person id>`). In the database, so every server
-- instance counts together.
alter table signin_failures rename to failed_attempts;
alter index signin_failures_key_at_idx rename to failed_attempts_key_at_idx;
