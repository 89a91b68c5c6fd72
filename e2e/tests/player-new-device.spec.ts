import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { loadContent } from "../../packages/course-content/src/node/index.ts";
import { answerCorrectly, expectSyncedSoon, signIn } from "../player-helpers.ts";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const COURSE = "medical-care-abused-children";

test("signing in on a new device restores lessons finished and the final assessment passed", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { courses } = await loadContent(contentDir);
  const course = courses.find((candidate) => candidate.manifest.id === COURSE);
  const finalQuiz = course?.finalQuiz;
  if (!course || !finalQuiz) throw new Error(`no final assessment in ${COURSE}`);
  const [first, second] = course.lessons;
  if (!first || !second) throw new Error("too few lessons");

  // The old phone: two lessons finished, the final assessment passed (graded on the phone).
  const phone = await browser.newContext();
  const old = await phone.newPage();
  await signIn(old, "yte.hoa");
  for (const lesson of [first, second]) {
    await old.goto(`/courses/${COURSE}/lessons/${lesson.ref.id}`);
    await old.getByRole("button", { name: "Hoàn thành bài học" }).click();
    await expect(old.getByText("Bạn đã hoàn thành bài học này.")).toBeVisible();
  }
  await old.goto(`/courses/${COURSE}/final`);
  await old.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const item = old.getByTestId("quiz-item");
  const total = Number((await old.locator(".question-nav summary").textContent())?.match(/\/(\d+)/)?.[1]);
  for (let index = 0; index < total; index++) {
    await answerCorrectly(item, finalQuiz.items);
    if (index < total - 1) await old.getByRole("button", { name: "Câu tiếp →" }).click();
  }
  await expect(old.locator(".question-nav summary")).toContainText(`đã trả lời ${total}/${total}`);
  await old.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await old.getByRole("button", { name: "Nộp bài ngay" }).click();
  await expect(old.getByTestId("quiz-result")).toContainText("Đạt");
  await expectSyncedSoon(old);
  await phone.close();

  // The new phone knows nothing until the learner signs in; then the server's record comes back.
  const newPhone = await browser.newContext();
  const page = await newPhone.newPage();
  await signIn(page, "yte.hoa");
  const card = page.getByRole("region", { name: "Tất cả khoá học" }).getByRole("listitem").filter({
    hasText: course.manifest.title.vi,
  });
  await expect(card).toContainText("Đạt");
  await card.getByRole("link", { name: course.manifest.title.vi }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(course.manifest.title.vi);
  await expect(page.locator(".status").first()).toHaveText("Đạt");
  for (const lesson of [first, second]) {
    await expect(page.getByRole("listitem").filter({ hasText: lesson.ref.title.vi })).toContainText(
      "Đã xong",
    );
  }
  await expect(page.getByText(/Kết quả tốt nhất đã lưu trên máy chủ: \d+%/)).toBeVisible();
  await newPhone.close();
});
