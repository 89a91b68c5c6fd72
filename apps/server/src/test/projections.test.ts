import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";
import { basic, statementAbout, voiding } from "./lrs-helpers.ts";

const SECRET = "projection-test-secret-0123";
const SYSTEM = basic("projections", SECRET);
const COURSE = "school-violence-prevention";

describe("course-status projections", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer({ env: { XAPI_BASIC_AUTH: `projections:${SECRET}` } });
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  interface Status {
    status: string;
    started_at: Date;
    completed_at: Date | null;
    last_passed_at: Date;
    best_score: number | null;
    lessons_completed: string[];
    expires_at: Date;
  }
  const statusOf = async (personId: string) =>
    (
      await server.db.query<Status>(
        `select status, started_at, completed_at, last_passed_at, best_score::float8 as best_score,
                lessons_completed, expires_at from course_status where person_id = $1 and course_id = $2`,
        [personId, COURSE],
      )
    ).rows[0] as Status;

  it("come out the same whatever the order and batching of the statements", async () => {
    const at = (day: number) =>
      `2026-0${day < 10 ? 3 : 4}-${String((day % 28) + 1).padStart(2, "0")}T08:00:00.000Z`;
    const history = (personId: string) => [
      statementAbout(personId, "initialized", { courseId: COURSE }, { timestamp: at(1) }),
      statementAbout(personId, "completed", { courseId: COURSE, lessonId: "l01" }, { timestamp: at(2) }),
      statementAbout(personId, "completed", { courseId: COURSE, lessonId: "l02" }, { timestamp: at(3) }),
      statementAbout(
        personId,
        "failed",
        { courseId: COURSE, assessment: "final" },
        { timestamp: at(4), score: 0.5 },
      ),
      statementAbout(
        personId,
        "passed",
        { courseId: COURSE, assessment: "final" },
        { timestamp: at(5), score: 0.85 },
      ),
      statementAbout(personId, "completed", { courseId: COURSE }, { timestamp: at(6) }),
      statementAbout(
        personId,
        "passed",
        { courseId: COURSE, assessment: "final" },
        { timestamp: at(12), score: 0.8 },
      ),
    ];
    const forward = history(ids.learnerA);
    expect((await server.client().post("/xapi/statements", forward, SYSTEM)).status).toBe(200);
    // The other device synced late and out of order, in three batches.
    const backward = history(ids.learnerB).reverse();
    for (const part of [backward.slice(0, 2), backward.slice(2, 3), backward.slice(3)]) {
      expect((await server.client().post("/xapi/statements", part, SYSTEM)).status).toBe(200);
    }
    const a = await statusOf(ids.learnerA);
    const b = await statusOf(ids.learnerB);
    expect({ ...b, lessons_completed: [...b.lessons_completed].sort() }).toEqual(a);
    expect(a).toMatchObject({ status: "passed", best_score: 0.85, lessons_completed: ["l01", "l02"] });
    expect(new Date(a.started_at).toISOString()).toBe(at(1));
    expect(new Date(a.last_passed_at).toISOString()).toBe(at(12));
    expect(new Date(a.expires_at).toISOString()).toBe("2027-04-13T08:00:00.000Z");
  });

  it("are derived again when a pass is voided, keeping the other passes", async () => {
    const { rows } = await server.db.query<{ statement_id: string; passed_at: Date }>(
      "select statement_id, passed_at from course_passes where person_id = $1 order by passed_at desc",
      [ids.learnerA],
    );
    const latest = rows[0]?.statement_id as string;
    expect(
      (
        await server
          .client()
          .post("/xapi/statements", voiding({ mbox: "mailto:registrar@example.org" }, latest), SYSTEM)
      ).status,
    ).toBe(200);
    const after = await statusOf(ids.learnerA);
    expect(new Date(after.last_passed_at).getTime()).toBe(new Date(rows[1]?.passed_at as Date).getTime());
    expect(after).toMatchObject({ status: "passed", best_score: 0.85 });
  });

  it("take their expiry from the course manifest again at start", async () => {
    await server.db.query("update course_status set expires_at = null where person_id = $1", [ids.learnerB]);
    await server.stop({ keepData: true });
    server = await startTestServer({
      storage: server.storage,
      env: { XAPI_BASIC_AUTH: `projections:${SECRET}` },
    });
    expect(new Date((await statusOf(ids.learnerB)).expires_at).toISOString()).toBe(
      "2027-04-13T08:00:00.000Z",
    );
  });
});
