import { randomUUID } from "node:crypto";
import { buildStatement } from "@bvte/learning-records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";

const COURSE = "school-violence-prevention";
// xAPI 1.0.3 §3.3: every request to the statements resource names the version it speaks.
const XAPI = { "X-Experience-API-Version": "1.0.3" };

describe("learning records change cohort figures", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  const figuresOfA = async () => {
    const trainer = server.client();
    await trainer.signIn("trainer.a", ids.password);
    return (await trainer.get(`/api/cohorts/${ids.cohorts.a}`)).json.figures;
  };

  it("moves a learner from not started to in progress to trained", async () => {
    expect(await figuresOfA()).toMatchObject({
      members: 1,
      notStarted: 1,
      inProgress: 0,
      trained: 0,
      gap: 1,
    });
    const learner = server.client();
    await learner.signIn("learner.a", ids.password);
    const lessonDone = buildStatement({
      id: randomUUID(),
      personId: ids.learnerA,
      verb: "completed",
      activity: { courseId: COURSE, lessonId: "l01-forms-of-violence" },
      timestamp: new Date().toISOString(),
    });
    const stored = await learner.post("/xapi/statements", [lessonDone], XAPI);
    expect(stored.status).toBe(200);
    expect(stored.json).toEqual([lessonDone.id]);
    expect(stored.headers.get("x-experience-api-version")).toBe("1.0.3");
    expect(await figuresOfA()).toMatchObject({ notStarted: 0, inProgress: 1, trained: 0 });

    const passed = buildStatement({
      id: randomUUID(),
      personId: ids.learnerA,
      verb: "passed",
      activity: { courseId: COURSE, assessment: "final" },
      timestamp: new Date().toISOString(),
      score: { scaled: 0.9 },
      success: true,
    });
    expect((await learner.post("/xapi/statements", passed, XAPI)).status).toBe(200);
    expect(await figuresOfA()).toMatchObject({ inProgress: 0, trained: 1, gap: 0, targetMet: true, rate: 1 });
    const progress = await learner.get("/api/me/progress");
    expect(progress.json.courses).toEqual([
      expect.objectContaining({
        courseId: COURSE,
        status: "passed",
        bestScore: 0.9,
        lessonsCompleted: ["l01-forms-of-violence"],
      }),
    ]);
  });

  it("stores a resent batch once", async () => {
    const learner = server.client();
    await learner.signIn("learner.b", ids.password);
    const batch = ["l01", "l02", "l03"].map((lessonId) =>
      buildStatement({
        id: randomUUID(),
        personId: ids.learnerB,
        verb: "completed",
        activity: { courseId: COURSE, lessonId },
        timestamp: new Date().toISOString(),
      }),
    );
    for (let i = 0; i < 10; i++)
      expect((await learner.post("/xapi/statements", batch, XAPI)).status).toBe(200);
    const { rows } = await server.db.query<{ n: number }>(
      "select count(*)::int as n from statements where person_id = $1",
      [ids.learnerB],
    );
    expect(rows[0]?.n).toBe(3);
    const progress = await learner.get("/api/me/progress");
    expect(progress.json.courses[0].lessonsCompleted).toEqual(["l01", "l02", "l03"]);
  });

  it("rejects a reused id with other content, and stores nothing of that batch", async () => {
    const learner = server.client();
    await learner.signIn("learner.b", ids.password);
    const original = buildStatement({
      id: randomUUID(),
      personId: ids.learnerB,
      verb: "completed",
      activity: { courseId: COURSE, lessonId: "l04" },
      timestamp: new Date().toISOString(),
    });
    expect((await learner.post("/xapi/statements", original, XAPI)).status).toBe(200);
    const fresh = { ...original, id: randomUUID() };
    const changed = { ...original, verb: { ...original.verb, id: "http://adlnet.gov/expapi/verbs/failed" } };
    const response = await learner.post("/xapi/statements", [fresh, changed], XAPI);
    expect(response.status).toBe(409);
    const { rows } = await server.db.query("select 1 from statements where id = $1", [fresh.id]);
    expect(rows).toEqual([]);
  });

  it("refuses statements about someone else and malformed statements", async () => {
    const learner = server.client();
    await learner.signIn("learner.a", ids.password);
    const aboutB = buildStatement({
      id: randomUUID(),
      personId: ids.learnerB,
      verb: "passed",
      activity: { courseId: COURSE, assessment: "final" },
      timestamp: new Date().toISOString(),
    });
    expect((await learner.post("/xapi/statements", aboutB, XAPI)).status).toBe(403);
    const noVerb = {
      ...aboutB,
      actor: { account: { homePage: "https://bvte.academy", name: ids.learnerA } },
      verb: undefined,
    };
    const bad = await learner.post("/xapi/statements", noVerb, XAPI);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^verb: is required/);
    expect((await server.client().post("/xapi/statements", aboutB, XAPI)).status).toBe(401);
  });
  it("challenges LRS clients for Basic credentials but never a browser page", async () => {
    const headers = { "X-Experience-API-Version": "1.0.3" };
    const lrsClient = await server.client().request("GET", "/xapi/statements", undefined, headers);
    expect(lrsClient.status).toBe(401);
    expect(lrsClient.headers.get("www-authenticate")).toMatch(/^Basic /);
    const page = await server
      .client()
      .request("GET", "/xapi/statements", undefined, { ...headers, "Sec-Fetch-Site": "same-origin" });
    expect(page.status).toBe(401);
    expect(page.headers.get("www-authenticate")).toBeNull();
  });
});
