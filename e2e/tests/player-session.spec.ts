import { expect, test } from "@playwright/test";
import { expectSyncedSoon, outbox, PASSWORD, signIn } from "../player-helpers.ts";

test("an expired session never blocks learning: records wait until the learner signs in again", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "giaovien.lan");
  await expectSyncedSoon(page);

  // The session ends (expired, or revoked on the server) while the learner keeps studying.
  await context.clearCookies();
  await page.goto("/courses/parenting-skills/lessons/l02-positive-discipline");
  await page.getByRole("button", { name: "Hoàn thành bài học" }).click();
  await expect(page.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  const status = page.getByTestId("sync-status");
  await expect(status).toContainText("Cần đăng nhập lại để đồng bộ");
  const waiting = await outbox(page);
  expect(waiting.length).toBeGreaterThan(0);
  await expect(status).toContainText(`${waiting.length} bản ghi đang chờ đồng bộ`);

  // Learning goes on meanwhile: the next lesson opens as usual.
  await page.getByRole("link", { name: "Bài tiếp theo →" }).click();
  await expect(page.getByRole("button", { name: "Hoàn thành bài học" })).toBeVisible();

  // Signing in again from the sync bar sends everything that waited.
  await status.getByRole("button", { name: "Đăng nhập lại" }).click();
  await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("giaovien.lan");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(status).toHaveText(/Đã đồng bộ/);
  expect(await outbox(page)).toEqual([]);
  await context.close();
});

test("a join link from a trainer puts the learner in the cohort, even when opened before signing in", async ({
  browser,
  request,
}) => {
  // A trainer sets up a cohort and its join code (the console does this through the same API).
  expect(
    (await request.post("/api/auth/signin", { data: { login: "trainer.halong", password: PASSWORD } })).ok(),
  ).toBe(true);
  const name = "Giáo viên tự đăng ký – lớp kỹ năng làm cha mẹ";
  const cohort = await request.post("/api/cohorts", {
    data: { name, scopeUnitId: "QN-HL", requiredCourses: ["parenting-skills"], deadline: "2026-12-31" },
  });
  expect(cohort.status()).toBe(201);
  const { id } = (await cohort.json()) as { id: string };
  const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await request.post(`/api/cohorts/${id}/join-codes`, { data: { expiresOn: nextMonth } });
  expect(created.status()).toBe(201);
  const { code, path } = (await created.json()) as { code: string; path: string };

  // The learner opens the link on a phone that is not signed in yet.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel("Tên đăng nhập").fill("giaovien.lan");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  const consent = page.getByRole("button", { name: "Tôi đã đọc và đồng ý" });
  const join = page.getByRole("button", { name: "Tham gia", exact: true });
  await expect(consent.or(join).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(page.getByText(`Tham gia nhóm “${name}” (Phường Hạ Long) bằng mã ${code}?`)).toBeVisible();
  await join.click();
  await expect(page.getByRole("status").filter({ hasText: `Bạn đã tham gia nhóm “${name}”` })).toBeVisible();

  await page.getByRole("link", { name: "Về trang chủ" }).click();
  const required = page.getByRole("region", { name: "Khoá học bắt buộc" });
  await expect(required.getByRole("listitem").filter({ hasText: name })).toContainText("Kỹ năng làm cha mẹ");
  await expect(required.getByRole("listitem").filter({ hasText: name })).toContainText(
    "Hạn hoàn thành: 31/12/2026",
  );
  await context.close();
});
