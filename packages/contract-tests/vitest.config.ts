import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // The CLI tests start Node child processes; a slow CI machine needs more than the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
