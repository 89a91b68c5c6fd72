import { defineConfig } from "vitest/config";

// Some tests run the CLI as a child process; leave room for a busy 2-core CI machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
