import { cohortFigures, isTrained, type PassRecord, type StatementInput } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { createPerson, createUnit } from "../people.ts";
import { seededRandom } from "../seeded-random.ts";
import { FIXTURE_PASSWORD, fixture, startTestServer } from "../testing/index.ts";
import { daysAgo, endOfDay, record, signedIn, type TestServer, vietnamDay } from "./console-helpers.ts";

const COURSES = ["parenting-skills", "school-violence-prevention"];
const VALIDITY = 12;
const TARGET = 0.9;
const SEED = 7;
const DAY = 86_400_000;

interface Learner {
  id: string;
  login: string;
  unit: string;
  active: boolean;
  /** Membership spans; `left` null for a current member. */
  spans: { joined: Date; left: Date | null }[];
  statements: { courseId: string; verb: "initialized" | "completed" | "passed"; at: Date }[];
}

// Where each unit sits, for rolling figures up the tree independently of the server.
const UNIT_CHAIN: Record<string, string[]> = {
  "A-1": ["A", "A-1"],
  "A-1-S": ["A", "A-1", "A-1-S"],
  "A-2": ["A", "A-2"],
  "A-2-S": ["A", "A-2", "A-2-S"],
};

describe(`cohort figures against an independent count (seed ${SEED})`, () => {
  let server: TestServer;
  let cohortId: string;
  const learners: Learner[] = [];
  const random = seededRandom(SEED);
  const between = (from: number, to: number) => from + random() * (to - from);

  beforeAll(async () => {
    server = await startTestServer();
    await fixture(server.db);
    await createUnit(server.db, { id: "A-2", parentId: "A", name: "Xã Hai", kind: "commune" });
    await createUnit(server.db, {
      id: "A-2-S",
      parentId: "A-2",
      name: "Trạm Y tế Hai",
      kind: "health-facility",
    });
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);
    const units = Object.keys(UNIT_CHAIN);
    for (let i = 0; i < 48; i++) {
      const unit = units[Math.floor(random() * units.length)] as string;
      const login = `gen.${i}`;
      const id = await createPerson(server.db, {
        login,
        displayName: `Người học ${i}`,
        roles: ["parent"],
        homeUnitId: unit,
        passwordHash,
      });
      learners.push({ id, login, unit, active: true, spans: [], statements: [] });
    }

    const trainer = await signedIn(server, "trainer.a");
    const created = await trainer.post("/api/cohorts", {
      name: "Cha mẹ – số liệu sinh ngẫu nhiên",
      scopeUnitId: "A",
      requiredCourses: COURSES,
      targetShare: TARGET,
      startDate: vietnamDay(daysAgo(400)),
      deadline: vietnamDay(daysAgo(-60)),
      validityMonths: VALIDITY,
    });
    expect(created.status).toBe(201);
    cohortId = created.json.id;

    // 40 current members, 4 of them removed later, 8 former members with past spans, and the rest
    // never members. Joining dates are set in the past so the as-of dates have something to show.
    const current = learners.slice(0, 40);
    expect(
      (await trainer.post(`/api/cohorts/${cohortId}/members`, { personIds: current.map((l) => l.id) })).json,
    ).toEqual({ added: 40 });
    for (const learner of current) {
      const joined = daysAgo(between(10, 420));
      await server.db.query(
        "update cohort_members set joined_at = $3 where cohort_id = $1 and person_id = $2",
        [cohortId, learner.id, joined.toISOString()],
      );
      learner.spans.push({ joined, left: null });
    }
    for (const learner of learners.slice(40, 48)) {
      const joined = daysAgo(between(200, 420));
      const left = new Date(joined.getTime() + between(20, 150) * DAY);
      await server.db.query(
        "insert into cohort_member_history (cohort_id, person_id, joined_at, left_at) values ($1, $2, $3, $4)",
        [cohortId, learner.id, joined.toISOString(), left.toISOString()],
      );
      learner.spans.push({ joined, left });
    }

    for (const learner of learners) {
      const statements: Omit<StatementInput, "id" | "personId">[] = [];
      for (const courseId of COURSES) {
        if (random() < 0.25) continue;
        const started = daysAgo(between(5, 560));
        const ago = (date: Date) => (Date.now() - date.getTime()) / DAY;
        learner.statements.push({ courseId, verb: "initialized", at: started });
        statements.push({ verb: "initialized", activity: { courseId }, timestamp: started.toISOString() });
        if (random() < 0.3) {
          const completed = daysAgo(between(1, ago(started)));
          learner.statements.push({ courseId, verb: "completed", at: completed });
          statements.push({ verb: "completed", activity: { courseId }, timestamp: completed.toISOString() });
        }
        let passes = random() < 0.6 ? (random() < 0.3 ? 2 : 1) : 0;
        let after = started;
        while (passes-- > 0) {
          const passed = daysAgo(between(1, ago(after)));
          learner.statements.push({ courseId, verb: "passed", at: passed });
          statements.push({
            verb: "passed",
            activity: { courseId, assessment: "final" },
            timestamp: passed.toISOString(),
            score: { scaled: 0.9 },
            success: true,
          });
          after = passed;
        }
      }
      if (statements.length > 0) await record(server, learner.login, learner.id, statements);
    }

    // Removed through the API now: still members on earlier dates, no longer today.
    for (const learner of current.slice(0, 4)) {
      const removed = await trainer.request("DELETE", `/api/cohorts/${cohortId}/members/${learner.id}`);
      expect(removed.status).toBe(204);
      const span = learner.spans[0] as Learner["spans"][number];
      span.left = new Date();
    }
    // A deactivated member counts nowhere.
    const inactive = current[5] as Learner;
    inactive.active = false;
    await server.db.query("update people set active = false where id = $1", [inactive.id]);
  });
  afterAll(() => server.stop());

  // ---- the independent count ------------------------------------------------------------------

  const memberAt = (learner: Learner, at: Date) =>
    learner.active &&
    learner.spans.some((span) => span.joined <= at && (span.left === null || span.left > at));
  const passesOf = (learner: Learner): PassRecord[] =>
    learner.statements
      .filter((s) => s.verb === "passed")
      .map((s) => ({ courseId: s.courseId, passedAt: s.at }));
  const trainedAt = (learner: Learner, at: Date) =>
    isTrained({ passes: passesOf(learner), requiredCourses: COURSES, validityMonths: VALIDITY, asOf: at });
  const validPass = (learner: Learner, courseId: string, at: Date) =>
    isTrained({ passes: passesOf(learner), requiredCourses: [courseId], validityMonths: VALIDITY, asOf: at });
  const stageAt = (learner: Learner, courseId: string, at: Date) => {
    const own = learner.statements.filter((s) => s.courseId === courseId && s.at <= at);
    if (validPass(learner, courseId, at)) return "passed";
    if (own.some((s) => s.verb === "completed" || s.verb === "passed")) return "completed";
    if (own.length > 0) return "in_progress";
    return "not_started";
  };
  const expected = (at: Date) => {
    const members = learners.filter((learner) => memberAt(learner, at));
    const trained = members.filter((learner) => trainedAt(learner, at));
    const started = members.filter((learner) =>
      learner.statements.some((s) => COURSES.includes(s.courseId) && s.at <= at),
    );
    return {
      members,
      trained,
      figures: {
        ...cohortFigures(members.length, trained.length, TARGET),
        inProgress: started.length - trained.length,
        notStarted: members.length - started.length,
      },
    };
  };

  // As-of dates: today (no parameter), several past days, and the days either side of pass expiries.
  const expiryDays = () =>
    learners
      .flatMap(passesOf)
      .map((pass) => {
        const expiry = new Date(pass.passedAt);
        expiry.setUTCMonth(expiry.getUTCMonth() + VALIDITY);
        return expiry;
      })
      .filter((expiry) => expiry.getTime() < Date.now())
      .slice(0, 4)
      .flatMap((expiry) => [vietnamDay(expiry), vietnamDay(new Date(expiry.getTime() - DAY))]);
  const asOfDays = () => [
    ...[30, 95, 200, 380, 430].map((days) => vietnamDay(daysAgo(days))),
    ...expiryDays(),
  ];

  it("covers expiry boundaries in the generated data", () => {
    expect(expiryDays().length).toBeGreaterThanOrEqual(4);
  });

  it("counts members, trained, rate and gap as of now and as of past days", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const now = await trainer.get(`/api/cohorts/${cohortId}`);
    expect(now.json.figures).toEqual(expected(new Date()).figures);
    for (const day of asOfDays()) {
      const answer = await trainer.get(`/api/cohorts/${cohortId}?asOf=${day}`);
      expect(answer.json.figures, `as of ${day}`).toEqual(expected(endOfDay(day)).figures);
      const listed = (await trainer.get(`/api/cohorts?asOf=${day}`)).json.cohorts.find(
        (cohort: { id: string }) => cohort.id === cohortId,
      );
      expect(listed.figures, `overview as of ${day}`).toEqual(answer.json.figures);
    }
  });

  it("rolls figures up the unit tree", async () => {
    const trainer = await signedIn(server, "trainer.a");
    for (const day of asOfDays().slice(0, 4)) {
      const at = endOfDay(day);
      const { members, trained } = expected(at);
      const count = (unit: string, list: Learner[]) =>
        list.filter((learner) => (UNIT_CHAIN[learner.unit] as string[]).includes(unit)).length;
      const dashboard = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?asOf=${day}`)).json;
      const flat = new Map<string, { members: number; trained: number; gap: number }>();
      const walk = (
        nodes: { id: string; figures: { members: number; trained: number; gap: number }; children: [] }[],
      ) => {
        for (const node of nodes) {
          flat.set(node.id, node.figures);
          walk(node.children);
        }
      };
      walk(dashboard.byUnit);
      expect(dashboard.byUnit.map((node: { id: string }) => node.id)).toEqual(["A"]);
      for (const unit of ["A", "A-1", "A-1-S", "A-2", "A-2-S"]) {
        const want = cohortFigures(count(unit, members), count(unit, trained), TARGET);
        if (want.members === 0) expect(flat.has(unit), `${unit} as of ${day}`).toBe(false);
        else expect(flat.get(unit), `${unit} as of ${day}`).toEqual(want);
      }
    }
  });

  it("stops the unit tree at the levels asked for, still counting everyone below", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const full = (await trainer.get(`/api/cohorts/${cohortId}/dashboard`)).json;
    const shallow = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?unitLevels=1`)).json;
    const ids = (nodes: { id: string; children: [] }[]): string[] =>
      nodes.flatMap((node) => [node.id, ...ids(node.children)]);
    expect(ids(full.byUnit).toSorted()).toEqual(["A", "A-1", "A-1-S", "A-2", "A-2-S"]);
    expect(ids(shallow.byUnit).toSorted()).toEqual(["A", "A-1", "A-2"]);
    const figures = (tree: { id: string; figures: unknown; children: [] }[], id: string): unknown =>
      tree.flatMap(function find(node): unknown[] {
        return node.id === id ? [node.figures] : node.children.flatMap(find);
      })[0];
    for (const unit of ["A", "A-1", "A-2"]) {
      expect(figures(shallow.byUnit, unit), unit).toEqual(figures(full.byUnit, unit));
    }
    const refused = await trainer.get(`/api/cohorts/${cohortId}/dashboard?unitLevels=0`);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/^unitLevels: /);
  });

  it("splits each course into not started, in progress, completed and passed", async () => {
    const trainer = await signedIn(server, "trainer.a");
    for (const day of asOfDays().slice(0, 5)) {
      const at = endOfDay(day);
      const { members } = expected(at);
      const dashboard = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?asOf=${day}`)).json;
      expect(dashboard.byCourse).toEqual(
        COURSES.map((courseId) => {
          const stages = members.map((learner) => stageAt(learner, courseId, at));
          const n = (stage: string) => stages.filter((s) => s === stage).length;
          return {
            courseId,
            notStarted: n("not_started"),
            inProgress: n("in_progress"),
            completed: n("completed"),
            passed: n("passed"),
          };
        }),
      );
    }
  });

  it("draws the trend from the start to the as-of date, ending on the headline figures", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const day = vietnamDay(daysAgo(30));
    const dashboard = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?asOf=${day}`)).json;
    const points = dashboard.trend as { date: string; members: number; trained: number; required: number }[];
    expect(points.length).toBeGreaterThanOrEqual(12);
    expect(points.at(-1)?.date).toBe(day);
    expect(points.map((point) => point.date)).toEqual(points.map((point) => point.date).toSorted());
    for (const point of points) {
      const { members, trained, figures } = expected(endOfDay(point.date));
      expect(point, point.date).toMatchObject({ members: members.length, trained: trained.length });
      expect(point.required).toBeGreaterThanOrEqual(TARGET * members.length);
      expect(Math.max(0, point.required - trained.length)).toBe(figures.gap);
    }
    expect(points.at(-1)).toMatchObject({
      members: dashboard.cohort.figures.members,
      trained: dashboard.cohort.figures.trained,
    });
  });

  it("forecasts from the pace of the last 90 days", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const day = vietnamDay(daysAgo(30));
    const { forecast, cohort } = (await trainer.get(`/api/cohorts/${cohortId}/dashboard?asOf=${day}`)).json;
    const at = endOfDay(day);
    const before = new Date(at.getTime() - forecast.windowDays * DAY);
    const { members, figures } = expected(at);
    const trainedBefore = members.filter((learner) => trainedAt(learner, before)).length;
    expect(forecast.windowDays).toBe(90);
    expect(forecast.trainedInWindow).toBe(figures.trained - trainedBefore);
    expect(cohort.figures.gap).toBe(figures.gap);
    const perDay = forecast.trainedInWindow / 90;
    if (figures.targetMet) expect(forecast.status).toBe("met");
    else if (perDay <= 0) expect(forecast).toMatchObject({ status: "no-progress", projectedDate: null });
    else {
      const projected = new Date(Date.parse(`${day}T00:00:00Z`) + Math.ceil(figures.gap / perDay) * DAY);
      expect(forecast.projectedDate).toBe(projected.toISOString().slice(0, 10));
      expect(forecast.status).toBe(forecast.projectedDate > cohort.deadline ? "after-deadline" : "on-track");
    }
  });

  it("lists exactly the members not yet trained, page by page, with what each lacks", async () => {
    const trainer = await signedIn(server, "trainer.a");
    for (const day of asOfDays().slice(0, 3)) {
      const at = endOfDay(day);
      const want = expected(at).members.filter((learner) => !trainedAt(learner, at));
      const seen: { personId: string; lacking: string[]; trained: boolean }[] = [];
      for (let page = 1; ; page++) {
        const answer = await trainer.get(
          `/api/cohorts/${cohortId}/members?asOf=${day}&filter=not-trained&pageSize=7&page=${page}`,
        );
        expect(answer.status).toBe(200);
        expect(answer.json.total).toBe(want.length);
        seen.push(...answer.json.members);
        if (answer.json.members.length < 7) break;
      }
      expect(seen.map((member) => member.personId).toSorted()).toEqual(
        want.map((learner) => learner.id).toSorted(),
      );
      for (const member of seen) {
        const learner = learners.find((candidate) => candidate.id === member.personId) as Learner;
        expect(member.trained).toBe(false);
        expect(member.lacking).toEqual(COURSES.filter((courseId) => !validPass(learner, courseId, at)));
      }
    }
  });

  it("lists trained members whose training lapses within the chosen days", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const day = vietnamDay(daysAgo(95));
    const at = endOfDay(day);
    const limit = endOfDay(vietnamDay(new Date(at.getTime() + 90 * DAY)));
    const lapses = (learner: Learner) =>
      COURSES.map((courseId) => {
        const last = passesOf(learner)
          .filter((pass) => pass.courseId === courseId && pass.passedAt <= at)
          .map((pass) => pass.passedAt)
          .toSorted((a, b) => b.getTime() - a.getTime())[0] as Date;
        const expiry = new Date(last);
        expiry.setUTCMonth(expiry.getUTCMonth() + VALIDITY);
        return expiry;
      }).toSorted((a, b) => a.getTime() - b.getTime())[0] as Date;
    const want = expected(at).trained.filter((learner) => lapses(learner) <= limit);
    const answer = await trainer.get(
      `/api/cohorts/${cohortId}/members?asOf=${day}&filter=expiring&withinDays=90&sort=expires&pageSize=200`,
    );
    expect(answer.json.members.map((member: { personId: string }) => member.personId).toSorted()).toEqual(
      want.map((learner) => learner.id).toSorted(),
    );
    for (const member of answer.json.members) {
      const learner = learners.find((candidate) => candidate.id === member.personId) as Learner;
      expect(member.expiresOn).toBe(vietnamDay(lapses(learner)));
    }
    const dates = answer.json.members.map((member: { expiresOn: string }) => member.expiresOn);
    expect(dates).toEqual(dates.toSorted());
  });
});
