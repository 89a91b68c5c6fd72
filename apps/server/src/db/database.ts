import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** One PostgreSQL dialect over two engines: embedded PGlite (a folder on disk) or a server via `pg`. */
export interface Database extends Queryable {
  readonly engine: "pglite" | "postgresql";
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL: cancel any statement running longer (0 or absent: never); migrations lift it. */
  statementTimeoutMs?: number;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.statementTimeoutMs ?? 0)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(`${dataDir}/pgdata`);
  // Month arithmetic on timestamptz follows the session time zone; pin it so both engines agree.
  await db.exec("set time zone 'UTC'");
  return {
    engine: "pglite",
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await db.query<Row>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return db.transaction((tx) =>
        work({
          async query<Row>(sql: string, params?: unknown[]) {
            const result = await tx.query<Row>(sql, params);
            return { rows: result.rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    close: () => db.close(),
  };
}

async function openPostgres(connectionString: string, statementTimeoutMs: number): Promise<Database> {
  // JIT compilation pays off for long analytic queries, not for the console's sub-second ones:
  // on the national data it added ~350 ms of compiling to a 0.7 s member list.
  // A statement timeout keeps one runaway query from holding a connection and the CPU for minutes.
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    options: `-c timezone=UTC -c jit=off -c statement_timeout=${statementTimeoutMs}`,
  });
  // An idle client dies when the server restarts; the pool replaces it on the next checkout, so the
  // error needs no handling beyond not crashing the process.
  pool.on("error", () => undefined);
  await pool.query("select 1");
  const query = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) => {
    const result = await client.query(sql, params);
    return { rows: result.rows as Row[] };
  };
  return {
    engine: "postgresql",
    query: (sql, params) => query(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      // The pool listens for errors only on idle clients. A checked-out one whose connection the
      // server ends (a restart, a failover) emits 'error', which with no listener kills the process;
      // the transaction's next query fails anyway, so the request gets an error answer instead.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on("error", onError);
      try {
        await client.query("begin");
        const result = await work({
          query: (sql, params) => query(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => {
          broken ??= rollbackError;
        });
        throw error;
      } finally {
        client.off("error", onError);
        // A client with a broken connection is discarded rather than handed to the next request.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

// SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down, crashed, or
// still starting); network errors of the socket itself; and the `pg` driver's own messages for a
// connection the server ended.
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
];

/**
 * Whether an error means the database could not be reached (restarting, crashed, failing over)
 * rather than that the request was wrong: the client should come back later, as from a 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("08") || UNAVAILABLE_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.some((message) => cause instanceof Error && cause.message.includes(message)))
      return true;
    if (cause instanceof AggregateError && cause.errors.some(isDatabaseUnavailable)) return true;
    cause = cause.cause;
  }
  return false;
}
