import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Database, Queryable } from "../db/database.ts";
import { applyToProjections } from "./projections.ts";
import type { IncomingStatement } from "./statement-schema.ts";

export class StatementConflictError extends Error {
  constructor(readonly statementId: string) {
    super(`Statement ${statementId} already exists with different content`);
  }
}

export interface StoredStatement {
  id: string;
  personId: string;
  statement: IncomingStatement & { id: string; timestamp: string };
}

/**
 * Stores a batch whole or not at all. A statement id seen before with the same content is accepted
 * again without effect, so a device may resend a batch as often as it likes; the same id with other
 * content rejects the whole batch.
 */
export async function ingestStatements(
  db: Database,
  personId: string,
  statements: IncomingStatement[],
): Promise<string[]> {
  const prepared = statements.map((statement) => ({
    ...statement,
    id: statement.id ?? randomUUID(),
    timestamp: statement.timestamp ?? new Date().toISOString(),
  }));
  await db.transaction(async (tx) => {
    for (const statement of prepared) {
      const inserted = await insertStatement(tx, personId, statement);
      if (inserted) await applyToProjections(tx, personId, statement);
    }
  });
  return prepared.map((statement) => statement.id);
}

async function insertStatement(
  tx: Queryable,
  personId: string,
  statement: StoredStatement["statement"],
): Promise<boolean> {
  const { rows } = await tx.query(
    `insert into statements (id, person_id, verb, object_id, registration, "timestamp", statement)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning id`,
    [
      statement.id,
      personId,
      statement.verb.id,
      statement.object.id,
      (statement.context?.registration as string | undefined) ?? null,
      statement.timestamp,
      JSON.stringify(statement),
    ],
  );
  if (rows.length > 0) return true;
  const existing = await tx.query<{ statement: unknown }>("select statement from statements where id = $1", [
    statement.id,
  ]);
  if (!isDeepStrictEqual(existing.rows[0]?.statement, JSON.parse(JSON.stringify(statement)))) {
    throw new StatementConflictError(statement.id);
  }
  return false;
}
