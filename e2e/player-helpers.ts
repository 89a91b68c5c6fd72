/// <reference lib="dom" />
// The page.evaluate callbacks below run in the browser.
import { type Browser, type BrowserContext, expect, type Locator, type Page } from "@playwright/test";
import type { Item } from "../packages/quiz-engine/src/index.ts";

export const PASSWORD = "demo-bvte-2026";

/** Signs in to the learner app and accepts the privacy notice when it is shown (first sign-in). */
export async function signIn(page: Page, login: string, name: string | RegExp = /Xin chào/): Promise<void> {
  await page.goto("/");
  await signInHere(page, login, name);
}

/** The same from the sign-in form the page shows, for a page with no base URL (a browser reached over CDP). */
export async function signInHere(
  page: Page,
  login: string,
  name: string | RegExp = /Xin chào/,
): Promise<void> {
  await page.getByLabel("Tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  const consent = page.getByRole("button", { name: "Tôi đã đọc và đồng ý" });
  const home = page.getByRole("heading", { level: 1, name });
  await expect(consent.or(home).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(home).toBeVisible();
}

/**
 * Waits until the service worker has precached the app and controls the page: from then on it works
 * with no server. (A first visit is not controlled until it reloads.)
 */
export async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** A fresh phone on `baseURL`, signed in as `login`, with the app stored for use with no server. */
export async function phoneReadyOffline(
  browser: Browser,
  baseURL: string,
  login: string,
): Promise<{ context: BrowserContext; page: Page; personId: string }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, login);
  await waitUntilOfflineReady(page);
  return { context, page, personId: await profileId(page) };
}

/** The signed-in learner's person id, as the device keeps it. */
export function profileId(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open("bvte-player");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction("profile").objectStore("profile").get("current");
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { id: string }).id);
          };
        };
      }),
  );
}

/**
 * Waits until the outbox is empty and the status bar says so. The learner presses "sync now" to skip
 * the backoff; the app's own retry may get there first, which is as good.
 */
export async function expectSyncedSoon(page: Page): Promise<void> {
  const status = page.getByTestId("sync-status");
  await status
    .getByRole("button", { name: "Đồng bộ ngay" })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(status).toHaveText(/Đã đồng bộ/, { timeout: 60_000 });
  expect(await outbox(page)).toEqual([]);
}

export interface QueuedRecord {
  id: string;
  verb: string;
  object: string;
}

/** The learning records waiting in the device's outbox (IndexedDB), oldest first. */
export function outbox(page: Page): Promise<QueuedRecord[]> {
  return page.evaluate(
    () =>
      new Promise<QueuedRecord[]>((resolve, reject) => {
        const request = indexedDB.open("bvte-player");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction("outbox").objectStore("outbox").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (
                all.result as { statement: { id: string; verb: { id: string }; object: { id: string } } }[]
              ).map(({ statement }) => ({
                id: statement.id,
                verb: statement.verb.id.split("/").pop() ?? "",
                object: statement.object.id,
              })),
            );
          };
        };
      }),
  );
}

/**
 * After a scenario choice: the next step is shown, or the case has ended, or (in a certification
 * exam with no connection) the next step waits for the server.
 */
async function scenarioSettled(item: Locator): Promise<void> {
  await expect(
    item
      .getByRole("button", { name: "Chọn phương án này" })
      .or(item.getByText("Tình huống đã kết thúc."))
      .or(item.getByText(/Cần kết nối mạng để xem bước tiếp theo/))
      .first(),
  ).toBeVisible();
}

/**
 * Answers a question of whatever type with some answer, as a hurried learner would: the first
 * option, the first match, the order as shown, a number. Exercises every renderer by its controls.
 */
export async function answerSomehow(item: Locator): Promise<void> {
  // The question may still be rendering after "start"; counting its controls before it is there
  // would pick the wrong renderer (a scenario's radios look like a single choice).
  await expect(item).toBeVisible();
  if ((await item.locator(".scenario-item").count()) > 0) {
    const confirm = item.getByRole("button", { name: "Chọn phương án này" });
    for (let step = 0; step < 10 && (await confirm.count()) > 0; step++) {
      await item.locator("fieldset.nested").getByRole("radio").first().check();
      await confirm.click();
      await expect(item.locator(".scenario-step.done")).toHaveCount(step + 1);
      await scenarioSettled(item);
    }
    return;
  }
  const selects = item.getByRole("combobox");
  if ((await selects.count()) > 0) {
    for (const select of await selects.all()) await select.selectOption({ index: 1 });
    return;
  }
  if ((await item.locator(".ordering").count()) > 0) {
    await item.getByRole("button", { name: "Giữ nguyên thứ tự này" }).click();
    return;
  }
  const radios = item.getByRole("radio");
  if ((await radios.count()) > 0) {
    await radios.first().check();
    return;
  }
  const boxes = item.getByRole("checkbox");
  if ((await boxes.count()) > 0) {
    await boxes.first().check();
    return;
  }
  const field = item.getByRole("textbox");
  await field.fill("111");
  await field.blur();
}

/**
 * Answers a practice question correctly, reading the key from the quiz definition the way a
 * well-prepared learner would know it, and using only what the screen offers (labels, buttons).
 */
export async function answerCorrectly(item: Locator, definitions: readonly Item[]): Promise<void> {
  const stem = ((await item.locator(".stem").first().textContent()) ?? "").trim();
  const definition = definitions.find((candidate) => candidate.stem.vi.trim() === stem);
  if (!definition) throw new Error(`no question with the stem "${stem}"`);
  switch (definition.type) {
    case "single-choice":
    case "multiple-response":
      for (const option of definition.options.filter((o) => o.correct)) {
        await item
          .getByRole(definition.type === "single-choice" ? "radio" : "checkbox", {
            name: option.text.vi,
            exact: true,
          })
          .check();
      }
      return;
    case "true-false":
      await item.getByRole("radio", { name: definition.answer ? "Đúng" : "Sai", exact: true }).check();
      return;
    case "matching":
      for (const pair of definition.pairs) {
        await item.getByLabel(pair.prompt.vi, { exact: true }).selectOption({ label: pair.match.vi });
      }
      return;
    case "ordering": {
      const target = definition.sequence.map((entry) => entry.text.vi);
      let moved = false;
      for (let position = 0; position < target.length; position++) {
        const shown = await item.locator(".ordering-text").allInnerTexts();
        const from = shown.indexOf(target[position] as string);
        for (let step = from; step > position; step--) {
          await item.getByRole("button", { name: `Chuyển lên: ${target[position]}`, exact: true }).click();
          moved = true;
        }
      }
      if (!moved) await item.getByRole("button", { name: "Giữ nguyên thứ tự này" }).click();
      return;
    }
    case "short-text": {
      const field = item.getByRole("textbox");
      await field.fill(definition.accepted.vi[0] ?? "");
      await field.blur();
      return;
    }
    case "numeric": {
      const value = definition.answer ?? (definition.range ? definition.range[0] : 0);
      const field = item.getByRole("textbox");
      await field.fill(String(value).replace(".", ","));
      await field.blur();
      return;
    }
    case "scenario": {
      const confirm = item.getByRole("button", { name: "Chọn phương án này" });
      while ((await confirm.count()) > 0) {
        const prompt = ((await item.locator("fieldset.nested legend").textContent()) ?? "").trim();
        // The legend reads "Bước 2: <prompt>".
        const shown = prompt.replace(/^Bước \d+: /, "");
        const step = definition.steps.find((candidate) => candidate.prompt.vi.trim() === shown);
        const best = step?.options.toSorted((a, b) => b.score - a.score)[0];
        if (!best) throw new Error(`no scenario step "${prompt}"`);
        const done = await item.locator(".scenario-step.done").count();
        await item.locator("fieldset.nested").getByRole("radio", { name: best.text.vi, exact: true }).check();
        await confirm.click();
        await expect(item.locator(".scenario-step.done")).toHaveCount(done + 1);
        await scenarioSettled(item);
      }
      return;
    }
  }
}
