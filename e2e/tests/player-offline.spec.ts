import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { loadContent } from "../../packages/course-content/src/node/index.ts";
import { answerSomehow, expectSyncedSoon, outbox, phoneReadyOffline } from "../player-helpers.ts";
import { PlayerTestServer } from "../player-server.ts";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const server = new PlayerTestServer();

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.dispose();
});

/** Every image on the page has loaded (lazy images are scrolled to first). */
async function expectImagesLoaded(page: Page) {
  const images = page.locator("article img");
  expect(await images.count()).toBeGreaterThan(0);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0))
      .toBe(true);
  }
}

test("after one visit the whole catalogue works with the server stopped, and the records arrive once when it is back", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { courses } = await loadContent(contentDir);
  expect(courses).toHaveLength(4);
  const startedAt = new Date();

  const { context, page, personId } = await phoneReadyOffline(browser, server.url, "giaovien.lan");

  await server.stop();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /Xin chào/ })).toBeVisible();

  // Every course opens, and a lesson of each with its figures, in Vietnamese…
  for (const course of courses) {
    await page.getByRole("link", { name: "BVTE Academy" }).click();
    await page
      .getByRole("region", { name: "Tất cả khoá học" })
      .getByRole("link", { name: course.manifest.title.vi })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.manifest.title.vi);
    const illustrated = course.lessons.find((lesson) =>
      readFileSync(lesson.mdx.vi, "utf8").includes("<Figure"),
    );
    if (!illustrated) throw new Error(`${course.manifest.id} has no figure`);
    await page.getByRole("link", { name: illustrated.ref.title.vi, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(illustrated.ref.title.vi);
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expectImagesLoaded(page);
  }
  // …and in English.
  await page.getByLabel("Ngôn ngữ").selectOption("en");
  for (const course of courses) {
    const lesson = course.lessons.at(-1);
    if (!lesson) throw new Error("no lessons");
    await page.goto(`/courses/${course.manifest.id}/lessons/${lesson.ref.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.ref.title.en);
    await expect(page.getByRole("heading", { level: 2, name: "Summary" })).toBeVisible();
  }
  await page.getByLabel("Language").selectOption("vi");

  // Read a lesson to the end and take its knowledge check, all offline.
  const course = courses.find((candidate) => candidate.manifest.id === "school-violence-prevention");
  const lesson = course?.lessons[0];
  if (!course || !lesson) throw new Error("no school-violence-prevention course");
  await page.goto(`/courses/${course.manifest.id}/lessons/${lesson.ref.id}`);
  await page.getByRole("button", { name: "Hoàn thành bài học" }).click();
  await expect(page.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  const quiz = page.locator("section.quiz");
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const items = quiz.getByTestId("quiz-item");
  const count = lesson.knowledgeCheck?.items.length ?? 0;
  await expect(items).toHaveCount(count);
  for (let index = 0; index < count; index++) {
    const item = items.nth(index);
    await answerSomehow(item);
    await item.getByRole("button", { name: "Kiểm tra" }).click();
    await expect(item.locator(".grade")).toBeVisible();
  }
  await expect(quiz.getByTestId("quiz-result")).toContainText("Bạn được");

  // Progress is kept on the device: it is all still there after a reload with no server.
  await page.reload();
  await expect(page.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  await expect(quiz.getByTestId("quiz-result")).toContainText("Bạn được");
  const queued = await outbox(page);
  expect(queued.map((record) => `${record.verb} ${record.object.replace(/^.*\/courses\//, "")}`)).toEqual(
    expect.arrayContaining([
      `completed ${course.manifest.id}/lessons/${lesson.ref.id}`,
      expect.stringMatching(new RegExp(`^(passed|failed) ${course.manifest.id}/lessons/${lesson.ref.id}$`)),
    ]),
  );
  await expect(page.getByTestId("sync-status")).toContainText(`${queued.length} bản ghi đang chờ đồng bộ`);

  // The server comes back: the outbox drains.
  await server.start();
  await expectSyncedSoon(page);
  await context.close();

  // The server holds each record exactly once, and nothing else arrived for this learner meanwhile.
  await server.stop();
  const stored = await server.query<{ id: string }>(
    "select id::text from statements where person_id = $1 and stored >= $2",
    [personId, startedAt.toISOString()],
  );
  expect(stored.map((row) => row.id).toSorted()).toEqual(queued.map((record) => record.id).toSorted());
});
