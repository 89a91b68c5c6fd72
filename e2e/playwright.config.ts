import { defineConfig } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "./chromium.ts";
import { freePort } from "./free-port.ts";

// Chosen once by the runner; its workers inherit the environment and so agree on it.
process.env.E2E_PORT ??= String(await freePort());
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
  },
  webServer: {
    // The real server in demo mode on a fresh database, serving the built player and console.
    command: "node --import tsx ./start-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { PORT: String(PORT), LOG_LEVEL: "warn" },
  },
});
