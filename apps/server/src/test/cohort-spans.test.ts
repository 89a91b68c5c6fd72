import { randomUUID } from "node:crypto";
import { buildStatement, cohortFigures, isTrained } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { createPerson, createUnit } from "../people.ts";
import { FIXTURE_PASSWORD, fixture, startTestServer } from "../testing/index.ts";
import { daysAgo, signedIn, type TestServer } from "./console-helpers.ts";
import { voiding } from "./lrs-helpers.ts";

/**
 * The figures come from a projection (cohort_spans) that database triggers keep up to date. These
 * tests change each thing it is derived from after the fact — validity, required courses, a voided
 * pass, a person's unit, active flag and erasure, leaving and rejoining — and compare every figure
 * with a count made here from the model, with `isTrained`.
 */

const PARENTING = "parenting-skills";
const SCHOOL = "school-violence-prevention";

interface Learner {
  id: string;
  login: string;
  unit: string;
  active: boolean;
  member: boolean;
  passes: { statementId: string; courseId: string; at: Date; voided: boolean }[];
  started: { courseId: string; at: Date }[];
}

describe("cohort figures follow every change to what they are counted from", () => {
  let server: TestServer;
  let cohortId: string;
  const cohort = { courses: [PARENTING], validity: 12 as number | null, target: 0.8 };
  const learners: Learner[] = [];

  const post = async (learner: Learner, statements: ReturnType<typeof buildStatement>[]) => {
    const client = await signedIn(server, learner.login);
    const response = await client.post("/xapi/statements", statements, {
      "X-Experience-API-Version": "1.0.3",
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
  };
  const pass = async (learner: Learner, courseId: string, at: Date) => {
    const statementId = randomUUID();
    const timestamp = at.toISOString();
    await post(learner, [
      buildStatement({
        id: randomUUID(),
        personId: learner.id,
        verb: "initialized",
        activity: { courseId },
        timestamp,
      }),
      buildStatement({
        id: statementId,
        personId: learner.id,
        verb: "passed",
        activity: { courseId, assessment: "final" },
        timestamp,
        score: { scaled: 0.9 },
        success: true,
      }),
    ]);
    learner.started.push({ courseId, at });
    learner.passes.push({ statementId, courseId, at, voided: false });
  };

  const expected = () => {
    const counted = learners.filter((learner) => learner.active && learner.member);
    const trained = counted.filter((learner) =>
      isTrained({
        passes: learner.passes
          .filter((p) => !p.voided)
          .map((p) => ({ courseId: p.courseId, passedAt: p.at })),
        requiredCourses: cohort.courses,
        validityMonths: cohort.validity,
        asOf: new Date(),
      }),
    );
    const started = counted.filter((learner) =>
      learner.started.some((s) => cohort.courses.includes(s.courseId)),
    );
    return {
      counted,
      trained,
      figures: {
        ...cohortFigures(counted.length, trained.length, cohort.target),
        inProgress: started.length - trained.length,
        notStarted: counted.length - started.length,
      },
    };
  };

  const expectFiguresRight = async (step: string) => {
    const trainer = await signedIn(server, "trainer.a");
    const { counted, trained, figures } = expected();
    const dashboard = (await trainer.get(`/api/cohorts/${cohortId}/dashboard`)).json;
    expect(dashboard.cohort.figures, step).toEqual(figures);
    expect(dashboard.trend.at(-1), step).toMatchObject({
      members: figures.members,
      trained: figures.trained,
    });
    const underA2 = dashboard.byUnit[0]?.children.find((node: { id: string }) => node.id === "A-2");
    expect(underA2?.figures.members ?? 0, step).toBe(counted.filter((l) => l.unit === "A-2").length);
    expect(underA2?.figures.trained ?? 0, step).toBe(trained.filter((l) => l.unit === "A-2").length);
    const funnel = dashboard.byCourse as { courseId: string; passed: number; notStarted: number }[];
    expect(
      funnel.map((course) => course.courseId),
      step,
    ).toEqual(cohort.courses.toSorted());
    const listed = (await trainer.get(`/api/cohorts/${cohortId}/members?filter=trained&pageSize=100`)).json;
    expect(listed.members.map((m: { personId: string }) => m.personId).toSorted(), step).toEqual(
      trained.map((learner) => learner.id).toSorted(),
    );
  };

  beforeAll(async () => {
    server = await startTestServer();
    await fixture(server.db);
    await createUnit(server.db, { id: "A-2", parentId: "A", name: "Xã Hai", kind: "commune" });
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);
    for (let i = 0; i < 6; i++) {
      const login = `spans.${i}`;
      const unit = i < 4 ? "A-1" : "A-2";
      const id = await createPerson(server.db, {
        login,
        displayName: `Học viên ${i}`,
        roles: ["parent"],
        homeUnitId: unit,
        passwordHash,
      });
      learners.push({ id, login, unit, active: true, member: true, passes: [], started: [] });
    }
    const trainer = await signedIn(server, "trainer.a");
    const created = await trainer.post("/api/cohorts", {
      name: "Cha mẹ – theo dõi thay đổi",
      scopeUnitId: "A",
      requiredCourses: cohort.courses,
      targetShare: cohort.target,
      validityMonths: cohort.validity,
    });
    expect(created.status).toBe(201);
    cohortId = created.json.id;
    const added = await trainer.post(`/api/cohorts/${cohortId}/members`, {
      personIds: learners.map((l) => l.id),
    });
    expect(added.json).toEqual({ added: learners.length });
    // Passes 2, 8 and 14 months ago; one learner passed twice, 14 and 3 months ago.
    const [l0, l1, l2, l3, l4] = learners as [Learner, Learner, Learner, Learner, Learner];
    await pass(l0, PARENTING, daysAgo(60));
    await pass(l1, PARENTING, daysAgo(240));
    await pass(l2, PARENTING, daysAgo(425));
    await pass(l3, PARENTING, daysAgo(425));
    await pass(l3, PARENTING, daysAgo(90));
    await pass(l4, PARENTING, daysAgo(30));
    await pass(l4, SCHOOL, daysAgo(20));
  });
  afterAll(() => server.stop());

  it("counts the starting data", async () => {
    expect(expected().figures).toMatchObject({ members: 6, trained: 4 });
    await expectFiguresRight("start");
  });

  it("follows a change of validity, both ways", async () => {
    const trainer = await signedIn(server, "trainer.a");
    for (const validityMonths of [6, null, 12]) {
      expect((await trainer.request("PATCH", `/api/cohorts/${cohortId}`, { validityMonths })).status).toBe(
        200,
      );
      cohort.validity = validityMonths;
      await expectFiguresRight(`validity ${validityMonths}`);
    }
  });

  it("follows a course added to and removed from the cohort", async () => {
    const trainer = await signedIn(server, "trainer.a");
    for (const courses of [[PARENTING, SCHOOL], [SCHOOL], [PARENTING]]) {
      expect(
        (await trainer.request("PATCH", `/api/cohorts/${cohortId}`, { requiredCourses: courses })).status,
      ).toBe(200);
      cohort.courses = courses;
      await expectFiguresRight(`courses ${courses.join(", ")}`);
    }
  });

  it("drops a voided pass", async () => {
    const learner = learners[0] as Learner;
    const voided = learner.passes[0] as Learner["passes"][number];
    const client = await signedIn(server, learner.login);
    const { actor } = buildStatement({
      id: randomUUID(),
      personId: learner.id,
      verb: "initialized",
      activity: { courseId: PARENTING },
      timestamp: new Date().toISOString(),
    });
    const response = await client.post("/xapi/statements", voiding(actor, voided.statementId), {
      "X-Experience-API-Version": "1.0.3",
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    voided.voided = true;
    await expectFiguresRight("voided pass");
  });

  it("moves a learner's figures with their unit, and leaves out people made inactive", async () => {
    const moved = learners[1] as Learner;
    await server.db.query("update people set home_unit_id = 'A-2' where id = $1", [moved.id]);
    moved.unit = "A-2";
    await expectFiguresRight("unit moved");
    const inactive = learners[3] as Learner;
    await server.db.query("update people set active = false where id = $1", [inactive.id]);
    inactive.active = false;
    await expectFiguresRight("deactivated");
    await server.db.query("update people set active = true where id = $1", [inactive.id]);
    inactive.active = true;
    await expectFiguresRight("reactivated");
  });

  it("counts a learner who left and came back once", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const learner = learners[4] as Learner;
    expect((await trainer.request("DELETE", `/api/cohorts/${cohortId}/members/${learner.id}`)).status).toBe(
      204,
    );
    learner.member = false;
    await expectFiguresRight("left");
    expect((await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: [learner.id] })).status).toBe(
      200,
    );
    learner.member = true;
    await expectFiguresRight("rejoined");
  });

  it("forgets an erased learner", async () => {
    const admin = await signedIn(server, "admin");
    const erased = learners[3] as Learner;
    const response = await admin.post(`/api/admin/people/${erased.id}/erase`, {
      reason: "yêu cầu xoá dữ liệu",
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const { rows } = await server.db.query<{ active: boolean; members: number }>(
      `select p.active, (select count(*) from cohort_members m where m.person_id = p.id)::int as members
         from people p where p.id = $1`,
      [erased.id],
    );
    erased.active = rows[0]?.active ?? false;
    erased.member = (rows[0]?.members ?? 0) > 0;
    erased.passes = [];
    erased.started = [];
    await expectFiguresRight("erased");
  });
});
