import "fake-indexeddb/auto";
import type { PublicForm } from "@bvte/quiz-engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlayerDB } from "../db/player-db.ts";
import {
  deliverSubmissions,
  requestSubmission,
  saveAnswer,
  saveScenarioReveal,
  saveStartedExam,
} from "./exam-store.ts";

const person = "6f1c1c8e-1d7b-4a8e-9a53-2f0b7a7f1a11";
const course = "child-friendly-investigation";
const text = (s: string) => ({ vi: s, en: s });
const form: PublicForm = {
  formId: "f1",
  title: text("Exam"),
  timeLimitMinutes: 45,
  items: [
    { id: "i1", type: "single-choice", stem: text("One?"), options: [{ id: "o1", text: text("A") }] },
    {
      id: "i2",
      type: "scenario",
      stem: text("Case"),
      firstStep: { id: "s1", prompt: text("First?"), options: [{ id: "c1", text: text("Go") }] },
    },
  ],
};
const started = {
  attemptId: "a1",
  form,
  startedAt: "2026-05-01T08:00:00.000Z",
  deadline: "2026-05-01T08:45:00.000Z",
  graceSeconds: 60,
};
const graded = { score: 20, maxScore: 29, percentage: 68.97, passed: false };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

let db: PlayerDB;
beforeEach(async () => {
  db = new PlayerDB(`test-${crypto.randomUUID()}`);
  await saveStartedExam(person, course, started, 5_000_000, db);
});
afterEach(() => db.delete());

describe("an exam on the device", () => {
  it("counts down the server's time limit on this device's clock", async () => {
    expect((await db.certificationAttempts.get("a1"))?.localDeadline).toBe(5_000_000 + 45 * 60_000);
  });

  it("keeps the answers given when the server hands back the same attempt after a reload", async () => {
    await saveAnswer("a1", "i1", { choice: "o1" }, db);
    await saveStartedExam(person, course, { ...started, resumed: true }, 9_000_000, db);
    expect(await db.certificationAttempts.get("a1")).toMatchObject({
      responses: { i1: { choice: "o1" } },
      localDeadline: 5_000_000 + 45 * 60_000,
    });
  });

  it("keeps every answer as it is given, and freezes them once handed in", async () => {
    await saveAnswer("a1", "i1", { choice: "o1" }, db);
    await saveAnswer("a1", "i2", { path: [{ step: "s1", choice: "c1" }] }, db);
    await saveAnswer("a1", "i1", undefined, db);
    expect((await db.certificationAttempts.get("a1"))?.responses).toEqual({
      i2: { path: [{ step: "s1", choice: "c1" }] },
    });
    await requestSubmission("a1", 6_000_000, db);
    await saveAnswer("a1", "i1", { choice: "o1" }, db);
    expect(await db.certificationAttempts.get("a1")).toMatchObject({
      status: "submitting",
      submittedAt: 6_000_000,
      responses: { i2: { path: [{ step: "s1", choice: "c1" }] } },
    });
  });

  it("adds the scenario steps the server reveals, once each", async () => {
    const step = { id: "s2", prompt: text("Then?"), options: [{ id: "c2", text: text("Stop") }] };
    await saveScenarioReveal("a1", "i2", { kind: "step", step }, db);
    await saveScenarioReveal("a1", "i2", { kind: "step", step }, db);
    await saveScenarioReveal("a1", "i2", { kind: "end" }, db);
    expect(await db.certificationAttempts.get("a1")).toMatchObject({
      scenarioSteps: { i2: [step] },
      scenarioEnded: { i2: true },
    });
  });
});

describe("deliverSubmissions", () => {
  beforeEach(async () => {
    await saveAnswer("a1", "i1", { choice: "o1" }, db);
    await requestSubmission("a1", 6_000_000, db);
  });

  it("sends nothing for an exam still being answered", async () => {
    await saveStartedExam(person, course, { ...started, attemptId: "a2" }, 5_000_000, db);
    const sent: string[] = [];
    await deliverSubmissions(
      person,
      async (attemptId) => {
        sent.push(attemptId);
        return json(graded);
      },
      db,
    );
    expect(sent).toEqual(["a1"]);
  });

  it("keeps the exam waiting while there is no connection, then delivers the saved answers", async () => {
    const offline = await deliverSubmissions(
      person,
      async () => {
        throw new TypeError("Failed to fetch");
      },
      db,
    );
    expect(offline.kind).toBe("failed");
    expect((await db.certificationAttempts.get("a1"))?.status).toBe("submitting");

    const bodies: unknown[] = [];
    const back = await deliverSubmissions(
      person,
      async (_id, responses) => {
        bodies.push(responses);
        return json(graded);
      },
      db,
    );
    expect(back).toEqual({ kind: "done", delivered: 1 });
    expect(bodies).toEqual([{ i1: { choice: "o1" } }]);
    expect(await db.certificationAttempts.get("a1")).toMatchObject({ status: "graded", result: graded });
  });

  it("asks again when the server graded it but the answer was lost on the way back", async () => {
    let calls = 0;
    const server = async () => {
      calls++;
      if (calls === 1) throw new TypeError("network connection was lost");
      return json(graded);
    };
    await deliverSubmissions(person, server, db);
    await deliverSubmissions(person, server, db);
    expect(calls).toBe(2);
    expect((await db.certificationAttempts.get("a1"))?.status).toBe("graded");
  });

  it("keeps it waiting on a server error or an expired session", async () => {
    expect((await deliverSubmissions(person, async () => json({}, 503), db)).kind).toBe("failed");
    expect((await deliverSubmissions(person, async () => json({}, 401), db)).kind).toBe("unauthenticated");
    expect((await db.certificationAttempts.get("a1"))?.status).toBe("submitting");
  });

  it("records a late submission as refused, with the server's grade, and never sends it again", async () => {
    const inTime = { ...graded, score: 0, percentage: 0 };
    await deliverSubmissions(person, async () => json({ error: "time_over", details: inTime }, 409), db);
    expect(await db.certificationAttempts.get("a1")).toMatchObject({
      status: "refused",
      refusal: "late",
      result: inTime,
    });
    let sent = 0;
    await deliverSubmissions(
      person,
      async () => {
        sent++;
        return json(graded);
      },
      db,
    );
    expect(sent).toBe(0);
  });
});
