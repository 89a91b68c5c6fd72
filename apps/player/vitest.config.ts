import { defineConfig } from "vitest/config";

// One test builds the whole player; leave room for a busy 2-core CI machine.
export default defineConfig({ test: { environment: "node", testTimeout: 120_000, hookTimeout: 240_000 } });
