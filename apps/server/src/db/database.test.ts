import { describe, expect, it } from "vitest";
import { createTestStorage } from "../testing/index.ts";
import { isDatabaseUnavailable, openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows an outage: refused, ended or shutting-down connections, also when wrapped", () => {
    expect(isDatabaseUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(
      isDatabaseUnavailable(withCode("terminating connection due to administrator command", "57P01")),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode("the database system is starting up", "57P03"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("connection failure", "08006"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("ingest failed", { cause: withCode("refused", "ECONNREFUSED") })),
    ).toBe(true);
  });

  it("leaves real faults alone: a broken constraint or a bug is not a reason to retry", () => {
    expect(isDatabaseUnavailable(withCode("duplicate key value violates unique constraint", "23505"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(withCode('relation "missing" does not exist', "42P01"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable("Connection terminated")).toBe(false);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a statement timeout on PostgreSQL", () => {
  it("cancels a runaway query, yet lets migrations run as long as they need", async () => {
    const storage = await createTestStorage();
    const db = await openDatabase({ ...storage, statementTimeoutMs: 200 });
    try {
      await expect(db.query("select pg_sleep(2)")).rejects.toMatchObject({ code: "57014" });
      // The connection is still usable after the cancel.
      expect((await db.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
      const applied = await migrate(db, [{ version: 1, name: "slow", sql: "select pg_sleep(0.5)" }]);
      expect(applied).toEqual([1]);
    } finally {
      await db.close();
      await storage.dispose();
    }
  });
});
