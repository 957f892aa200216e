import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Some tests talk to real servers on 127.0.0.1 or spawn processes: a busy machine needs more
    // than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
