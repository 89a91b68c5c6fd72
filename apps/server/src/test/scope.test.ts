import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";

describe("who may see which cohort", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  const as = async (login: string) => {
    const client = server.client();
    expect((await client.signIn(login, ids.password)).status).toBe(200);
    return client;
  };

  it("shows a trainer only the cohorts within their units", async () => {
    const trainerA = await as("trainer.a");
    const list = await trainerA.get("/api/cohorts");
    expect(list.json.cohorts.map((cohort: { name: string }) => cohort.name)).toEqual(["Giáo viên A"]);
    expect((await trainerA.get(`/api/cohorts/${ids.cohorts.a}`)).status).toBe(200);
    const otherProvince = await trainerA.get(`/api/cohorts/${ids.cohorts.b}`);
    expect(otherProvince.status).toBe(404);
    expect(JSON.stringify(otherProvince.json)).not.toContain("Giáo viên B");
  });

  it("includes cohorts of sub-units, not of parent units", async () => {
    const trainerA1 = await as("trainer.a1");
    expect((await trainerA1.get(`/api/cohorts/${ids.cohorts.a}`)).status).toBe(200);
    const trainerB = await as("trainer.b");
    expect((await trainerB.get(`/api/cohorts/${ids.cohorts.a}`)).status).toBe(404);
    expect((await trainerB.get("/api/cohorts")).json.cohorts).toHaveLength(1);
  });

  it("lets an admin see every cohort", async () => {
    const admin = await as("admin");
    expect((await admin.get("/api/cohorts")).json.cohorts).toHaveLength(2);
  });

  it("keeps learners and strangers out of the trainer API", async () => {
    const learner = await as("learner.a");
    expect((await learner.get("/api/cohorts")).status).toBe(403);
    expect((await learner.get(`/api/cohorts/${ids.cohorts.a}`)).status).toBe(403);
    expect((await server.client().get("/api/cohorts")).status).toBe(401);
  });

  it("answers 404, not 500, for a malformed cohort id", async () => {
    const trainerA = await as("trainer.a");
    expect((await trainerA.get("/api/cohorts/not-a-uuid")).status).toBe(404);
    expect((await trainerA.get("/api/cohorts?asOf=20-05-2026")).status).toBe(400);
  });
});
