import { ITEM_RESULTS_EXTENSION, type XapiStatement } from "@bvte/learning-records";
import {
  type AnalysisInput,
  analyzeItems,
  type GradeState,
  gradeResponse,
  type QuizDefinition,
} from "@bvte/quiz-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { DEFAULT_CONTENT_DIR, loadCourseCatalog } from "../content.ts";
import { createPerson } from "../people.ts";
import { seededRandom } from "../seeded-random.ts";
import { FIXTURE_PASSWORD, fixture, startTestServer } from "../testing/index.ts";
import { daysAgo, record, signedIn, type TestServer } from "./console-helpers.ts";

const COURSE = "parenting-skills";
const SEED = 11;

describe(`item analysis of practice quizzes (seed ${SEED})`, () => {
  let server: TestServer;
  let quiz: QuizDefinition;
  const attemptsInA: AnalysisInput[] = [];
  const attemptsInB: AnalysisInput[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    await fixture(server.db);
    const catalog = await loadCourseCatalog(DEFAULT_CONTENT_DIR);
    quiz = catalog.find(COURSE)?.finalQuiz as QuizDefinition;
    const items = quiz.items.filter((item) => item.type === "single-choice").slice(0, 8);
    expect(items).toHaveLength(8);
    const random = seededRandom(SEED);
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);

    for (let i = 0; i < 43; i++) {
      const inB = i >= 40;
      const login = `ia.${i}`;
      const id = await createPerson(server.db, {
        login,
        displayName: `Phụ huynh ${i}`,
        roles: ["parent"],
        homeUnitId: inB ? "B" : "A-1",
        passwordHash,
      });
      const ability = random();
      const results = items.map((item, index) => {
        if (item.type !== "single-choice") throw new Error("single-choice only");
        const key = item.options.find((option) => option.correct)?.id as string;
        const wrong = item.options.filter((option) => !option.correct);
        // The first item is keyed so that nobody gets it right: it must be flagged.
        const right = index > 0 && random() < 0.3 + 0.6 * ability;
        const choice = right ? key : (wrong[Math.floor(random() * wrong.length)]?.id as string);
        const grade = gradeResponse(item, { choice });
        return { itemId: item.id, score: grade.score, max: grade.max, response: { choice } };
      });
      const score = results.reduce((sum, result) => sum + result.score, 0);
      const max = results.reduce((sum, result) => sum + result.max, 0);
      (inB ? attemptsInB : attemptsInA).push({
        responses: Object.fromEntries(results.map((result) => [result.itemId, result.response])),
        result: {
          score,
          max,
          items: results.map((result) => ({
            itemId: result.itemId,
            objective: "",
            score: result.score,
            max: result.max,
            fraction: result.score / result.max,
            state: (result.score === result.max ? "right" : "wrong") as GradeState,
          })),
        },
      });
      const passed = score / max >= 0.8;
      await record(
        server,
        login,
        id,
        [
          {
            verb: passed ? "passed" : "failed",
            activity: { courseId: COURSE, assessment: "final" },
            timestamp: daysAgo(3).toISOString(),
            score: { scaled: score / max, raw: score, max },
            success: passed,
          },
        ],
        (statement: XapiStatement) =>
          ({
            ...statement,
            result: { ...statement.result, extensions: { [ITEM_RESULTS_EXTENSION]: results } },
          }) as XapiStatement,
      );
    }
  });
  afterAll(() => server.stop());

  it("reports the quiz engine's analysis of the learners' answers, flagging the item nobody gets right", async () => {
    const trainer = await signedIn(server, "trainer.a");
    const answer = await trainer.get(`/api/reports/item-analysis?courseId=${COURSE}`);
    expect(answer.status).toBe(200);
    const final = answer.json.quizzes.find((entry: { key: string }) => entry.key === "final");
    expect(final.quizId).toBe(quiz.id);
    expect(final.analysis).toEqual(JSON.parse(JSON.stringify(analyzeItems(quiz, attemptsInA))));
    expect(final.analysis.attempts).toBe(40);
    const first = final.analysis.items.find((item: { n: number }) => item.n > 0);
    expect(first.flags).toContain("too-hard");
    const summary = final.items.find((item: { id: string }) => item.id === first.itemId);
    expect(summary.stem.vi).toBeTruthy();
    expect(summary.options.filter((option: { correct: boolean }) => option.correct)).toHaveLength(1);
    // Knowledge checks without any records are there, with nothing counted.
    expect(answer.json.quizzes.length).toBeGreaterThan(1);
    expect(answer.json.quizzes[1].analysis.attempts).toBe(0);
  });

  it("counts only answers of learners within the trainer's units", async () => {
    const trainer = await signedIn(server, "trainer.b");
    const final = (await trainer.get(`/api/reports/item-analysis?courseId=${COURSE}`)).json.quizzes[0];
    expect(final.analysis).toEqual(JSON.parse(JSON.stringify(analyzeItems(quiz, attemptsInB))));
    expect(final.analysis.attempts).toBe(3);
    expect((await trainer.get("/api/reports/item-analysis?courseId=no-such-course")).status).toBe(404);
    expect((await trainer.get("/api/reports/item-analysis")).status).toBe(400);
    const learner = await signedIn(server, "learner.a");
    expect((await learner.get(`/api/reports/item-analysis?courseId=${COURSE}`)).status).toBe(403);
  });
});
