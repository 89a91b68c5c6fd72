import { afterEach, describe, expect, it } from "vitest";
import { createTestStorage, type TestStorage } from "../testing/index.ts";
import { openDatabase } from "./database.ts";
import { listMigrations, migrate } from "./migrate.ts";

describe(`migrations (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let storage: TestStorage;
  afterEach(() => storage.dispose());

  it("apply to an empty database once, then are a no-op", async () => {
    storage = await createTestStorage();
    const db = await openDatabase(storage);
    const all = listMigrations().map((migration) => migration.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["units", "people", "sessions", "cohorts", "statements", "course_status"]),
    );
    await db.close();
  });

  it("roll back a failing migration entirely", async () => {
    storage = await createTestStorage();
    const db = await openDatabase(storage);
    const broken = [
      ...listMigrations(),
      { version: 998, name: "half", sql: "create table half_done (id int);" },
      { version: 999, name: "broken", sql: "select * from no_such_table;" },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_table/);
    const { rows } = await db.query("select 1 from information_schema.tables where table_name = 'half_done'");
    expect(rows).toEqual([]);
    expect(await migrate(db)).toEqual(listMigrations().map((migration) => migration.version));
    await db.close();
  });
});
