import type { Queryable } from "../db/database.ts";
import type { StoredRow } from "./format.ts";

/** The filters of GET /statements (xAPI-Communication.md §2.1.3), already validated. */
export interface StatementFilters {
  /** An agent key (index-keys.ts). */
  agent?: string;
  relatedAgents: boolean;
  verb?: string;
  activity?: string;
  relatedActivities: boolean;
  registration?: string;
  /** Exclusive lower bound on `stored`. */
  since?: string;
  /** Inclusive upper bound on `stored`. */
  until?: string;
  ascending: boolean;
}

/** Where the previous page ended: its last statement's stored time and insertion sequence. */
export interface Cursor {
  stored: string;
  seq: string;
}

/** Which statements the caller may read, as SQL over alias `s`; `value` binds its one parameter. */
export interface ReadScope {
  sql: (param: string) => string;
  value: unknown;
}

const COLUMNS = `s.id, s.statement, s.authority, s.seq::text as seq,
  to_char(s.stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stored,
  to_char(s."timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts`;

/** Chains of StatementRefs are followed this deep; ids are chosen by clients, so chains can loop. */
const MAX_REF_DEPTH = 10;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function hasFilters(f: StatementFilters): boolean {
  return (
    f.agent !== undefined || f.verb !== undefined || f.activity !== undefined || f.registration !== undefined
  );
}

/** The non-time filters over alias `t`. */
function filterSql(t: string, f: StatementFilters, p: Params): string[] {
  const out: string[] = [];
  if (f.agent !== undefined) {
    const key = p.add(f.agent);
    // related_agents ⊇ agents and carries the GIN index, so it narrows both forms of the filter.
    out.push(`${t}.related_agents @> array[${key}]::text[]`);
    if (!f.relatedAgents) out.push(`${t}.agents @> array[${key}]::text[]`);
  }
  if (f.verb !== undefined) out.push(`${t}.verb = ${p.add(f.verb)}`);
  if (f.activity !== undefined) {
    const id = p.add(f.activity);
    out.push(`${t}.related_activities @> array[${id}]::text[]`);
    if (!f.relatedActivities) out.push(`${t}.object_id = ${id}`);
  }
  if (f.registration !== undefined) out.push(`${t}.registration = ${p.add(f.registration)}::uuid`);
  return out;
}

function pageSql(f: StatementFilters, scope: ReadScope, cursor: Cursor | undefined, p: Params): string[] {
  const out = ["not s.voided", scope.sql(p.add(scope.value))];
  if (f.since !== undefined) out.push(`s.stored > ${p.add(f.since)}::timestamptz`);
  if (f.until !== undefined) out.push(`s.stored <= ${p.add(f.until)}::timestamptz`);
  if (cursor) {
    const op = f.ascending ? ">" : "<";
    out.push(`(s.stored, s.seq) ${op} (${p.add(cursor.stored)}::timestamptz, ${p.add(cursor.seq)}::bigint)`);
  }
  return out;
}

/**
 * One page of matching statements, plus whether more follow. Statements that target a matching
 * statement through a StatementRef match too (§2.1.3 "Filter Conditions for StatementRefs"); they
 * are few, so they come from a second query over the partial index of referring statements, and the
 * two ordered lists are merged. Voided statements never appear; their voiding statements do.
 */
export async function queryStatements(
  db: Queryable,
  filters: StatementFilters,
  scope: ReadScope,
  limit: number,
  cursor?: Cursor,
): Promise<{ rows: StoredRow[]; more: boolean }> {
  const order = filters.ascending ? "asc" : "desc";
  const direct = new Params();
  const directWhere = [...pageSql(filters, scope, cursor, direct), ...filterSql("s", filters, direct)];
  const lists = [
    db.query<StoredRow>(
      `select ${COLUMNS} from statements s where ${directWhere.join(" and ")}
        order by s.stored ${order}, s.seq ${order} limit ${direct.add(limit + 1)}`,
      direct.values,
    ),
  ];
  if (hasFilters(filters)) {
    const refs = new Params();
    const where = pageSql(filters, scope, cursor, refs);
    const targetFilters = filterSql("t", filters, refs);
    lists.push(
      db.query<StoredRow>(
        `select ${COLUMNS} from statements s
          where s.ref_statement_id is not null and ${where.join(" and ")}
            and exists (
              with recursive chain (id, depth) as (
                select s.ref_statement_id, 1
                union all
                select t.ref_statement_id, chain.depth + 1 from chain join statements t on t.id = chain.id
                 where t.ref_statement_id is not null and chain.depth < ${MAX_REF_DEPTH})
              select 1 from chain join statements t on t.id = chain.id where ${targetFilters.join(" and ")})
          order by s.stored ${order}, s.seq ${order} limit ${refs.add(limit + 1)}`,
        refs.values,
      ),
    );
  }
  const merged = new Map<string, StoredRow>();
  for (const result of await Promise.all(lists)) for (const row of result.rows) merged.set(row.id, row);
  const sign = filters.ascending ? 1 : -1;
  const rows = [...merged.values()].sort(
    (a, b) => sign * (a.stored.localeCompare(b.stored) || compareSeq(a.seq, b.seq)),
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

const compareSeq = (a: string, b: string) => a.length - b.length || a.localeCompare(b);

/** One statement by id: a voided one only through voidedStatementId (§2.1.4). */
export async function findStatement(
  db: Queryable,
  id: string,
  voided: boolean,
  scope: ReadScope,
): Promise<StoredRow | undefined> {
  const { rows } = await db.query<StoredRow>(
    `select ${COLUMNS} from statements s where s.id = $1::uuid and s.voided = $2 and ${scope.sql("$3")}`,
    [id, voided, scope.value],
  );
  return rows[0];
}

/**
 * X-Experience-API-Consistent-Through: every statement stored before this instant is visible. A
 * statement is stored inside its transaction, no earlier than that transaction began, so the oldest
 * transaction still open on this database (from any server process) bounds what may yet appear.
 */
export async function consistentThrough(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ at: string }>(
    `select to_char(date_trunc('milliseconds', least(clock_timestamp(), min(xact_start))) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
       from (select clock_timestamp() as xact_start
             union all
             select xact_start from pg_stat_activity
              where datname = current_database() and backend_type = 'client backend'
                and pid <> pg_backend_pid() and xact_start is not null) open_transactions`,
  );
  return rows[0]?.at ?? new Date().toISOString();
}
