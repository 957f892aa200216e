import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Fails the run when its tests leave anything in the temp folder (the run gets one of its own).
    globalSetup: ["../../scripts/vitest/temp-folder-guard.mjs"],
    // Some tests talk to real servers on 127.0.0.1 or spawn processes: a busy machine needs more
    // than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
