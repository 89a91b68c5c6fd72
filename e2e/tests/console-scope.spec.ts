import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { cohortIdByName, consoleAs, HALONG_PARENTS, signInApi } from "./console-helpers.ts";

test("a trainer sees only the cohorts of their units, in the console and through the API", async ({
  browser,
}) => {
  const province = await (await browser.newContext()).newPage();
  await signInApi(province.request, "trainer.qn");
  const teachers = await cohortIdByName(province.request, /Giáo viên Quảng Ninh/);

  const ward = await consoleAs(browser, "trainer.halong");
  const rows = ward.getByTestId("cohort-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Cha mẹ học sinh phường Hạ Long");
  await expect(ward.getByText(/Giáo viên Quảng Ninh/)).toHaveCount(0);

  await ward.goto(`/console/cohorts/${teachers}`);
  await expect(ward.getByRole("alert")).toHaveText("Không tìm thấy nhóm này.");
  await expect(ward.getByTestId("cohort-headline")).toHaveCount(0);
  for (const path of [
    `/api/cohorts/${teachers}`,
    `/api/cohorts/${teachers}/dashboard`,
    `/api/cohorts/${teachers}/members`,
    `/api/reports/cohorts/${teachers}?format=csv`,
  ]) {
    const response = await ward.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain("Giáo viên");
  }
  const overview = await ward.request.get("/api/reports/overview?format=csv");
  const csv = await overview.text();
  expect(csv).toContain("Cha mẹ học sinh phường Hạ Long");
  expect(csv).not.toContain("Giáo viên Quảng Ninh");
});

test("the overview and a cohort dashboard have no serious accessibility problems", async ({ browser }) => {
  const trainer = await consoleAs(browser, "trainer.halong");
  const check = async () => {
    const results = await new AxeBuilder({ page: trainer }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  };
  await check();
  await trainer.getByRole("link", { name: HALONG_PARENTS }).click();
  await expect(trainer.getByTestId("cohort-headline")).toBeVisible();
  await expect(trainer.locator(".recharts-surface").first()).toBeVisible();
  await check();
});
