import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startTestServer } from "../testing/index.ts";
import { signedIn, type TestServer } from "./console-helpers.ts";

describe("join codes", () => {
  let server: TestServer;
  let ids: Awaited<ReturnType<typeof fixture>>;
  let cohortId: string;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
    const trainer = await signedIn(server, "trainer.a");
    cohortId = (
      await trainer.post("/api/cohorts", {
        name: "Tự đăng ký",
        scopeUnitId: "A",
        requiredCourses: ["parenting-skills"],
      })
    ).json.id;
  });
  afterAll(() => server.stop());

  const isMember = async (personId: string) =>
    (
      await server.db.query("select 1 from cohort_members where cohort_id = $1 and person_id = $2", [
        cohortId,
        personId,
      ])
    ).rows.length === 1;

  it("lets a learner of the cohort's units join once with a code, however it is typed", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const created = await trainer.post(`/api/cohorts/${cohortId}/join-codes`, {
      expiresOn: "2099-12-31",
      maxUses: 5,
    });
    expect(created.status).toBe(201);
    const { code, path } = created.json;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(path).toBe(`/join/${code}`);
    expect(created.json.expiresAt).toBe("2099-12-31T16:59:59.999Z");

    const learner = await signedIn(server, "learner.a");
    const preview = await learner.get(`/api/join/${code.toLowerCase()}`);
    expect(preview.json).toMatchObject({
      cohortId,
      cohortName: "Tự đăng ký",
      unitName: "Tỉnh A",
      alreadyMember: false,
    });
    expect(await isMember(ids.learnerA)).toBe(false);

    const joined = await learner.post("/api/join", { code: ` ${code.replace("-", " ").toLowerCase()} ` });
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({ cohortId, alreadyMember: false });
    expect(await isMember(ids.learnerA)).toBe(true);
    const twice = await learner.post("/api/join", { code });
    expect(twice.json).toMatchObject({ cohortId, alreadyMember: true });
    const listed = (await trainer.get(`/api/cohorts/${cohortId}/join-codes`)).json.joinCodes;
    expect(listed).toEqual([expect.objectContaining({ code, uses: 1, maxUses: 5, revokedAt: null })]);
  });

  it("answers unknown, expired, withdrawn and used-up codes with a clear 4xx and adds no one", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const learner = await signedIn(server, "learner.a");
    await trainer.request("DELETE", `/api/cohorts/${cohortId}/members/${ids.learnerA}`);

    expect((await learner.post("/api/join", { code: "ZZZZ-ZZZZ" })).json.error).toBe("unknown_code");
    expect((await learner.post("/api/join", { code: "ZZZZ-ZZZZ" })).status).toBe(404);
    expect((await learner.post("/api/join", { code: "!" })).status).toBe(400);
    expect((await learner.post("/api/join", {})).json.message).toMatch(/^code: /);

    const expired = (await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01" }))
      .json;
    await server.db.query(
      "update cohort_join_codes set expires_at = now() - interval '1 minute' where id = $1",
      [expired.id],
    );
    const late = await learner.post("/api/join", { code: expired.code });
    expect([late.status, late.json.error]).toEqual([410, "code_expired"]);

    const withdrawn = (await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01" }))
      .json;
    expect(
      (await trainer.request("DELETE", `/api/cohorts/${cohortId}/join-codes/${withdrawn.id}`)).status,
    ).toBe(204);
    expect((await learner.post("/api/join", { code: withdrawn.code })).json.error).toBe("code_revoked");

    const once = (
      await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01", maxUses: 1 })
    ).json;
    await server.db.query("update cohort_join_codes set uses = 1 where id = $1", [once.id]);
    expect((await learner.post("/api/join", { code: once.code })).json.error).toBe("code_used_up");
    expect(await isMember(ids.learnerA)).toBe(false);

    const past = await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(past.json.message).toMatch(/^expiresOn: /);
  });

  it("keeps people of other units out, and other trainers' codes out of reach", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const { code, id } = (
      await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01" })
    ).json;
    const outsider = await signedIn(server, "learner.b");
    const refused = await outsider.post("/api/join", { code });
    expect([refused.status, refused.json.error]).toEqual([403, "outside_unit"]);
    expect(await isMember(ids.learnerB)).toBe(false);

    const trainerB = await signedIn(server, "trainer.b");
    expect((await trainerB.get(`/api/cohorts/${cohortId}/join-codes`)).status).toBe(404);
    expect((await trainerB.request("DELETE", `/api/cohorts/${cohortId}/join-codes/${id}`)).status).toBe(404);
    expect((await server.client().post("/api/join", { code })).status).toBe(401);
  });
  it("stops a person guessing codes: after ten wrong ones even a right one waits, and no one else does", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const { code } = (await trainer.post(`/api/cohorts/${cohortId}/join-codes`, { expiresOn: "2099-01-01" }))
      .json;
    const guesser = await signedIn(server, "trainer.a1");
    for (let n = 0; n < 10; n++) {
      const guess = `ZZZZ-ZZ${String.fromCharCode(65 + n)}Z`;
      const answer =
        n % 2 ? await guesser.get(`/api/join/${guess}`) : await guesser.post("/api/join", { code: guess });
      expect(answer.status).toBe(404);
    }
    const blocked = await guesser.post("/api/join", { code });
    expect([blocked.status, blocked.json.error]).toEqual([429, "too_many_attempts"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect((await guesser.get(`/api/join/${code}`)).status).toBe(429);
    expect(await isMember(ids.trainerA1)).toBe(false);

    // Someone else's mistakes do not hold up a learner typing the code read out in class.
    const learner = await signedIn(server, "learner.a");
    expect((await learner.get(`/api/join/${code}`)).status).toBe(200);

    // A quarter of an hour later the guesser may try again.
    await server.db.query("update failed_attempts set at = at - interval '15 minutes' where key = $1", [
      `join:${ids.trainerA1}`,
    ]);
    expect((await guesser.post("/api/join", { code })).status).toBe(200);
    expect(await isMember(ids.trainerA1)).toBe(true);
  });
});
