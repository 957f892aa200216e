import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Fails the run when its tests leave anything in the temp folder (the run gets one of its own).
    globalSetup: ["../../scripts/vitest/temp-folder-guard.mjs"],
    // The files share one module graph (the client, Prism, fast-check load once, not once per file):
    // a few seconds less per run. They keep no state in shared modules; each starts and stops its own servers.
    isolate: false,
    // The CLI tests start Node child processes; a slow CI machine needs more than the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
