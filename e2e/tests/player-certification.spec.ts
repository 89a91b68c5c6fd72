import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { loadCertificationBank, loadContent } from "../../packages/course-content/src/node/index.ts";
import type { Item } from "../../packages/quiz-engine/src/index.ts";
import { answerCorrectly, signIn, waitUntilOfflineReady } from "../player-helpers.ts";

const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const COURSE = "child-friendly-investigation";

/** Fields that would carry a key, a score or a hint; none may reach a candidate during the exam. */
const KEY_FIELDS = new Set([
  "correct",
  "answer",
  "answers",
  "accepted",
  "score",
  "feedback",
  "explanation",
  "hints",
  "next",
  "objective",
  "points",
  "tags",
  "difficulty",
  "range",
  "tolerance",
  "seed",
  "references",
]);

/** Where in a JSON value a key field appears, as paths like `form.items[3].options[0].correct`. */
function keyFieldsIn(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => keyFieldsIn(entry, `${path}[${index}]`));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([name, entry]) => [
    ...(KEY_FIELDS.has(name) ? [`${path}.${name}`] : []),
    ...keyFieldsIn(entry, `${path}.${name}`),
  ]);
}

/** Every text an item's key would drag along: feedback and explanations, and the item ids. */
function secretsOf(item: Item): string[] {
  const texts: string[] = [item.id];
  const add = (text?: { vi: string; en: string }) => text && texts.push(text.vi, text.en);
  add(item.explanation);
  add(item.feedback?.correct);
  add(item.feedback?.incorrect);
  for (const hint of item.hints ?? []) add(hint);
  if ("options" in item) for (const option of item.options) add(option.feedback);
  if (item.type === "scenario")
    for (const step of item.steps) for (const option of step.options) add(option.feedback);
  return texts.filter((text) => text.length >= 12);
}

test("the certification exam survives a dropped connection, is graded by the server and certified, with no key on the device", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { courses } = await loadContent(contentDir);
  const course = courses.find((candidate) => candidate.manifest.id === COURSE);
  if (!course) throw new Error(`no course ${COURSE}`);
  const bank = await loadCertificationBank(course);

  const context = await browser.newContext();
  const bodies: { url: string; body: string }[] = [];
  context.on("response", async (response) => {
    const body = await response.text().catch(() => "");
    bodies.push({ url: response.url(), body });
  });
  const page = await context.newPage();
  await signIn(page, "dieutra.minh");
  await waitUntilOfflineReady(page);

  // Starting needs the server: the form comes from it.
  await page.goto(`/courses/${COURSE}/certification`);
  await page.getByRole("button", { name: "Bắt đầu bài thi" }).click();
  const item = page.getByTestId("quiz-item");
  await expect(item).toBeVisible();
  const summary = page.locator(".question-nav summary");
  const total = Number((await summary.textContent())?.match(/\/(\d+)/)?.[1]);
  expect(total).toBeGreaterThan(20);

  // The candidate knows the material: each answer is the right one, picked from what the screen shows.
  const next = page.getByRole("button", { name: "Câu tiếp →" });
  const offlineFrom = total - 4;
  for (let index = 0; index < offlineFrom; index++) {
    await answerCorrectly(item, bank.items);
    await next.click();
  }
  await expect(summary).toContainText(`đã trả lời ${offlineFrom}/`);

  // The connection drops mid-exam: answering goes on (a case's next step needs the server, so the
  // cases left are skipped), and a reload keeps every answer given.
  await context.setOffline(true);
  let answered = offlineFrom;
  for (let index = offlineFrom; index < total; index++) {
    if ((await item.locator(".scenario-item").count()) === 0) {
      await answerCorrectly(item, bank.items);
      answered++;
    }
    if (index < total - 1) await next.click();
  }
  await expect(summary).toContainText(`đã trả lời ${answered}/${total}`);
  await page.reload();
  await expect(page.locator(".question-nav summary")).toContainText(`đã trả lời ${answered}/${total}`);
  await expect(page.getByTestId("quiz-item")).toBeVisible();

  // Handed in with no connection: the answers wait on the device…
  await page.getByRole("button", { name: "Nộp bài thi" }).click();
  await page.getByRole("button", { name: "Nộp bài ngay" }).click();
  await expect(page.getByTestId("exam-waiting")).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("1 bài thi đang chờ gửi");

  // …and go as soon as the connection is back; the server grades them and issues the certificate.
  await context.setOffline(false);
  const result = page.getByTestId("exam-result");
  await expect(result).toContainText(/\d+\/\d+ điểm \(\d+%\) — Đạt/, { timeout: 30_000 });
  await expect(page.getByTestId("sync-status")).toHaveText(/Đã đồng bộ/);
  await result.getByRole("link", { name: "Xem chứng chỉ" }).click();
  const certificate = page.getByTestId("certificate").filter({ hasText: course.manifest.title.vi });
  await expect(certificate).toContainText("Còn hiệu lực");
  const pdfUrl = await certificate.getByRole("link", { name: "Tải chứng chỉ (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(pdfUrl ?? "");
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await context.close();

  const exam = bodies.filter((entry) => entry.url.includes("/api/certification/"));
  const started = exam.find((entry) => entry.url.endsWith(`/certification/${COURSE}/attempts`));
  const submitted = exam.find((entry) => entry.url.endsWith("/submit"));
  expect(started && JSON.parse(started.body).form.items).toHaveLength(total);
  expect(submitted && JSON.parse(submitted.body)).toMatchObject({ passed: expect.any(Boolean) });
  // No key, score or feedback in what the exam sent before grading…
  for (const entry of exam.filter((candidate) => candidate !== submitted)) {
    expect(keyFieldsIn(JSON.parse(entry.body)), entry.url).toEqual([]);
  }
  // …the grade carries totals only…
  expect(
    Object.keys(JSON.parse(submitted?.body ?? "{}")).filter((name) => /item|response|answer/i.test(name)),
  ).toEqual([]);
  // …and no item id, feedback or explanation of the bank reached the page by any request at all.
  const everything = bodies.map((entry) => entry.body).join("\n");
  expect(bodies.length).toBeGreaterThan(50);
  // Feedback the practice quizzes publish anyway ("Not quite. The number is 111.") is no secret.
  const published = courses
    .flatMap((entry) => [
      entry.manifestFile,
      entry.finalQuizFile,
      ...entry.lessons.flatMap((lesson) => [lesson.mdx.vi, lesson.mdx.en, lesson.knowledgeCheckFile]),
    ])
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  const secrets = bank.items.flatMap(secretsOf).filter((secret) => !published.includes(secret));
  expect(secrets.length).toBeGreaterThan(bank.items.length);
  expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
});
