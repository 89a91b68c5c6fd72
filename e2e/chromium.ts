import { existsSync } from "node:fs";

/** Debian's Chromium when present (CI installs it), else CHROMIUM_PATH; undefined: Playwright's own. */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** Nothing in the background, nothing fetched from anywhere but the server under test. */
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
