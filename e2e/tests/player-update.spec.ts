import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { answerSomehow, phoneReadyOffline } from "../player-helpers.ts";
import { PlayerTestServer } from "../player-server.ts";

const COURSE = "parenting-skills";
let dist: string;
let server: PlayerTestServer;

test.beforeAll(async () => {
  // The server serves a copy of the built player, so a "new version" can be deployed under it.
  dist = mkdtempSync(join(tmpdir(), "bvte-e2e-player-dist-"));
  cpSync(fileURLToPath(new URL("../../apps/player/dist", import.meta.url)), dist, { recursive: true });
  server = new PlayerTestServer({ PLAYER_DIST: dist });
  await server.start();
});
test.afterAll(async () => {
  await server.dispose();
  rmSync(dist, { recursive: true, force: true });
});

test("a new version is offered, and updating to it keeps finished lessons and a quiz in progress", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await phoneReadyOffline(browser, server.url, "phuhuynh.mai");

  await page.goto(`/courses/${COURSE}/lessons/l01-positive-parenting`);
  await page.getByRole("button", { name: "Hoàn thành bài học" }).click();
  await expect(page.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  await page.goto(`/courses/${COURSE}/final`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await answerSomehow(page.getByTestId("quiz-item"));
  const summary = page.locator(".question-nav summary");
  await expect(summary).toContainText("đã trả lời 1/");

  // A new version is deployed; the phone notices it and asks before switching.
  appendFileSync(join(dist, "sw.js"), "\n// the next release\n");
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  await expect(page.getByRole("alert")).toContainText("Đã có phiên bản mới.");
  const reloaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Cập nhật" }).click();

  // The page reloads into the new version with everything still there.
  await reloaded;
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(summary).toContainText("đã trả lời 1/");
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null),
  ).toBe(null);
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Nuôi dạy con tích cực" })).toContainText(
    "Đã xong",
  );
  await context.close();
});
