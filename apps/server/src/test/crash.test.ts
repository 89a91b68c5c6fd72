import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createPerson, createUnit } from "../people.ts";
import { createTestStorage, type TestStorage } from "../testing/index.ts";
import { basic, statementAbout } from "./lrs-helpers.ts";
import { spawnServer as spawn } from "./server-process.ts";

const SECRET = "crash-test-secret-0123456789";
const BATCH = 500;
const COURSE = "school-violence-prevention";
const spawnServer = (storage: TestStorage) => spawn(storage, { XAPI_BASIC_AUTH: `crash:${SECRET}` });

/** One device's batch: a lesson completion plus 499 progress records, all with one registration. */
function batch(personId: string, lesson: string) {
  const registration = randomUUID();
  const statements = [
    statementAbout(personId, "completed", { courseId: COURSE, lessonId: lesson }, { registration }),
  ];
  for (let i = 1; i < BATCH; i++) {
    statements.push(
      statementAbout(personId, "progressed", { courseId: COURSE, lessonId: lesson }, { registration }),
    );
  }
  return statements;
}

describe(`a server killed mid-batch (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let storage: TestStorage;
  let personId: string;
  beforeAll(async () => {
    storage = await createTestStorage();
    const db = await openDatabase(storage);
    await migrate(db);
    await createUnit(db, { id: "X", parentId: null, name: "Tỉnh X", kind: "province" });
    personId = await createPerson(db, {
      login: "device.owner",
      displayName: "Người học",
      roles: ["teacher"],
      homeUnitId: "X",
    });
    await db.close();
  });
  afterAll(() => storage.dispose());

  it("leaves no partial batch and no half-applied projection, round after round", {
    timeout: 240_000,
  }, async () => {
    const sent: string[] = [];
    let inFlightAtKill = 0;
    for (const [round, delay] of [5, 100, 300].entries()) {
      const server = await spawnServer(storage);
      const exited = new Promise((resolve) => server.process.once("exit", resolve));
      const post = (lesson: string) => {
        sent.push(lesson);
        return fetch(`${server.url}/xapi/statements`, {
          method: "POST",
          headers: { ...basic("crash", SECRET), "content-type": "application/json" },
          body: JSON.stringify(batch(personId, lesson)),
        });
      };
      expect((await post(`r${round}-whole`)).status).toBe(200);
      const pending = post(`r${round}-killed`).then(
        () => "answered",
        () => "cut off",
      );
      if (storage.databaseUrl) {
        // On PostgreSQL, wait until the batch's transaction has written something, then kill.
        const watcher = await openDatabase({
          databaseUrl: process.env.DATABASE_URL as string,
          dataDir: storage.dataDir,
        });
        const name = new URL(storage.databaseUrl).pathname.slice(1);
        for (let i = 0; i < 2000; i++) {
          const { rows } = await watcher.query(
            "select 1 from pg_stat_activity where datname = $1 and backend_xid is not null",
            [name],
          );
          if (rows.length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        await watcher.close();
      } else {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      server.process.kill("SIGKILL");
      await exited;
      if ((await pending) === "cut off") inFlightAtKill++;
    }
    expect(inFlightAtKill).toBeGreaterThan(0);

    // Restarted, the database holds every batch whole or not at all, and projections match it.
    const server = await spawnServer(storage);
    server.process.kill("SIGTERM");
    await new Promise((resolve) => server.process.once("exit", resolve));
    const db = await openDatabase(storage);
    try {
      const { rows } = await db.query<{ registration: string; n: number; lesson: string }>(
        `select registration, count(*)::int as n, min(object_id) as lesson from statements group by registration`,
      );
      for (const row of rows) expect(row.n).toBe(BATCH);
      const stored = rows.map((row) => row.lesson.split("/").at(-1) as string).sort();
      expect(stored).toEqual(expect.arrayContaining(sent.filter((lesson) => lesson.endsWith("-whole"))));
      const status = await db.query<{ lessons_completed: string[] }>(
        "select lessons_completed from course_status where person_id = $1",
        [personId],
      );
      expect([...(status.rows[0]?.lessons_completed ?? [])].sort()).toEqual(stored);
    } finally {
      await db.close();
    }
  });
});
