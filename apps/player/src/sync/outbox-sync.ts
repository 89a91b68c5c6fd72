import type { OutboxEntry, PlayerDB } from "../db/player-db.ts";

export type SyncOutcome =
  | { kind: "done"; sent: number }
  | { kind: "unauthenticated"; sent: number }
  | { kind: "failed"; sent: number; error: string };

export const BATCH_SIZE = 25;

/**
 * Sends the learner's outbox in small batches, oldest first, deleting each batch only after the
 * server acknowledged it. An interrupted sync resumes with the first unacknowledged batch, and
 * resending an acknowledged-but-not-yet-deleted batch is harmless because statement ids are idempotent.
 */
export async function syncOutbox(
  db: PlayerDB,
  personId: string,
  send: (statements: OutboxEntry["statement"][]) => Promise<Response>,
  batchSize = BATCH_SIZE,
): Promise<SyncOutcome> {
  let sent = 0;
  for (;;) {
    const batch = await db.outbox.where("personId").equals(personId).limit(batchSize).sortBy("seq");
    if (batch.length === 0) return { kind: "done", sent };
    let response: Response;
    try {
      response = await send(batch.map((entry) => entry.statement));
    } catch (error) {
      return { kind: "failed", sent, error: String(error) };
    }
    if (response.ok) {
      await db.outbox.bulkDelete(batch.map((entry) => entry.seq as number));
      sent += batch.length;
      continue;
    }
    if (response.status === 401) return { kind: "unauthenticated", sent };
    if (response.status === 400 || response.status === 403 || response.status === 409) {
      // One bad record must not hold back the rest: find it by sending the batch one by one.
      const isolated = await isolateRejected(db, batch, send);
      if (isolated.kind !== "done") return { ...isolated, sent: sent + isolated.sent };
      sent += isolated.sent;
      continue;
    }
    return { kind: "failed", sent, error: `HTTP ${response.status}` };
  }
}

async function isolateRejected(
  db: PlayerDB,
  batch: OutboxEntry[],
  send: (statements: OutboxEntry["statement"][]) => Promise<Response>,
): Promise<SyncOutcome> {
  let sent = 0;
  for (const entry of batch) {
    let response: Response;
    try {
      response = await send([entry.statement]);
    } catch (error) {
      return { kind: "failed", sent, error: String(error) };
    }
    if (response.ok) {
      await db.outbox.delete(entry.seq as number);
      sent++;
    } else if (response.status === 401) {
      return { kind: "unauthenticated", sent };
    } else if (response.status >= 500 || response.status === 429) {
      return { kind: "failed", sent, error: `HTTP ${response.status}` };
    } else {
      const reason = await response.text().catch(() => "");
      await db.transaction("rw", db.outbox, db.rejected, async () => {
        await db.rejected.put({ ...entry, status: response.status, reason: reason.slice(0, 500) });
        await db.outbox.delete(entry.seq as number);
      });
    }
  }
  return { kind: "done", sent };
}

/** Exponential backoff with jitter, from 2 s up to 5 minutes. */
export function backoffDelay(failures: number, random = Math.random): number {
  const base = Math.min(300_000, 2_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
