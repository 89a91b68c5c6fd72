import "fake-indexeddb/auto";
import { verbName } from "@bvte/learning-records";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlayerDB } from "./player-db.ts";
import { completeLesson, courseState, nextLesson, openLesson } from "./progress.ts";

const person = "6f1c1c8e-1d7b-4a8e-9a53-2f0b7a7f1a11";
const course = { id: "parenting-skills", lessonIds: ["l1", "l2", "l3"] };
let db: PlayerDB;

beforeEach(() => {
  db = new PlayerDB(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const written = async () =>
  (await db.outbox.orderBy("seq").toArray()).map(
    (entry) =>
      `${verbName(entry.statement.verb.id)} ${entry.statement.object.id.replace(/^.*\/courses\//, "")}`,
  );

describe("lesson progress", () => {
  it("records a lesson as initialized once, however often it is opened", async () => {
    await openLesson(person, course.id, "l1", db);
    await openLesson(person, course.id, "l1", db);
    expect(await written()).toEqual(["initialized parenting-skills/lessons/l1"]);
  });

  it("records the course as completed, once, when its last lesson is finished", async () => {
    for (const lesson of ["l1", "l2"]) await completeLesson(person, course, lesson, db);
    expect(await written()).toEqual([
      "completed parenting-skills/lessons/l1",
      "completed parenting-skills/lessons/l2",
    ]);
    await completeLesson(person, course, "l3", db);
    await completeLesson(person, course, "l3", db);
    expect((await written()).slice(2)).toEqual([
      "completed parenting-skills/lessons/l3",
      "completed parenting-skills",
    ]);
  });

  it("does not record the course again when the server already has it as completed", async () => {
    await db.serverStatus.put({
      personId: person,
      courseId: course.id,
      status: "completed",
      lastPassedAt: null,
      bestScore: null,
    });
    for (const lesson of course.lessonIds) await completeLesson(person, course, lesson, db);
    expect(await written()).not.toContain("completed parenting-skills");
  });
});

describe("courseState", () => {
  const row = (lessonId: string, status: "started" | "completed") => ({
    personId: person,
    courseId: course.id,
    lessonId,
    status,
    position: 0,
    updatedAt: 0,
  });
  it("goes from not started to in progress to completed to passed", () => {
    expect(courseState(course.lessonIds, [])).toBe("not-started");
    expect(courseState(course.lessonIds, [row("l1", "started")])).toBe("in-progress");
    const all = course.lessonIds.map((id) => row(id, "completed"));
    expect(courseState(course.lessonIds, all)).toBe("completed");
    expect(courseState(course.lessonIds, all, undefined, true)).toBe("passed");
    expect(courseState(course.lessonIds, [], { status: "passed" })).toBe("passed");
  });
});

describe("nextLesson", () => {
  it("continues the lesson being read, else the next unfinished one", () => {
    const at = (lessonId: string, status: "started" | "completed", updatedAt: number) => ({
      personId: person,
      courseId: course.id,
      lessonId,
      status,
      position: 0,
      updatedAt,
    });
    expect(nextLesson(course.lessonIds, [])).toBe("l1");
    expect(nextLesson(course.lessonIds, [at("l2", "started", 5), at("l1", "completed", 4)])).toBe("l2");
    expect(nextLesson(course.lessonIds, [at("l2", "completed", 5), at("l1", "started", 4)])).toBe("l3");
    expect(nextLesson(course.lessonIds, [at("l3", "completed", 5), at("l1", "started", 4)])).toBe("l1");
    expect(
      nextLesson(
        course.lessonIds,
        course.lessonIds.map((id, i) => at(id, "completed", i)),
      ),
    ).toBeUndefined();
  });
});
