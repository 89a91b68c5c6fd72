/// <reference lib="dom" />
// The page.evaluate callbacks below run in the browser.
import { fileURLToPath } from "node:url";
import { loadContent } from "@bvte/course-content/node";
import {
  activityId,
  buildStatement,
  ITEM_RESULTS_EXTENSION,
  parseActivityId,
  type StatementInput,
  type XapiStatement,
} from "@bvte/learning-records";
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";
import { seededRandom } from "../../apps/server/src/seeded-random.ts";
import { phoneReadyOffline } from "../player-helpers.ts";
import { PlayerTestServer } from "../player-server.ts";
import { cohortIdByName, HALONG_PARENTS, signInApi } from "./console-helpers.ts";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const server = new PlayerTestServer();
const RECORDS = 2_500;
/** Records the device had sent just before it lost the connection, whose acknowledgement never came. */
const SENT_BEFORE = 100;
const DAY = 86_400_000;
const XAPI = { "X-Experience-API-Version": "1.0.3" };

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.dispose();
});

interface OutboxRow {
  seq?: number;
  statementId: string;
  personId: string;
  statement: XapiStatement;
  createdAt: number;
}

/**
 * Four weeks of a parent learning offline, in the player's own vocabulary (apps/player/src/db/
 * progress.ts and attempts.ts): every lesson opened and finished, knowledge checks taken again and
 * again, the final assessment practised (initialized, passed or failed with item outcomes,
 * terminated with a duration) until it is passed, and a second course dipped into.
 */
async function fourWeeksOffline(personId: string): Promise<OutboxRow[]> {
  const { courses } = await loadContent(contentDir);
  const random = seededRandom(5);
  const records: { input: Omit<StatementInput, "timestamp">; extend?: (s: XapiStatement) => void }[] = [];
  const add = (
    input: Omit<StatementInput, "timestamp" | "id" | "personId">,
    extend?: (s: XapiStatement) => void,
  ) => records.push({ input: { ...input, id: crypto.randomUUID(), personId }, extend });
  const attempt = (
    courseId: string,
    lessonId: string | undefined,
    items: { id: string }[],
    passRate: number,
  ) => {
    const registration = crypto.randomUUID();
    const activity = lessonId ? { courseId, lessonId } : { courseId, assessment: "final" as const };
    const outcomes = items.map((item) => ({
      itemId: item.id,
      score: random() < passRate ? 1 : 0,
      max: 1,
      response: null,
    }));
    const raw = outcomes.reduce((sum, outcome) => sum + outcome.score, 0);
    const fraction = Math.round((raw / outcomes.length) * 100) / 100;
    const passed = fraction >= 0.7;
    if (!lessonId) add({ verb: "initialized", activity, registration });
    add(
      {
        verb: passed ? "passed" : "failed",
        activity,
        registration,
        score: { scaled: fraction, raw, max: outcomes.length },
        success: passed,
      },
      (statement) => {
        statement.result = { ...statement.result, extensions: { [ITEM_RESULTS_EXTENSION]: outcomes } };
      },
    );
    if (!lessonId) {
      const seconds = 300 + Math.floor(random() * 900);
      add({ verb: "terminated", activity, registration }, (statement) => {
        statement.result = { duration: `PT${seconds}S` };
      });
    }
  };

  const studied = ["parenting-skills", "school-violence-prevention"].map((id) => {
    const course = courses.find((candidate) => candidate.manifest.id === id);
    if (!course) throw new Error(`no course ${id}`);
    return course;
  });
  for (const course of studied) {
    for (const lesson of course.lessons) {
      const courseId = course.manifest.id;
      add({ verb: "initialized", activity: { courseId, lessonId: lesson.ref.id } });
      add({ verb: "completed", activity: { courseId, lessonId: lesson.ref.id } });
      attempt(courseId, lesson.ref.id, lesson.knowledgeCheck.items, 0.6);
    }
    add({ verb: "completed", activity: { courseId: course.manifest.id } });
  }
  // Then practice, getting better week by week, up to exactly RECORDS records.
  while (records.length < RECORDS) {
    const course = (random() < 0.7 ? studied[0] : studied[1]) as (typeof studied)[number];
    const skill = 0.4 + 0.5 * (records.length / RECORDS);
    const lesson = course.lessons[Math.floor(random() * course.lessons.length)];
    // A final attempt writes three records, a knowledge check one.
    if (RECORDS - records.length >= 3 && random() < 0.3) {
      attempt(course.manifest.id, undefined, course.finalQuiz.items, skill);
    } else if (lesson) attempt(course.manifest.id, lesson.ref.id, lesson.knowledgeCheck.items, skill);
  }

  // Written as things happened, spread over four weeks up to an hour ago.
  const now = Date.now();
  const times = records.map(() => Math.round(now - 3_600_000 - random() * 28 * DAY)).sort((a, b) => a - b);
  return records.map(({ input, extend }, index) => {
    const at = times[index] as number;
    const statement = buildStatement({ ...input, timestamp: new Date(at).toISOString() });
    extend?.(statement);
    return { statementId: statement.id, personId, statement, createdAt: at };
  });
}

/** Adds rows to the device's outbox straight into IndexedDB; returns how many the store refused. */
function enqueue(page: Page, rows: OutboxRow[]): Promise<number> {
  return page.evaluate(
    (rows) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("bvte-player");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("outbox", "readwrite");
          let refused = 0;
          for (const row of rows) {
            const add = tx.objectStore("outbox").add(row);
            add.onerror = (event) => {
              // The outbox's unique statementId index: the same record cannot be queued twice.
              if (add.error?.name !== "ConstraintError") return;
              // Handled here: neither abort the transaction nor reach its error handler.
              event.preventDefault();
              event.stopPropagation();
              refused++;
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(refused);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/** Every row of one of the device's IndexedDB stores. */
function readStore<Row>(page: Page, store: string): Promise<Row[]> {
  return page.evaluate(
    (store) =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open("bvte-player");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(store).objectStore(store).getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(all.result as Row[]);
          };
        };
      }),
    store,
  );
}

/** Every statement the LRS holds about one person, page by page, as an administrator reads them. */
async function storedIds(admin: APIRequestContext, personId: string): Promise<string[]> {
  const agent = JSON.stringify({
    objectType: "Agent",
    account: { homePage: "https://bvte.academy", name: personId },
  });
  const ids: string[] = [];
  let next: string | undefined = `/xapi/statements?limit=500&agent=${encodeURIComponent(agent)}`;
  while (next) {
    const response = await admin.get(next, { headers: XAPI });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { statements: { id: string }[]; more?: string };
    ids.push(...page.statements.map((statement) => statement.id));
    next = page.more || undefined;
  }
  return ids;
}

test("weeks offline with thousands of records: all arrive once, and the trainer's figures move by exactly one learner", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const trainer = await request.newContext({ baseURL: server.url });
  await signInApi(trainer, "trainer.halong");
  const cohortId = await cohortIdByName(trainer, HALONG_PARENTS);
  const figures = async () => (await (await trainer.get(`/api/cohorts/${cohortId}`)).json()).figures;
  const before = await figures();

  const { context, page, personId } = await phoneReadyOffline(browser, server.url, "phuhuynh.mai");
  const rows = await fourWeeksOffline(personId);

  // Just before the connection went, the device sent a first stretch; the server stored it but
  // the acknowledgement never arrived, so those records are still queued.
  const early = rows.slice(0, SENT_BEFORE).map((row) => row.statement);
  for (let start = 0; start < early.length; start += 25) {
    const sent = await page.request.post("/xapi/statements", {
      data: early.slice(start, start + 25),
      headers: XAPI,
    });
    expect(sent.status()).toBe(200);
  }

  // Offline: the learner finishes a lesson in the app, and the weeks' records pile up beside it.
  await context.setOffline(true);
  await page.goto("/courses/parenting-skills");
  await page.getByRole("listitem").getByRole("link").first().click();
  await page.getByRole("button", { name: "Hoàn thành bài học" }).click();
  await expect(page.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  const written = await readStore<OutboxRow>(page, "outbox");
  expect(written.length).toBeGreaterThan(0);
  // The rows added below have the shape the app itself writes.
  for (const row of written) {
    expect(Object.keys(row).toSorted()).toEqual(["createdAt", "personId", "seq", "statement", "statementId"]);
    expect(row.personId).toBe(personId);
  }
  expect(await enqueue(page, rows)).toBe(0);
  // The same record queued again (a retried write) is refused by the outbox itself.
  expect(await enqueue(page, rows.slice(500, 550))).toBe(50);
  const queued = await readStore<OutboxRow>(page, "outbox");
  expect(queued).toHaveLength(written.length + RECORDS);
  await page.reload();
  const status = page.getByTestId("sync-status");
  await expect(status).toContainText(`${queued.length} bản ghi đang chờ đồng bộ`);

  // Back online: the app works through its outbox 25 records at a time.
  const started = Date.now();
  await context.setOffline(false);
  await expect(status).toHaveText(/Đã đồng bộ/, { timeout: 90_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(await readStore(page, "outbox")).toEqual([]);
  expect(await readStore(page, "rejected")).toEqual([]);
  test.info().annotations.push({ type: "sync", description: `${queued.length} records in ${seconds} s` });

  // The server holds each record exactly once: those sent twice too, and nothing else.
  const admin = await request.newContext({ baseURL: server.url });
  await signInApi(admin, "admin");
  const stored = await storedIds(admin, personId);
  expect(stored.length).toBe(new Set(stored).size);
  expect(stored.toSorted()).toEqual(queued.map((row) => row.statementId).toSorted());

  // The learner passed the cohort's course: one more trained, one fewer not started, nothing else.
  const trained = before.trained + 1;
  const needed = Math.ceil(Number((before.targetShare * before.members).toFixed(9)));
  expect(await figures()).toEqual({
    ...before,
    trained,
    rate: trained / before.members,
    gap: Math.max(0, needed - trained),
    targetMet: trained >= needed,
    notStarted: before.notStarted - 1,
  });

  // Her status, as a new phone would restore it, is what the records say.
  const final = activityId({ courseId: "parenting-skills", assessment: "final" });
  const graded = queued.map((row) => row.statement).filter((statement) => statement.object.id === final);
  const passes = graded.filter((statement) => statement.verb.id.endsWith("/passed"));
  expect(passes.length).toBeGreaterThan(0);
  const lessons = new Set(
    queued
      .map((row) => row.statement)
      .filter((statement) => statement.verb.id.endsWith("/completed"))
      .map((statement) => parseActivityId(statement.object.id))
      .filter((activity) => activity?.courseId === "parenting-skills" && activity.lessonId)
      .map((activity) => activity?.lessonId),
  );
  const progress = (await (await page.request.get("/api/me/progress")).json()) as {
    courses: {
      courseId: string;
      status: string;
      lastPassedAt: string;
      bestScore: number;
      lessonsCompleted: string[];
    }[];
  };
  const parenting = progress.courses.find((course) => course.courseId === "parenting-skills");
  expect({ ...parenting, lessonsCompleted: parenting?.lessonsCompleted.toSorted() }).toMatchObject({
    status: "passed",
    lastPassedAt: new Date(
      Math.max(...passes.map((statement) => Date.parse(statement.timestamp))),
    ).toISOString(),
    bestScore: Math.max(...graded.map((statement) => statement.result?.score?.scaled ?? 0)),
    lessonsCompleted: [...lessons].toSorted(),
  });
  await context.close();
  await trainer.dispose();
  await admin.dispose();
});
