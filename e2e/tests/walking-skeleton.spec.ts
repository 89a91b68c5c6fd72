import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "demo-bvte-2026";
const COHORT = /Cha mẹ học sinh phường Hạ Long/;

async function signInToConsole(page: Page, login: string) {
  await page.goto("/console/");
  await page.getByLabel("Tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: "Tổng quan các nhóm đào tạo" })).toBeVisible();
}

test("a learner finishes a lesson and the trainer sees the cohort figure change", async ({ browser }) => {
  const trainer = await (await browser.newContext()).newPage();
  await signInToConsole(trainer, "trainer.halong");
  await trainer.getByRole("link", { name: COHORT }).click();
  const inProgress = trainer.getByTestId("count-in-progress");
  const notStarted = trainer.getByTestId("count-not-started");
  const before = {
    inProgress: Number(await inProgress.textContent()),
    notStarted: Number(await notStarted.textContent()),
  };

  const learner = await (await browser.newContext()).newPage();
  await learner.goto("/");
  await learner.getByLabel("Tên đăng nhập").fill("phuhuynh.mai");
  await learner.getByLabel("Mật khẩu").fill(PASSWORD);
  await learner.getByRole("button", { name: "Đăng nhập" }).click();
  // At the first sign-in the privacy notice is accepted before learning starts.
  await learner.getByRole("button", { name: "Tôi đã đọc và đồng ý" }).click();
  await expect(learner.getByRole("heading", { name: "Xin chào, Lê Thị Mai" })).toBeVisible();
  await learner.getByRole("link", { name: "Kỹ năng làm cha mẹ" }).first().click();
  await learner.getByRole("listitem").getByRole("link").first().click();
  await expect(learner.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await learner.getByRole("button", { name: "Hoàn thành bài học" }).click();
  await expect(learner.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  await expect(learner.getByTestId("sync-status")).toHaveText(/Đã đồng bộ/);

  await trainer.reload();
  await expect(inProgress).toHaveText(String(before.inProgress + 1));
  await expect(notStarted).toHaveText(String(before.notStarted - 1));
});
