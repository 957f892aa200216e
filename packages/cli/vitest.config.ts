import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Fails the run when its tests leave anything in the temp folder (the run gets one of its own).
    globalSetup: ["../../scripts/vitest/temp-folder-guard.mjs"],
    // Most tests run the built CLI as a child process: on a busy machine (CI shares it) one can
    // take far longer than the 5 s default without anything being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
