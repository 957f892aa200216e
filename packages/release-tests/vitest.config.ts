import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Fails the run when its tests leave anything in the temp folder (the run gets one of its own).
    globalSetup: ["../../scripts/vitest/temp-folder-guard.mjs"],
    // The release rehearsal (a clone, a registry, a build, npm installs) sets its own, longer
    // limit; git, npm and Node child processes elsewhere take seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
