import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";
import { record, signedIn, type TestServer } from "./console-helpers.ts";

const valid = {
  name: "Giáo viên Phường Một 2026",
  scopeUnitId: "A-1",
  requiredCourses: ["school-violence-prevention"],
  targetShare: 0.85,
  startDate: "2026-01-15",
  deadline: "2026-12-15",
  validityMonths: 12,
};

describe("creating and editing cohorts and their members", () => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  const cohortCount = async () =>
    (await server.db.query<{ n: number }>("select count(*)::int as n from cohorts")).rows[0]?.n;

  it("creates a cohort with every setting, defaulting the target to 100%", async () => {
    const trainer = await signedIn(server, "trainer.a1");
    const created = await trainer.post("/api/cohorts", valid);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: valid.name,
      scopeUnit: { id: "A-1", name: "Phường Một" },
      targetShare: 0.85,
      startDate: "2026-01-15",
      deadline: "2026-12-15",
      validityMonths: 12,
      requiredCourses: ["school-violence-prevention"],
    });
    const plain = await trainer.post("/api/cohorts", {
      name: "Không hạn",
      scopeUnitId: "A-1-S",
      requiredCourses: ["parenting-skills", "school-violence-prevention"],
    });
    expect(plain.json).toMatchObject({
      targetShare: 1,
      startDate: null,
      deadline: null,
      validityMonths: null,
    });
    const list = (await trainer.get("/api/cohorts")).json.cohorts.map(
      (cohort: { name: string }) => cohort.name,
    );
    expect(list).toEqual(expect.arrayContaining([valid.name, "Không hạn"]));
  });

  it("refuses bad settings, naming the field, and creates nothing", async () => {
    const trainer = await signedIn(server, "trainer.a1");
    const before = await cohortCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ targetShare: 1.2 }, /^targetShare: /],
      [{ targetShare: 0 }, /^targetShare: /],
      [{ targetShare: 0.12345 }, /^targetShare: use at most 4 decimals/],
      [
        { requiredCourses: ["school-violence-prevention", "no-such-course"] },
        /^requiredCourses\.1: no course/,
      ],
      [{ requiredCourses: [] }, /^requiredCourses: /],
      [{ deadline: "2025-12-31" }, /^deadline: must not be before the start date/],
      [{ validityMonths: 0 }, /^validityMonths: /],
      [{ name: "  " }, /^name: /],
      [{ startDate: "15/01/2026" }, /^startDate: /],
      // A trainer of Phường Một cannot make a cohort for the whole province, or for another one.
      [{ scopeUnitId: "A" }, /^scopeUnitId: no unit "A" within your units/],
      [{ scopeUnitId: "B" }, /^scopeUnitId: /],
      [{ surprise: true }, /surprise/],
    ];
    for (const [change, message] of cases) {
      const answer = await trainer.post("/api/cohorts", { ...valid, ...change });
      expect(answer.status, JSON.stringify(change)).toBe(400);
      expect(answer.json.message).toMatch(message);
    }
    expect(await cohortCount()).toBe(before);
  });

  it("edits settings, and only within the trainer's units", async () => {
    const trainerA = await signedIn(server, "trainer.a");
    const patched = await trainerA.request("PATCH", `/api/cohorts/${ids.cohorts.a}`, {
      targetShare: 0.8,
      validityMonths: null,
      requiredCourses: ["parenting-skills", "school-violence-prevention"],
      deadline: "2026-11-30",
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      targetShare: 0.8,
      validityMonths: null,
      requiredCourses: ["parenting-skills", "school-violence-prevention"],
      deadline: "2026-11-30",
    });
    expect((await trainerA.get(`/api/cohorts/${ids.cohorts.a}`)).json.figures.targetShare).toBe(0.8);

    const trainerB = await signedIn(server, "trainer.b");
    const foreign = await trainerB.request("PATCH", `/api/cohorts/${ids.cohorts.a}`, { name: "Đổi tên" });
    expect(foreign.status).toBe(404);
    expect((await trainerA.get(`/api/cohorts/${ids.cohorts.a}`)).json.name).toBe("Giáo viên A");
    const outside = await trainerA.request("PATCH", `/api/cohorts/${ids.cohorts.a}`, { scopeUnitId: "B" });
    expect(outside.status).toBe(400);
    // An admin may move it, but not while members live outside the new unit.
    const admin = await signedIn(server, "admin");
    const stranded = await admin.request("PATCH", `/api/cohorts/${ids.cohorts.a}`, { scopeUnitId: "B" });
    expect(stranded.status).toBe(409);
    expect(stranded.json.message).toMatch(/1 member/);
    const empty = await admin.request("PATCH", `/api/cohorts/${ids.cohorts.a}`, {});
    expect(empty.status).toBe(400);
  });

  it("adds and removes members of the cohort's units only", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const created = await trainer.post("/api/cohorts", { ...valid, name: "Thành viên", scopeUnitId: "A" });
    const cohortId = created.json.id;
    const members = async () => (await trainer.get(`/api/cohorts/${cohortId}/members`)).json;

    const foreign = await trainer.post(`/api/cohorts/${cohortId}/members`, {
      personIds: [ids.learnerA, ids.learnerB],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.message).toMatch(/^personIds\.1: /);
    expect((await members()).total).toBe(0);

    const candidates = (await trainer.get(`/api/cohorts/${cohortId}/candidates?q=learner`)).json.people;
    expect(candidates.map((person: { login: string }) => person.login)).toEqual(["learner.a"]);

    expect(
      (await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: [ids.learnerA] })).json,
    ).toEqual({
      added: 1,
    });
    expect(
      (await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: [ids.learnerA] })).json,
    ).toEqual({
      added: 0,
    });
    const listed = await members();
    expect(listed.total).toBe(1);
    expect(listed.members[0]).toMatchObject({
      login: "learner.a",
      unit: { id: "A-1-S" },
      trained: false,
      hasPassword: true,
      lacking: ["school-violence-prevention"],
    });
    expect((await trainer.get(`/api/cohorts/${cohortId}/candidates?q=learner`)).json.people).toEqual([]);

    const removed = await trainer.request("DELETE", `/api/cohorts/${cohortId}/members/${ids.learnerA}`);
    expect(removed.status).toBe(204);
    expect((await members()).total).toBe(0);
    const again = await trainer.request("DELETE", `/api/cohorts/${cohortId}/members/${ids.learnerA}`);
    expect(again.status).toBe(404);
    const { rows } = await server.db.query("select 1 from cohort_member_history where cohort_id = $1", [
      cohortId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("deletes a cohort with its members and codes, keeps what its members learned, and logs it", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const cohortId = (await trainer.post("/api/cohorts", { ...valid, name: "Tạo nhầm", scopeUnitId: "A" }))
      .json.id;
    await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: [ids.learnerA] });
    await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01" });
    await record(server, "learner.a", ids.learnerA, [
      {
        verb: "passed",
        activity: { courseId: "school-violence-prevention", assessment: "final" },
        score: { scaled: 0.9 },
        timestamp: new Date().toISOString(),
      },
    ]);
    const learned = async () =>
      (
        await server.db.query<{ n: number }>(
          `select (select count(*) from statements where person_id = $1)
                + (select count(*) from course_passes where person_id = $1) as n`,
          [ids.learnerA],
        )
      ).rows[0]?.n;
    const before = await learned();
    const left = async (table: string) =>
      (await server.db.query(`select 1 from ${table} where cohort_id = $1`, [cohortId])).rows.length;

    expect((await trainer.request("DELETE", `/api/cohorts/${cohortId}`)).status).toBe(204);
    expect((await trainer.get(`/api/cohorts/${cohortId}`)).status).toBe(404);
    expect((await trainer.request("DELETE", `/api/cohorts/${cohortId}`)).status).toBe(404);
    const listed = (await trainer.get("/api/cohorts")).json.cohorts.map(
      (cohort: { id: string }) => cohort.id,
    );
    expect(listed).not.toContain(cohortId);
    for (const table of ["cohort_members", "cohort_member_history", "cohort_join_codes", "cohort_spans"]) {
      expect(await left(table), table).toBe(0);
    }
    expect(await learned()).toBe(before);
    expect(Number(before)).toBeGreaterThan(0);

    const { rows } = await server.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      "select actor_id, details from audit_log where action = 'cohort.delete'",
    );
    expect(rows).toEqual([
      {
        actor_id: ids.trainerA,
        details: expect.objectContaining({ cohortId, name: "Tạo nhầm", scopeUnitId: "A", members: 1 }),
      },
    ]);
  });

  it("keeps every cohort endpoint closed to trainers of other units and to learners", async () => {
    const trainerB = await signedIn(server, "trainer.b");
    const learner = await signedIn(server, "learner.a");
    const a = ids.cohorts.a;
    const requests: [string, string, unknown?][] = [
      ["GET", `/api/cohorts/${a}`],
      ["GET", `/api/cohorts/${a}/dashboard`],
      ["GET", `/api/cohorts/${a}/members`],
      ["GET", `/api/cohorts/${a}/candidates?q=a`],
      ["POST", `/api/cohorts/${a}/members`, { personIds: [ids.learnerB] }],
      ["DELETE", `/api/cohorts/${a}/members/${ids.learnerA}`],
      ["GET", `/api/cohorts/${a}/join-codes`],
      ["POST", `/api/cohorts/${a}/join-codes`, { expiresOn: "2099-01-01" }],
      ["PATCH", `/api/cohorts/${a}`, { name: "x" }],
      ["DELETE", `/api/cohorts/${a}`],
      ["GET", `/api/reports/cohorts/${a}?format=csv`],
      ["GET", `/api/reports/item-analysis?courseId=parenting-skills&cohortId=${a}`],
    ];
    for (const [method, path, body] of requests) {
      const answer = await trainerB.request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.text).not.toContain("Giáo viên A");
      expect((await learner.request(method, path, body)).status, `learner ${method} ${path}`).toBe(403);
    }
    expect(
      (await trainerB.upload(`/api/cohorts/${a}/roster/preview`, new TextEncoder().encode("x"))).status,
    ).toBe(404);
    const { rows } = await server.db.query(
      "select 1 from cohort_members where cohort_id = $1 and person_id = $2",
      [a, ids.learnerA],
    );
    expect(rows).toHaveLength(1);
  });
});
