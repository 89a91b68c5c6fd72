import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlayerDB } from "../db/player-db.ts";
import { completeLesson, openLesson } from "../db/progress.ts";
import { backoffDelay, syncOutbox } from "./outbox-sync.ts";

const person = "6f1c1c8e-1d7b-4a8e-9a53-2f0b7a7f1a11";
let db: PlayerDB;

beforeEach(async () => {
  db = new PlayerDB(`test-${crypto.randomUUID()}`);
  for (let i = 1; i <= 30; i++) await openLesson(person, "parenting-skills", `l${i}`, db);
});
afterEach(() => db.delete());

const ok = () => new Response("[]", { status: 200 });

describe("syncOutbox", () => {
  it("sends everything in order in small batches and empties the outbox", async () => {
    const batches: string[][] = [];
    const outcome = await syncOutbox(
      db,
      person,
      async (statements) => {
        batches.push(statements.map((statement) => statement.object.id.split("/").pop() as string));
        return ok();
      },
      10,
    );
    expect(outcome).toEqual({ kind: "done", sent: 30 });
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 10]);
    expect(batches.flat()).toEqual(Array.from({ length: 30 }, (_, i) => `l${i + 1}`));
    expect(await db.outbox.count()).toBe(0);
  });

  it("keeps unacknowledged records when the connection drops, and resumes from them", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 2) throw new TypeError("Failed to fetch");
      return ok();
    };
    expect(await syncOutbox(db, person, flaky, 10)).toMatchObject({ kind: "failed", sent: 10 });
    expect(await db.outbox.count()).toBe(20);
    const resent: string[] = [];
    await syncOutbox(
      db,
      person,
      async (statements) => {
        resent.push(...statements.map((statement) => statement.object.id.split("/").pop() as string));
        return ok();
      },
      10,
    );
    expect(resent[0]).toBe("l11");
    expect(await db.outbox.count()).toBe(0);
  });

  it("keeps records waiting when the session has expired", async () => {
    const outcome = await syncOutbox(db, person, async () => new Response("", { status: 401 }));
    expect(outcome.kind).toBe("unauthenticated");
    expect(await db.outbox.count()).toBe(30);
  });

  it("sets aside a record the server refuses, and delivers the rest", async () => {
    await completeLesson(person, { id: "parenting-skills", lessonIds: ["l1", "l2"] }, "l1", db);
    const refused = (await db.outbox.toArray()).at(-1)?.statementId;
    const outcome = await syncOutbox(db, person, async (statements) =>
      statements.some((statement) => statement.id === refused)
        ? new Response("conflict", { status: 409 })
        : ok(),
    );
    expect(outcome).toEqual({ kind: "done", sent: 30 });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.rejected.toArray()).map((entry) => entry.statementId)).toEqual([refused]);
  });

  it("only sends the signed-in learner's records", async () => {
    await openLesson("someone-else", "parenting-skills", "l1", db);
    await syncOutbox(db, person, async () => ok());
    expect((await db.outbox.toArray()).map((entry) => entry.personId)).toEqual(["someone-else"]);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially and stops at five minutes", () => {
    const noJitter = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, noJitter))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelay(20, noJitter)).toBe(300_000);
  });
});
