import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { loadContent } from "../../packages/course-content/src/node/index.ts";
import { answerCorrectly, expectSyncedSoon } from "../player-helpers.ts";
import { cohortIdByName, consoleAs, HALONG_PARENTS, numberIn } from "./console-helpers.ts";

const COURSE = "parenting-skills";
const contentDir = fileURLToPath(new URL("../../content", import.meta.url));

test("a learner passes the course in the player and the cohort's trained figure, gap and export change", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const trainer = await consoleAs(browser, "trainer.halong");
  const cohortId = await cohortIdByName(trainer.request, HALONG_PARENTS);
  await trainer.getByRole("link", { name: HALONG_PARENTS }).click();
  await expect(trainer.getByTestId("cohort-headline")).toBeVisible();
  const before = { trained: await numberIn(trainer, "trained"), members: await numberIn(trainer, "members") };
  const gapBefore = (await trainer.getByTestId("gap").textContent()) ?? "";
  const gap = Number(/Còn (\d+) người/.exec(gapBefore)?.[1]);
  expect(gap).toBeGreaterThan(0);

  // Someone of the "not yet trained" list, without a password yet: the trainer gives them one.
  const { members } = await (
    await trainer.request.get(`/api/cohorts/${cohortId}/members?filter=not-trained&q=ph.hl&pageSize=1`)
  ).json();
  const learner = members[0] as { personId: string; displayName: string; login: string };
  await trainer.getByRole("link", { name: "Thành viên", exact: true }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toContainText("Thành viên:");
  await trainer.getByLabel("Tìm theo tên hoặc tên đăng nhập").fill(learner.login);
  await expect(trainer.getByTestId("members-table").locator("tbody tr")).toHaveCount(1);
  await trainer.getByRole("button", { name: `Đặt mật khẩu cho ${learner.displayName}` }).click();
  await trainer.getByLabel("Mật khẩu mới (ít nhất 10 ký tự)").fill("mật khẩu lớp học 2026");
  await trainer.getByRole("button", { name: "Lưu" }).click();
  await expect(trainer.getByText(`Đã đặt mật khẩu cho ${learner.displayName}`)).toBeVisible();

  // The learner signs in on the player, passes the final assessment (graded on the phone) and syncs.
  const device = await (await browser.newContext()).newPage();
  await device.goto("/");
  await device.getByLabel("Tên đăng nhập").fill(learner.login);
  await device.getByLabel("Mật khẩu").fill("mật khẩu lớp học 2026");
  await device.getByRole("button", { name: "Đăng nhập" }).click();
  await device.getByRole("button", { name: "Tôi đã đọc và đồng ý" }).click();
  await expect(device.getByRole("heading", { level: 1, name: /Xin chào/ })).toBeVisible();
  const finalQuiz = (await loadContent(contentDir)).courses.find(
    (course) => course.manifest.id === COURSE,
  )?.finalQuiz;
  if (!finalQuiz) throw new Error(`no final assessment in ${COURSE}`);
  await device.goto(`/courses/${COURSE}/final`);
  await device.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const item = device.getByTestId("quiz-item");
  const total = Number((await device.locator(".question-nav summary").textContent())?.match(/\/(\d+)/)?.[1]);
  for (let index = 0; index < total; index++) {
    await answerCorrectly(item, finalQuiz.items);
    if (index < total - 1) await device.getByRole("button", { name: "Câu tiếp →" }).click();
  }
  await device.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await device.getByRole("button", { name: "Nộp bài ngay" }).click();
  await expect(device.getByTestId("quiz-result")).toContainText("Đạt");
  await expectSyncedSoon(device);

  await trainer.goto(`/console/cohorts/${cohortId}`);
  await expect(trainer.getByTestId("trained")).toHaveText(String(before.trained + 1));
  await expect(trainer.getByTestId("members")).toHaveText(String(before.members));
  await expect(trainer.getByTestId("gap")).toHaveText(
    gap - 1 === 0 ? /Đã đạt mục tiêu/ : `Còn ${gap - 1} người cần đào tạo`,
  );
  await expect(trainer.getByTestId("list-not-trained")).not.toContainText(learner.login);

  // The CSV export says the same as the screen.
  const [download] = await Promise.all([
    trainer.waitForEvent("download"),
    trainer.getByRole("link", { name: "Tải CSV" }).click(),
  ]);
  const text = readFileSync(await download.path(), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text).toContain(`Đã đạt;${before.trained + 1}\r\n`);
  expect(text).toContain(`Còn phải đào tạo;${gap - 1}\r\n`);
});

test("figures as of an earlier day, and the unit drill-down", async ({ browser }) => {
  const trainer = await consoleAs(browser, "trainer.qn");
  await trainer.getByRole("link", { name: /Giáo viên Quảng Ninh/ }).click();
  await expect(trainer.getByTestId("cohort-headline")).toBeVisible();
  const today = await numberIn(trainer, "trained");

  // The demo's cohorts started on 15/01 this year: a day before that, nobody had joined yet.
  const year = new Date().getFullYear();
  await trainer.getByLabel("Số liệu tính đến ngày").fill(`${year}-01-14`);
  await expect(trainer.getByTestId("as-of")).toHaveText(`Số liệu tính đến hết ngày 14/01/${year}`);
  await expect(trainer.getByTestId("members")).toHaveText("0");
  await trainer.getByLabel("Số liệu tính đến ngày").fill(`${year}-06-30`);
  await expect(trainer.getByTestId("as-of")).toHaveText(`Số liệu tính đến hết ngày 30/06/${year}`);
  await expect(trainer.getByTestId("members")).not.toHaveText("0");
  expect(await numberIn(trainer, "trained")).toBeLessThanOrEqual(today);
  await trainer.getByRole("button", { name: "Hôm nay" }).click();
  await expect(trainer.getByTestId("trained")).toHaveText(String(today));

  const tree = trainer.getByTestId("unit-tree");
  const ward = tree.locator("tr[data-unit='QN-HL']");
  await expect(ward).toBeVisible();
  await expect(tree.locator("tr[data-unit='QN-HL-TH']")).toBeHidden();
  await trainer.getByRole("button", { name: "Mở Phường Hạ Long" }).click();
  await expect(tree.locator("tr[data-unit='QN-HL-TH']")).toBeVisible();
  await expect(trainer.getByRole("button", { name: "Thu gọn Phường Hạ Long" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
});
