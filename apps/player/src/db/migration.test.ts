import "fake-indexeddb/auto";
import { buildStatement } from "@bvte/learning-records";
import Dexie from "dexie";
import { afterEach, expect, it } from "vitest";
import { PlayerDBv1 } from "./fixtures/player-db.v1.ts";
import { FINAL_QUIZ, PlayerDB } from "./player-db.ts";

const person = "6f1c1c8e-1d7b-4a8e-9a53-2f0b7a7f1a11";
const name = `test-${crypto.randomUUID()}`;
afterEach(() => Dexie.delete(name));

it("keeps everything a version 1 device holds when the app updates to the current schema", async () => {
  const old = new PlayerDBv1(name);
  const statement = buildStatement({
    id: crypto.randomUUID(),
    personId: person,
    verb: "completed",
    activity: { courseId: "parenting-skills", lessonId: "l01-positive-parenting" },
    timestamp: "2026-03-01T08:00:00.000Z",
  });
  await old.table("outbox").add({ statementId: statement.id, personId: person, statement, createdAt: 1 });
  await old.table("lessonProgress").put({
    personId: person,
    courseId: "parenting-skills",
    lessonId: "l01-positive-parenting",
    status: "completed",
    position: 0.4,
    updatedAt: 1,
  });
  await old.table("profile").put({
    key: "current",
    id: person,
    login: "phuhuynh.mai",
    displayName: "Lê Thị Mai",
    roles: ["parent"],
    homeUnitId: "QN-HL",
  });
  expect(old.verno).toBe(1);
  old.close();

  const db = new PlayerDB(name);
  await db.open();
  expect(db.verno).toBe(2);
  expect((await db.outbox.toArray()).map((entry) => entry.statement)).toEqual([statement]);
  expect(await db.lessonProgress.get([person, "parenting-skills", "l01-positive-parenting"])).toMatchObject({
    status: "completed",
    position: 0.4,
  });
  expect(await db.profile.get("current")).toMatchObject({ id: person, displayName: "Lê Thị Mai" });
  // The tables version 2 adds are there and indexed.
  expect(
    await db.attempts.where("[personId+courseId+quizKey]").equals([person, "x", FINAL_QUIZ]).count(),
  ).toBe(0);
  expect(await db.certificationAttempts.where("status").equals("submitting").count()).toBe(0);
  db.close();
});
