import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Fails the run when its tests leave anything in the temp folder (the run gets one of its own).
    globalSetup: ["./vitest/temp-folder-guard.mjs"],
    // spec:update and spec:diff run as Node child processes, with the spec lint and the generators.
    testTimeout: 60_000,
  },
});
