import { buildStatement, ITEM_RESULTS_EXTENSION, type StatementInput } from "@bvte/learning-records";
import type { PlayerDB } from "./player-db.ts";

/** One item's outcome, as trainers' item analysis reads it from a quiz statement. */
export interface ItemOutcome {
  itemId: string;
  score: number;
  max: number;
  response: unknown;
}

export interface RecordExtras {
  /** Per-item outcomes of a graded quiz, under ITEM_RESULTS_EXTENSION. */
  itemResults?: ItemOutcome[];
  /** ISO 8601 duration of the session a `terminated` statement closes. */
  duration?: string;
}

/**
 * Writes a learning record to the outbox. Call it inside the Dexie transaction that changes the
 * state it records, so the state and its record are saved together or not at all. Every record
 * gets a fresh UUID: resending it is harmless, writing it twice is impossible.
 */
export async function enqueueRecord(
  db: PlayerDB,
  input: Omit<StatementInput, "id">,
  extras: RecordExtras = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const statement = buildStatement({ ...input, id });
  if (extras.duration || extras.itemResults) {
    const result = statement.result ?? {};
    if (extras.duration) result.duration = extras.duration;
    if (extras.itemResults) result.extensions = { [ITEM_RESULTS_EXTENSION]: extras.itemResults };
    statement.result = result;
  }
  await db.outbox.add({ statementId: id, personId: input.personId, statement, createdAt: Date.now() });
  return id;
}

/** ISO 8601 duration in whole seconds ("PT95S"), as xAPI expects in result.duration. */
export function isoDuration(ms: number): string {
  return `PT${Math.max(0, Math.round(ms / 1000))}S`;
}
