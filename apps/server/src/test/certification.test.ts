import type { Item } from "@bvte/quiz-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRACE_SECONDS } from "../certification/exams.ts";
import { fixture, startTestServer, type TestClient } from "../testing/index.ts";
import {
  agentOf,
  attemptState,
  correctResponses,
  recording,
  statementAbout,
  voiding,
  XAPI,
} from "./lrs-helpers.ts";

const COURSE = "child-friendly-investigation";

describe("certification exams", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ids: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    server = await startTestServer();
    ids = await fixture(server.db);
  });
  afterAll(() => server.stop());

  const signedIn = async (login: string) => {
    const client = server.client();
    expect((await client.signIn(login, ids.password)).status).toBe(200);
    return client;
  };
  const start = (client: TestClient) => client.post(`/api/certification/${COURSE}/attempts`);
  const reveal = (client: TestClient, attemptId: string) => async (itemId: string, path: unknown[]) => {
    const response = await client.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
      itemId,
      path,
    });
    expect(response.status).toBe(200);
    return response.json;
  };
  /** Moves an attempt's clock back, as if it had started `minutes` ago. */
  const age = async (attemptId: string, minutes: number) => {
    const shift = minutes * 60_000;
    const state = await attemptState(server.db, attemptId);
    state.attempt.startedAt -= shift;
    if (state.attempt.deadline !== null) state.attempt.deadline -= shift;
    await server.db.query(
      `update certification_attempts set state = $2, started_at = started_at - make_interval(mins => $3),
              deadline = deadline - make_interval(mins => $3) where id = $1`,
      [attemptId, JSON.stringify(state), minutes],
    );
  };
  const endedDaysAgo = (personId: string, days: number) =>
    server.db.query(
      "update certification_attempts set ended_at = ended_at - make_interval(days => $2) where person_id = $1",
      [personId, days],
    );

  it("passes with the right answers: graded on the server, certified, and a second submit changes nothing", async () => {
    const learner = await signedIn("learner.a");
    const bodies = recording(learner);
    const status = await learner.get(`/api/certification/${COURSE}`);
    expect(status.json).toMatchObject({
      timeLimitMinutes: 45,
      passMark: 0.8,
      maxAttempts: 3,
      canStart: true,
      attemptsUsed: 0,
    });

    const started = await start(learner);
    expect(started.status).toBe(201);
    const { attemptId, form, startedAt, deadline, graceSeconds } = started.json;
    expect(graceSeconds).toBe(GRACE_SECONDS);
    expect(Date.parse(deadline) - Date.parse(startedAt)).toBe(45 * 60_000);
    expect(form.items).toHaveLength(29);

    const again = await start(learner);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ attemptId, resumed: true, deadline });
    expect(again.json.form).toEqual(form);

    const state = await attemptState(server.db, attemptId);
    const responses = await correctResponses(form, state.attempt, reveal(learner, attemptId));
    const submitted = await learner.post(`/api/certification/attempts/${attemptId}/submit`, { responses });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ passed: true, percentage: 100, endedBy: "submit" });
    expect(submitted.json.score).toBe(submitted.json.maxScore);
    expect(submitted.json.certificateId).toMatch(/^[0-9a-f-]{36}$/);

    const resubmitted = await learner.post(`/api/certification/attempts/${attemptId}/submit`, {
      responses: {},
    });
    expect(resubmitted.json).toEqual(submitted.json);
    const { rows } = await server.db.query<{ n: number }>(
      "select count(*)::int as n from statements where registration = $1 and verb like '%/passed'",
      [attemptId],
    );
    expect(rows[0]?.n).toBe(1);

    const progress = (await learner.get("/api/me/progress")).json.courses.find(
      (c: { courseId: string }) => c.courseId === COURSE,
    );
    expect(progress).toMatchObject({ status: "passed", certified: true, bestScore: 1 });
    const months = (a: string, b: string) =>
      (new Date(b).getUTCFullYear() - new Date(a).getUTCFullYear()) * 12 +
      new Date(b).getUTCMonth() -
      new Date(a).getUTCMonth();
    expect(months(progress.certifiedAt, progress.certificationExpiresAt)).toBe(24);

    const certificates = (await learner.get("/api/me/certificates")).json.certificates;
    expect(certificates).toEqual([
      expect.objectContaining({
        id: submitted.json.certificateId,
        status: "valid",
        percentage: 100,
        expiresAt: progress.certificationExpiresAt,
      }),
    ]);
    expect((await start(learner)).json).toMatchObject({ error: "already_certified" });

    // The learner sees the recorded result among their statements: totals only, no per-item outcomes.
    const statements = (
      await learner.request("GET", `/xapi/statements?registration=${attemptId}`, undefined, XAPI)
    ).json.statements;
    expect(statements.map((s: { verb: { id: string } }) => s.verb.id.split("/").at(-1))).toEqual([
      "passed",
      "initialized",
    ]);
    expect(statements[0].result).toEqual({
      score: { scaled: 1, raw: submitted.json.score, max: submitted.json.maxScore },
      success: true,
      completion: true,
    });

    // The result is the server's record: the learner can neither void it nor write one of their own.
    const voided = await learner.post(
      "/xapi/statements",
      voiding(agentOf(ids.learnerA), statements[0].id),
      XAPI,
    );
    expect(voided.status).toBe(403);
    const claimed = statementAbout(
      ids.learnerA,
      "passed",
      { courseId: COURSE, assessment: "certification" },
      { score: 1 },
    );
    const forged = await learner.post("/xapi/statements", claimed, XAPI);
    expect(forged.status).toBe(403);
    expect(forged.json.error).toBe("forbidden_certification_result");

    // Nothing the learner received names an item, an answer key, a score of an option or the seed.
    // A key text that also appears in some item's public wording (a stem, an option) proves nothing.
    const shown = state.attempt.items.flatMap(publicTexts);
    const secrets = [
      state.attempt.form.seed,
      ...state.attempt.items.flatMap((item: Item) => [item.id, ...keyTexts(item)]),
    ].filter((secret) => secret.length >= 6 && !shown.some((text) => text.includes(secret)));
    const everything = bodies.join("\n");
    expect(everything.length).toBeGreaterThan(10_000);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    for (const key of ['"correct"', '"explanation"', '"feedback"', '"accepted"', '"next"', '"seed"']) {
      expect(everything).not.toContain(key);
    }
  });

  it("keeps a scenario choice final once the next step has been revealed", async () => {
    const learner = await signedIn("learner.b");
    const { attemptId, form } = (await start(learner)).json;
    const scenario = form.items.find((item: { type: string }) => item.type === "scenario");
    const [first, second] = scenario.firstStep.options;
    const path = [{ step: scenario.firstStep.id, choice: first.id }];
    const next = await learner.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
      itemId: scenario.id,
      path,
    });
    expect(next.status).toBe(200);
    expect(next.json.step ?? next.json.end).toBeTruthy();
    const repeat = await learner.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
      itemId: scenario.id,
      path,
    });
    expect(repeat.status).toBe(200);
    const changed = await learner.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
      itemId: scenario.id,
      path: [{ step: scenario.firstStep.id, choice: second.id }],
    });
    expect(changed.status).toBe(409);
    expect(changed.json.error).toBe("scenario_choice_final");
    const unknown = await learner.post(`/api/certification/attempts/${attemptId}/scenario-step`, {
      itemId: scenario.id,
      path: [{ step: "nonsense", choice: first.id }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/^path: /);
  });

  it("enforces the deadline with its grace, the cooldown and the number of attempts", async () => {
    const learner = await signedIn("learner.b");
    const first = (await start(learner)).json;
    expect(first.resumed).toBe(true);
    // Within the grace after the deadline, answers still count.
    await age(first.attemptId, 45 + 1);
    const inGrace = await learner.post(`/api/certification/attempts/${first.attemptId}/submit`, {
      responses: {},
    });
    expect(inGrace.status).toBe(200);
    expect(inGrace.json).toMatchObject({ passed: false, endedBy: "submit", attemptsLeft: 2 });
    expect(inGrace.json.percentage).toBeLessThan(80);
    expect(Date.parse(inGrace.json.retryAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const cooling = await start(learner);
    expect(cooling.status).toBe(409);
    expect(cooling.json).toMatchObject({ error: "cooldown", details: { retryAt: inGrace.json.retryAt } });

    await endedDaysAgo(ids.learnerB, 2);
    const second = await start(learner);
    expect(second.status).toBe(201);
    expect(second.json.attemptNumber).toBe(2);
    // Past the deadline and the grace, the answers arrive too late: the attempt ends on what was saved.
    await age(second.json.attemptId, 45 + GRACE_SECONDS / 60 + 1);
    const late = await learner.post(`/api/certification/attempts/${second.json.attemptId}/submit`, {
      responses: {},
    });
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ error: "time_over", details: { passed: false, endedBy: "timeout" } });
    expect(
      (await learner.post(`/api/certification/attempts/${second.json.attemptId}/submit`, { responses: {} }))
        .status,
    ).toBe(409);

    await endedDaysAgo(ids.learnerB, 2);
    const third = await start(learner);
    expect(third.json.attemptNumber).toBe(3);
    // An abandoned attempt times out by itself: the next start finds it over and counts it.
    await age(third.json.attemptId, 60);
    const refused = await start(learner);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toBe("max_attempts");
    expect((await learner.get(`/api/certification/${COURSE}`)).json).toMatchObject({
      attemptsUsed: 3,
      canStart: false,
      reason: "max_attempts",
    });
    const { rows } = await server.db.query<{ verb: string; n: number }>(
      `select split_part(verb, '/', 6) as verb, count(*)::int as n from statements
        where person_id = $1 and object_id like '%/certification' group by 1 order by 1`,
      [ids.learnerB],
    );
    expect(rows).toEqual([
      { verb: "failed", n: 3 },
      { verb: "initialized", n: 3 },
    ]);
  });

  it("checks who may sit an exam and whose attempt it is", async () => {
    const trainer = await signedIn("trainer.a");
    expect((await start(trainer)).status).toBe(403);
    const learner = await signedIn("learner.a");
    expect((await learner.post("/api/certification/school-violence-prevention/attempts")).json.error).toBe(
      "no_certification",
    );
    expect((await learner.post("/api/certification/no-such-course/attempts")).status).toBe(404);
    const { rows } = await server.db.query<{ id: string }>(
      "select id from certification_attempts where person_id = $1",
      [ids.learnerB],
    );
    const someoneElses = rows[0]?.id as string;
    expect(
      (await learner.post(`/api/certification/attempts/${someoneElses}/submit`, { responses: {} })).status,
    ).toBe(404);
    expect(
      (await learner.post("/api/certification/attempts/not-a-uuid/submit", { responses: {} })).status,
    ).toBe(404);
    const bad = await learner.post(`/api/certification/attempts/${someoneElses}/submit`, { answers: {} });
    expect(bad.status).toBe(400);
    expect((await server.client().post(`/api/certification/${COURSE}/attempts`)).status).toBe(401);
  });
});

/** Texts in an item that would give its key away: feedback, explanations, accepted answers, hints. */
function keyTexts(item: Item): string[] {
  const texts: { vi: string; en: string }[] = [];
  const add = (t?: { vi: string; en: string }) => {
    if (t) texts.push(t);
  };
  add(item.explanation);
  add(item.feedback?.correct);
  add(item.feedback?.incorrect);
  for (const hint of item.hints ?? []) add(hint);
  if ("options" in item) for (const option of item.options) add(option.feedback);
  if (item.type === "scenario")
    for (const step of item.steps) for (const option of step.options) add(option.feedback);
  const accepted = item.type === "short-text" ? [...item.accepted.vi, ...item.accepted.en] : [];
  return [...texts.flatMap((t) => [t.vi, t.en]), ...accepted];
}

/** Texts a candidate is meant to see: stems, options, prompts, matches, sequence entries, steps. */
function publicTexts(item: Item): string[] {
  const texts = [item.stem];
  if ("options" in item) texts.push(...item.options.map((o) => o.text));
  if (item.type === "matching")
    texts.push(
      ...item.pairs.flatMap((p) => [p.prompt, p.match]),
      ...(item.distractors ?? []).map((d) => d.text),
    );
  if (item.type === "ordering") texts.push(...item.sequence.map((s) => s.text));
  if (item.type === "scenario")
    texts.push(...item.steps.flatMap((step) => [step.prompt, ...step.options.map((o) => o.text)]));
  return texts.flatMap((t) => [t.vi, t.en]);
}
