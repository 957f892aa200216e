// `pnpm contract:live` only (src/live.ts starts it, with a key): the checks against the real API.
// The normal test run (vitest.config.ts) never includes live/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["live/**/*.live.test.ts"],
    // One file, in order: the real API is not hammered in parallel.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
