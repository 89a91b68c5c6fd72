import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { answerSomehow, signIn } from "../player-helpers.ts";

const COURSE = "school-violence-prevention";

/** Serious and critical WCAG 2.2 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

test("home, course, lesson and quiz pages have no serious or critical accessibility violations, at 360 px", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, "giaovien.lan");
  expect(await seriousViolations(page), "home").toEqual([]);

  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 2, name: "Bài học" })).toBeVisible();
  expect(await seriousViolations(page), "course").toEqual([]);

  // A lesson, with its knowledge check under way: one question checked, with its feedback shown.
  await page.locator(".lesson-list a").first().click();
  await expect(page.getByRole("button", { name: "Hoàn thành bài học" })).toBeVisible();
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const first = page.getByTestId("quiz-item").first();
  await answerSomehow(first);
  await first.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(first.locator(".grade")).toBeVisible();
  expect(await seriousViolations(page), "lesson and knowledge check").toEqual([]);

  // The final assessment: a question, then the result and review.
  await page.goto(`/courses/${COURSE}/final`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await answerSomehow(page.getByTestId("quiz-item"));
  expect(await seriousViolations(page), "final assessment question").toEqual([]);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("button", { name: "Nộp bài ngay" }).click();
  await expect(page.getByTestId("quiz-result")).toBeVisible();
  expect(await seriousViolations(page), "final assessment result and review").toEqual([]);

  // Nothing is wider than a 360 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
});
