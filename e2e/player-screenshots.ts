/**
 * Screenshots of the learner app at 360 px (a small Android phone), for reviewing layout by eye:
 * `node --import tsx e2e/player-screenshots.ts http://localhost:8080 ./shots`
 * Needs a demo server; signs in as the demo investigator, who sees every screen incl. the exam.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";

const [baseURL = "http://localhost:8080", outDir = "player-shots"] = process.argv.slice(2);
const PASSWORD = "demo-bvte-2026";
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, locale: "vi-VN" });
const page = await context.newPage();
const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(outDir, `${name}.png`), fullPage });

async function signIn(target: Page, login: string) {
  await target.goto("/");
  await target.getByLabel("Tên đăng nhập").fill(login);
  await target.getByLabel("Mật khẩu").fill(PASSWORD);
  await target.getByRole("button", { name: "Đăng nhập" }).click();
}

await page.goto("/");
await shot("01-sign-in");
await signIn(page, "dieutra.minh");
const consent = page.getByRole("button", { name: "Tôi đã đọc và đồng ý" });
const home = page.getByRole("heading", { level: 1, name: /Xin chào/ });
await consent.or(home).first().waitFor();
if (await consent.isVisible()) {
  await shot("02-consent");
  await consent.click();
}
await home.waitFor();
await shot("03-home");
await page.getByRole("link", { name: "Điều tra thân thiện với trẻ em" }).first().click();
await page.getByRole("heading", { level: 2, name: "Bài học" }).waitFor();
await shot("04-course");
await page.locator(".lesson-list a").first().click();
await page.getByRole("button", { name: "Hoàn thành bài học" }).waitFor();
await shot("05-lesson", false);
const check = page.locator("section.quiz");
await check.getByRole("button", { name: "Bắt đầu làm bài" }).click();
const firstItem = check.getByTestId("quiz-item").first();
await firstItem.getByRole("radio").first().check();
await firstItem.getByRole("button", { name: "Kiểm tra" }).click();
await firstItem.locator(".grade").waitFor();
await check.screenshot({ path: join(outDir, "06-knowledge-check.png") });
await page.goto("/courses/child-friendly-investigation/final");
await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
await page.getByTestId("quiz-item").waitFor();
await page.evaluate(() => window.scrollTo(0, 0));
await shot("07-final-question", false);
await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
await page.getByRole("button", { name: "Nộp bài ngay" }).click();
await page.getByTestId("quiz-result").waitFor();
await page.locator(".result").screenshot({ path: join(outDir, "08-final-result.png") });
await page.goto("/courses/child-friendly-investigation/certification");
await page.locator(".quiz-rules").waitFor();
await shot("09-exam-start");
await page.getByRole("button", { name: "Bắt đầu bài thi" }).click();
await page.getByTestId("quiz-item").waitFor();
await shot("10-exam-question", false);
await context.setOffline(true);
await page
  .getByTestId("quiz-item")
  .getByRole("radio")
  .first()
  .check()
  .catch(() => undefined);
await page.getByRole("button", { name: "Nộp bài thi" }).click();
await page.getByRole("button", { name: "Nộp bài ngay" }).click();
await page.getByTestId("exam-waiting").waitFor();
await shot("11-exam-waiting", false);
await context.setOffline(false);
await page.getByTestId("exam-result").waitFor();
await page.goto("/certificates");
await page.getByRole("heading", { level: 1 }).waitFor();
await shot("12-certificates");
await page.getByLabel("Ngôn ngữ").selectOption("en");
await page.goto("/");
await page.getByRole("heading", { level: 1, name: /Hello/ }).waitFor();
await shot("13-home-english", false);
await browser.close();
