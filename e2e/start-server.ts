import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// A fresh demo database for every run, so tests never depend on what an earlier run left behind.
const dataDir = mkdtempSync(join(tmpdir(), "bvte-e2e-"));
const main = fileURLToPath(new URL("../apps/server/src/main.ts", import.meta.url));
const server = spawn(process.execPath, ["--import", "tsx", main, "--demo"], {
  stdio: "inherit",
  env: { ...process.env, DATA_DIR: dataDir },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
