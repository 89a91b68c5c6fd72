import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";

export const PASSWORD = "demo-bvte-2026";
export const HALONG_PARENTS = /Cha mẹ học sinh phường Hạ Long/;

/** Opens the console in a fresh browser context and signs in. */
export async function consoleAs(browser: Browser, login: string, password = PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/console/");
  await page.getByLabel("Tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: "Tổng quan các nhóm đào tạo" })).toBeVisible();
  return page;
}

/** The API with a signed-in session (the page's own cookies). */
export async function signInApi(request: APIRequestContext, login: string, password = PASSWORD) {
  const response = await request.post("/api/auth/signin", { data: { login, password } });
  expect(response.status(), `sign in as ${login}`).toBe(200);
}

export async function cohortIdByName(request: APIRequestContext, name: RegExp): Promise<string> {
  const { cohorts } = (await (await request.get("/api/cohorts")).json()) as {
    cohorts: { id: string; name: string }[];
  };
  const cohort = cohorts.find((candidate) => name.test(candidate.name));
  if (!cohort) throw new Error(`No cohort named ${name}`);
  return cohort.id;
}

/** The number shown in an element, read the way vi-VN writes it (1.234). */
export async function numberIn(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).textContent())?.replaceAll(".", ""));
}
