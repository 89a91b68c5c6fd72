import { randomUUID } from "node:crypto";
import { AGENT_HOME_PAGE } from "@bvte/learning-records";
import type { Database, Queryable } from "../db/database.ts";
import { sameStatement } from "./compare.ts";
import { indexStatement } from "./index-keys.ts";
import {
  applyToProjections,
  type ProjectedStatement,
  rebuildProjections,
  type ValidityRules,
} from "./projections.ts";
import { type Agent, isUuid, type JsonObject, type Statement, VOIDED_VERB } from "./validate.ts";

/** A batch (or part of one) the LRS refuses; nothing of the batch is stored. */
export class IngestRejection extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IngestOptions {
  /** Who asserts the statements (xAPI authority); set on every statement, whatever the client sent. */
  authority: Agent;
  /**
   * When a learner writes through their session: they may void only their own statements, and only
   * ones already stored (a device always sends the statement before voiding it).
   */
  writer?: { personId: string };
  /** Prefix of error paths: the statement's index in a batch, or nothing for a single statement. */
  paths?: "indexed" | "single";
}

interface Prepared {
  index: number;
  id: string;
  statement: Statement & { id: string };
  personId: string | null;
}

/** Stores a batch whole or not at all; see ingestInTransaction. */
export function ingestStatements(
  db: Database,
  rules: ValidityRules,
  statements: Statement[],
  options: IngestOptions,
): Promise<string[]> {
  return db.transaction((tx) => ingestInTransaction(tx, rules, statements, options));
}

/**
 * Stores validated statements and updates the projections, inside the caller's transaction. A
 * statement id seen before with the same content is accepted again without effect, so a device may
 * resend a batch as often as it likes; the same id with other content rejects the whole batch.
 * Concurrent writers of one id are serialised by the primary key: the loser sees the winner's row.
 */
export async function ingestInTransaction(
  tx: Queryable,
  rules: ValidityRules,
  statements: Statement[],
  options: IngestOptions,
): Promise<string[]> {
  const where = (index: number, path: string) => (options.paths === "single" ? path : `${index}.${path}`);
  const seen = new Map<string, number>();
  const prepared: Prepared[] = statements.map((input, index) => {
    // stored and authority belong to the LRS (xAPI-Data.md §2.4.8, §2.4.9); they are added on output.
    const { stored: _stored, authority: _authority, ...rest } = input;
    const id = input.id?.toLowerCase() ?? randomUUID();
    const first = seen.get(id);
    if (first !== undefined) {
      throw new IngestRejection(
        400,
        "duplicate_id",
        `${where(index, "id")}: repeats the id of statement ${first}`,
      );
    }
    seen.set(id, index);
    return { index, id, statement: { ...rest, id, version: input.version ?? "1.0.0" }, personId: null };
  });

  await resolvePeople(tx, prepared);
  const voidings = prepared.filter((p) => p.statement.verb.id === VOIDED_VERB);
  const targetIds = voidings.map((p) => (p.statement.object as { id: string }).id.toLowerCase());
  const earlierTargets = await findStatements(tx, targetIds);
  await lockPeople(tx, [
    ...prepared.map((p) => p.personId),
    ...[...earlierTargets.values()].map((t) => t.person_id),
  ]);

  const inserted = await insertNew(tx, prepared, options.authority);
  await checkResent(
    tx,
    prepared.filter((p) => !inserted.has(p.id)),
    where,
  );

  const rebuild = new Set<string>();
  const insertedVoidings = voidings.filter((p) => inserted.has(p.id));
  if (insertedVoidings.length > 0) {
    for (const personId of await applyVoidings(tx, insertedVoidings, options, where)) rebuild.add(personId);
  }
  const voidedOnArrival = await voidLateTargets(tx, [...inserted.keys()]);

  const byPerson = new Map<string, ProjectedStatement[]>();
  for (const p of prepared) {
    const row = inserted.get(p.id);
    if (!row || !p.personId || rebuild.has(p.personId) || voidedOnArrival.has(p.id)) continue;
    if (p.statement.verb.id === VOIDED_VERB) continue;
    const object = p.statement.object;
    const projected = byPerson.get(p.personId) ?? [];
    byPerson.set(p.personId, projected);
    projected.push({
      id: p.id,
      verbId: p.statement.verb.id,
      activityId: (object.objectType ?? "Activity") === "Activity" ? (object as { id: string }).id : null,
      timestamp: row.timestamp,
      scaledScore: p.statement.result?.score?.scaled ?? null,
    });
  }
  for (const [personId, projected] of byPerson) await applyToProjections(tx, rules, personId, projected);
  for (const personId of rebuild) await rebuildProjections(tx, rules, personId);
  return prepared.map((p) => p.id);
}

/** The person a statement is about, when its actor is one of this instance's people (by account). */
async function resolvePeople(tx: Queryable, prepared: Prepared[]): Promise<void> {
  const candidates = new Set<string>();
  for (const p of prepared) {
    const account = p.statement.actor.objectType === "Group" ? undefined : p.statement.actor.account;
    if (account?.homePage === AGENT_HOME_PAGE && isUuid(account.name))
      candidates.add(account.name.toLowerCase());
  }
  if (candidates.size === 0) return;
  const { rows } = await tx.query<{ id: string }>("select id from people where id = any($1::uuid[])", [
    [...candidates],
  ]);
  const known = new Set(rows.map((row) => row.id));
  for (const p of prepared) {
    const name =
      p.statement.actor.objectType === "Group" ? undefined : p.statement.actor.account?.name?.toLowerCase();
    if (name && known.has(name) && p.statement.actor.account?.homePage === AGENT_HOME_PAGE) p.personId = name;
  }
}

interface TargetRow {
  id: string;
  verb: string;
  person_id: string | null;
  authority: Agent;
}

async function findStatements(tx: Queryable, ids: string[]): Promise<Map<string, TargetRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<TargetRow>(
    "select id, verb, person_id, authority from statements where id = any($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * One writer per person at a time: a voiding re-derives a person's projections from scratch, which
 * must not interleave with another transaction folding new statements into the same rows. Locks are
 * taken in one sorted order, so two batches naming the same people cannot deadlock.
 */
async function lockPeople(tx: Queryable, personIds: (string | null)[]): Promise<void> {
  const ids = [...new Set(personIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  await tx.query(
    `select pg_advisory_xact_lock(k) from (
       select distinct hashtextextended(p, 827) as k from unnest($1::text[]) p order by k) keys`,
    [ids],
  );
}

async function insertNew(
  tx: Queryable,
  prepared: Prepared[],
  authority: Agent,
): Promise<Map<string, { timestamp: string }>> {
  const rows = prepared.map((p) => {
    const index = indexStatement(p.statement, authority);
    return {
      ord: p.index,
      id: p.id,
      person_id: p.personId,
      verb: p.statement.verb.id,
      object_id: index.activityId,
      ref_statement_id: index.refStatementId,
      registration: p.statement.context?.registration ?? null,
      ts: p.statement.timestamp ?? null,
      agents: index.agents,
      related_agents: index.relatedAgents,
      related_activities: index.relatedActivities,
      statement: p.statement,
    };
  });
  // One multi-row insert per batch; `stored` is one instant for the whole batch, and `seq` keeps the
  // batch's order among statements stored in the same millisecond.
  const { rows: stored } = await tx.query<{ id: string; ts: string }>(
    `insert into statements (id, person_id, verb, object_id, ref_statement_id, registration, "timestamp",
                             stored, authority, agents, related_agents, related_activities, statement)
     select x.id, x.person_id, x.verb, x.object_id, x.ref_statement_id, x.registration, coalesce(x.ts, now.at),
            now.at, $2::jsonb, x.agents, x.related_agents, x.related_activities, x.statement
       from jsonb_to_recordset($1::jsonb) as x(ord int, id uuid, person_id uuid, verb text, object_id text,
              ref_statement_id uuid, registration uuid, ts timestamptz, agents text[], related_agents text[],
              related_activities text[], statement jsonb)
      cross join (select date_trunc('milliseconds', clock_timestamp()) as at) now
      order by x.ord
     on conflict (id) do nothing
     returning id, to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts`,
    [JSON.stringify(rows), JSON.stringify(authority)],
  );
  return new Map(stored.map((row) => [row.id, { timestamp: row.ts }]));
}

/** A resent statement must say the same as the stored one (xAPI-Data.md §2.3.1), or the batch fails. */
async function checkResent(
  tx: Queryable,
  resent: Prepared[],
  where: (index: number, path: string) => string,
): Promise<void> {
  if (resent.length === 0) return;
  const { rows } = await tx.query<{ id: string; statement: JsonObject }>(
    "select id, statement from statements where id = any($1::uuid[])",
    [resent.map((p) => p.id)],
  );
  const existing = new Map(rows.map((row) => [row.id, row.statement]));
  for (const p of resent) {
    const stored = existing.get(p.id);
    if (!stored || !sameStatement(stored, p.statement as unknown as JsonObject)) {
      throw new IngestRejection(
        409,
        "conflict",
        `${where(p.index, "id")}: statement ${p.id} already exists with different content`,
      );
    }
  }
}

/** Marks the targets of new voiding statements voided; returns the people whose projections change. */
async function applyVoidings(
  tx: Queryable,
  voidings: Prepared[],
  options: IngestOptions,
  where: (index: number, path: string) => string,
): Promise<string[]> {
  const targetOf = (p: Prepared) => (p.statement.object as { id: string }).id.toLowerCase();
  const targets = await findStatements(tx, voidings.map(targetOf));
  for (const p of voidings) {
    const target = targets.get(targetOf(p));
    if (target?.verb === VOIDED_VERB) {
      throw new IngestRejection(
        400,
        "invalid_statement",
        `${where(p.index, "object.id")}: a voiding statement cannot be voided`,
      );
    }
    // A learner takes back only what they recorded themself: never, say, an exam result the server recorded.
    const writer = options.writer?.personId;
    const recordedBy = target?.authority.account;
    if (
      writer &&
      (target?.person_id !== writer || recordedBy?.homePage !== AGENT_HOME_PAGE || recordedBy.name !== writer)
    ) {
      throw new IngestRejection(
        403,
        "forbidden_void",
        `${where(p.index, "object.id")}: you may only void statements you recorded about yourself`,
      );
    }
  }
  const ids = voidings.map(targetOf).filter((id) => targets.has(id));
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ person_id: string | null }>(
    `update statements set voided = true where id = any($1::uuid[]) and verb <> $2 and not voided returning person_id`,
    [ids, VOIDED_VERB],
  );
  // A voided certification pass no longer backs its certificate.
  await tx.query(
    `update certificates c set revoked_at = now(), revoke_reason = 'statement voided'
       from certification_attempts a
      where a.certificate_id = c.id and a.statement_id = any($1::uuid[]) and c.revoked_at is null`,
    [ids],
  );
  return [...new Set(rows.map((row) => row.person_id).filter((id): id is string => id !== null))];
}

/** A statement whose voiding statement arrived first (from another device) is voided as it is stored. */
async function voidLateTargets(tx: Queryable, insertedIds: string[]): Promise<Set<string>> {
  if (insertedIds.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>(
    `update statements s set voided = true
      where s.id = any($1::uuid[]) and s.verb <> $2
        and exists (select 1 from statements v where v.ref_statement_id = s.id and v.verb = $2)
      returning s.id`,
    [insertedIds, VOIDED_VERB],
  );
  return new Set(rows.map((row) => row.id));
}
