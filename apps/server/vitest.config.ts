import { defineConfig } from "vitest/config";

// Each test starts a real server on a real database (PGlite or PostgreSQL); give them room on a busy machine.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
