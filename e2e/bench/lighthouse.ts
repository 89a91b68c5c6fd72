/**
 * Lighthouse's performance, accessibility and best-practices scores of the player's home page and a
 * lesson page, as a signed-in learner loads them on a phone: Lighthouse's default mobile settings (a
 * mid-range phone on slow 4G, throttling simulated), on the real server in demo mode with a fresh
 * database, serving the built player, in Debian's Chromium (or CHROMIUM_PATH).
 * `npm run bench -w @bvte/e2e [-- --runs 5]`; the figures go into `npm run bench`'s table.
 */
import { parseArgs } from "node:util";
import { type BenchRow, recordBench } from "@bvte/bench";
import { chromium, expect, type Page } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { chromiumFlags, chromiumPath } from "../chromium.ts";
import { signInHere } from "../player-helpers.ts";
import { PlayerTestServer } from "../player-server.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Number(values.runs);
const LEARNER = "giaovien.lan";
const LESSON = "/courses/school-violence-prevention/lessons/l01-forms-of-violence";
const PAGES = [
  { name: "home", path: "/" },
  { name: "lesson l01-forms-of-violence", path: LESSON },
];
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;

const chrome = await chromeLauncher.launch({
  // chrome-launcher looks for Google Chrome itself when given no path.
  chromePath: chromiumPath,
  chromeFlags: ["--headless=new", ...chromiumFlags],
});
const cdp = `http://127.0.0.1:${chrome.port}`;
const server = new PlayerTestServer();

/**
 * Runs `check` on a page of the browser Lighthouse uses, through Playwright, and lets go of the
 * browser again so that Lighthouse has it to itself.
 */
async function inBrowser(url: string, check: (page: Page) => Promise<void>) {
  const browser = await chromium.connectOverCDP(cdp);
  try {
    const page = await browser.contexts()[0]?.newPage();
    if (!page) throw new Error("the browser has no default context");
    await page.goto(url);
    await check(page);
    await page.close();
  } finally {
    await browser.close();
  }
}

/** The run with the median performance score (accessibility and best practices hardly vary). */
async function medianRun(url: string): Promise<Result> {
  const runs: Result[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Lighthouse's own reset clears the service worker, its caches and the HTTP cache, so every run
    // is a cold load; it keeps cookies and IndexedDB, so the learner stays signed in.
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    runs.push(result.lhr);
  }
  const score = (lhr: Result) => lhr.categories.performance?.score ?? 0;
  return runs.toSorted((a, b) => score(a) - score(b))[Math.floor(runs.length / 2)] as Result;
}

/** What a reader comparing two runs wants next to a score: the metrics, or the audits that failed. */
function detail(lhr: Result, category: (typeof CATEGORIES)[number]): string {
  if (category === "performance") {
    const metric = (id: string) => lhr.audits[id]?.displayValue?.replace(/\s/g, " ") ?? "?";
    return `median of ${RUNS}: FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`;
  }
  const failed = (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => ref.id);
  return failed.length > 0 ? `fails ${failed.join(", ")}` : "";
}

try {
  await server.start();
  await inBrowser(server.url, async (page) => {
    await signInHere(page, LEARNER);
    // Lighthouse's reset would otherwise meet the service worker still precaching.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  });
  const rows: BenchRow[] = [];
  let lhr: Result | undefined;
  for (const { name, path } of PAGES) {
    lhr = await medianRun(`${server.url}${path}`);
    for (const category of CATEGORIES) {
      rows.push({
        layer: "player Lighthouse",
        measure: `${name}: ${lhr.categories[category]?.title ?? category}`,
        value: Math.round((lhr.categories[category]?.score ?? 0) * 100),
        unit: "/100",
        note: detail(lhr, category),
      });
    }
  }
  if (lhr) {
    // Lighthouse's own measure of this machine's speed, to tell a slower machine from a slower page;
    // the browser's version comes from CDP because the user agent gives only the major version.
    const { Browser: browser } = (await (await fetch(`${cdp}/json/version`)).json()) as { Browser: string };
    rows.push({
      layer: "player Lighthouse",
      measure: "CPU benchmark index",
      value: lhr.environment.benchmarkIndex,
      unit: "",
      note: `Lighthouse ${lhr.lighthouseVersion}, ${browser}, ${lhr.configSettings.formFactor}`,
    });
  }
  // Had a reset signed the learner out, the scores would be the sign-in page's.
  await inBrowser(`${server.url}${LESSON}`, async (page) => {
    await expect(page.getByRole("button", { name: "Hoàn thành bài học" })).toBeVisible();
  });
  recordBench("lighthouse", rows);
} finally {
  chrome.kill();
  await server.dispose();
}
