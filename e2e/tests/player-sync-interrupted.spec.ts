import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { loadContent } from "../../packages/course-content/src/node/index.ts";
import { expectSyncedSoon, outbox, phoneReadyOffline } from "../player-helpers.ts";
import { CuttingProxy } from "../player-proxy.ts";
import { PlayerTestServer } from "../player-server.ts";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const server = new PlayerTestServer();
// The phone reaches the server through a proxy that can drop a connection mid-request.
const proxy = new CuttingProxy(() => server.port);
const BATCH = 25;

test.beforeAll(async () => {
  await server.start();
  await proxy.start();
});
test.afterAll(async () => {
  await proxy.stop();
  await server.dispose();
});

test("the server killed in the middle of a sync: after a restart nothing is lost and nothing doubled", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { courses } = await loadContent(contentDir);
  const startedAt = new Date();
  const { context, page, personId } = await phoneReadyOffline(browser, proxy.url, "yte.hoa");

  // A week in the hills: every lesson of every course read and finished with no connection.
  await context.setOffline(true);
  for (const course of courses) {
    for (const lesson of course.lessons) {
      await page.goto(`/courses/${course.manifest.id}/lessons/${lesson.ref.id}`);
      const finish = page.getByRole("button", { name: "Hoàn thành bài học" });
      const finished = page.getByText("Bạn đã hoàn thành bài học này.");
      // Lessons the demo learner finished before (restored from the server) are already done.
      await expect(finish.or(finished)).toBeVisible();
      if (await finish.isVisible()) await finish.click();
      await expect(finished).toBeVisible();
    }
  }
  const queued = await outbox(page);
  expect(queued.length).toBeGreaterThan(2 * BATCH);
  await expect(page.getByTestId("sync-status")).toContainText(`${queued.length} bản ghi đang chờ đồng bộ`);

  // The connection returns. The first batch is acknowledged; the second reaches the server and is
  // stored, but the server dies before its answer gets back.
  let batches = 0;
  proxy.cut = (method, path) => {
    if (method !== "POST" || path !== "/xapi/statements") return undefined;
    batches++;
    return batches === 2 ? () => server.kill() : undefined;
  };
  await context.setOffline(false);
  await expect.poll(async () => (await outbox(page)).length).toBe(queued.length - BATCH);
  await expect(page.getByTestId("sync-status")).toContainText(
    `${queued.length - BATCH} bản ghi đang chờ đồng bộ`,
  );

  // Back up: the unacknowledged batch is sent again and everything else after it.
  proxy.cut = undefined;
  await server.start();
  await expectSyncedSoon(page);
  await context.close();

  await server.stop();
  const stored = await server.query<{ id: string }>(
    "select id::text from statements where person_id = $1 and stored >= $2",
    [personId, startedAt.toISOString()],
  );
  expect(stored.map((row) => row.id).toSorted()).toEqual(queued.map((record) => record.id).toSorted());
  // Each lesson and course finished here is recorded as completed exactly once.
  const completions = await server.query<{ object_id: string; n: number }>(
    `select object_id, count(*)::int as n from statements
      where person_id = $1 and stored >= $2 and verb = 'http://adlnet.gov/expapi/verbs/completed'
      group by object_id`,
    [personId, startedAt.toISOString()],
  );
  const finishedHere = queued.filter((record) => record.verb === "completed").map((record) => record.object);
  expect(completions.map((row) => row.object_id).toSorted()).toEqual(finishedHere.toSorted());
  expect(completions.filter((row) => row.n !== 1)).toEqual([]);
  expect(finishedHere.filter((object) => !object.includes("/lessons/")).length).toBeGreaterThan(0);
});
